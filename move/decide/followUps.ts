/**
 * The human follow-ups after a purchase (../followUps.ts): a person ticks one as done, and the sweep reminds their
 * owners once per task and due date. Both are taken at any stage — a done move may still have users to move by hand.
 */
import type { CompleteFollowUp, RemindFollowUps } from '../commands';
import { accept, refuse, type Decision } from '../decision';
import type { MoveEvent } from '../events';
import { FOLLOW_UP_TICK_ROLES, followUpReminderAt, followUpsOf, mayTick, openFollowUps, reminderKey } from '../followUps';
import type { MoveState } from '../state';
import { evolve } from '../state';
import type { DecisionContext } from './handler';

/**
 * Only an open task of this move, ticked by its owner or staff whose role does that kind of work. The last open one
 * ticked while the bot watches the originals completes the move: nothing is left for a person or the bot to do.
 */
export function completeFollowUp(command: CompleteFollowUp, state: MoveState, { envelope }: DecisionContext): Decision {
  const task = followUpsOf(state).find((t) => t.id === command.taskId);
  if (!task) return refuse({ kind: 'follow-up-unknown', taskId: command.taskId.slice(0, 100) });
  if (task.status !== 'open') {
    return refuse({ kind: 'follow-up-closed', status: task.status, by: task.doneBy?.by.name ?? null, at: task.doneBy?.at ?? null });
  }
  if (!mayTick(command.actor, task)) {
    return refuse({ kind: 'role-required', action: 'complete-follow-up', roles: [...FOLLOW_UP_TICK_ROLES[task.kind]], actorRoles: command.actor.roles });
  }
  const done: MoveEvent = { type: 'FollowUpDone', ...envelope, taskId: task.id };
  const after = evolve(state, done);
  if (state.stage === 'watching-sources' && openFollowUps(after).length === 0) return accept(done, { type: 'MoveCompleted', ...envelope });
  return accept(done);
}

/** Each open task with a date, from `leadMs` before its due day: once per task and due date. */
export function remindFollowUps(command: RemindFollowUps, state: MoveState, { envelope }: DecisionContext): Decision {
  const now = Date.parse(command.at);
  const due = openFollowUps(state).filter((task) => {
    const remindAt = followUpReminderAt(task, command.leadMs);
    return task.due !== null && remindAt !== null && now >= remindAt && !state.followUps.reminded.includes(reminderKey(task.id, task.due));
  });
  return accept(...due.map((task): MoveEvent => ({ type: 'FollowUpReminderDue', ...envelope, taskId: task.id, due: task.due! })));
}
