/** People stepping in at whatever stage the move is: cancelling it, or lifting a blocker that needs a judgement. */
import type { CancelMove, OverrideBlock } from '../commands';
import { accept, clip, MAX_COMMENT_LENGTH, refuse, type Decision } from '../decision';
import type { BlockReason } from '../events';
import { describeActorRoles, describeRoles, hasAnyRole, ROLES_THAT_CANCEL_ANY } from '../policy';
import type { MoveState } from '../state';
import type { DecisionContext } from './handler';

/**
 * Blockers a person may judge: the tenant's coarse region scope (the typed and Partner Center
 * countries are facts and rules, never overridable), and a lost access that has been restored.
 */
export function isOverridable(reason: BlockReason): boolean {
  return (reason.code === 'region-mismatch' && reason.detectedBy === 'tenant-metadata') || reason.code === 'no-customer-access'
    || reason.code === 'reassignment-incomplete';
}

/** The starter, or an Account admin or Admin agent; never once the order is being placed (Partner Center cancels a purchase). */
export function cancelMove(command: CancelMove, state: MoveState, { envelope }: DecisionContext): Decision {
  const isStarter = state.startedBy?.id === command.actor.id;
  if (!isStarter && !hasAnyRole(command.actor, ROLES_THAT_CANCEL_ANY)) {
    return refuse('not-allowed', `Only the person who started this move (${state.startedBy?.name ?? 'unknown'}), ${describeRoles(ROLES_THAT_CANCEL_ANY)} can cancel it. ${describeActorRoles(command.actor)}.`);
  }
  if (state.stage === 'provisioning' || state.stage === 'reassigning-licenses' || state.stage === 'source-advice' || state.provisionedAt) {
    return refuse('wrong-stage', 'The plan is approved and the order is being placed, so the move can no longer be cancelled here. Within 7 days of purchase the new subscriptions can be cancelled in Partner Center.');
  }
  return accept({ type: 'MoveCancelled', ...envelope, reason: clip(command.reason.trim(), MAX_COMMENT_LENGTH) || 'No reason given.' });
}

/** Only an Account admin, only a blocker that is a judgement (isOverridable), with a reason on record; the move resumes where it was blocked. */
export function overrideBlock(command: OverrideBlock, state: MoveState, { envelope }: DecisionContext): Decision {
  if (state.stage !== 'blocked' || !state.blocked) return refuse('wrong-stage', 'There is no blocker to override: the move is not blocked.');
  if (!hasAnyRole(command.actor, ['account-admin'])) {
    return refuse('not-allowed', `Only an Account admin can override a blocker. ${describeActorRoles(command.actor)}.`);
  }
  if (!isOverridable(state.blocked.reason)) {
    return refuse('not-allowed', 'This blocker cannot be overridden: it is a rule (or a fact), not a judgement. Resolve its cause and start a new move.');
  }
  const reason = clip(command.reason.trim(), MAX_COMMENT_LENGTH);
  if (reason.length < 10) return refuse('invalid-input', 'Give the reason for the override (at least a sentence); it goes on the record.');
  return accept({ type: 'BlockOverridden', ...envelope, blockCode: state.blocked.reason.code, reason });
}
