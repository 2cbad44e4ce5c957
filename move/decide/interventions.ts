/** People stepping in at whatever stage the move is: cancelling it, or lifting a blocker that needs a judgement. */
import type { CancelMove, OverrideBlock } from '../commands';
import { accept, clip, MAX_COMMENT_LENGTH, refuse, type Decision } from '../decision';
import type { BlockReason } from '../events';
import { hasAnyRole, ROLES_THAT_CANCEL_ANY } from '../policy';
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

/** The starter, or an Account admin or Admin agent; not while an order is being placed or users moved (Partner Center cancels a purchase). */
export function cancelMove(command: CancelMove, state: MoveState, { envelope }: DecisionContext): Decision {
  const isStarter = state.startedBy?.id === command.actor.id;
  if (!isStarter && !hasAnyRole(command.actor, ROLES_THAT_CANCEL_ANY)) {
    return refuse({ kind: 'role-required', action: 'cancel-move', roles: [...ROLES_THAT_CANCEL_ANY], actorRoles: command.actor.roles, startedBy: state.startedBy?.name ?? null });
  }
  // While a later purchase waits for its date, cancelling stops it (what was bought stays bought).
  if (state.stage !== 'scheduled' && (state.stage === 'provisioning' || state.stage === 'reassigning-licenses' || state.stage === 'source-advice' || state.provisionedAt)) {
    return refuse({ kind: 'too-late-to-cancel' });
  }
  return accept({ type: 'MoveCancelled', ...envelope, reason: clip(command.reason.trim(), MAX_COMMENT_LENGTH) || 'No reason given.' });
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
