/** Reminders while the move waits for a person: the customer to accept the invitation, an approver to decide. */
import type { RemindWaiting } from '../commands';
import { accept, expectStage, type Decision } from '../decision';
import type { MoveState, Stage } from '../state';
import type { DecisionContext } from './handler';

/** The sweep asks every time it runs; a reminder is due an interval after the wait began, then after the last reminder. */
export function remindWaiting(command: RemindWaiting, state: MoveState, { envelope }: DecisionContext): Decision {
  const waitingStage: Stage = command.about === 'invitation' ? 'awaiting-acceptance' : 'approval';
  const wrong = expectStage(state, waitingStage);
  if (wrong) return wrong;
  const waitingSince = command.about === 'invitation' ? state.invitation?.issuedAt : state.proposedAt;
  if (!waitingSince) return accept();
  const last = state.reminders[command.about];
  const dueAt = Date.parse(last?.lastAt ?? waitingSince) + command.intervalMs;
  if (Date.parse(command.at) < dueAt) return accept();
  return accept({ type: 'ReminderDue', ...envelope, about: command.about, waitingSince, count: (last?.count ?? 0) + 1 });
}
