import type { MoveCommand } from './commands';
import { openFollowUps } from './followUps';
import { withdrawalDue } from './cancellation';
import { invitationEmailInFlight } from './invitationEmail';
import type { MoveSettings } from './orchestratorDeps';
import { FINAL_STAGES, type MoveState } from './state';

/** Back-off before retrying a failed step: 5 s, 10 s, 20 s … capped at 15 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);
}

/**
 * Whether a sweep runs the move's side effects now: not while it waits for a person or the customer, nor
 * before a failed step's back-off has passed. An invitation email in flight is settled whatever the stage
 * (it is never sent twice: see invitationEmailStep.ts).
 */
export function dueInSweep(state: MoveState, now: number): boolean {
  if (invitationEmailInFlight(state)) return true;
  // A cancelled move's GDAP request still to withdraw, its back-off passed.
  if (withdrawalDue(state, now, retryDelayMs)) return true;
  if (FINAL_STAGES.has(state.stage) || state.stage === 'awaiting-acceptance' || state.stage === 'approval' || state.stage === 'scheduled') return false;
  const failure = state.lastFailure;
  if (!failure) return true;
  return failure.retryable && now >= Date.parse(failure.at) + retryDelayMs(failure.attempts);
}

/**
 * What a sweep asks of a move that waits, in order; the first that records anything ends the list (an
 * invitation that expired gets no reminder). The decider decides whether each is due.
 */
export function waitCommands(state: MoveState, settings: MoveSettings, base: Pick<MoveCommand, 'actor' | 'at'>): MoveCommand[] {
  const commands = stageWaitCommands(state, settings, base);
  // Follow-ups outlive the stages (a done move may still have users to move by hand): asked about at any stage.
  if (openFollowUps(state).some((task) => task.due !== null)) {
    commands.push({ type: 'RemindFollowUps', ...base, leadMs: (settings.followUpReminderHours ?? 24) * 3_600_000 });
  }
  return commands;
}

function stageWaitCommands(state: MoveState, settings: MoveSettings, base: Pick<MoveCommand, 'actor' | 'at'>): MoveCommand[] {
  switch (state.stage) {
    case 'awaiting-acceptance':
      return [
        { type: 'TimeOutInvitation', ...base },
        { type: 'RemindWaiting', ...base, about: 'invitation', intervalMs: (settings.invitationReminderDays ?? 7) * 86_400_000 },
      ];
    case 'approval':
      return [{ type: 'RemindWaiting', ...base, about: 'approval', intervalMs: (settings.approvalReminderHours ?? 24) * 3_600_000 }];
    case 'scheduled':
      return [
        { type: 'StartDuePurchase', ...base },
        { type: 'RemindPurchase', ...base, leadMs: (settings.purchaseReminderHours ?? 24) * 3_600_000 },
      ];
    case 'watching-sources':
      return [{ type: 'RemindSourceExpiry', ...base, leadMs: (settings.sourceReminderDays ?? 14) * 86_400_000 }];
    default:
      return [];
  }
}
