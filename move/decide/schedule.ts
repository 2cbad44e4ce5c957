/** The approved plan's purchases on their dates: each starts once its day has come, after a reminder the day before. */
import type { RemindPurchase, StartDuePurchase } from '../commands';
import { accept, expectStage, type Decision } from '../decision';
import { isDue, reminderDueAt } from '../schedule';
import type { MoveState } from '../state';
import type { DecisionContext } from './handler';

/** The sweep asks every time it runs; the next purchase starts (once: the stage moves on) when its day has come. */
export function startDuePurchase(command: StartDuePurchase, state: MoveState, { envelope }: DecisionContext): Decision {
  const wrong = expectStage(state, 'scheduled');
  if (wrong) return wrong;
  const next = state.schedule[state.bought];
  if (!next || !isDue(next, command.at)) return accept();
  return accept({ type: 'PurchaseDue', ...envelope, round: next.round, buyOn: next.buyOn });
}

/** One reminder per purchase, from `leadMs` before its day (a purchase already due is bought instead). */
export function remindPurchase(command: RemindPurchase, state: MoveState, { envelope }: DecisionContext): Decision {
  const wrong = expectStage(state, 'scheduled');
  if (wrong) return wrong;
  const next = state.schedule[state.bought];
  if (!next || next.buyOn === null || state.purchaseReminders.includes(next.round) || isDue(next, command.at)) return accept();
  const dueAt = reminderDueAt(next, command.leadMs);
  if (dueAt === null || Date.parse(command.at) < dueAt) return accept();
  return accept({ type: 'PurchaseReminderDue', ...envelope, round: next.round, buyOn: next.buyOn });
}
