/** People stepping in at whatever stage the move is: cancelling it, or lifting a blocker that needs a judgement. */
import type { CancelMove, OverrideBlock } from '../commands';
import { accept, clip, MAX_COMMENT_LENGTH, refuse, type Decision } from '../decision';
import type { BlockReason } from '../events';
import { cancelRefusal, cancelTermsKey } from '../cancellation';
import { latestChange } from '../moveChange';
import { hasAnyRole } from '../policy';
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

/**
 * Who may and when: `cancelRefusal`. A confirmation drawn for what cancelling meant then (`seen`) that no longer holds
 * is refused, saying what changed; the reason is required (at most 500 characters) and goes on the record.
 */
export function cancelMove(command: CancelMove, state: MoveState, { envelope }: DecisionContext): Decision {
  const refusal = cancelRefusal(command.actor, state);
  if (refusal) return refuse(refusal);
  if (command.seen !== undefined && command.seen !== cancelTermsKey(state)) return refuse({ kind: 'card-outdated', change: latestChange(state) });
  const reason = command.reason.trim();
  if (reason === '') return refuse({ kind: 'reason-too-short', purpose: 'cancel' });
  if (reason.length > MAX_COMMENT_LENGTH) return refuse({ kind: 'reason-too-long', max: MAX_COMMENT_LENGTH, length: reason.length });
  return accept({ type: 'MoveCancelled', ...envelope, reason });
}

/** Only an Account admin, only a blocker that is a judgement (isOverridable), with a reason on record; the move resumes where it was blocked. */
export function overrideBlock(command: OverrideBlock, state: MoveState, { envelope }: DecisionContext): Decision {
  if (state.stage !== 'blocked' || !state.blocked) return refuse({ kind: 'nothing-to-override' });
  if (!hasAnyRole(command.actor, ['account-admin'])) {
    return refuse({ kind: 'role-required', action: 'override-block', roles: ['account-admin'], actorRoles: command.actor.roles });
  }
  if (!isOverridable(state.blocked.reason)) {
    return refuse({ kind: 'block-not-overridable' });
  }
  const reason = clip(command.reason.trim(), MAX_COMMENT_LENGTH);
  if (reason.length < 10) return refuse({ kind: 'reason-too-short', purpose: 'override' });
  return accept({ type: 'BlockOverridden', ...envelope, blockCode: state.blocked.reason.code, reason });
}
