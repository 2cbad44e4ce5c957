import type { BlockReason, MoveEvent, ReminderSubject, WithdrawalOutcome } from './events';
import type {
  Actor, Inventory, MailSender, OrderedSubscription, Plan, PrepaidCheck, SourceAdvice, SourceChannel,
} from './model';
import { SYSTEM_ACTOR } from './model';
import type { OfferChoice } from './plan';
import { isDue, linesJustBought, purchaseSchedule, stageAfterPurchase, type Purchase } from './schedule';
import { reassignmentKey, type ReassignmentProgress } from './reassignment';
import { EMPTY_FOLLOW_UP_LEDGER, ledgerAfter, type FollowUpLedger } from './followUps';
import type { Stage } from './stages';

// The stage vocabulary lives in stages.ts; re-exported here for the many modules that import it beside MoveState.
export { FINAL_STAGES, STAGE_LABELS, TERMINAL_STAGES, type Stage } from './stages';

export interface Invitation {
  resellerLink: string | null;
  gdapRelationshipId: string | null;
  gdapLink: string | null;
  issuedAt: string;
  expiresAt: string;
}

export interface Decision {
  by: Actor;
  at: string;
  comment: string;
  planHash: string;
}

export interface Failure {
  step: string;
  error: string;
  retryable: boolean;
  at: string;
  attempts: number;
}

/** Where an invitation email is: asked for, being sent, or finished one way or the other. */
export type InvitationEmailOutcome = 'requested' | 'sending' | 'sent' | 'failed' | 'unknown';

/** One "Email the invitation" request and what became of it. */
export interface InvitationEmail {
  to: string[];
  subject: string;
  /** The text to send; kept only until the email is finished. */
  body: string | null;
  by: Actor;
  requestedAt: string;
  /** Where it was asked to leave from: the requester's own mailbox, or the configured one. */
  sendAs: MailSender['kind'];
  attemptId: string | null;
  attemptedAt: string | null;
  sender: MailSender | null;
  outcome: InvitationEmailOutcome;
  finishedAt: string | null;
  /** Why it failed or is unknown, with the fix. */
  error: string | null;
}

export interface MoveState {
  moveId: string;
  /** Number of events applied; the expected version for the next append. */
  version: number;
  stage: Stage;
  correlationId: string;
  customerDomain: string;
  customerCountry: string;
  source: SourceChannel;
  multiPartner: boolean;
  requestGdap: boolean;
  startedBy: Actor | null;
  startedAt: string | null;
  updatedAt: string | null;
  tenantId: string | null;
  partnerCountry: string | null;
  partnerRegion: string | null;
  customerRegion: string | null;
  /** Partner Center customer id once the reseller relationship exists. */
  customerId: string | null;
  companyName: string | null;
  invitation: Invitation | null;
  acceptedAt: string | null;
  inventory: Inventory | null;
  plan: Plan | null;
  proposer: Actor | null;
  approval: Decision | null;
  rejection: Decision | null;
  /** The approved plan's purchases, in buy order (one, at approval, unless lines have later buy dates). */
  schedule: Purchase[];
  /** Purchases bought so far (provisioned); `schedule[bought]` is the next, `schedule[bought - 1]` the latest. */
  bought: number;
  /** Purchases whose approvers were reminded the day before. */
  purchaseReminders: number[];
  /** The current purchase's cart (each purchase has its own). */
  cart: { customerId: string; cartId: string; requestId: string } | null;
  /** Every order placed for the move, over all its purchases. */
  orderIds: string[];
  /** When the current purchase's order was placed (null until then). */
  orderedAt: string | null;
  subscriptions: OrderedSubscription[];
  provisionedAt: string | null;
  prepaidCheck: PrepaidCheck[];
  advice: SourceAdvice[];
  blocked: { reason: BlockReason; message: string; at: string; fromStage: Stage } | null;
  /** Blockers an Account admin lifted; the checks behind them are not repeated. */
  overrides: Array<{ code: BlockReason['code']; by: Actor; reason: string; at: string }>;
  cancelled: { by: Actor; reason: string; at: string } | null;
  /** After a cancellation: withdrawing the GDAP request the customer had not answered (null: not tried yet, or nothing to withdraw). */
  withdrawal: { relationshipId: string; outcome: WithdrawalOutcome; detail: string; at: string; attempts: number } | null;
  lastFailure: Failure | null;
  /** When the plan was put to the approvers (the approval wait began). */
  proposedAt: string | null;
  /** Reminders sent about the current waits. */
  reminders: Partial<Record<ReminderSubject, { count: number; lastAt: string }>>;
  timedOut: { at: string; message: string } | null;
  /** Original subscriptions that have ended, and those reminded about before their end. */
  sourcesEnded: string[];
  sourcesReminded: string[];
  /** Offers Account admins picked for licences nothing covers. */
  offerChoices: OfferChoice[];
  reassignment: ReassignmentProgress;
  /** The access assignment made once the customer approved GDAP (null before, or without GDAP). */
  delegatedAccess: { relationshipId: string; groupName: string; assignmentId: string; at: string } | null;
  /** Invitation emails staff asked for, oldest first (the move keeps waiting for acceptance meanwhile). */
  invitationEmails: InvitationEmail[];
  /** What the events said about the human follow-ups (users an override left, ticks, reminders): see followUps.ts. */
  followUps: FollowUpLedger;
  /** When the move entered its current stage (the time of the event that moved it there); null before any event. */
  stageSince: string | null;
  /** Ids of the people (not the bot) who recorded an event on the move — started it, decided, typed, overrode — first act first. */
  actedBy: string[];
}

export function initialState(moveId: string): MoveState {
  return {
    moveId,
    version: 0,
    stage: 'intake',
    correlationId: '',
    customerDomain: '',
    customerCountry: '',
    source: 'unknown',
    multiPartner: false,
    requestGdap: true,
    startedBy: null,
    startedAt: null,
    updatedAt: null,
    tenantId: null,
    partnerCountry: null,
    partnerRegion: null,
    customerRegion: null,
    customerId: null,
    companyName: null,
    invitation: null,
    acceptedAt: null,
    inventory: null,
    plan: null,
    proposer: null,
    approval: null,
    rejection: null,
    schedule: [],
    bought: 0,
    purchaseReminders: [],
    cart: null,
    orderIds: [],
    orderedAt: null,
    subscriptions: [],
    provisionedAt: null,
    prepaidCheck: [],
    advice: [],
    blocked: null,
    cancelled: null,
    withdrawal: null,
    lastFailure: null,
    proposedAt: null,
    overrides: [],
    reminders: {},
    timedOut: null,
    sourcesEnded: [],
    sourcesReminded: [],
    offerChoices: [],
    reassignment: { pass: 0, results: {}, movedTotal: 0, sending: [], finishedAt: null },
    delegatedAccess: null,
    invitationEmails: [],
    followUps: EMPTY_FOLLOW_UP_LEDGER,
    stageSince: null,
    actedBy: [],
  };
}

/** Applies one event. Pure: the same events always give the same state. */
export function evolve(state: MoveState, event: MoveEvent): MoveState {
  const next = applyEvent(state, event);
  const stageSince = next.stage !== state.stage || state.stageSince === null ? event.at : state.stageSince;
  const acted = event.actor.id !== SYSTEM_ACTOR.id && !state.actedBy.includes(event.actor.id);
  return { ...next, stageSince, actedBy: acted ? [...state.actedBy, event.actor.id] : state.actedBy };
}

/** What one event changes, apart from the bookkeeping every event does (evolve). */
function applyEvent(state: MoveState, event: MoveEvent): MoveState {
  const next: MoveState = { ...state, version: state.version + 1, updatedAt: event.at };
  // A step that produced its result is no longer failing.
  if (event.type !== 'StepFailed') next.lastFailure = null;
  switch (event.type) {
    case 'MoveStarted':
      return {
        ...next,
        stage: 'preflight',
        moveId: event.moveId,
        correlationId: event.correlationId,
        customerDomain: event.customerDomain,
        customerCountry: event.customerCountry,
        source: event.source,
        multiPartner: event.multiPartner,
        requestGdap: event.requestGdap,
        startedBy: event.actor,
        startedAt: event.at,
      };
    case 'PreflightPassed':
      return {
        ...next,
        stage: event.existingCustomerId ? 'inventory' : 'invitation',
        tenantId: event.tenantId,
        partnerCountry: event.partnerCountry,
        partnerRegion: event.partnerRegion,
        customerRegion: event.customerRegion,
        customerId: event.existingCustomerId,
      };
    case 'MoveBlocked':
      return { ...next, stage: 'blocked', blocked: { reason: event.reason, message: event.message, at: event.at, fromStage: state.stage } };
    case 'BlockOverridden':
      return {
        ...next, stage: state.blocked?.fromStage ?? state.stage, blocked: null,
        overrides: [...state.overrides, { code: event.blockCode, by: event.actor, reason: event.reason, at: event.at }],
        followUps: ledgerAfter(state.followUps, event, state.reassignment),
      };
    case 'InvitationIssued':
      return {
        ...next,
        stage: 'awaiting-acceptance',
        invitation: {
          resellerLink: event.resellerLink,
          gdapRelationshipId: event.gdapRelationshipId,
          gdapLink: event.gdapLink,
          issuedAt: event.at,
          expiresAt: event.expiresAt,
        },
      };
    case 'RelationshipAccepted':
      return { ...next, stage: 'inventory', customerId: event.customerId, companyName: event.companyName, acceptedAt: event.at };
    case 'InventoryTaken':
      return { ...next, stage: 'plan', inventory: event.inventory, blocked: null };
    case 'PlanProposed':
      return { ...next, stage: 'approval', plan: event.plan, proposer: event.proposer, proposedAt: event.at };
    case 'PlanAdjusted': {
      // A new plan to approve: whoever changed it proposes it, and the approval reminders start again.
      const { approval: _approvalReminder, ...reminders } = state.reminders;
      return { ...next, plan: event.plan, proposer: event.actor, proposedAt: event.at, reminders };
    }
    case 'PlanApproved': {
      const schedule = purchaseSchedule(state.plan ?? { lines: [] }, event.at);
      const first = schedule[0];
      return { ...next, stage: !first || isDue(first, event.at) ? 'provisioning' : 'scheduled', approval: decisionOf(event), schedule, bought: 0 };
    }
    case 'PurchaseDue':
      return { ...next, stage: 'provisioning', cart: null, orderedAt: null };
    case 'PurchaseReminderDue':
      return { ...next, purchaseReminders: [...state.purchaseReminders, event.round] };
    case 'PlanRejected':
      return { ...next, stage: 'rejected', rejection: decisionOf(event) };
    case 'CartCreated':
      return { ...next, cart: { customerId: event.customerId, cartId: event.cartId, requestId: event.requestId } };
    case 'OrderPlaced':
      return {
        ...next, orderIds: [...state.orderIds, ...event.orderIds], subscriptions: [...state.subscriptions, ...event.subscriptions], orderedAt: event.at,
      };
    case 'ProvisioningCompleted': {
      const bought = state.bought + 1;
      const after = { ...state, bought };
      const reassign = linesJustBought(after).some((l) => l.needsReassignment);
      return {
        ...next, stage: reassign ? 'reassigning-licenses' : stageAfterPurchase(after), subscriptions: event.subscriptions, provisionedAt: event.at,
        prepaidCheck: event.prepaidCheck ?? [], bought,
        // Each purchase's users get their own passes; the total moved carries over.
        reassignment: reassign ? { ...state.reassignment, pass: state.reassignment.pass + 1, results: {}, sending: [], finishedAt: null } : state.reassignment,
      };
    }
    case 'OfferChosen':
      return {
        ...next, stage: 'plan', blocked: null,
        offerChoices: [...state.offerChoices, { sourceSkuId: event.sourceSkuId, offers: event.offers, by: event.actor, reason: event.reason, at: event.at }],
      };
    case 'LicencesReassigned': {
      const results = { ...state.reassignment.results };
      for (const r of event.results) results[reassignmentKey(r)] = r;
      const moved = event.results.filter((r) => r.outcome === 'moved').length;
      return {
        ...next,
        reassignment: { ...state.reassignment, results, movedTotal: state.reassignment.movedTotal + moved, sending: event.sending ?? [] },
      };
    }
    case 'ReassignmentFinished':
      return { ...next, stage: stageAfterPurchase(state), reassignment: { ...state.reassignment, sending: [], finishedAt: event.at } };
    case 'DelegatedAccessGranted':
      return { ...next, delegatedAccess: { relationshipId: event.relationshipId, groupName: event.groupName, assignmentId: event.assignmentId, at: event.at } };
    case 'ReassignmentResumed':
      return {
        ...next, stage: 'reassigning-licenses', blocked: null,
        reassignment: { ...state.reassignment, pass: state.reassignment.pass + 1, results: {}, sending: [], finishedAt: null },
      };
    case 'SourceAdviceGiven':
      return { ...next, stage: 'watching-sources', advice: event.advice };
    case 'SourceSubscriptionEnded':
      return { ...next, sourcesEnded: [...state.sourcesEnded, event.subscriptionId] };
    case 'SourceExpiryReminder':
      return { ...next, sourcesReminded: [...state.sourcesReminded, event.subscriptionId] };
    case 'MoveCompleted':
      return { ...next, stage: 'done' };
    case 'MoveCancelled':
      return { ...next, stage: 'cancelled', cancelled: { by: event.actor, reason: event.reason, at: event.at } };
    case 'RequestsWithdrawn': {
      const attempts = state.withdrawal?.relationshipId === event.relationshipId ? state.withdrawal.attempts + 1 : 1;
      return { ...next, withdrawal: { relationshipId: event.relationshipId, outcome: event.outcome, detail: event.detail, at: event.at, attempts } };
    }
    case 'ReminderDue':
      return { ...next, reminders: { ...state.reminders, [event.about]: { count: event.count, lastAt: event.at } } };
    case 'MoveTimedOut':
      return { ...next, stage: 'timed-out', timedOut: { at: event.at, message: event.message } };
    case 'InvitationEmailRequested':
      return {
        ...next,
        invitationEmails: [...state.invitationEmails, {
          to: event.to, subject: event.subject, body: event.body, by: event.actor, requestedAt: event.at, sendAs: event.sendAs,
          attemptId: null, attemptedAt: null, sender: null, outcome: 'requested', finishedAt: null, error: null,
        }],
      };
    case 'InvitationEmailAttempted':
      return {
        ...next,
        invitationEmails: state.invitationEmails.map((e) => (e.outcome === 'requested'
          ? { ...e, attemptId: event.attemptId, attemptedAt: event.at, sender: event.sender, outcome: 'sending' } : e)),
      };
    case 'InvitationEmailed':
    case 'InvitationEmailFailed': {
      const outcome = event.type === 'InvitationEmailed' ? 'sent' : event.outcome;
      const error = event.type === 'InvitationEmailed' ? null : event.error;
      return {
        ...next,
        invitationEmails: state.invitationEmails.map((e) => (e.attemptId === event.attemptId
          ? { ...e, outcome, error, body: null, finishedAt: event.at } : e)),
      };
    }
    case 'FollowUpDone':
    case 'FollowUpReminderDue':
      return { ...next, followUps: ledgerAfter(state.followUps, event, state.reassignment) };
    case 'StepFailed': {
      const attempts = state.lastFailure?.step === event.step ? state.lastFailure.attempts + 1 : 1;
      return { ...next, lastFailure: { step: event.step, error: event.error, retryable: event.retryable, at: event.at, attempts } };
    }
    default:
      return assertNever(event);
  }
}

export function replay(moveId: string, events: readonly MoveEvent[]): MoveState {
  return events.reduce(evolve, initialState(moveId));
}

function decisionOf(event: { actor: Actor; at: string; comment: string; planHash: string }): Decision {
  return { by: event.actor, at: event.at, comment: event.comment, planHash: event.planHash };
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
