/** Approval: approving or rejecting the proposed plan, as the configured approval policy allows. */
import type { ApprovePlan, RejectPlan } from '../commands';
import { accept, clip, MAX_COMMENT_LENGTH, refuse, type Decision } from '../decision';
import { approvalRequirement, hasAnyRole } from '../policy';
import type { MoveState } from '../state';
import type { DecisionContext } from './handler';

/**
 * The policy's approvers, narrowed to Account admins for offers picked by hand or many seats (saying why); with
 * four-eyes, never the person the plan was proposed for; only the plan the card shows.
 */
export function approvePlan(command: ApprovePlan, state: MoveState, { envelope, approval }: DecisionContext): Decision {
  const wrong = expectDecisionPossible(state);
  if (wrong) return wrong;
  const requirement = approvalRequirement(state.plan ?? { lines: [] }, approval);
  const roles = requirement.roles;
  if (!hasAnyRole(command.actor, roles)) {
    return refuse({ kind: 'role-required', action: 'approve-plan', roles: [...roles], actorRoles: command.actor.roles, narrowedBecause: requirement.narrowedBecause });
  }
  if (requirement.fourEyes && state.proposer && command.actor.id === state.proposer.id) {
    return refuse({ kind: 'four-eyes', roles: [...roles] });
  }
  const stale = expectCurrentPlan(command.planHash, state);
  if (stale) return stale;
  return accept({ type: 'PlanApproved', ...envelope, planHash: command.planHash, comment: clip(command.comment.trim(), MAX_COMMENT_LENGTH) });
}

/** Any of the policy's approvers may reject (however many seats, whoever proposed it); rejecting ends the move. */
export function rejectPlan(command: RejectPlan, state: MoveState, { envelope, approval }: DecisionContext): Decision {
  const wrong = expectDecisionPossible(state);
  if (wrong) return wrong;
  const roles = approval.approverRoles;
  if (!hasAnyRole(command.actor, roles)) {
    return refuse({ kind: 'role-required', action: 'reject-plan', roles: [...roles], actorRoles: command.actor.roles });
  }
  const stale = expectCurrentPlan(command.planHash, state);
  if (stale) return stale;
  return accept({ type: 'PlanRejected', ...envelope, planHash: command.planHash, comment: clip(command.comment.trim(), MAX_COMMENT_LENGTH) });
}

function expectDecisionPossible(state: MoveState): Decision | null {
  if (state.stage === 'approval') return null;
  if (state.approval) return refuse({ kind: 'already-approved', by: state.approval.by.name, at: state.approval.at });
  return refuse({ kind: 'no-plan-waiting', stage: state.stage });
}

/** The decision is about the plan on record, not an older card's. */
function expectCurrentPlan(planHash: string, state: MoveState): Decision | null {
  if (state.plan && planHash === state.plan.hash) return null;
  return refuse({ kind: 'plan-changed', by: state.proposer?.name ?? null, at: state.proposedAt });
}
