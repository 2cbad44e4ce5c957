import type { BlockReason, WithdrawalOutcome, WithdrawnRequest } from './events';
import type {
  Actor, BillingCycle, Inventory, MailSender, OrderedSubscription, Plan, PrepaidCheck, SourceAdvice, SourceChannel, TermDuration,
} from './model';
import type { SentChange, UserReassignment } from './reassignment';

/**
 * What people and side effects ask of a move. Commands carry the facts the decider needs
 * (looked up by the orchestrator), so the decider stays pure.
 */
interface CommandBase {
  actor: Actor;
  at: string;
  /**
   * The id of the request that asks (a fresh one per click or chat command, given by the edge), recorded on
   * the events it produces. Absent: the move's own correlation id (the bot's steps run under it).
   */
  correlationId?: string;
}

export interface StartMove extends CommandBase {
  type: 'StartMove';
  moveId: string;
  /** Becomes the move's correlation id (and the id of the request that started it). */
  correlationId: string;
  customerDomain: string;
  customerCountry: string;
  source: SourceChannel;
  multiPartner: boolean;
  requestGdap: boolean;
  /** The customer's move already under way, if any (one active move per customer). */
  activeMoveId: string | null;
}

export interface RecordPreflight extends CommandBase {
  type: 'RecordPreflight';
  /** null when no tenant answers for the domain. */
  tenant: { tenantId: string; regionScope: string | null } | null;
  partnerCountry: string;
  existingCustomerId: string | null;
  /** Another move under way for the same tenant (found by tenant id, whatever name was typed). */
  otherActiveMove: { moveId: string; customerDomain: string } | null;
}

export interface RecordInvitation extends CommandBase {
  type: 'RecordInvitation';
  resellerLink: string | null;
  gdapRelationshipId: string | null;
  gdapLink: string | null;
}

export interface RecordAcceptance extends CommandBase {
  type: 'RecordAcceptance';
  customerId: string;
  companyName: string;
  customerCountry: string | null;
}

export interface RecordInventory extends CommandBase {
  type: 'RecordInventory';
  inventory: Inventory;
  /** The tenant's country from its own directory (Graph organization.countryLetterCode), when readable. */
  customerCountry?: string | null;
}

export interface ProposePlan extends CommandBase {
  type: 'ProposePlan';
  plan: Plan;
}

export interface ApprovePlan extends CommandBase {
  type: 'ApprovePlan';
  planHash: string;
  comment: string;
}

/** What one plan line becomes when staff change it on the card. */
export interface PlanLineChange {
  sourceSkuId: string;
  termDuration: TermDuration;
  billingCycle: BillingCycle;
  quantity: number;
  /** YYYY-MM-DD, or null to buy at approval. */
  buyOn: string | null;
}

/** Staff change lines of the plan waiting for approval (the plan they saw: its hash); the plan is redrawn for approval. */
export interface AdjustPlan extends CommandBase {
  type: 'AdjustPlan';
  planHash: string;
  changes: PlanLineChange[];
}

export interface RejectPlan extends CommandBase {
  type: 'RejectPlan';
  planHash: string;
  comment: string;
}

export interface RecordCart extends CommandBase {
  type: 'RecordCart';
  customerId: string;
  cartId: string;
  requestId: string;
}

export interface RecordOrder extends CommandBase {
  type: 'RecordOrder';
  orderIds: string[];
  subscriptions: OrderedSubscription[];
}

export interface RecordProvisioned extends CommandBase {
  type: 'RecordProvisioned';
  subscriptions: OrderedSubscription[];
  prepaidCheck: PrepaidCheck[];
}

export interface RecordSourceAdvice extends CommandBase {
  type: 'RecordSourceAdvice';
  advice: SourceAdvice[];
}

export interface CancelMove extends CommandBase {
  type: 'CancelMove';
  /** Why (required, at most 500 characters): it goes on the record and on the cancelled card. */
  reason: string;
  /**
   * What cancelling meant on the confirmation the person saw (`cancelTermsKey`); when it no longer matches, the move
   * moved on meanwhile and nothing is cancelled. Absent: no confirmation was shown (the bot's own callers).
   */
  seen?: string;
}

/** The withdrawal step reports what became of a request the cancelled move had sent out. */
export interface WithdrawPendingRequests extends CommandBase {
  type: 'WithdrawPendingRequests';
  what: WithdrawnRequest;
  relationshipId: string;
  outcome: Exclude<WithdrawalOutcome, 'gave-up'>;
  /** The relationship's status, or the error. */
  detail: string;
  /** For a failure: whether trying again may help (the decider gives up after a few tries). */
  retryable: boolean;
}

export interface RecordStepFailure extends CommandBase {
  type: 'RecordStepFailure';
  step: string;
  error: string;
  retryable: boolean;
  /** A failure that means the move cannot go on without a person (e.g. no access to the tenant). */
  blocks?: BlockReason;
}

/** The sweep asks for a reminder; the decider decides whether one is due. */
export interface RemindWaiting extends CommandBase {
  type: 'RemindWaiting';
  about: 'invitation' | 'approval';
  /** Wait before the first reminder and between reminders, in ms (from configuration). */
  intervalMs: number;
}

/** The sweep asks whether the approved plan's next purchase is due (its buy date has come). */
export interface StartDuePurchase extends CommandBase {
  type: 'StartDuePurchase';
}

/** The sweep asks whether the approvers should be reminded of the next purchase (`leadMs` before its day). */
export interface RemindPurchase extends CommandBase {
  type: 'RemindPurchase';
  leadMs: number;
}

/** The sweep reports the invitation's expiry has passed. */
export interface TimeOutInvitation extends CommandBase {
  type: 'TimeOutInvitation';
}

/** What Graph says now about the original subscriptions the move advised on. */
export interface RecordSourceStatus extends CommandBase {
  type: 'RecordSourceStatus';
  /** Subscription id → current status; absent ids are gone from the tenant. */
  statuses: Record<string, string>;
}

/** The sweep asks for reminders before the originals' natural ends. */
export interface RemindSourceExpiry extends CommandBase {
  type: 'RemindSourceExpiry';
  /** How long before an expiry to remind (ms). */
  leadMs: number;
}

/** An Account admin lifts a blocker that a person may judge (e.g. a coarse region hint, restored access). */
export interface OverrideBlock extends CommandBase {
  type: 'OverrideBlock';
  reason: string;
}

/** An Account admin picks offers for a licence the plan found no equivalent for. */
export interface ChooseOffer extends CommandBase {
  type: 'ChooseOffer';
  sourceSkuId: string;
  /** `productId:skuId` of each picked offer, as the card sent them. */
  offerIds: string[];
  reason: string;
}

/** Staff type the inventory on a card when the bot cannot read the tenant (parsed and checked by the caller). */
export interface EnterInventory extends CommandBase {
  type: 'EnterInventory';
  inventory: Inventory | null;
  /** What is wrong with the typed text; the inventory is refused when any. */
  problems: string[];
}

/**
 * The reassignment step reports a batch of users (what Graph did for each, or why they were skipped), the
 * changes it sends next (recorded before they leave), and whether the pass is over.
 */
export interface RecordReassignment extends CommandBase {
  type: 'RecordReassignment';
  results: UserReassignment[];
  /** The users whose changes go to Graph next; none when absent. */
  sending?: SentChange[];
  finished: boolean;
}

/** Another reassignment pass, after staff fixed what blocked some users. */
export interface ResumeReassignment extends CommandBase {
  type: 'ResumeReassignment';
}

/** The inventory step gave the partner's group access through the approved GDAP relationship. */
export interface RecordDelegatedAccess extends CommandBase {
  type: 'RecordDelegatedAccess';
  relationshipId: string;
  groupName: string;
  assignmentId: string;
}

/**
 * Staff ask the bot to email the invitation to the customer's admin. The edge draws the subject and body
 * (presentation); the decider checks the stage, the role, the addresses and that no email is in flight.
 */
export interface RequestInvitationEmail extends CommandBase {
  type: 'RequestInvitationEmail';
  /** The addresses as typed, one per entry (the edge splits the comma-separated list). */
  to: string[];
  subject: string;
  body: string;
  /** From the requester's own mailbox (they lent their Teams sign-in with the click), or from the configured one. */
  sendAs: MailSender['kind'];
}

/** The email step is about to send the requested email (recorded before sendMail is called). */
export interface RecordInvitationEmailAttempt extends CommandBase {
  type: 'RecordInvitationEmailAttempt';
  attemptId: string;
  sender: MailSender | null;
}

/** What became of an attempt: sent, failed (not sent), or unknown (it may have left; never re-sent by the bot). */
export interface RecordInvitationEmailResult extends CommandBase {
  type: 'RecordInvitationEmailResult';
  attemptId: string;
  outcome: 'sent' | 'failed' | 'unknown';
  error?: string;
}

/** Staff tick a follow-up as done (the card's Done button): any stage, as long as the task is open. */
export interface CompleteFollowUp extends CommandBase {
  type: 'CompleteFollowUp';
  taskId: string;
}

/** The sweep asks for reminders of open follow-ups (`leadMs` before each due day). */
export interface RemindFollowUps extends CommandBase {
  type: 'RemindFollowUps';
  leadMs: number;
}

export type MoveCommand =
  | StartMove
  | RecordPreflight
  | RecordInvitation
  | RecordAcceptance
  | RecordInventory
  | ProposePlan
  | ApprovePlan
  | AdjustPlan
  | RejectPlan
  | RecordCart
  | RecordOrder
  | RecordProvisioned
  | RecordSourceAdvice
  | CancelMove
  | WithdrawPendingRequests
  | RemindWaiting
  | StartDuePurchase
  | RemindPurchase
  | TimeOutInvitation
  | OverrideBlock
  | RecordSourceStatus
  | RemindSourceExpiry
  | ChooseOffer
  | EnterInventory
  | RecordReassignment
  | ResumeReassignment
  | RecordDelegatedAccess
  | RequestInvitationEmail
  | RecordInvitationEmailAttempt
  | RecordInvitationEmailResult
  | CompleteFollowUp
  | RemindFollowUps
  | RecordStepFailure;
