import type { MoveCommand } from './commands';
import { refuse, type Decision, type RefusalReason } from './decision';
import { approvePlan, rejectPlan } from './decide/approval';
import { adjustPlan } from './decide/planAdjustment';
import type { CommandHandlers, CommandOf, CommandType, DecisionContext } from './decide/handler';
import { recordPreflight, startMove } from './decide/intake';
import { completeFollowUp, remindFollowUps } from './decide/followUps';
import { cancelMove, overrideBlock } from './decide/interventions';
import { withdrawPendingRequests } from './decide/withdrawal';
import { enterInventory, recordDelegatedAccess, recordInventory } from './decide/inventory';
import {
  recordAcceptance, recordInvitation, recordInvitationEmailAttempt, recordInvitationEmailResult, requestInvitationEmail,
  timeOutInvitation,
} from './decide/invitation';
import { chooseOffer, proposePlan } from './decide/plan';
import { recordCart, recordOrder, recordProvisioned } from './decide/provisioning';
import { recordReassignment, resumeReassignment } from './decide/reassignment';
import { remindWaiting } from './decide/reminders';
import { remindPurchase, startDuePurchase } from './decide/schedule';
import { recordSourceAdvice, recordSourceStatus, remindSourceExpiry } from './decide/sources';
import { recordStepFailure } from './decide/stepFailures';
import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from './policy';
import type { RegionTable } from './regions';
import { FINAL_STAGES, type MoveState } from './state';

export type { Decision, Refusal, RefusalCode } from './decision';
export { isValidCustomerIdentifier } from './decide/intake';
export { isOverridable } from './decide/interventions';
export { cancelConsequences, cancelRefusal, cancelTermsKey } from './cancellation';
export { latestChange } from './moveChange';

/** Which handler decides each command, in the order a move meets them (one file per stage under ./decide). */
const HANDLERS: CommandHandlers = {
  // Intake
  StartMove: startMove,
  RecordPreflight: recordPreflight,
  // Invitation
  RecordInvitation: recordInvitation,
  RequestInvitationEmail: requestInvitationEmail,
  RecordInvitationEmailAttempt: recordInvitationEmailAttempt,
  RecordInvitationEmailResult: recordInvitationEmailResult,
  RecordAcceptance: recordAcceptance,
  TimeOutInvitation: timeOutInvitation,
  // Reminders (waiting for the customer's acceptance or an approver)
  RemindWaiting: remindWaiting,
  // Inventory
  RecordDelegatedAccess: recordDelegatedAccess,
  RecordInventory: recordInventory,
  EnterInventory: enterInventory,
  // Plan
  ProposePlan: proposePlan,
  ChooseOffer: chooseOffer,
  // Approval
  ApprovePlan: approvePlan,
  AdjustPlan: adjustPlan,
  RejectPlan: rejectPlan,
  // Purchases on their buy dates
  StartDuePurchase: startDuePurchase,
  RemindPurchase: remindPurchase,
  // Provisioning
  RecordCart: recordCart,
  RecordOrder: recordOrder,
  RecordProvisioned: recordProvisioned,
  // Licence reassignment
  RecordReassignment: recordReassignment,
  ResumeReassignment: resumeReassignment,
  // The original subscriptions, and completion
  RecordSourceAdvice: recordSourceAdvice,
  RecordSourceStatus: recordSourceStatus,
  RemindSourceExpiry: remindSourceExpiry,
  // Human follow-ups (after purchase, at any stage from then on)
  CompleteFollowUp: completeFollowUp,
  RemindFollowUps: remindFollowUps,
  // Any stage
  CancelMove: cancelMove,
  WithdrawPendingRequests: withdrawPendingRequests,
  OverrideBlock: overrideBlock,
  RecordStepFailure: recordStepFailure,
};

/** Commands a blocked move still takes: each resolves its blocker. */
const COMMANDS_FOR_BLOCKED: ReadonlySet<CommandType> = new Set(['StartMove', 'OverrideBlock', 'ChooseOffer', 'EnterInventory', 'ResumeReassignment']);
/** Results of a side effect already under way: recorded whatever became of the move meanwhile. */
const RESULTS_RECORDED_TO_THE_END: ReadonlySet<CommandType> = new Set(['RecordInvitationEmailAttempt', 'RecordInvitationEmailResult', 'WithdrawPendingRequests']);
/** The follow-ups outlive the move's stages: a done move may still have users to move by hand (their handlers check the task). */
const FOLLOW_UP_COMMANDS: ReadonlySet<CommandType> = new Set(['CompleteFollowUp', 'RemindFollowUps']);

/**
 * The move decider: given the current state and a command, which events happen — or why not.
 * Pure: no I/O, no clock (the command carries its time).
 */
export class MoveDecider {
  constructor(private readonly regions: RegionTable, private readonly approval: ApprovalPolicy = DEFAULT_APPROVAL_POLICY) {}

  decide(command: MoveCommand, state: MoveState): Decision {
    const refusal = guard(command, state);
    if (refusal) return refusal;
    // The request's own id when the edge gave one; otherwise (the bot's steps, the sweep) the move's.
    const envelope = { at: command.at, actor: command.actor, correlationId: command.correlationId ?? state.correlationId };
    return dispatch(command.type, command, state, { envelope, regions: this.regions, approval: this.approval });
  }
}

/** `type` is the command's own (callers pass `command.type`): passed apart so TypeScript ties the handler to the command, with no cast. */
function dispatch<T extends CommandType>(type: T, command: CommandOf<T>, state: MoveState, context: DecisionContext): Decision {
  const handler = HANDLERS[type];
  return handler(command, state, context);
}

/**
 * The guards every command meets before its handler: a move that does not exist takes only StartMove; a move in a
 * final stage takes nothing more, except what resolves a blocker and the results of a side effect already under way.
 */
function guard(command: MoveCommand, state: MoveState): Decision | null {
  if (command.type === 'StartMove') return null;
  if (state.version === 0) {
    return refuse({ kind: 'move-missing' });
  }
  const blockedButResolvable = state.stage === 'blocked' && COMMANDS_FOR_BLOCKED.has(command.type);
  const exempt = blockedButResolvable || RESULTS_RECORDED_TO_THE_END.has(command.type) || FOLLOW_UP_COMMANDS.has(command.type);
  if (!exempt && FINAL_STAGES.has(state.stage)) {
    return refuse(endedRefusal(state));
  }
  return null;
}

function endedRefusal(state: MoveState): RefusalReason {
  const decided = state.stage === 'rejected' ? state.rejection : state.stage === 'cancelled' ? state.cancelled : null;
  const at = decided?.at ?? (state.stage === 'blocked' ? state.blocked?.at : state.stageSince) ?? null;
  return { kind: 'move-ended', stage: state.stage, by: decided?.by.name ?? null, blockMessage: state.stage === 'blocked' ? state.blocked?.message ?? null : null, at };
}
