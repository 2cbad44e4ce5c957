/**
 * Cancelling a move: who may and when, what it does and does not do at the move's stage (what the confirmation
 * shows), and afterwards which request the customer had not answered is withdrawn. Pure rules over the state.
 */
import type { Actor } from './model';
import { hasAnyRole, ROLES_THAT_CANCEL_ANY } from './policy';
import type { RefusalReason } from './refusals';
import type { Purchase } from './schedule';
import type { MoveState } from './state';

/** Retryable failures to withdraw the GDAP request before the bot stops trying and asks a person. */
export const MAX_WITHDRAWAL_ATTEMPTS = 5;

/**
 * Why this person may not cancel the move now, or null. The starter, an Account admin or an Admin agent; not while an
 * order is being placed or users moved (Partner Center cancels a purchase). While a later purchase waits for its
 * date, cancelling stops it (what was bought stays bought).
 */
export function cancelRefusal(actor: Actor, state: MoveState): RefusalReason | null {
  const isStarter = state.startedBy?.id === actor.id;
  if (!isStarter && !hasAnyRole(actor, ROLES_THAT_CANCEL_ANY)) {
    return { kind: 'role-required', action: 'cancel-move', roles: [...ROLES_THAT_CANCEL_ANY], actorRoles: actor.roles, startedBy: state.startedBy?.name ?? null };
  }
  const buyingOrMoving = state.stage === 'provisioning' || state.stage === 'reassigning-licenses' || state.stage === 'source-advice';
  if (state.stage !== 'scheduled' && (buyingOrMoving || state.provisionedAt)) return { kind: 'too-late-to-cancel' };
  return null;
}

/**
 * What cancelling means now, as a key the confirmation carries: the stage and how many purchases were made. When it
 * differs at the confirming click, the move moved on after the person read what cancelling would do.
 */
export function cancelTermsKey(state: MoveState): string {
  return `${state.stage}/${state.bought}/${state.orderIds.length}`;
}

/** What cancelling at this point does and does not do: the facts the confirmation words. */
export interface CancelConsequences {
  /** Orders already placed: they stay (a purchase is undone in Partner Center, within its cancellation window). */
  ordersPlaced: number;
  /** Purchases of the approved plan still waiting for their buy date: they are not made. */
  purchasesNotMade: Purchase[];
  /** A GDAP request the customer has not approved: the bot withdraws it. */
  gdapWithdrawn: boolean;
  /** Delegated admin the customer already approved: it stays. */
  gdapStays: boolean;
  /** A reseller invitation link out with the customer: it cannot be revoked (one generic link for every customer). */
  resellerLinkOut: boolean;
}

export function cancelConsequences(state: MoveState): CancelConsequences {
  const gdapId = state.invitation?.gdapRelationshipId ?? null;
  return {
    ordersPlaced: state.orderIds.length,
    purchasesNotMade: state.approval ? state.schedule.slice(state.bought) : [],
    gdapWithdrawn: gdapId !== null && state.delegatedAccess === null,
    gdapStays: state.delegatedAccess !== null,
    resellerLinkOut: Boolean(state.invitation?.resellerLink) && state.acceptedAt === null,
  };
}

/** The GDAP relationship a cancelled move still has to withdraw (none yet tried, or the last try failed), or null. */
export function requestToWithdraw(state: MoveState): string | null {
  if (state.stage !== 'cancelled') return null;
  const relationshipId = state.invitation?.gdapRelationshipId;
  if (!relationshipId || state.delegatedAccess) return null;
  const tried = state.withdrawal;
  if (tried && tried.relationshipId === relationshipId && tried.outcome !== 'failed') return null;
  return relationshipId;
}

/** Whether the withdrawal is due now: never tried, or the back-off after the last failure has passed. */
export function withdrawalDue(state: MoveState, now: number, retryDelayMs: (attempts: number) => number): boolean {
  if (!requestToWithdraw(state)) return false;
  const tried = state.withdrawal;
  return !tried || now >= Date.parse(tried.at) + retryDelayMs(tried.attempts);
}
