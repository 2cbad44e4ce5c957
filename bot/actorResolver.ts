import type { TurnContext } from 'botbuilder';
import type { Actor, Role } from '../move/model';
import { formatList, t, type MessageKey } from '../cards/i18n/catalog';
import { DEFAULT_LOCALE, type Locale } from '../cards/i18n/locales';
import { ROLES_THAT_START } from '../move/policy';
import type { Logger, PartnerDirectory } from '../move/ports';
import { canonicalGuid } from './guid';
import { viewerLocale } from './viewerLocale';

export type ActorResult = { ok: true; actor: Actor } | { ok: false; message: string };

/** What a request may do once its sender is known: anything a partner user may (help), or what staff may. */
export type Access = 'partner-user' | 'staff';

/** The refusals of who is asking, by reason; each a key of the catalog (cards/i18n/en/replies.ts). */
const REFUSAL_KEYS = {
  noTenant: 'replies.refusal.noTenant',
  tenantsDisagree: 'replies.refusal.tenantsDisagree',
  foreignTenant: 'replies.refusal.foreignTenant',
  noIdentity: 'replies.refusal.noIdentity',
  badIdentity: 'replies.refusal.badIdentity',
  directoryDown: 'replies.refusal.directoryDown',
} as const satisfies Record<string, MessageKey>;

export type RefusalReason = keyof typeof REFUSAL_KEYS;

/** A refusal of who is asking in `locale`. */
export function refusalText(reason: RefusalReason, locale: Locale = DEFAULT_LOCALE): string {
  return t(locale, REFUSAL_KEYS[reason]);
}

/** The refusals in English. */
export const REFUSALS: Readonly<Record<RefusalReason, string>> = Object.freeze(Object.fromEntries(
  (Object.keys(REFUSAL_KEYS) as RefusalReason[]).map((reason) => [reason, refusalText(reason, 'en')]),
) as Record<RefusalReason, string>);

/** The title of the notice that refuses someone without a Partner Center role, in `locale`. */
export function noRoleTitle(locale: Locale = DEFAULT_LOCALE): string {
  return t(locale, 'replies.noRole.title');
}

/** The title of the notice that refuses someone without a Partner Center role (English). */
export const NO_ROLE_TITLE = noRoleTitle('en');

/** The title of a refusal notice that names no title of its own, in `locale`. */
export function nothingDoneTitle(locale: Locale = DEFAULT_LOCALE): string {
  return t(locale, 'replies.nothingDone');
}

/**
 * The refusal for someone of the partner's organisation without a Partner Center role: why, who can, how to get a role.
 * `whoCan` (a handler's own sentence) is inserted as given.
 */
export function noRoleRefusal(approverRoles: readonly Role[], whoCan?: string, locale: Locale = DEFAULT_LOCALE): string {
  const roles = (list: readonly Role[]) => formatList(locale, list.map((role) => t(locale, `common.roleInSentence.${role}`)), 'or');
  const who = whoCan ?? t(locale, 'replies.noRole.whoCan', { starters: roles(ROLES_THAT_START), approvers: roles(approverRoles) });
  return t(locale, 'replies.noRole.message', { whoCan: who });
}

/**
 * The one place that says who is asking. The tenant must be the partner's, and when Teams names it twice
 * (conversation.tenantId and channelData.tenant.id) both must agree; the user is the Entra object id Teams
 * gives, accepted only as a GUID and compared in canonical form (a UPN where an object id belongs is refused:
 * the directory would accept it, and a second spelling of one person would sidestep four-eyes). Roles come
 * from the partner directory, never from anything the client sends in card data.
 */
export class ActorResolver {
  private readonly partnerTenantId: string;

  constructor(
    private readonly directory: PartnerDirectory,
    partnerTenantId: string,
    private readonly log: Logger,
    /** Who approves plans (the approval policy), for the refusal of people without a role. */
    private readonly approverRoles: readonly Role[],
    /** The language of a refusal to someone whose Teams language the bot does not speak (DEFAULT_LOCALE). */
    private readonly defaultLocale: Locale = DEFAULT_LOCALE,
  ) {
    this.partnerTenantId = canonicalGuid(partnerTenantId) ?? partnerTenantId.toLowerCase();
  }

  /** Whether the request comes from the partner's own tenant (named at least once, and the same wherever named). */
  fromPartnerTenant(context: TurnContext): boolean {
    return this.tenantRefusal(context) === null;
  }

  /** The asker's language (bot/viewerLocale.ts), for a reply to them: the partner's DEFAULT_LOCALE when Teams names none we speak. */
  localeOf(context: Pick<TurnContext, 'activity'>): Locale {
    return viewerLocale(context, this.defaultLocale).locale;
  }

  async resolve(context: TurnContext, access: Access = 'staff'): Promise<ActorResult> {
    const activity = context.activity;
    const locale = this.localeOf(context);
    const refuse = (reason: RefusalReason): ActorResult => ({ ok: false, message: refusalText(reason, locale) });
    const tenantRefusal = this.tenantRefusal(context);
    if (tenantRefusal) return refuse(tenantRefusal);

    const given = activity.from?.aadObjectId;
    if (typeof given !== 'string' || given.trim() === '') return refuse('noIdentity');
    const objectId = canonicalGuid(given);
    if (!objectId) return refuse('badIdentity');
    let roles: Role[];
    try {
      roles = await this.directory.rolesOf(objectId);
    } catch (error) {
      this.log.warn({ userId: objectId, err: error instanceof Error ? error.message : String(error) }, 'role lookup failed');
      return refuse('directoryDown');
    }
    if (access === 'staff' && roles.length === 0) return { ok: false, message: noRoleRefusal(this.approverRoles, undefined, locale) };
    const name = typeof activity.from.name === 'string' && activity.from.name.trim() !== '' ? activity.from.name.slice(0, 80) : 'Unknown user';
    return { ok: true, actor: { id: objectId, name, roles } };
  }

  private tenantRefusal(context: TurnContext): RefusalReason | null {
    const activity = context.activity;
    const named = [activity.conversation?.tenantId, (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id]
      .filter((value): value is string => typeof value === 'string' && value.trim() !== '');
    if (named.length === 0) return 'noTenant';
    const tenants = new Set(named.map((value) => canonicalGuid(value) ?? `not-a-guid:${value}`));
    if (tenants.size > 1) return 'tenantsDisagree';
    return [...tenants][0] === this.partnerTenantId ? null : 'foreignTenant';
  }
}
