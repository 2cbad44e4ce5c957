/**
 * The decider's refusals in words: what was refused and why, then what the reader can do. The domain gives the
 * kind and the facts (move/refusals.ts); every edge — a chat command, a card click — words them here.
 */
import type { ApprovalNarrowing, GuardedAction, MoveChange, Refusal, RefusalReason } from '../move/refusals';
import type { BillingCycle, Role, TermDuration } from '../move/model';
import { STAGE_LABELS, assertNever } from '../move/state';
import { describeActorRoles, describeRoles } from './roleText';
import { fill } from './messages';
import { namesText } from './moveView';
import { formatDateTime } from './common';

/** What each guarded action is, after "can": "Only an Account admin can {override a blocker}". */
const ACTIONS: { readonly [A in GuardedAction]: string } = {
  'start-move': 'start a move',
  'cancel-move': 'cancel it',
  'override-block': 'override a blocker',
  'retry-reassignment': 'run the reassignment again',
  'type-inventory': 'type in an inventory',
  'pick-offers': 'pick offers for a licence with no equivalent (users may lose service plans)',
  'approve-plan': 'approve this plan',
  'adjust-plan': 'change this plan',
  'reject-plan': 'reject this plan',
  'email-invitation': 'email the invitation',
  'complete-follow-up': 'tick this follow-up done',
};

const WHILE_BLOCKED: { readonly [A in 'retry-reassignment' | 'pick-offers']: string } = {
  'retry-reassignment': 'Another reassignment pass can be asked for',
  'pick-offers': 'Offers can be picked',
};

/** Why only an Account admin may approve: "offers were picked by hand for SPE_E3". */
export function narrowingText(narrowing: ApprovalNarrowing): string {
  switch (narrowing.kind) {
    case 'offers-picked': return `offers were picked by hand for ${narrowing.skus.join(', ')}`;
    case 'many-seats': return `it buys ${narrowing.seats} licences, more than ${narrowing.limit}`;
    default: return assertNever(narrowing);
  }
}

/** "Only an Account admin or a Billing agent can approve this plan. Your roles: Sales agent." */
export function whoCanText(action: GuardedAction, who: { roles: readonly Role[]; startedBy?: string | null; narrowedBecause?: readonly ApprovalNarrowing[] }): string {
  const people = who.startedBy !== undefined
    ? `the person who started this move (${who.startedBy ?? 'unknown'}), ${describeRoles(who.roles)}`
    : describeRoles(who.roles);
  const why = who.narrowedBecause && who.narrowedBecause.length > 0 ? ` (${who.narrowedBecause.map(narrowingText).join('; ')})` : '';
  return `Only ${people} can ${ACTIONS[action]}${why}.`;
}

/**
 * The refusal in words. `askable`: the people who can do it instead (by name, from the partner's directory), for
 * refusals about who may act: "… Ask Adele Vance or Alex Wilber."
 */
export function refusalText(refusal: Refusal, askable: readonly string[] = []): string {
  const text = reasonText(refusal.reason);
  return askable.length > 0 && rolesThatCan(refusal) ? `${text} ${fill(ASK, { people: namesText(askable) })}` : text;
}

const ASK = 'Ask {people}.';

/** The roles that could do what was refused, for refusals about who may act; null for the others. */
export function rolesThatCan(refusal: Refusal): readonly Role[] | null {
  const reason = refusal.reason;
  return reason.kind === 'role-required' || reason.kind === 'four-eyes' ? reason.roles : null;
}

function stage(s: keyof typeof STAGE_LABELS): string {
  return `"${STAGE_LABELS[s]}"`;
}

function reasonText(reason: RefusalReason): string {
  switch (reason.kind) {
    case 'role-required': return `${whoCanText(reason.action, reason)} ${describeActorRoles({ roles: reason.actorRoles })}.`;
    case 'four-eyes': return `You proposed this plan, so ${describeRoles(reason.roles)} other than you must approve it.`;
    case 'move-missing': return 'This move does not exist. Start one with `move <customer domain>`.';
    case 'move-already-started': return 'This move has already started.';
    case 'move-ended': return `This move is already ${STAGE_LABELS[reason.stage].toLowerCase()}${endedDetail(reason)}.`;
    case 'card-outdated': return `${changeText(reason.change)}; nothing was done.`;
    case 'wrong-stage': return `The move is at ${stage(reason.stage)}, not ${stage(reason.expected)}.`;
    case 'not-blocked-for': return `${WHILE_BLOCKED[reason.action]} only when the move is blocked for it; the move is at ${stage(reason.stage)}.`;
    case 'not-a-customer-id': return `"${reason.input}" is not a domain (like contoso.onmicrosoft.com) or a tenant id.`;
    case 'country-missing': return 'Give the customer tenant\'s country as a two-letter ISO code, like US or CA.';
    case 'source-missing': return 'Say where the subscriptions come from: Microsoft direct, another CSP partner, another program, or unknown.';
    case 'already-moving': return `${reason.domain} already has a move under way (${reason.moveId}). Say \`status ${reason.domain}\` to see it, or cancel it first.`;
    case 'too-late-to-cancel':
      return 'The plan is approved and the order is being placed, so the move can no longer be cancelled here. '
        + 'Within 7 days of purchase the new subscriptions can be cancelled in Partner Center.';
    case 'nothing-to-override': return 'There is no blocker to override: the move is not blocked.';
    case 'block-not-overridable': return 'This blocker cannot be overridden: it is a rule (or a fact), not a judgement. Resolve its cause and start a new move.';
    case 'reason-too-short':
      if (reason.purpose === 'cancel') return 'Say why the move is cancelled: the reason goes on the record and on the cancelled card. Nothing was cancelled.';
      return reason.purpose === 'override'
        ? 'Give the reason for the override (at least a sentence); it goes on the record.'
        : 'Say why these offers are right (at least a sentence); it goes on the record and on the plan card.';
    case 'reason-too-long': return `Keep the reason to ${reason.max} characters (it has ${reason.length}). Nothing was changed.`;
    case 'no-request-to-withdraw': return 'The move has no such request to withdraw.';
    case 'cart-already-recorded': return `A cart (${reason.cartId}) is already recorded for this move.`;
    case 'no-cart': return 'No cart is recorded for this move, so no order can be.';
    case 'no-order': return 'No order is recorded for this move yet.';
    case 'inventory-not-awaited': return 'The inventory can be typed in only while the move waits for it (the bot could not read the customer\'s tenant).';
    case 'inventory-lines-invalid': return `Nothing was recorded. Fix these lines and send again:\n${reason.problems.map((p) => `- ${p}`).join('\n')}`;
    case 'inventory-empty': return 'Type at least one licence line.';
    case 'no-offer-choice-open': return 'That licence has no open "no equivalent" blocker in the current plan. Refresh the card.';
    case 'offer-count': return `Pick one to ${reason.max} offers for ${reason.sku}.`;
    case 'offer-not-listed': return `Pick from the offers the card lists for ${reason.sku}: ${reason.candidates.join(', ') || 'none are sold'}.`;
    case 'already-approved': return `The plan was already approved by ${reason.by} at ${reason.at}.`;
    case 'no-plan-waiting': return `There is no plan waiting for approval; the move is at ${stage(reason.stage)}.`;
    case 'plan-changed':
      return reason.by && reason.at
        ? `The plan was redrawn since this card was drawn (proposed by ${reason.by}, ${formatDateTime(reason.at)}); nothing was done. Decide on the current plan.`
        : 'This card shows an older plan. Refresh the card and decide on the current plan.';
    case 'plan-unchanged': return 'Nothing was changed: the plan already buys what the card says. Change a term, a quantity or a date first.';
    case 'line-not-in-plan': return `${reason.sku} is not a line of the current plan. Refresh the card.`;
    case 'term-not-sold': return `${reason.sku} is not sold as ${termWords(reason.termDuration, reason.billingCycle)}. Pick a term the card lists.`;
    case 'quantity-below-assigned':
      return `${reason.sku}: ${reason.quantity} is fewer than the ${reason.assigned} licences assigned today, and users would lose theirs. Buy at least ${reason.assigned}.`;
    case 'quantity-too-large': return `${reason.sku}: ${reason.quantity} licences is more than the ${reason.max} one purchase can buy.`;
    case 'quantity-not-whole': return `${reason.sku}: ${reason.quantity} is not a whole number of licences.`;
    case 'buy-date-past': return `${reason.sku}: ${reason.buyOn} has passed (today is ${reason.today}). Pick a later day, or leave the date empty to buy at approval.`;
    case 'buy-date-after-end':
      return `${reason.sku}: ${reason.buyOn} is after the original ends (${reason.endsOn}); users would be left without a licence. Pick a day on or before ${reason.endsOn}.`;
    case 'no-email-waiting': return 'No invitation email is waiting to be sent.';
    case 'email-attempt-reused': return `The attempt id ${reason.attemptId} was used for another email.`;
    case 'email-attempt-unknown': return `No invitation email attempt ${reason.attemptId} is on record.`;
    case 'invitation-not-awaited': return `The invitation can be emailed only while the move waits for the customer to accept; the move is at ${stage(reason.stage)}.`;
    case 'no-invitation-link': return 'This move has no invitation link to email.';
    case 'email-in-flight':
      return `The invitation email to ${reason.to.join(', ')} (asked for by ${reason.by}) is still being sent. `
        + 'Wait for its outcome on the card (select Refresh) before sending another.';
    case 'email-no-address':
      return `Type the customer admin's email address (up to ${reason.max}, separated by commas), then select "Email the invitation". Nothing was sent.`;
    case 'email-too-many-addresses': return `Give at most ${reason.max} addresses; you gave ${reason.given}. Nothing was sent.`;
    case 'email-not-an-address': return `${notAddressesText(reason.addresses)} Nothing was sent.`;
    case 'email-subject-drawn-wrong':
      return `The invitation email needs a subject of 1 to ${reason.max} characters on one line (the bot drew ${reason.length}): report this to whoever runs the bot. Nothing was sent.`;
    case 'email-body-drawn-wrong':
      return `The invitation email's text must be 1 to ${reason.max} characters (the bot drew ${reason.length}): report this to whoever runs the bot. Nothing was sent.`;
    case 'follow-up-unknown': return `This move has no follow-up "${reason.taskId}". Refresh the card; nothing was recorded.`;
    case 'follow-up-closed':
      return reason.status === 'done'
        ? `This follow-up was already ticked done${reason.by ? ` by ${reason.by}` : ''}${reason.at ? `, ${formatDateTime(reason.at)}` : ''}; nothing more was recorded.`
        : 'This follow-up needs nothing more: the bot saw the original subscriptions end. Nothing was recorded.';
    default: return assertNever(reason);
  }
}

const TERM_WORDS: { readonly [T in TermDuration]: string } = { P1M: '1 month', P1Y: '1 year', P3Y: '3 years' };
const BILLING_WORDS: { readonly [B in BillingCycle]: string } = { monthly: 'billed monthly', annual: 'billed annually', triennial: 'billed every 3 years' };

function termWords(term: TermDuration, billing: BillingCycle): string {
  return `${TERM_WORDS[term] ?? term}, ${BILLING_WORDS[billing] ?? billing}`;
}

/** "Adele Vance approved this plan at 24 Nov 2026, 14:02 UTC": what took the move on, who and when. */
export function changeText(change: MoveChange): string {
  switch (change.kind) {
    case 'plan-approved': return `${change.by} approved this plan at ${formatDateTime(change.at)}`;
    case 'plan-rejected': return `${change.by} rejected this plan at ${formatDateTime(change.at)}`;
    case 'cancelled': return `${change.by} cancelled this move at ${formatDateTime(change.at)}`;
    case 'timed-out': return `The invitation expired unanswered at ${formatDateTime(change.at)}`;
    case 'blocked': return `The move was blocked at ${formatDateTime(change.at)}${change.message ? ` (${change.message})` : ''}`;
    case 'stage': return `The move went on to ${stage(change.stage)}${change.at ? ` at ${formatDateTime(change.at)}` : ''} since this card was drawn`;
    default: return assertNever(change);
  }
}

function endedDetail(reason: RefusalReason & { kind: 'move-ended' }): string {
  const when = reason.at ? `, ${formatDateTime(reason.at)}` : '';
  if (reason.stage === 'rejected' && reason.by) return ` (rejected by ${reason.by}${when})`;
  if (reason.stage === 'cancelled' && reason.by) return ` (cancelled by ${reason.by}${when})`;
  if (reason.stage === 'blocked' && reason.blockMessage) return `: ${reason.blockMessage}`;
  return '';
}

function notAddressesText(addresses: readonly string[]): string {
  const named = addresses.slice(0, 3).map((a) => `"${a}"`).join(', ') + (addresses.length > 3 ? ` and ${addresses.length - 3} more` : '');
  return addresses.length === 1
    ? `${named} is not an email address (like admin@contoso.com). Correct it and select "Email the invitation" again.`
    : `${named} are not email addresses (like admin@contoso.com). Correct them and select "Email the invitation" again.`;
}
