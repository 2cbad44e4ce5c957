import { createHash } from 'node:crypto';
import { adviseOnSources } from './advice';
import type { MoveCommand } from './commands';
import type { BlockReason } from './events';
import { joinInventory, summarizeUsage } from './inventory';
import { InvitationEmailStep } from './invitationEmailStep';
import { SYSTEM_ACTOR, type OrderedSubscription, type PlanLine, type PlanUsage, type PrepaidCheck } from './model';
import type { OrchestratorDeps } from './orchestratorDeps';
import { buildPlan, cartQuantities, DEFAULT_FREE_SKUS } from './plan';
import { LicenceReassignmentStep } from './reassignStep';
import { StepError, type CallContext, type CustomerRecord } from './ports';
import type { PriceBook } from './pricing';
import type { MoveState } from './state';
import { linesBeingBought } from './schedule';
import { WithdrawalStep } from './withdrawalStep';

/** How long to wait for Graph to show the new licences before recording the mismatch. */
const PREPAID_CHECK_PATIENCE_MS = 60 * 60_000;

/** Subscription statuses after which a new purchase needs nothing more from us. */
const PROVISIONED_STATUSES = new Set(['active']);

/** GDAP relationship statuses on the way to `active`: no access yet is then a wait for the customer, not a blocker. */
const GDAP_ON_ITS_WAY = new Set(['created', 'approvalpending', 'approved', 'activating']);

/**
 * The side effect each stage needs, performed through the ports; each returns the command that
 * records its result (or null when the move waits). Idempotency keys come from the move id and
 * the step, so a retry after a crash repeats the same call rather than making a second one.
 */
export class MoveSteps {
  private readonly invitationEmail: InvitationEmailStep;
  private readonly reassignment: LicenceReassignmentStep;
  private readonly withdrawal: WithdrawalStep;

  constructor(
    private readonly deps: OrchestratorDeps,
    /** Another move under way for a tenant, other than the given one. */
    private readonly activeMoveForTenant: (tenantId: string, exceptMoveId: string) => MoveState | undefined,
  ) {
    this.invitationEmail = new InvitationEmailStep(deps);
    this.reassignment = new LicenceReassignmentStep(deps);
    this.withdrawal = new WithdrawalStep(deps);
  }

  /** `userAssertion`: the staff member's sign-in, when one was lent for this move's App+User calls. */
  async nextCommand(state: MoveState, userAssertion?: string): Promise<MoveCommand | null> {
    const ctx: CallContext = { correlationId: state.correlationId };
    const base = { actor: SYSTEM_ACTOR, at: this.deps.clock.now().toISOString() };
    // App+User calls (the invitation, mail from the staff member's mailbox): as them when they lent their sign-in.
    const asUser: CallContext = userAssertion ? { ...ctx, userAssertion } : ctx;
    // An invitation email in flight is settled first, whatever the stage (it never holds the move up).
    const email = await this.invitationEmail.next(state, asUser, base);
    if (email) return email;
    // A cancelled move withdraws the GDAP request the customer had not answered (only once cancelled).
    const withdrawal = await this.withdrawal.next(state, ctx, base);
    if (withdrawal) return withdrawal;
    switch (state.stage) {
      case 'preflight': {
        const tenant = await this.deps.tenants.resolve(state.customerDomain);
        const partnerCountry = this.deps.settings.partnerCountry ?? (await this.deps.partnerCenter.partnerProfile(ctx)).country;
        const customer = tenant ? await this.deps.partnerCenter.getCustomer(tenant.tenantId, ctx) : null;
        const existingCustomerId = customer && customer.relationshipToPartner.toLowerCase() === 'reseller' ? customer.id : null;
        const other = tenant ? this.activeMoveForTenant(tenant.tenantId, state.moveId) : undefined;
        return {
          type: 'RecordPreflight', ...base, tenant, partnerCountry: partnerCountry.toUpperCase(), existingCustomerId,
          otherActiveMove: other ? { moveId: other.moveId, customerDomain: other.customerDomain } : null,
        };
      }
      case 'invitation': {
        const resellerLink = await this.deps.partnerCenter.resellerInvitationLink(asUser);
        let gdap: { relationshipId: string; approvalLink: string } | null = null;
        if (state.requestGdap && state.tenantId) {
          // Unique per move (Graph requires unique display names), at most 50 characters.
          const displayName = `CSP move ${state.moveId}`.slice(0, 50);
          gdap = await this.deps.partnerDirectory.requestDelegatedAdmin(state.tenantId, displayName, asUser);
        }
        return {
          type: 'RecordInvitation', ...base, resellerLink,
          gdapRelationshipId: gdap?.relationshipId ?? null, gdapLink: gdap?.approvalLink ?? null,
        };
      }
      case 'inventory': {
        const tenantId = required(state.tenantId, 'tenant id');
        // GDAP gives nobody access until a partner group is assigned its roles: do that once the customer approved.
        const relationshipId = state.invitation?.gdapRelationshipId;
        let gdapPending: string | null = null;
        if (relationshipId && !state.delegatedAccess) {
          const access = await this.deps.partnerDirectory.grantDelegatedAccess(relationshipId, ctx);
          if (access.kind === 'granted') {
            return { type: 'RecordDelegatedAccess', ...base, relationshipId, groupName: access.groupName, assignmentId: access.assignmentId };
          }
          // Not approved yet: the tenant may still be readable (consent), so the inventory is tried anyway.
          if (GDAP_ON_ITS_WAY.has(access.relationshipStatus.toLowerCase())) gdapPending = access.relationshipStatus;
        }
        const [skus, subscriptions, customerCountry] = await Promise.all([
          this.deps.customers.subscribedSkus(tenantId, ctx),
          this.deps.customers.subscriptions(tenantId, ctx),
          this.deps.customers.tenantCountry(tenantId, ctx),
        ]).catch((error: unknown) => { throw gdapPending ? waitingForGdap(error, gdapPending) : error; });
        const inventory = joinInventory(skus, subscriptions, base.at);
        const free = new Set((this.deps.settings.freeSkuPartNumbers ?? DEFAULT_FREE_SKUS).map((s) => s.toUpperCase()));
        for (const line of inventory.lines) {
          // Which plans users have on decides equivalents; free SKUs and unused ones are never matched.
          if (line.consumedUnits === 0 || free.has(line.skuPartNumber.toUpperCase())) continue;
          line.usage = await this.usageOf(tenantId, line.skuId, line.servicePlans.map((p) => p.id), ctx);
        }
        return { type: 'RecordInventory', ...base, inventory, customerCountry };
      }
      case 'plan': {
        const [offers, skus, prices] = await Promise.all([
          this.deps.partnerCenter.catalogOffers(state.customerCountry, ctx),
          this.deps.skuCatalog.current(),
          this.pricesFor(state.customerCountry, ctx),
        ]);
        const plan = buildPlan(required(state.inventory, 'inventory'), offers, {
          term: this.deps.settings.term, billing: this.deps.settings.billing,
          partnerTenantId: this.deps.settings.partnerTenantId, freeSkuPartNumbers: this.deps.settings.freeSkuPartNumbers,
          now: base.at, skus, offerMap: this.deps.offerMap, choices: state.offerChoices, buyDaysBeforeEnd: this.deps.settings.buyDaysBeforeEnd, prices,
        });
        return { type: 'ProposePlan', ...base, plan };
      }
      case 'reassigning-licenses':
        return this.reassignment.next(state, ctx, base);
      case 'provisioning':
        return this.provision(state, ctx, base);
      case 'watching-sources': {
        // Graph is asked only once an original's date has passed (or it has none): until then nothing can have ended.
        const now = Date.parse(base.at);
        const open = state.advice.filter((a) => !state.sourcesEnded.includes(a.subscriptionId));
        if (!open.some((a) => !a.expires || Date.parse(a.expires) <= now)) return null;
        const current = await this.deps.customers.subscriptions(required(state.tenantId, 'tenant id'), ctx);
        const statuses = Object.fromEntries(current.map((s) => [s.id, s.status]));
        return { type: 'RecordSourceStatus', ...base, statuses };
      }
      case 'source-advice': {
        const plan = required(state.plan, 'plan');
        const advice = adviseOnSources(required(state.inventory, 'inventory'), {
          source: state.source, multiPartner: state.multiPartner, partnerTenantId: this.deps.settings.partnerTenantId,
          hasDelegatedAdmin: Boolean(state.invitation?.gdapRelationshipId) || state.invitation === null,
          movedSkuIds: new Set(plan.lines.map((l) => l.source.skuId.toLowerCase())),
        });
        return { type: 'RecordSourceAdvice', ...base, advice };
      }
      default:
        return null;
    }
  }

  /** Cart (recorded before checkout) → checkout (safe to repeat for the same cart) → wait until active. */
  private async provision(state: MoveState, ctx: CallContext, base: { actor: typeof SYSTEM_ACTOR; at: string }): Promise<MoveCommand | null> {
    const customerId = required(state.customerId, 'customer id');
    const plan = required(state.plan, 'plan');
    const buying = linesBeingBought(state);
    if (!state.cart) {
      const lines = [];
      for (const wanted of cartQuantities({ lines: buying })) {
        const catalogItemId = await this.deps.partnerCenter.findCatalogItemId(
          wanted.offer.productId, wanted.offer.skuId, state.customerCountry, wanted.termDuration, wanted.billingCycle, ctx);
        if (!catalogItemId) {
          throw new StepError(`${wanted.offer.title} is no longer sold as ${wanted.termDuration} billed ${wanted.billingCycle} in ${state.customerCountry}.`, { retryable: false });
        }
        lines.push({ catalogItemId, quantity: wanted.quantity, termDuration: wanted.termDuration, billingCycle: wanted.billingCycle });
      }
      // One cart per purchase; the first keeps the id moves approved before schedules existed used.
      const round = state.schedule[state.bought]?.round ?? 0;
      const requestId = requestIdFor(state.moveId, round === 0 ? `cart:${plan.hash}` : `cart:${plan.hash}:${round}`);
      const { cartId } = await this.deps.partnerCenter.createCart(customerId, lines, { ...ctx, requestId });
      return { type: 'RecordCart', ...base, customerId, cartId, requestId };
    }
    if (state.orderedAt === null) {
      const requestId = requestIdFor(state.moveId, `checkout:${state.cart.cartId}`);
      const orders = await this.deps.partnerCenter.checkoutCart(customerId, state.cart.cartId, { ...ctx, requestId });
      const subscriptions: OrderedSubscription[] = [];
      for (const order of orders) {
        for (const item of order.lineItems) {
          if (!item.subscriptionId) continue;
          subscriptions.push(await this.deps.partnerCenter.getSubscription(customerId, item.subscriptionId, ctx));
        }
      }
      return { type: 'RecordOrder', ...base, orderIds: orders.map((o) => o.id), subscriptions };
    }
    const current = await Promise.all(state.subscriptions.map((s) => this.deps.partnerCenter.getSubscription(customerId, s.subscriptionId, ctx)));
    if (current.length === 0 || !current.every((s) => PROVISIONED_STATUSES.has(s.status.toLowerCase()))) return null;
    const prepaidCheck = await this.checkPrepaidUnits(state, buying, ctx);
    // Graph can lag behind Partner Center: wait for the licences to show, but not for ever.
    const waitedMs = Date.parse(base.at) - Date.parse(state.orderedAt ?? base.at);
    if (prepaidCheck.some((c) => !c.ok) && waitedMs < PREPAID_CHECK_PATIENCE_MS) return null;
    return { type: 'RecordProvisioned', ...base, subscriptions: current, prepaidCheck };
  }

  /**
   * The partner's prices in the customer's market. A sheet that cannot be had for a lasting reason (no permission,
   * a changed format) leaves the plan on guide prices, saying why; a passing failure retries the step.
   */
  private async pricesFor(market: string, ctx: CallContext): Promise<{ book: PriceBook } | { problem: string } | undefined> {
    if (!this.deps.prices) return undefined;
    try {
      return { book: await this.deps.prices.priceBook(market, ctx) };
    } catch (error) {
      if (error instanceof StepError && !error.retryable) {
        this.deps.log.warn({ market, err: error.message }, 'price sheet unavailable: the plan shows guide prices');
        return { problem: error.message };
      }
      throw error;
    }
  }

  /**
   * Which plans the SKU's users have on. Best effort: when the users cannot be read for lack of access (the
   * app may read licences but not users), it is unknown, and the plan then covers every plan of the SKU and
   * says so. Any other failure is thrown, so the step is retried (or fails, as the adapter judged it).
   */
  private async usageOf(tenantId: string, skuId: string, planIds: string[], ctx: CallContext): Promise<PlanUsage | null> {
    const users = [];
    try {
      for await (const user of this.deps.customers.licensedUsers(tenantId, skuId, ctx)) users.push(user);
    } catch (error) {
      if (!(error instanceof StepError && error.blocks?.code === 'no-customer-access')) throw error;
      this.deps.log.warn({ tenantId, skuId, err: error.message }, 'users unreadable: which service plans are in use is unknown');
      return null;
    }
    return summarizeUsage(users, skuId, planIds);
  }

  /** The customer's licences in service per provisioned Graph SKU now, against the inventory plus what was ordered. */
  private async checkPrepaidUnits(state: MoveState, buying: readonly PlanLine[], ctx: CallContext): Promise<PrepaidCheck[]> {
    const skus = await this.deps.customers.subscribedSkus(required(state.tenantId, 'tenant id'), ctx);
    const inventory = required(state.inventory, 'inventory');
    const ordered = new Map<string, { skuPartNumber: string; quantity: number }>();
    for (const line of buying) {
      for (const offer of line.offers) {
        const skuId = (offer.provisioningId ?? line.source.skuId).toLowerCase();
        const partNumber = skuId === line.source.skuId.toLowerCase() ? line.source.skuPartNumber : offer.title;
        const entry = ordered.get(skuId) ?? { skuPartNumber: partNumber, quantity: 0 };
        ordered.set(skuId, { ...entry, quantity: entry.quantity + line.quantity });
      }
    }
    return [...ordered].map(([skuId, { skuPartNumber, quantity }]) => {
      const now = skus.find((s) => s.skuId.toLowerCase() === skuId);
      const after = now ? now.prepaidUnits.enabled + now.prepaidUnits.warning : 0;
      const before = inventory.lines.find((l) => l.skuId.toLowerCase() === skuId)?.totalUnits ?? 0;
      return { skuId, skuPartNumber: now?.skuPartNumber ?? skuPartNumber, before, after, ordered: quantity, ok: after >= before + quantity };
    });
  }

  /** One paged listing of our customers for all waiting moves (not one call per move, nor per acceptance). */
  async findAcceptedCustomers(waiting: MoveState[]): Promise<Map<string, CustomerRecord>> {
    const byTenant = new Map<string, MoveState[]>();
    for (const state of waiting) {
      if (!state.tenantId) continue;
      const key = state.tenantId.toLowerCase();
      byTenant.set(key, [...(byTenant.get(key) ?? []), state]);
    }
    const found = new Map<string, CustomerRecord>();
    const ctx: CallContext = { correlationId: this.deps.ids.newId() };
    let tenantsLeft = byTenant.size;
    for await (const customer of this.deps.partnerCenter.listCustomers(ctx)) {
      const states = byTenant.get(customer.tenantId.toLowerCase());
      if (!states || customer.relationshipToPartner.toLowerCase() !== 'reseller') continue;
      // The listing alone decides: the country is checked at the inventory, from the tenant's own directory.
      for (const state of states) found.set(state.moveId, customer);
      tenantsLeft -= 1;
      if (tenantsLeft === 0) break;
    }
    return found;
  }

  /**
   * How a step's failure is recorded: as the adapter judged it (a StepError: retryable or not, blocking the
   * move or not). Any other error is unexpected: it is tried again after the back-off.
   */
  describeFailure(state: MoveState, error: unknown): { step: string; error: string; retryable: boolean; blocks?: BlockReason } {
    if (error instanceof StepError) {
      return { step: state.stage, error: error.message, retryable: error.retryable, ...(error.blocks ? { blocks: error.blocks } : {}) };
    }
    return { step: state.stage, error: error instanceof Error ? error.message : String(error), retryable: true };
  }
}

/**
 * No access while the customer has not approved the GDAP request yet is expected: the step is tried again
 * (and the webhook or the sweep reads the licences once it is approved) instead of blocking the move.
 */
function waitingForGdap(error: unknown, status: string): unknown {
  if (!(error instanceof StepError) || error.blocks?.code !== 'no-customer-access') return error;
  return new StepError(`The customer has not approved the GDAP request yet (${status}), so the bot cannot read the licences: `
    + `it reads them once the request is approved (or type the inventory). ${error.message}`, { retryable: true }, { cause: error });
}

function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new StepError(`The move has no ${what} recorded.`, { retryable: false });
  return value;
}

/** A stable GUID-shaped idempotency key for one step of one move (Partner Center MS-RequestId). */
export function requestIdFor(moveId: string, step: string): string {
  const hex = createHash('sha256').update(`${moveId}/${step}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
