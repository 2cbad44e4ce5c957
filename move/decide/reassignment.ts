/** Licence reassignment after provisioning: the step's reports per batch of users, and another pass after staff fixed what blocked some. */
import type { RecordReassignment, ResumeReassignment } from '../commands';
import { accept, blocked, expectBlocked, expectStage, refuse, type Decision } from '../decision';
import type { MoveEvent } from '../events';
import { hasAnyRole, ROLES_THAT_START } from '../policy';
import { needsAttention, reassignmentKey } from '../reassignment';
import type { MoveState } from '../state';
import type { DecisionContext } from './handler';

/**
 * Records each user once per pass, and the changes about to go to Graph before they leave; a finished pass moves
 * on to the source advice, or blocks while any user still holds the old licence.
 */
export function recordReassignment(command: RecordReassignment, state: MoveState, { envelope }: DecisionContext): Decision {
  const wrong = expectStage(state, 'reassigning-licenses');
  if (wrong) return wrong;
  // A repeated report of a user this pass already recorded changes nothing.
  const fresh = command.results.filter((r) => !state.reassignment.results[reassignmentKey(r)]);
  // The changes about to go to Graph are recorded before they leave; a finished pass sends nothing more.
  const sending = command.finished ? [] : (command.sending ?? []).filter((s) => !state.reassignment.results[reassignmentKey(s)]);
  const recordsSomething = fresh.length > 0 || sending.length > 0 || state.reassignment.sending.length > 0;
  const events: MoveEvent[] = recordsSomething ? [{ type: 'LicencesReassigned', ...envelope, results: fresh, sending }] : [];
  if (!command.finished) return accept(...events);
  const all = [...Object.values(state.reassignment.results), ...fresh];
  const attention = all.filter(needsAttention);
  const moved = all.length - attention.length;
  events.push({ type: 'ReassignmentFinished', ...envelope, moved, attention: attention.length });
  if (attention.length > 0) {
    events.push(blocked(envelope, { code: 'reassignment-incomplete', users: attention.length },
      `${attention.length === 1 ? '1 user still holds' : `${attention.length} users still hold`} the old licence (${moved} moved).`));
  }
  return accept(...events);
}

/** Only for a move blocked on an incomplete reassignment, asked by someone who may start moves. */
export function resumeReassignment(command: ResumeReassignment, state: MoveState, { envelope }: DecisionContext): Decision {
  const wrong = expectBlocked(state, 'reassignment-incomplete', 'retry-reassignment');
  if (wrong) return wrong;
  if (!hasAnyRole(command.actor, ROLES_THAT_START)) {
    return refuse({ kind: 'role-required', action: 'retry-reassignment', roles: [...ROLES_THAT_START], actorRoles: command.actor.roles });
  }
  return accept({ type: 'ReassignmentResumed', ...envelope });
}
