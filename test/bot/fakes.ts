/**
 * Small in-memory fakes of the ports (move/ports.ts) and of the edge's stores, for driving the bot with
 * botbuilder's TestAdapter. Hand-written classes, no HTTP and no stubs of HTTP internals.
 */
import type { Activity, ConversationReference } from 'botbuilder';
import type { MoveThread } from '../../bot/conversationRegistry';
import { MemoryMoveStore } from '../../store/memoryMoveStore';
import type { MoveEvent } from '../../move/events';
import type { CatalogOffer, OrderedSubscription, Role } from '../../move/model';
import type { MailSender } from '../../move/model';
import {
  StepError, type CallContext, type CartLineRequest, type Clock, type CustomerRecord, type DelegatedAccess, type IdGenerator,
  type InvitationMail, type InvitationMailer, type Logger, type PartnerCenter, type PartnerDirectory, type PartnerProfile,
  type PlacedOrder, type TenantLookup, type GdapWithdrawal,
} from '../../move/ports';
import type { KeyValueStore } from '../../store/keyValueStore';
import { CATALOG } from './fakeCustomerDirectory';

export {
  CATALOG, contosoUsers, EXO1, FakeCustomerDirectory, INHERITED_LICENSE_MESSAGE, licensedUser, noSeatsMessage, SPB,
  USAGE_LOCATION_MESSAGE, type LicenceCall,
} from './fakeCustomerDirectory';

export const PARTNER_TENANT = '00000000-0000-0000-0000-0000000000001';
export const OTHER_TENANT = '99999999-9999-4999-8999-999999999999';
export const CONTOSO_DOMAIN = 'contoso.onmicrosoft.com';
export const CONTOSO_TENANT = 'a1b2c3d4-0000-4000-8000-000000000001';
export const FABRIKAM_DOMAIN = 'fabrikam.onmicrosoft.com';
export const FABRIKAM_TENANT = 'a1b2c3d4-0000-4000-8000-000000000002';
export const T0 = '2026-11-24T09:00:00.000Z';

/** The Playground's six staff (aadObjectIds …0020 to …0025) and their Partner Center roles. */
export const STAFF = {
  alex: { id: '29:alex', name: 'Alex Wilber', aadObjectId: '00000000-0000-0000-0000-0000000000020', roles: ['account-admin'] as Role[] },
  megan: { id: '29:megan', name: 'Megan Bowen', aadObjectId: '00000000-0000-0000-0000-0000000000021', roles: ['sales-agent'] as Role[] },
  adele: { id: '29:adele', name: 'Adele Vance', aadObjectId: '00000000-0000-0000-0000-0000000000022', roles: ['billing-agent'] as Role[] },
  isaiah: { id: '29:isaiah', name: 'Isaiah Langer', aadObjectId: '00000000-0000-0000-0000-0000000000023', roles: [] as Role[] },
  patti: { id: '29:patti', name: 'Patti Fernandez', aadObjectId: '00000000-0000-0000-0000-0000000000024', roles: ['admin-agent'] as Role[] },
  lynne: { id: '29:lynne', name: 'Lynne Robbins', aadObjectId: '00000000-0000-0000-0000-0000000000025', roles: ['helpdesk-agent'] as Role[] },
} as const;
export type StaffMember = (typeof STAFF)[keyof typeof STAFF];

export const quietLog: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A logger that keeps what it was told, to check that failures are logged rather than swallowed. */
export class RecordingLog implements Logger {
  readonly lines: Array<{ level: 'info' | 'warn' | 'error'; details: object; message: string }> = [];
  info(details: object, message: string): void { this.lines.push({ level: 'info', details, message }); }
  warn(details: object, message: string): void { this.lines.push({ level: 'warn', details, message }); }
  error(details: object, message: string): void { this.lines.push({ level: 'error', details, message }); }
}

export class FixedClock implements Clock {
  private current: number;
  constructor(iso = T0) { this.current = Date.parse(iso); }
  now(): Date { return new Date(this.current); }
  advance(ms: number): void { this.current += ms; }
}

/** id-1, id-2, … (move ids become mv-id-1, …). */
export class SequentialIds implements IdGenerator {
  private next = 0;
  newId(): string { return `id-${++this.next}`; }
}

// -------------------------------------------------------------------------------------------------
// Stores

/** The memory store, with helpers for "nothing happened" assertions. */
export class InMemoryMoveStore extends MemoryMoveStore {
  /** Every event of every move (for "nothing happened" assertions). */
  allEvents(): MoveEvent[] {
    return [...this.streams.values()].flat();
  }

  count(type?: MoveEvent['type']): number {
    return this.allEvents().filter((e) => !type || e.type === type).length;
  }

  eventsOf(moveId: string): MoveEvent[] {
    return this.streams.get(moveId) ?? [];
  }
}

/** KeyValueStore with the file store's JSON round trip. */
export class InMemoryKeyValueStore implements KeyValueStore {
  readonly data = new Map<string, string>();

  async get<T>(key: string): Promise<T | undefined> {
    const text = this.data.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  async put<T>(key: string, value: T): Promise<void> {
    this.data.set(key, JSON.stringify(value));
  }

  async delete(key: string): Promise<void> {
    this.data.delete(key);
  }

  async list(prefix = ''): Promise<string[]> {
    return [...this.data.keys()].filter((k) => k.startsWith(prefix)).sort();
  }
}

// -------------------------------------------------------------------------------------------------
// Outbound ports

// SPB, EXO1, CATALOG and FakeCustomerDirectory live in fakeCustomerDirectory.ts (re-exported above).

/** Resolves the test world's customer domains; anything else has no tenant. */
export class FakeTenantLookup implements TenantLookup {
  readonly tenants = new Map<string, { tenantId: string; regionScope: string | null }>([
    [CONTOSO_DOMAIN, { tenantId: CONTOSO_TENANT, regionScope: 'NA' }],
    [FABRIKAM_DOMAIN, { tenantId: FABRIKAM_TENANT, regionScope: 'NA' }],
  ]);
  calls = 0;

  async resolve(domainOrTenantId: string): Promise<{ tenantId: string; regionScope: string | null } | null> {
    this.calls += 1;
    const key = domainOrTenantId.toLowerCase();
    const byDomain = this.tenants.get(key);
    if (byDomain) return byDomain;
    const byId = [...this.tenants.values()].find((t) => t.tenantId === key);
    return byId ?? null;
  }
}

/**
 * Partner Center for partner "Relecloud" (US): a customer becomes ours when a test calls `accept`;
 * carts, orders and subscriptions are remembered so a repeated checkout returns the same order.
 */
export class FakePartnerCenter implements PartnerCenter {
  readonly customers = new Map<string, CustomerRecord>();
  readonly carts = new Map<string, { customerId: string; lines: CartLineRequest[]; requestId?: string }>();
  readonly orders = new Map<string, PlacedOrder[]>();
  readonly calls: string[] = [];
  /** Makes the next N calls of a method throw (a flaky Partner Center). */
  readonly failures = new Map<string, number>();
  invitationLink = 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=relecloud#/BillingAccounts/partner-invitation';

  /** The customer's Global Admin accepted the reseller invitation. */
  accept(tenantId: string, domain: string, companyName: string, country = 'US'): void {
    this.customers.set(tenantId, { id: tenantId, tenantId, domain, companyName, relationshipToPartner: 'reseller', country });
  }

  failNext(method: keyof PartnerCenter, times = 1): void {
    this.failures.set(method, times);
  }

  private record(method: keyof PartnerCenter): void {
    this.calls.push(method);
    const left = this.failures.get(method) ?? 0;
    if (left > 0) {
      this.failures.set(method, left - 1);
      throw new StepError(`Partner Center ${method} answered 503 Service Unavailable.`, { retryable: true });
    }
  }

  async partnerProfile(_ctx: CallContext): Promise<PartnerProfile> {
    this.record('partnerProfile');
    return { companyName: 'Relecloud', country: 'US' };
  }

  async getCustomer(tenantId: string, _ctx: CallContext): Promise<CustomerRecord | null> {
    this.record('getCustomer');
    return this.customers.get(tenantId.toLowerCase()) ?? null;
  }

  async *listCustomers(_ctx: CallContext): AsyncIterable<CustomerRecord> {
    this.record('listCustomers');
    for (const customer of this.customers.values()) yield { ...customer, country: null };
  }

  async resellerInvitationLink(_ctx: CallContext): Promise<string> {
    this.record('resellerInvitationLink');
    return this.invitationLink;
  }

  async catalogOffers(_country: string, _ctx: CallContext): Promise<CatalogOffer[]> {
    this.record('catalogOffers');
    return CATALOG;
  }

  async findCatalogItemId(productId: string, skuId: string): Promise<string | null> {
    this.record('findCatalogItemId');
    return `${productId}:${skuId}:0001`;
  }

  async createCart(customerId: string, lines: CartLineRequest[], ctx: CallContext): Promise<{ cartId: string }> {
    this.record('createCart');
    const existing = [...this.carts.entries()].find(([, c]) => c.requestId && c.requestId === ctx.requestId);
    if (existing) return { cartId: existing[0] };
    const cartId = `cart-${this.carts.size + 1}`;
    this.carts.set(cartId, { customerId, lines, requestId: ctx.requestId });
    return { cartId };
  }

  async checkoutCart(customerId: string, cartId: string): Promise<PlacedOrder[]> {
    this.record('checkoutCart');
    const done = this.orders.get(cartId);
    if (done) return done;
    const cart = this.carts.get(cartId);
    if (!cart) throw new Error(`No cart ${cartId}.`);
    const placed: PlacedOrder[] = [{
      id: `order-${this.orders.size + 1}`, status: 'completed',
      lineItems: cart.lines.map((l, i) => ({ offerId: l.catalogItemId, subscriptionId: `${cartId}-sub-${i + 1}`, quantity: l.quantity, friendlyName: l.catalogItemId })),
    }];
    this.orders.set(cartId, placed);
    return placed;
  }

  async getSubscription(_customerId: string, subscriptionId: string): Promise<OrderedSubscription> {
    this.record('getSubscription');
    const line = [...this.orders.values()].flat().flatMap((o) => o.lineItems).find((l) => l.subscriptionId === subscriptionId);
    return {
      subscriptionId, offerId: line?.offerId ?? 'unknown', title: line?.friendlyName ?? 'unknown', quantity: line?.quantity ?? 0,
      status: 'active', cancellationAllowedUntil: '2026-12-01T09:00:00.000Z',
    };
  }

  /** How many times an order was placed (checkout of a new cart). */
  get orderCount(): number {
    return this.orders.size;
  }
}

/** The partner security group the fake gives GDAP access to (AdminAgents). */
export const ADMIN_AGENTS_GROUP_ID = 'ad000000-0000-4000-8000-00000000a9e5';

/**
 * Graph in the partner tenant: the six staff's roles; GDAP requests are remembered. Access is granted to
 * AdminAgents for every relationship it created, unless `gdapStatus` (all of them) or `gdapStatuses`
 * (one id) says another status, e.g. `approvalPending`; an id it never created is `notFound`.
 */
export class FakePartnerDirectory implements PartnerDirectory {
  readonly roles = new Map<string, Role[]>(Object.values(STAFF).map((s) => [s.aadObjectId, [...s.roles]]));
  readonly gdapRequests: Array<{ customerTenantId: string; displayName: string }> = [];
  /** Relationship ids grantDelegatedAccess was called with, in order. */
  readonly accessGrants: string[] = [];
  gdapStatus = 'active';
  readonly gdapStatuses = new Map<string, string>();
  roleLookups = 0;
  failRoleLookups = false;
  private readonly created = new Set<string>();

  async rolesOf(userObjectId: string): Promise<Role[]> {
    this.roleLookups += 1;
    if (this.failRoleLookups) throw new Error('Graph answered 503');
    return [...(this.roles.get(userObjectId) ?? [])];
  }

  async requestDelegatedAdmin(customerTenantId: string, displayName: string): Promise<{ relationshipId: string; approvalLink: string }> {
    this.gdapRequests.push({ customerTenantId, displayName });
    const relationshipId = `gdap-${this.gdapRequests.length}`;
    this.created.add(relationshipId);
    return { relationshipId, approvalLink: `https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${relationshipId}` };
  }

  /** Relationship ids withdrawDelegatedAdminRequest was called with, in order; `failWithdrawals` makes the next calls fail. */
  readonly withdrawals: string[] = [];
  failWithdrawals: { times: number; retryable: boolean } | null = null;

  /** Withdraws a request it created that is not active yet (its status becomes `terminated`); fails as `failWithdrawals` says. */
  async withdrawDelegatedAdminRequest(relationshipId: string): Promise<GdapWithdrawal> {
    this.withdrawals.push(relationshipId);
    if (this.failWithdrawals && this.failWithdrawals.times > 0) {
      this.failWithdrawals.times -= 1;
      throw new StepError('Graph: terminate the GDAP relationship failed (HTTP 503): Service unavailable', { retryable: this.failWithdrawals.retryable });
    }
    const status = this.gdapStatuses.get(relationshipId) ?? (this.created.has(relationshipId) ? this.gdapStatus : 'notFound');
    if (status === 'notFound' || status === 'terminated') return { outcome: 'already-ended', status };
    if (status === 'active') return { outcome: 'approved', status };
    this.gdapStatuses.set(relationshipId, 'terminated');
    return { outcome: 'withdrawn', status };
  }

  async grantDelegatedAccess(relationshipId: string): Promise<DelegatedAccess> {
    this.accessGrants.push(relationshipId);
    const status = this.gdapStatuses.get(relationshipId) ?? (this.created.has(relationshipId) ? this.gdapStatus : 'notFound');
    if (status !== 'active') return { kind: 'not-active', relationshipStatus: status };
    // One assignment per relationship, as the real adapter reuses an earlier one.
    return { kind: 'granted', groupId: ADMIN_AGENTS_GROUP_ID, groupName: 'AdminAgents', assignmentId: `access-${relationshipId}`, assignmentStatus: 'pending' };
  }
}

/** The mailbox the fake sends from when nobody's sign-in is at hand (MAIL_SENDER_MAILBOX). */
export const MOVES_MAILBOX = 'moves@relecloud.onmicrosoft.com';

/**
 * Graph sendMail for the invitation email: counts and keeps every message, from the staff member's mailbox
 * when the call carries their sign-in, else from `mailbox` (null: no mailbox). `failNext` makes the next
 * send fail, `'failed'` (not sent) or `'unknown'` (no answer: it may have left).
 */
export class FakeInvitationMailer implements InvitationMailer {
  readonly sent: Array<InvitationMail & { from: string; userAssertion?: string }> = [];
  mailbox: string | null = MOVES_MAILBOX;
  calls = 0;
  private failure: 'failed' | 'unknown' | null = null;

  failNext(outcome: 'failed' | 'unknown'): void {
    this.failure = outcome;
  }

  senderFor(ctx: CallContext): MailSender | null {
    if (ctx.userAssertion) return { kind: 'user' };
    return this.mailbox ? { kind: 'mailbox', address: this.mailbox } : null;
  }

  async send(mail: InvitationMail, ctx: CallContext): Promise<void> {
    this.calls += 1;
    const sender = this.senderFor(ctx);
    const failure = this.failure;
    this.failure = null;
    if (failure === 'failed') {
      throw Object.assign(new Error(`Emailing the invitation from ${this.mailbox}: Graph answered HTTP 403 (ErrorAccessDenied): Access is denied. Fix: grant the app Mail.Send.`), { outcome: 'failed' });
    }
    if (failure === 'unknown') {
      throw Object.assign(new Error(`Emailing the invitation from ${this.mailbox}: Graph did not answer. The email may have left all the same: check the Sent Items of ${this.mailbox} before sending again.`), { outcome: 'unknown' });
    }
    if (!sender) throw new Error('Emailing the invitation: the bot has no mailbox to send from.');
    this.sent.push({ ...mail, from: sender.kind === 'mailbox' ? sender.address : 'me', userAssertion: ctx.userAssertion });
  }
}

// -------------------------------------------------------------------------------------------------
// Teams proactive posting

export interface PostRecord {
  op: 'send' | 'update' | 'startThread';
  conversationId: string;
  activityId: string;
  activity: Partial<Activity>;
}

/**
 * Stands in for TeamsPoster (its three methods): records what would be posted proactively. Channel
 * threads are named like Teams names them: "<channel id>;messageid=<root activity id>".
 */
export class RecordingPoster {
  readonly posts: PostRecord[] = [];
  private counter = 0;

  async send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<string> {
    const activityId = `posted-${++this.counter}`;
    this.posts.push({ op: 'send', conversationId: reference.conversation?.id ?? '', activityId, activity });
    return activityId;
  }

  async update(reference: Partial<ConversationReference>, activityId: string, activity: Partial<Activity>): Promise<void> {
    this.posts.push({ op: 'update', conversationId: reference.conversation?.id ?? '', activityId, activity });
  }

  async startThread(channelReference: Partial<ConversationReference>, channelId: string, activity: Partial<Activity>): Promise<MoveThread> {
    const rootActivityId = `root-${++this.counter}`;
    const threadId = `${channelId};messageid=${rootActivityId}`;
    this.posts.push({ op: 'startThread', conversationId: channelId, activityId: rootActivityId, activity });
    return {
      reference: { ...channelReference, activityId: undefined, conversation: { ...channelReference.conversation!, id: threadId, isGroup: true, conversationType: 'channel' } },
      rootActivityId,
    };
  }

  to(conversationId: string): PostRecord[] {
    return this.posts.filter((p) => p.conversationId === conversationId);
  }

  clear(): void {
    this.posts.length = 0;
  }
}
