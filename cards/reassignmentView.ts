/**
 * View-model pieces for the licence reassignment (docs/ARCHITECTURE.md §1, stage 9), shared by the reassigning, blocked and
 * done cards: how many users moved, and the users who need a person — one row each, the first few only, so
 * a card for 10,000 users still fits in Teams (the reassignment report, `report <customer>`, lists them all).
 */
import { needsAttention, type UserReassignment } from '../move/reassignment';
import type { MoveState } from '../move/state';
import { LIMITS, deepFreeze, oneLine, plainText } from './common';
import { t, type MessageKey } from './i18n/catalog';
import { DEFAULT_LOCALE, type Locale } from './i18n/locales';
import { customerDomain } from './moveView';
import { productNameWithPart } from './productNames';
import { reassignment as REASSIGNMENT_KEYS } from './i18n/en/reassignment';

/** Users listed on a card before "and N more". */
export const ATTENTION_ROWS = 15;

export interface AttentionView {
  hasRows: boolean;
  rows: Array<{ text: string }>;
  hasMore: boolean;
  more: string;
}

/** "What happened. What to do." for one user's result (results recorded before fixes were typed carry both in `detail`). */
export function userResultText(result: UserReassignment, locale: Locale = DEFAULT_LOCALE): string {
  return result.fix ? `${result.detail} ${fixText(result.fix, locale)}`.trim() : result.detail;
}

/** What a person can do for a user the bot could not move; '' for a fix this version does not know. */
function fixText(fix: string, locale: Locale): string {
  const key = `reassignment.fix.${fix}`;
  return isKey(key) ? t(locale, key) : '';
}

/** A user's outcome in words; null for an outcome this version does not know. */
function outcomeText(outcome: string, locale: Locale): string | null {
  const key = `reassignment.outcome.${outcome}`;
  return isKey(key) ? t(locale, key) : null;
}

/** Whether the catalog has the key (the outcome and fix come from stored events, so they may be ones we do not know). */
function isKey(key: string): key is MessageKey {
  return Object.hasOwn(REASSIGNMENT_KEYS, key);
}

/** This pass's users who still hold the old licence: "UPN — outcome — what to do". */
export function attentionView(state: MoveState, locale: Locale = DEFAULT_LOCALE): AttentionView {
  const users = Object.values(state.reassignment.results).filter(needsAttention)
    .sort((a, b) => a.userPrincipalName.localeCompare(b.userPrincipalName));
  const hidden = Math.max(0, users.length - ATTENTION_ROWS);
  return {
    hasRows: users.length > 0,
    rows: users.slice(0, ATTENTION_ROWS).map((u) => ({
      text: `${oneLine(u.userPrincipalName, LIMITS.name) || oneLine(u.userId, LIMITS.id)} — ${outcomeText(u.outcome, locale) ?? oneLine(u.outcome, 40)} — ${oneLine(userResultText(u, locale), LIMITS.reason)}`,
    })),
    hasMore: hidden > 0,
    more: t(locale, 'reassignment.more', { n: hidden, domain: customerDomain(state) }),
  };
}

/** Users moved in this pass (of the ones it has looked at so far). */
export function movedThisPass(state: MoveState): number {
  return Object.values(state.reassignment.results).filter((r) => !needsAttention(r)).length;
}

/** "35 users moved in this pass (pass 2), 120 in total; 3 need attention." */
export function progressText(state: MoveState, locale: Locale = DEFAULT_LOCALE): string {
  const { pass, movedTotal } = state.reassignment;
  const attention = Object.values(state.reassignment.results).filter(needsAttention).length;
  return t(locale, 'reassignment.progress', { moved: movedThisPass(state), retried: pass > 1 ? 'yes' : 'no', pass, movedTotal, attention });
}

/** The lines whose users move: "SPE_E3 → Microsoft 365 E3 (no Teams) + Microsoft Teams Enterprise (40 assigned)". */
export function reassignedLines(state: MoveState, locale: Locale = DEFAULT_LOCALE): Array<{ text: string }> {
  return (state.plan?.lines ?? []).filter((l) => l.needsReassignment).slice(0, LIMITS.listRows).map((l) => ({
    text: t(locale, 'reassignment.line', {
      product: productNameWithPart(state, l.source),
      offers: l.offers.map((o) => oneLine(o.title, LIMITS.title)).join(' + '),
      assigned: l.source.consumedUnits,
    }),
  }));
}

/** The attention list; expects an AttentionView as `attention` in the view model. Spread into a body or items. */
export const ATTENTION_TEMPLATE: readonly object[] = deepFreeze([
  plainText('${text}', { $data: '${attention.rows}', spacing: 'Small' }),
  // Our own wording and a char-filtered domain only: safe as markdown (the backticks show the command).
  { type: 'TextBlock', $when: '${attention.hasMore}', text: '${attention.more}', isSubtle: true, wrap: true, spacing: 'Small' },
]);
