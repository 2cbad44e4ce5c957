/**
 * What the move's channel thread says, one line per milestone. The thread's root card shows the move as it stands
 * (stage, progress, on whom it waits) and is redrawn in place; a reply is only for what a reader of the channel
 * wants to hear about later: started, accepted, plan ready (and on whom it waits), approved or rejected and by whom,
 * bought, needs attention, overridden, cancelled, done. Working steps (carts, batches, retries the bot makes by
 * itself) stay on the root card and in the audit export.
 */
import type { MoveEvent } from '../move/events';
import type { MoveState } from '../move/state';
import { LIMITS, domainText, oneLine } from './common';
import { eventText } from './eventText';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, type Locale } from './i18n/locales';
import type { CardOptions } from './moveView';

/** Events that never get a reply of their own in the thread. */
const WORKING_STEPS: ReadonlySet<MoveEvent['type']> = new Set<MoveEvent['type']>([
  'InvitationIssued', 'InventoryTaken', 'DelegatedAccessGranted', 'CartCreated', 'OrderPlaced', 'PurchaseDue',
  'LicencesReassigned', 'InvitationEmailRequested', 'InvitationEmailAttempted', 'SourceSubscriptionEnded',
]);

/** The reply for one event in the move's channel thread, or null when the root card alone shows it. */
export function threadLine(event: MoveEvent, state: MoveState, options: CardOptions): string | null {
  if (WORKING_STEPS.has(event.type)) return null;
  switch (event.type) {
    // A move is announced once it passed its pre-flight checks: one refused there is the starter's business alone.
    case 'MoveStarted': return null;
    case 'PreflightPassed': {
      const locale = options.locale ?? DEFAULT_LOCALE;
      return t(locale, event.existingCustomerId ? 'thread.startedExisting' : 'thread.started', {
        name: oneLine(state.startedBy?.name, LIMITS.name) || t(locale, 'thread.someone'),
        customer: domainText(state.customerDomain),
        source: t(locale, `events.source.${state.source}`),
        multiPartner: state.multiPartner ? 'yes' : 'no',
      });
    }
    // The plan is ready once it waits for approval; a plan with blockers is said by the block that follows.
    case 'PlanProposed': return state.stage === 'approval' ? eventText(event, state, options) : null;
    // A pass that left users behind is said by the block that follows (needs attention).
    case 'ReassignmentFinished': return event.attention === 0 ? eventText(event, state, options) : null;
    // The bot retries a passing failure by itself; only one a person must fix is worth a reply.
    case 'StepFailed': return event.retryable ? null : eventText(event, state, options);
    default: return eventText(event, state, options);
  }
}

/** Whether the event asks the approvers to act (the reply @mentions them). */
export function asksApprovers(event: MoveEvent, state: MoveState): boolean {
  if (state.stage !== 'approval') return false;
  return event.type === 'PlanProposed' || event.type === 'PlanAdjusted' || (event.type === 'ReminderDue' && event.about === 'approval');
}

/** The line above the plan card taken to an approver's personal chat, in `locale` (English when not given). */
export function askApproverText(state: MoveState, locale: Locale = DEFAULT_LOCALE): string {
  return t(locale, 'thread.askApprover', {
    starter: oneLine(state.startedBy?.name, LIMITS.name) || t(locale, 'thread.someone'), customer: domainText(state.customerDomain),
  });
}
