/** The plan: proposing it to the approvers, and the offers an Account admin picks for a licence it found no equivalent for. */
import type { ChooseOffer, ProposePlan } from '../commands';
import { accept, blocked, clip, expectBlocked, expectStage, MAX_COMMENT_LENGTH, refuse, type Decision } from '../decision';
import type { MoveEvent } from '../events';
import { hasAnyRole } from '../policy';
import type { MoveState } from '../state';
import type { DecisionContext } from './handler';

const MAX_OFFERS_PICKED = 3;

/** Proposed for the move's starter (for four-eyes); a plan with blockers, or nothing to buy, is recorded and blocks the move. */
export function proposePlan(command: ProposePlan, state: MoveState, { envelope }: DecisionContext): Decision {
  const wrong = expectStage(state, 'plan');
  if (wrong) return wrong;
  const proposed: MoveEvent = { type: 'PlanProposed', ...envelope, plan: command.plan, proposer: state.startedBy ?? command.actor };
  if (command.plan.blockers.length > 0) {
    const skus = command.plan.blockers.map((b) => b.skuPartNumber);
    const pick = command.plan.blockers.some((b) => b.kind === 'no-equivalent') ? ' An Account admin may pick offers for a licence with no equivalent on the card.' : '';
    return accept(proposed, blocked(envelope, { code: 'plan-has-no-offer', skus },
      `The plan cannot go to approval: ${command.plan.blockers.map((b) => `${b.skuPartNumber}: ${b.reason}`).join(' ')}${pick}`));
  }
  if (command.plan.lines.length === 0) {
    return accept(proposed, blocked(envelope, { code: 'nothing-to-move' },
      'There is nothing to buy: the customer holds only free, trial or excluded licences.'));
  }
  return accept(proposed);
}

/**
 * Only an Account admin (users may lose service plans), only for an open "no equivalent" blocker, only offers the
 * card listed, with a reason on record; the move goes back to drafting the plan.
 */
export function chooseOffer(command: ChooseOffer, state: MoveState, { envelope }: DecisionContext): Decision {
  const wrong = expectBlocked(state, 'plan-has-no-offer', 'pick-offers');
  if (wrong) return wrong;
  if (!hasAnyRole(command.actor, ['account-admin'])) {
    return refuse({ kind: 'role-required', action: 'pick-offers', roles: ['account-admin'], actorRoles: command.actor.roles });
  }
  const blocker = state.plan?.blockers.find((b) => b.skuId.toLowerCase() === command.sourceSkuId.toLowerCase());
  if (!blocker || blocker.kind !== 'no-equivalent') {
    return refuse({ kind: 'no-offer-choice-open' });
  }
  const ids = [...new Set(command.offerIds.map((id) => id.trim().toUpperCase()).filter(Boolean))];
  if (ids.length === 0 || ids.length > MAX_OFFERS_PICKED) {
    return refuse({ kind: 'offer-count', sku: blocker.skuPartNumber, max: MAX_OFFERS_PICKED });
  }
  const offers = ids.map((id) => blocker.candidates.find((c) => `${c.productId}:${c.skuId}`.toUpperCase() === id));
  if (offers.some((o) => !o)) {
    return refuse({ kind: 'offer-not-listed', sku: blocker.skuPartNumber, candidates: blocker.candidates.map((c) => c.title) });
  }
  const reason = clip(command.reason.trim(), MAX_COMMENT_LENGTH);
  if (reason.length < 10) return refuse({ kind: 'reason-too-short', purpose: 'offer-choice' });
  return accept({
    type: 'OfferChosen', ...envelope, sourceSkuId: blocker.skuId, skuPartNumber: blocker.skuPartNumber,
    offers: offers as NonNullable<(typeof offers)[number]>[], reason,
  });
}
