/**
 * View-model pieces for the licence reassignment (docs/ARCHITECTURE.md §1, stage 9), shared by the reassigning, blocked and
 * done cards: how many users moved, and the users who need a person — one row each, the first few only, so
 * a card for 10,000 users still fits in Teams (the reassignment report, `report <customer>`, lists them all).
 */
import { REASSIGNMENT_OUTCOME_LABELS, needsAttention, type ReassignmentFix, type UserReassignment } from '../move/reassignment';
import type { MoveState } from '../move/state';
import { LIMITS, count, deepFreeze, oneLine, plainText } from './common';
import { customerDomain } from './moveView';
import { productNameWithPart } from './productNames';

/** Users listed on a card before "and N more". */
export const ATTENTION_ROWS = 15;

export interface AttentionView {
  hasRows: boolean;
  rows: Array<{ text: string }>;
  hasMore: boolean;
  more: string;
}

/** What a person can do for a user the bot could not move. */
const FIX_TEXT: { readonly [F in ReassignmentFix]: string } = {
  retry: 'Try again.',
  'set-usage-location': 'Set the user\'s usage location in Microsoft Entra, then try again.',
  'check-order-quantity': 'The new subscription has no free licence: check the order\'s quantity in Partner Center.',
  'remove-conflicting-licence': 'The user holds a licence whose plans conflict with the new one: remove the conflicting licence, then try again.',
  'change-group-licences': 'The licence comes from a group: change the group\'s licences in Microsoft Entra.',
  'check-licences-in-entra': 'Check the user\'s licences in Microsoft Entra, then try again.',
};

/** "What happened. What to do." for one user's result (results recorded before fixes were typed carry both in `detail`). */
export function userResultText(result: UserReassignment): string {
  return result.fix ? `${result.detail} ${FIX_TEXT[result.fix] ?? ''}`.trim() : result.detail;
}

/** This pass's users who still hold the old licence: "UPN — outcome — what to do". */
export function attentionView(state: MoveState): AttentionView {
  const users = Object.values(state.reassignment.results).filter(needsAttention)
    .sort((a, b) => a.userPrincipalName.localeCompare(b.userPrincipalName));
  const hidden = Math.max(0, users.length - ATTENTION_ROWS);
  return {
    hasRows: users.length > 0,
    rows: users.slice(0, ATTENTION_ROWS).map((u) => ({
      text: `${oneLine(u.userPrincipalName, LIMITS.name) || oneLine(u.userId, LIMITS.id)} — ${REASSIGNMENT_OUTCOME_LABELS[u.outcome] ?? oneLine(u.outcome, 40)} — ${oneLine(userResultText(u), LIMITS.reason)}`,
    })),
    hasMore: hidden > 0,
    more: `and ${count(hidden, 'more user', 'more users')} — every user is in the report: \`report ${customerDomain(state)}\``,
  };
}

/** Users moved in this pass (of the ones it has looked at so far). */
export function movedThisPass(state: MoveState): number {
  return Object.values(state.reassignment.results).filter((r) => !needsAttention(r)).length;
}

/** "35 users moved in this pass (pass 2), 120 in total; 3 need attention." */
export function progressText(state: MoveState): string {
  const { pass, movedTotal } = state.reassignment;
  const attention = Object.values(state.reassignment.results).filter(needsAttention).length;
  const passText = pass > 1 ? ` (pass ${pass}, after a retry)` : '';
  return `${count(movedThisPass(state), 'user', 'users')} moved in this pass${passText}, ${movedTotal} in total; `
    + `${count(attention, 'user needs', 'users need')} attention.`;
}

/** The lines whose users move: "SPE_E3 → Microsoft 365 E3 (no Teams) + Microsoft Teams Enterprise (40 assigned)". */
export function reassignedLines(state: MoveState): Array<{ text: string }> {
  return (state.plan?.lines ?? []).filter((l) => l.needsReassignment).slice(0, LIMITS.listRows).map((l) => ({
    text: `${productNameWithPart(state, l.source)} → ${l.offers.map((o) => oneLine(o.title, LIMITS.title)).join(' + ')} (${l.source.consumedUnits} assigned)`,
  }));
}

/** The attention list; expects an AttentionView as `attention` in the view model. Spread into a body or items. */
export const ATTENTION_TEMPLATE: readonly object[] = deepFreeze([
  plainText('${text}', { $data: '${attention.rows}', spacing: 'Small' }),
  // Our own wording and a char-filtered domain only: safe as markdown (the backticks show the command).
  { type: 'TextBlock', $when: '${attention.hasMore}', text: '${attention.more}', isSubtle: true, wrap: true, spacing: 'Small' },
]);
