/**
 * Ports: the interfaces the domain needs from the outside world. Adapters in services/ and store/
 * implement them; tests use the sandbox or small in-memory fakes.
 */
import type { BlockReason, MoveEvent } from './events';
import type { CatalogOffer, MailSender, OrderedSubscription, Role, SourceSubscription, TermDuration, BillingCycle } from './model';
import type { SkuCatalog } from './skuCatalog';
import type { MoveState } from './state';

/** Carried on every outbound call so Partner Center and our logs can tie calls to one move. */
export interface CallContext {
  correlationId: string;
  /** Idempotency key for a call that must not be done twice (Partner Center MS-RequestId). */
  requestId?: string;
  /**
   * The signed-in staff member's Teams SSO token, for App+User calls made on their behalf
   * (exchanged on-behalf-of). Held in memory only, never stored or logged.
   */
  userAssertion?: string;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  newId(): string;
}

/** Public tenant discovery (OpenID metadata); no token needed. */
export interface TenantLookup {
  /** null when no tenant answers for that domain. */
  resolve(domainOrTenantId: string): Promise<{ tenantId: string; regionScope: string | null } | null>;
}

export interface PartnerProfile {
  companyName: string;
  country: string;
}

export interface CustomerRecord {
  id: string;
  tenantId: string;
  domain: string;
  companyName: string;
  relationshipToPartner: string;
  /** `companyProfile.address.country`; only on a single-customer read. */
  country: string | null;
}

export interface CartLineRequest {
  catalogItemId: string;
  quantity: number;
  termDuration: TermDuration;
  billingCycle: BillingCycle;
}

export interface PlacedOrder {
  id: string;
  status: string;
  lineItems: Array<{ offerId: string; subscriptionId: string | null; quantity: number; friendlyName: string }>;
}

export interface PartnerCenter {
  /** `GET /v1/profiles/legalbusiness`: the partner's own country decides its CSP region. */
  partnerProfile(ctx: CallContext): Promise<PartnerProfile>;
  /** `GET /v1/customers/{tenantId}`; null when the tenant is not our customer. */
  getCustomer(tenantId: string, ctx: CallContext): Promise<CustomerRecord | null>;
  /** `GET /v1/customers?size=` following `links.next` + `MS-ContinuationToken` to the last page. */
  listCustomers(ctx: CallContext): AsyncIterable<CustomerRecord>;
  /** `GET /v1/customers/relationshiprequests` (App+User): the reseller invitation URL. */
  resellerInvitationLink(ctx: CallContext): Promise<string>;
  /** Products → SKUs of the license-based catalog sold in a country. */
  catalogOffers(country: string, ctx: CallContext): Promise<CatalogOffer[]>;
  /** The purchasable availability of an offer for a term and billing cycle, resolved at purchase time. */
  findCatalogItemId(productId: string, skuId: string, country: string, term: TermDuration, billing: BillingCycle, ctx: CallContext): Promise<string | null>;
  /** `POST /v1/customers/{id}/carts`; `ctx.requestId` makes a retried create return the same cart. */
  createCart(customerId: string, lines: CartLineRequest[], ctx: CallContext): Promise<{ cartId: string }>;
  /** `POST .../carts/{cartId}/checkout`; safe to repeat for the same cart. */
  checkoutCart(customerId: string, cartId: string, ctx: CallContext): Promise<PlacedOrder[]>;
  getSubscription(customerId: string, subscriptionId: string, ctx: CallContext): Promise<OrderedSubscription>;
}

export interface SubscribedSku {
  skuId: string;
  skuPartNumber: string;
  capabilityStatus: string;
  appliesTo: string;
  consumedUnits: number;
  prepaidUnits: { enabled: number; suspended: number; warning: number; lockedOut: number };
  servicePlans: Array<{ servicePlanId: string; servicePlanName: string; provisioningStatus: string; appliesTo: string }>;
  subscriptionIds: string[];
}

/** A licence a user holds, with the service plans switched off for them. */
export interface UserLicence {
  skuId: string;
  disabledPlans: string[];
}

/** A user holding a SKU (Graph `users` with `assignedLicenses` and `licenseAssignmentStates`). */
export interface LicensedUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  usageLocation: string | null;
  assignedLicenses: UserLicence[];
  /** `assignedByGroup` null = direct; a group id = inherited (cannot be changed on the user). */
  licenseAssignmentStates: Array<{ skuId: string; assignedByGroup: string | null }>;
}

/** One user's `assignLicense`: adds and removes in one call (never remove first). */
export interface UserLicenceChange {
  userId: string;
  addLicenses: UserLicence[];
  removeLicenses: string[];
}

/**
 * One change's outcome. `ok` when Graph made it — also when Graph did not confirm it but the user's licences,
 * read back, show it done; a failure is reported only once the licences show it was not made.
 */
export interface UserLicenceChangeResult {
  userId: string;
  ok: boolean;
  /** Graph's error code and message when it refused. */
  code: string | null;
  message: string | null;
}

/** A user's licences as read now; `assignedLicenses` null when the user no longer exists. */
export interface UserLicences {
  userId: string;
  assignedLicenses: UserLicence[] | null;
}

/** Graph in a customer tenant (needs GDAP or consent). */
export interface CustomerDirectory {
  subscribedSkus(tenantId: string, ctx: CallContext): Promise<SubscribedSku[]>;
  subscriptions(tenantId: string, ctx: CallContext): Promise<SourceSubscription[]>;
  /** The tenant's country (Graph `organization.countryLetterCode`); null when it does not say. */
  tenantCountry(tenantId: string, ctx: CallContext): Promise<string | null>;
  /** Every user holding `skuId` (directly or through a group), page by page. */
  licensedUsers(tenantId: string, skuId: string, ctx: CallContext): AsyncIterable<LicensedUser>;
  /**
   * Applies the changes (through `$batch`); one result per change, failures included, never thrown per user.
   * Throws when the call as a whole failed, or when some user's outcome stays unknown (read them with `userLicences`).
   */
  changeLicences(tenantId: string, changes: UserLicenceChange[], ctx: CallContext): Promise<UserLicenceChangeResult[]>;
  /** The users' licences now, one entry per id; throws when some cannot be read. */
  userLicences(tenantId: string, userIds: string[], ctx: CallContext): Promise<UserLicences[]>;
}

/** Microsoft's SKU → service plan table, loaded at run time (path or URL), cached, refreshed when old. */
export interface SkuCatalogSource {
  /** Never throws: when the table cannot be had, the catalog is empty and its `problem` says why. */
  current(): Promise<SkuCatalog>;
}

/** A member of the partner's staff, as the partner's directory names them. */
export interface StaffMember {
  /** Entra object id (lower case). */
  id: string;
  name: string;
  roles: Role[];
}

/** Who holds which staff role in the partner tenant: to name the people who can act, and to ask them. */
export interface StaffDirectory {
  /** Everyone holding any of these roles (cached briefly); throws when the directory cannot be read. */
  staffWith(roles: readonly Role[]): Promise<StaffMember[]>;
}

/** Graph in the partner tenant: staff roles and delegated-admin (GDAP) requests. */
export interface PartnerDirectory {
  rolesOf(userObjectId: string): Promise<Role[]>;
  /** Create a GDAP relationship with least-privilege roles and lock it for the customer's approval. */
  requestDelegatedAdmin(customerTenantId: string, displayName: string, ctx: CallContext): Promise<{ relationshipId: string; approvalLink: string }>;
  /**
   * Once the customer approved the GDAP relationship (`active`): gives the partner's configured security group
   * (AdminAgents by default) the relationship's roles, reusing an assignment an earlier attempt made.
   * Before that, says the relationship's status and changes nothing.
   */
  grantDelegatedAccess(relationshipId: string, ctx: CallContext): Promise<DelegatedAccess>;
  /**
   * Withdraws a GDAP request the customer has not approved (a cancelled move's): one still `created` is deleted, one
   * `approvalPending` terminated. One the customer approved is left in place; one that ended or is gone needs
   * nothing. Safe to repeat. Throws a StepError (retryable or not) when Graph fails.
   */
  withdrawDelegatedAdminRequest(relationshipId: string, ctx: CallContext): Promise<GdapWithdrawal>;
}

/** What withdrawing a GDAP request did, and the relationship's status as Graph gave it before (`notFound`: gone). */
export interface GdapWithdrawal {
  outcome: 'withdrawn' | 'already-ended' | 'approved';
  status: string;
}

export type DelegatedAccess =
  | { kind: 'granted'; groupId: string; groupName: string; assignmentId: string; assignmentStatus: string }
  /** Not approved yet (e.g. `approvalPending`), or no longer usable (`expired`, `terminated`, gone: status `notFound`). */
  | { kind: 'not-active'; relationshipStatus: string };

/** One plain-text email to a customer's admin. */
export interface InvitationMail {
  to: string[];
  subject: string;
  body: string;
}

/**
 * Sends the invitation email through Graph sendMail: from the staff member's own mailbox when the call
 * carries their sign-in (`ctx.userAssertion`), otherwise from the configured mailbox (MAIL_SENDER_MAILBOX).
 */
export interface InvitationMailer {
  /** Where a mail sent with this context would leave from; null when there is no mailbox to send from. */
  senderFor(ctx: CallContext): MailSender | null;
  /**
   * Sends once (sendMail is not idempotent: never retried). Resolves when Graph accepted the message.
   * Rejects with an error naming the step and the fix; an error with `outcome: 'unknown'` means the
   * message may have left all the same (no answer, or a server error), so it must not be sent again blindly.
   */
  send(mail: InvitationMail, ctx: CallContext): Promise<void>;
}

/** How the adapter that made a failed call judges it: may trying again help, and must the move wait for a person? */
export interface StepErrorJudgement {
  /** Trying again later can help (throttled, the service failed or did not answer). */
  retryable: boolean;
  /** The move cannot go on without a person (e.g. no access to the customer's tenant): it is blocked for this reason. */
  blocks?: BlockReason;
}

/**
 * A side effect that failed, as the adapter that made the call judged it. The domain reads nothing else of
 * an error than `retryable`, `blocks` and the message (short, naming the call and the fix). The adapters'
 * own errors (GraphError, PartnerCenterError, TokenRequestError…) extend it and keep their own fields; any
 * other error is unexpected, and the step is tried again after its back-off.
 */
export class StepError extends Error {
  readonly retryable: boolean;
  readonly blocks: BlockReason | undefined;

  constructor(message: string, judgement: StepErrorJudgement, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StepError';
    this.retryable = judgement.retryable;
    this.blocks = judgement.blocks;
  }
}

export class ConcurrencyError extends Error {
  constructor(readonly moveId: string, readonly expectedVersion: number, readonly actualVersion: number) {
    super(`Move ${moveId} changed meanwhile (expected version ${expectedVersion}, found ${actualVersion}).`);
    this.name = 'ConcurrencyError';
  }
}

/** The move's event streams. Appends are at an expected version; a mismatch throws ConcurrencyError. */
export interface MoveStore {
  load(moveId: string): Promise<MoveEvent[]>;
  append(moveId: string, expectedVersion: number, events: MoveEvent[]): Promise<number>;
  listMoveIds(): Promise<string[]>;
}

/** Tells people what happened: the starter's conversation and the move's thread in the channel. */
/**
 * Tells people about a move. `moveChanged` is called under the move's lock right after its events are
 * committed: it must only record what to say (delivery happens afterwards, never inside a click).
 */
export interface Notifier {
  moveChanged(state: MoveState, newEvents: MoveEvent[]): Promise<void>;
  /** At each sweep: say what was committed but never recorded for saying, and retry what is due. */
  catchUp?(moves: readonly MoveState[], history: (moveId: string) => Promise<MoveEvent[]>): Promise<void>;
}

/** Structured logging (pino-compatible). Never give it secrets. */
export interface Logger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/**
 * A MoveStore that can tell every stream's version (its number of events) without loading the events (Azure
 * Table: the head entities, one query), so a sweep over a shared store reloads only the moves changed elsewhere.
 */
export interface MoveStreamVersions {
  /** Move id → version, for every move in the store. */
  streamVersions(): Promise<Map<string, number>>;
}

export function canTellStreamVersions(store: MoveStore): store is MoveStore & MoveStreamVersions {
  return typeof (store as Partial<MoveStreamVersions>).streamVersions === 'function';
}

/** Which step of which move a span is about: ids and the step's name only, never customer data. */
export interface MoveStepTraceContext {
  moveId: string;
  /** The move's correlation id (also sent on its Partner Center and Graph calls). */
  correlationId: string;
  /** The stage whose side effect runs (e.g. `preflight`, `inventory`). */
  step: string;
}

/** How a failed step failed, for the step-failure count: as the adapter judged it, and the error's class name. */
export interface StepFailureTrace {
  kind: 'retryable' | 'permanent' | 'blocked' | 'refused';
  /** The error's class name (`PartnerCenterError`, `GraphError`, `OutboundHttpError`...), never its message. */
  errorType: string;
}

/** Told how the step ended, while its span is still open. */
export interface StepTrace {
  /** The step's result was recorded with this command (e.g. `RecordPreflight`). */
  recorded(command: string): void;
  /** The step failed (or its result was refused); counted among the step failures. */
  failed(failure: StepFailureTrace): void;
}

/**
 * Tracing and metrics of the orchestrator's work (OpenTelemetry when APPLICATIONINSIGHTS_CONNECTION_STRING is set,
 * services/telemetry; NO_MOVE_TELEMETRY otherwise). Never throws into the move.
 */
export interface MoveTelemetry {
  /** Runs one step of a move inside its span; the calls the step makes are that span's children. */
  traceStep<T>(step: MoveStepTraceContext, work: (trace: StepTrace) => Promise<T>): Promise<T>;
  /** A move entered a stage (`from` null: the move started). */
  stageChanged(from: string | null, to: string): void;
}

const NO_STEP_TRACE: StepTrace = Object.freeze({ recorded: () => undefined, failed: () => undefined });

/** The default: no spans, no metrics, nothing loaded. */
export const NO_MOVE_TELEMETRY: MoveTelemetry = Object.freeze({
  traceStep: <T>(_step: MoveStepTraceContext, work: (trace: StepTrace) => Promise<T>): Promise<T> => work(NO_STEP_TRACE),
  stageChanged: () => undefined,
});
