/** Roles in words: who can do something, and what roles the reader has — in the reader's language. */
import type { Role } from '../move/model';
import { formatList, t } from './i18n/catalog';
import { DEFAULT_LOCALE, type Locale } from './i18n/locales';

/** "an Account admin, an Admin agent or a Sales agent" / "계정 관리자, 관리 에이전트 또는 영업 에이전트" */
export function describeRoles(roles: readonly Role[], locale: Locale = DEFAULT_LOCALE): string {
  return formatList(locale, roles.map((role) => t(locale, `common.roleInSentence.${role}`)), 'or');
}

/** "Your roles: Sales agent" (or that there is none). */
export function describeActorRoles(actor: { roles: readonly Role[] }, locale: Locale = DEFAULT_LOCALE): string {
  if (actor.roles.length === 0) return t(locale, 'roles.noRole');
  return t(locale, 'roles.yourRoles', { roles: actor.roles.map((role) => t(locale, `common.role.${role}`)).join(', ') });
}
