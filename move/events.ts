import type {
  Actor, Inventory, MailSender, OrderedSubscription, Plan, PlannedOffer, PrepaidCheck, SourceAdvice, SourceChannel,
} from './model';
import type { SentChange, UserReassignment } from './reassignment';
import type { PlanLineChange } from './commands';

/**
 * Everything that can happen to a move. The event stream is the move's history and its audit trail:
 * every event records when it happened, who caused it, and the request or step that produced it.
 */
interface Envelope {
  at: string;
  actor: Actor;
  /**
   * The id of the request or step that produced the event: the id the edge gave a staff member's click or
   * command, else the move's own correlation id (which its steps send as Partner Center's MS-CorrelationId).
   * The decider always sets it; events stored before it existed lack it: read them through
   * `withCorrelationIds`, which fills in the move's correlation id.
   */
  correlationId?: string;
}

/** Where the customer's country came from: typed on the form, the tenant's public metadata, Partner Center, or the tenant's own directory. */
export type RegionEvidence = 'intake' | 'tenant-metadata' | 'partner-center' | 'tenant-directory';

export type BlockReason =
  | { code: 'region-mismatch'; customerCountry: string; customerRegion: string; partnerCountry: string; partnerRegion: string; detectedBy: RegionEvidence }
  | { code: 'unknown-country'; country: string }
  | { code: 'tenant-not-found'; domain: string }
  | { code: 'plan-has-no-offer'; skus: string[] }
  | { code: 'nothing-to-move' }
  | { code: 'duplicate-tenant'; otherMoveId: string }
  | { code: 'no-customer-access'; detail: string }
  | { code: 'reassignment-incomplete'; users: number };

export interface MoveStarted extends Envelope {
  type: 'MoveStarted';
  moveId: string;
  /** The move's correlation id (every stream's first event has always carried it). */
  correlationId: string;
  customerDomain: string;
  customerCountry: string;
  source: SourceChannel;
  multiPartner: boolean;
  requestGdap: boolean;
}

export interface PreflightPassed extends Envelope {
  type: 'PreflightPassed';
  tenantId: string;
  partnerCountry: string;
  partnerRegion: string;
  customerRegion: string;
  /** Partner Center already lists the tenant as our customer (reseller relationship exists). */
  existingCustomerId: string | null;
}

export interface MoveBlocked extends Envelope {
  type: 'MoveBlocked';
  reason: BlockReason;
  message: string;
}

export interface InvitationIssued extends Envelope {
  type: 'InvitationIssued';
  resellerLink: string | null;
  gdapRelationshipId: string | null;
  gdapLink: string | null;
  expiresAt: string;
}

export interface RelationshipAccepted extends Envelope {
  type: 'RelationshipAccepted';
  customerId: string;
  companyName: string;
  /** Partner Center's `companyProfile.address.country`, the final word on the region. */
  customerCountry: string | null;
}

export interface InventoryTaken extends Envelope {
  type: 'InventoryTaken';
  inventory: Inventory;
}

export interface PlanProposed extends Envelope {
  type: 'PlanProposed';
  plan: Plan;
  /** The person the plan is proposed on behalf of (the move's starter), for four-eyes. */
  proposer: Actor;
}

/** Staff changed the plan before approval: the redrawn plan (a new hash) waits for approval, proposed by them. */
export interface PlanAdjusted extends Envelope {
  type: 'PlanAdjusted';
  plan: Plan;
  changes: PlanLineChange[];
}

export interface PlanApproved extends Envelope {
  type: 'PlanApproved';
  planHash: string;
  comment: string;
}

export interface PlanRejected extends Envelope {
  type: 'PlanRejected';
  planHash: string;
  comment: string;
}

export interface CartCreated extends Envelope {
  type: 'CartCreated';
  customerId: string;
  cartId: string;
  /** The MS-RequestId the cart was created with, kept for a retry of the same call. */
  requestId: string;
}

export interface OrderPlaced extends Envelope {
  type: 'OrderPlaced';
  orderIds: string[];
  subscriptions: OrderedSubscription[];
}

export interface ProvisioningCompleted extends Envelope {
  type: 'ProvisioningCompleted';
  subscriptions: OrderedSubscription[];
  /** The check that the tenant's prepaid units rose by the ordered quantities (absent on old streams). */
  prepaidCheck?: PrepaidCheck[];
}

/** A purchase of the approved plan is due (its buy date has come): its cart and order follow. */
export interface PurchaseDue extends Envelope {
  type: 'PurchaseDue';
  /** Which purchase of the schedule (0 = the first). */
  round: number;
  /** The day it was scheduled for (null = at approval). */
  buyOn: string | null;
}

/** A scheduled purchase is near: the approvers are reminded (they can still cancel the move). */
export interface PurchaseReminderDue extends Envelope {
  type: 'PurchaseReminderDue';
  round: number;
  buyOn: string;
}

export interface SourceAdviceGiven extends Envelope {
  type: 'SourceAdviceGiven';
  advice: SourceAdvice[];
}

export interface MoveCompleted extends Envelope {
  type: 'MoveCompleted';
}

export interface MoveCancelled extends Envelope {
  type: 'MoveCancelled';
  reason: string;
}

/** What a cancelled move withdraws that the customer had not answered: today the GDAP relationship request. */
export type WithdrawnRequest = 'gdap-relationship';

/**
 * What became of withdrawing it: withdrawn; nothing left to withdraw (it had ended or is gone); left in place
 * (the customer approved it already); failed (tried again after a back-off); given up (a person must do it).
 */
export type WithdrawalOutcome = 'withdrawn' | 'already-ended' | 'approved' | 'failed' | 'gave-up';

/** After a cancellation the bot withdrew, or tried to withdraw, a request the customer had not answered. */
export interface RequestsWithdrawn extends Envelope {
  type: 'RequestsWithdrawn';
  what: WithdrawnRequest;
  /** The GDAP relationship's id. */
  relationshipId: string;
  outcome: WithdrawalOutcome;
  /** The relationship's status as Graph gave it, or (failed, gave-up) the error with the fix. */
  detail: string;
}

/** What a reminder is about: the customer's acceptance, or an approver's decision. */
export type ReminderSubject = 'invitation' | 'approval';

/** The move has waited long enough for someone to be nudged. */
export interface ReminderDue extends Envelope {
  type: 'ReminderDue';
  about: ReminderSubject;
  /** When the wait began (invitation issued, plan proposed). */
  waitingSince: string;
  /** 1 for the first reminder about this wait, 2 for the second … */
  count: number;
}

/** The invitation expired (Partner Center and GDAP requests expire after 90 days) without an answer. */
export interface MoveTimedOut extends Envelope {
  type: 'MoveTimedOut';
  message: string;
}

/** An original subscription ended (expired, suspended or removed): the customer no longer pays for it. */
export interface SourceSubscriptionEnded extends Envelope {
  type: 'SourceSubscriptionEnded';
  subscriptionId: string;
  skuPartNumber: string;
  status: string;
}

/** An original subscription nears its natural end: a nudge to check auto-renew is off. */
export interface SourceExpiryReminder extends Envelope {
  type: 'SourceExpiryReminder';
  subscriptionId: string;
  skuPartNumber: string;
  expires: string;
}

/** An Account admin lifted a blocker that needs a person's judgement, with the reason on record. */
export interface BlockOverridden extends Envelope {
  type: 'BlockOverridden';
  blockCode: BlockReason['code'];
  reason: string;
}

/** An Account admin picked offers for a licence no sold offer covers (users lose what they lack). */
export interface OfferChosen extends Envelope {
  type: 'OfferChosen';
  sourceSkuId: string;
  skuPartNumber: string;
  offers: PlannedOffer[];
  reason: string;
}

/** A batch of users moved to the new licences (or skipped, with what to do). */
export interface LicencesReassigned extends Envelope {
  type: 'LicencesReassigned';
  results: UserReassignment[];
  /** The changes sent to Graph next, recorded before they leave (absent on old streams: none). */
  sending?: SentChange[];
}

/** A pass over every user of the changed offers ended. */
export interface ReassignmentFinished extends Envelope {
  type: 'ReassignmentFinished';
  moved: number;
  attention: number;
}

/** Staff fixed what blocked some users and asked for another pass. */
export interface ReassignmentResumed extends Envelope {
  type: 'ReassignmentResumed';
}

/** The partner's security group got the approved GDAP roles in the customer tenant (access assignment). */
export interface DelegatedAccessGranted extends Envelope {
  type: 'DelegatedAccessGranted';
  relationshipId: string;
  groupName: string;
  assignmentId: string;
}

/** Staff asked the bot to email the invitation message to the customer's admin (the move keeps waiting). */
export interface InvitationEmailRequested extends Envelope {
  type: 'InvitationEmailRequested';
  /** 1 to 5 checked addresses. */
  to: string[];
  subject: string;
  /** Plain text, as drawn by the edge (cards/invitationCard.ts). */
  body: string;
  /** From the requester's own mailbox (signed in with Teams SSO) or the configured mailbox. */
  sendAs: MailSender['kind'];
}

/**
 * The bot is about to call sendMail for the requested email (recorded before the call: sendMail is not
 * idempotent, so an attempt without a result is never sent again, only reported as unknown).
 */
export interface InvitationEmailAttempted extends Envelope {
  type: 'InvitationEmailAttempted';
  attemptId: string;
  /** Where it leaves from; null when the bot has no mailbox to send from. */
  sender: MailSender | null;
}

/** Graph accepted the invitation email (sendMail answered 202). */
export interface InvitationEmailed extends Envelope {
  type: 'InvitationEmailed';
  attemptId: string;
}

/** The invitation email was not sent (`failed`), or the bot cannot tell whether it left (`unknown`). */
export interface InvitationEmailFailed extends Envelope {
  type: 'InvitationEmailFailed';
  attemptId: string;
  outcome: 'failed' | 'unknown';
  error: string;
}

/** A person ticked a follow-up of the checklist (move/followUps.ts) as done. */
export interface FollowUpDone extends Envelope {
  type: 'FollowUpDone';
  taskId: string;
}

/** A follow-up's due date is near (or has passed): its owners are reminded, once per task and due date. */
export interface FollowUpReminderDue extends Envelope {
  type: 'FollowUpReminderDue';
  taskId: string;
  /** The due date reminded about (YYYY-MM-DD). */
  due: string;
}

/** A side effect failed; the step stays where it is and is retried by the sweep. */
export interface StepFailed extends Envelope {
  type: 'StepFailed';
  step: string;
  error: string;
  retryable: boolean;
}

export type MoveEvent =
  | MoveStarted
  | PreflightPassed
  | MoveBlocked
  | InvitationIssued
  | RelationshipAccepted
  | InventoryTaken
  | PlanProposed
  | PlanAdjusted
  | PlanApproved
  | PlanRejected
  | CartCreated
  | OrderPlaced
  | ProvisioningCompleted
  | PurchaseDue
  | PurchaseReminderDue
  | SourceAdviceGiven
  | MoveCompleted
  | MoveCancelled
  | RequestsWithdrawn
  | ReminderDue
  | MoveTimedOut
  | BlockOverridden
  | SourceSubscriptionEnded
  | SourceExpiryReminder
  | OfferChosen
  | LicencesReassigned
  | ReassignmentFinished
  | ReassignmentResumed
  | DelegatedAccessGranted
  | InvitationEmailRequested
  | InvitationEmailAttempted
  | InvitationEmailed
  | InvitationEmailFailed
  | FollowUpDone
  | FollowUpReminderDue
  | StepFailed;

export type MoveEventType = MoveEvent['type'];

/**
 * The events with a correlation id each: one stored without (before events carried it) gets the move's own,
 * from the latest MoveStarted before it. Pure; events that have one are returned as they are.
 */
export function withCorrelationIds(events: readonly MoveEvent[]): Array<MoveEvent & { correlationId: string }> {
  let moveCorrelationId = '';
  return events.map((event) => {
    if (event.type === 'MoveStarted') moveCorrelationId = event.correlationId;
    return event.correlationId === undefined ? { ...event, correlationId: moveCorrelationId } : event as MoveEvent & { correlationId: string };
  });
}
