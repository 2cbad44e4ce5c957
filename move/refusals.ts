/**
 * Why the decider refused a command: a kind with the facts that explain it, never words. The cards word them
 * (cards/refusalText.ts), so every edge — a chat command, a card click, a step's own record — says the same, in the
 * reader's language once there is more than one.
 */
import type { BillingCycle, Role, TermDuration } from './model';
import type { Stage } from './stages';

/** The broad class of a refusal: what an edge does about it (e.g. a stale card is simply redrawn). */
export type RefusalCode =
  | 'not-allowed'
  | 'four-eyes'
  | 'wrong-stage'
  | 'already-moving'
  | 'invalid-input'
  | 'stale-plan'
  /** A side effect of the same kind is still under way (e.g. an invitation email being sent). */
  | 'in-flight';

/** What only some roles may do (the refusal names who can). */
export type GuardedAction =
  | 'start-move'
  | 'cancel-move'
  | 'override-block'
  | 'retry-reassignment'
  | 'type-inventory'
  | 'pick-offers'
  | 'approve-plan'
  | 'adjust-plan'
  | 'reject-plan'
  | 'email-invitation'
  | 'complete-follow-up';

/** Why a plan needs an Account admin rather than any of the policy's approvers. */
export type ApprovalNarrowing =
  | { kind: 'offers-picked'; skus: string[] }
  | { kind: 'many-seats'; seats: number; limit: number };

/**
 * What changed a move since a card was drawn, for the answer to a click that came too late: the decision or the
 * stage that took the move on, with who and when where the move records them.
 */
export type MoveChange =
  | { kind: 'plan-approved'; by: string; at: string }
  | { kind: 'plan-rejected'; by: string; at: string }
  | { kind: 'cancelled'; by: string; at: string }
  | { kind: 'timed-out'; at: string }
  | { kind: 'blocked'; at: string; message: string }
  | { kind: 'stage'; stage: Stage; at: string | null };

export type RefusalReason =
  | {
    kind: 'role-required'; action: GuardedAction; roles: Role[]; actorRoles: Role[];
    /** Cancelling: the person who started the move may too. */
    startedBy?: string | null;
    /** Approving: why the roles are narrower than the policy's approvers. */
    narrowedBecause?: ApprovalNarrowing[];
  }
  | { kind: 'four-eyes'; roles: Role[] }
  | { kind: 'move-missing' }
  | { kind: 'move-already-started' }
  | { kind: 'move-ended'; stage: Stage; by: string | null; blockMessage: string | null; at?: string | null }
  /** The card's button no longer applies: the move changed since the card was drawn (a click that came too late). */
  | { kind: 'card-outdated'; change: MoveChange }
  | { kind: 'wrong-stage'; stage: Stage; expected: Stage }
  | { kind: 'not-blocked-for'; action: 'retry-reassignment' | 'pick-offers'; stage: Stage }
  | { kind: 'not-a-customer-id'; input: string }
  | { kind: 'country-missing' }
  | { kind: 'source-missing' }
  | { kind: 'already-moving'; domain: string; moveId: string }
  | { kind: 'too-late-to-cancel' }
  | { kind: 'nothing-to-override' }
  | { kind: 'block-not-overridable' }
  | { kind: 'reason-too-short'; purpose: 'override' | 'offer-choice' | 'cancel' }
  | { kind: 'reason-too-long'; max: number; length: number }
  /** A withdrawal result for a request the move never sent (the step's own error). */
  | { kind: 'no-request-to-withdraw' }
  | { kind: 'cart-already-recorded'; cartId: string }
  | { kind: 'no-cart' }
  | { kind: 'no-order' }
  | { kind: 'inventory-not-awaited' }
  | { kind: 'inventory-lines-invalid'; problems: string[] }
  | { kind: 'inventory-empty' }
  | { kind: 'no-offer-choice-open' }
  | { kind: 'offer-count'; sku: string; max: number }
  | { kind: 'offer-not-listed'; sku: string; candidates: string[] }
  | { kind: 'already-approved'; by: string; at: string }
  | { kind: 'no-plan-waiting'; stage: Stage }
  /** `by`/`at`: who proposed the plan on record (the person who redrew it, after a change) and when. */
  | { kind: 'plan-changed'; by?: string | null; at?: string | null }
  | { kind: 'plan-unchanged' }
  | { kind: 'line-not-in-plan'; sku: string }
  | { kind: 'term-not-sold'; sku: string; termDuration: TermDuration; billingCycle: BillingCycle }
  | { kind: 'quantity-below-assigned'; sku: string; quantity: number; assigned: number }
  | { kind: 'quantity-too-large'; sku: string; quantity: number; max: number }
  | { kind: 'quantity-not-whole'; sku: string; quantity: number }
  | { kind: 'buy-date-past'; sku: string; buyOn: string; today: string }
  | { kind: 'buy-date-after-end'; sku: string; buyOn: string; endsOn: string }
  | { kind: 'no-email-waiting' }
  | { kind: 'email-attempt-reused'; attemptId: string }
  | { kind: 'email-attempt-unknown'; attemptId: string }
  | { kind: 'invitation-not-awaited'; stage: Stage }
  | { kind: 'no-invitation-link' }
  | { kind: 'email-in-flight'; to: string[]; by: string }
  | { kind: 'email-no-address'; max: number }
  | { kind: 'email-too-many-addresses'; max: number; given: number }
  | { kind: 'email-not-an-address'; addresses: string[] }
  | { kind: 'email-subject-drawn-wrong'; max: number; length: number }
  | { kind: 'email-body-drawn-wrong'; max: number; length: number }
  /** No follow-up of this move has that id (a forged or foreign card). */
  | { kind: 'follow-up-unknown'; taskId: string }
  /** The follow-up is no longer open: ticked (by whom, when), or settled by what the bot saw. */
  | { kind: 'follow-up-closed'; status: 'done' | 'settled'; by: string | null; at: string | null };

export type RefusalKind = RefusalReason['kind'];

export interface Refusal {
  code: RefusalCode;
  reason: RefusalReason;
}

/** The class of each kind of refusal (what an edge does about it). */
const CODE_OF: { readonly [K in RefusalKind]: RefusalCode } = {
  'role-required': 'not-allowed',
  'four-eyes': 'four-eyes',
  'move-missing': 'wrong-stage',
  'move-already-started': 'wrong-stage',
  'move-ended': 'wrong-stage',
  'card-outdated': 'wrong-stage',
  'wrong-stage': 'wrong-stage',
  'not-blocked-for': 'wrong-stage',
  'not-a-customer-id': 'invalid-input',
  'country-missing': 'invalid-input',
  'source-missing': 'invalid-input',
  'already-moving': 'already-moving',
  'too-late-to-cancel': 'wrong-stage',
  'nothing-to-override': 'wrong-stage',
  'block-not-overridable': 'not-allowed',
  'reason-too-short': 'invalid-input',
  'reason-too-long': 'invalid-input',
  'no-request-to-withdraw': 'wrong-stage',
  'cart-already-recorded': 'wrong-stage',
  'no-cart': 'wrong-stage',
  'no-order': 'wrong-stage',
  'inventory-not-awaited': 'wrong-stage',
  'inventory-lines-invalid': 'invalid-input',
  'inventory-empty': 'invalid-input',
  'no-offer-choice-open': 'invalid-input',
  'offer-count': 'invalid-input',
  'offer-not-listed': 'invalid-input',
  'already-approved': 'wrong-stage',
  'no-plan-waiting': 'wrong-stage',
  'plan-changed': 'stale-plan',
  'plan-unchanged': 'invalid-input',
  'line-not-in-plan': 'invalid-input',
  'term-not-sold': 'invalid-input',
  'quantity-below-assigned': 'invalid-input',
  'quantity-too-large': 'invalid-input',
  'quantity-not-whole': 'invalid-input',
  'buy-date-past': 'invalid-input',
  'buy-date-after-end': 'invalid-input',
  'no-email-waiting': 'wrong-stage',
  'email-attempt-reused': 'invalid-input',
  'email-attempt-unknown': 'wrong-stage',
  'invitation-not-awaited': 'wrong-stage',
  'no-invitation-link': 'wrong-stage',
  'email-in-flight': 'in-flight',
  'email-no-address': 'invalid-input',
  'email-too-many-addresses': 'invalid-input',
  'email-not-an-address': 'invalid-input',
  'email-subject-drawn-wrong': 'invalid-input',
  'email-body-drawn-wrong': 'invalid-input',
  'follow-up-unknown': 'invalid-input',
  'follow-up-closed': 'wrong-stage',
};

export function refusal(reason: RefusalReason): Refusal {
  return { code: CODE_OF[reason.kind], reason };
}
