/**
 * The original subscriptions after provisioning: the advice on letting them end, watching them until they have,
 * reminders before their natural ends, and the move's completion.
 */
import type { RecordSourceAdvice, RecordSourceStatus, RemindSourceExpiry } from '../commands';
import { accept, expectStage, type Decision } from '../decision';
import type { MoveEvent } from '../events';
import { openFollowUps } from '../followUps';
import type { MoveState } from '../state';
import type { DecisionContext } from './handler';

/** Graph subscription statuses after which the customer no longer has (or pays for) the subscription. */
const ENDED_STATUSES = new Set(['deleted', 'suspended', 'lockedout']);

/**
 * With nothing to watch (no original subscription to let expire), the move is complete now — unless a follow-up is
 * still open (users an override left on an original licence): then it completes when the last one is ticked.
 */
export function recordSourceAdvice(command: RecordSourceAdvice, state: MoveState, { envelope }: DecisionContext): Decision {
  const wrong = expectStage(state, 'source-advice');
  if (wrong) return wrong;
  const given: MoveEvent = { type: 'SourceAdviceGiven', ...envelope, advice: command.advice };
  const nothingLeft = command.advice.length === 0 && openFollowUps(state).length === 0;
  return nothingLeft ? accept(given, { type: 'MoveCompleted', ...envelope }) : accept(given);
}

/** An original missing from Graph's answer is gone (deleted); the move completes once every advised original has ended. */
export function recordSourceStatus(command: RecordSourceStatus, state: MoveState, { envelope }: DecisionContext): Decision {
  const wrong = expectStage(state, 'watching-sources');
  if (wrong) return wrong;
  const events: MoveEvent[] = [];
  for (const advice of state.advice) {
    if (state.sourcesEnded.includes(advice.subscriptionId)) continue;
    const status = command.statuses[advice.subscriptionId] ?? 'Deleted';
    if (ENDED_STATUSES.has(status.toLowerCase())) {
      events.push({ type: 'SourceSubscriptionEnded', ...envelope, subscriptionId: advice.subscriptionId, skuPartNumber: advice.skuPartNumber, status });
    }
  }
  const endedNow = new Set([...state.sourcesEnded, ...events.map((e) => (e as { subscriptionId: string }).subscriptionId)]);
  if (state.advice.every((a) => endedNow.has(a.subscriptionId))) events.push({ type: 'MoveCompleted', ...envelope });
  return accept(...events);
}

/** Once per original, within the lead time before its natural end; not for monthly ones, nor those already ended. */
export function remindSourceExpiry(command: RemindSourceExpiry, state: MoveState, { envelope }: DecisionContext): Decision {
  const wrong = expectStage(state, 'watching-sources');
  if (wrong) return wrong;
  const now = Date.parse(command.at);
  const due = state.advice.filter((a) => a.expires && !a.monthly && !state.sourcesReminded.includes(a.subscriptionId)
    && !state.sourcesEnded.includes(a.subscriptionId) && Date.parse(a.expires) - command.leadMs <= now && now < Date.parse(a.expires));
  return accept(...due.map((a): MoveEvent => ({
    type: 'SourceExpiryReminder', ...envelope, subscriptionId: a.subscriptionId, skuPartNumber: a.skuPartNumber, expires: a.expires!,
  })));
}
