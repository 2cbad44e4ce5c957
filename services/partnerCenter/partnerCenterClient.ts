/**
 * The PartnerCenter port over the Partner Center REST API (v1), and the calls a move needs beyond it
 * (customer search, organization profile, MCA check and attestation, order and subscription reads,
 * provisioning status). App-only tokens everywhere except the
 * calls Partner Center serves to App+User tokens only: the reseller invitation link, the organization
 * profile, the MCA attestation and the provisioning status. `withTokens` gives the same client acting
 * through another TokenProvider (e.g. the staff member's, from OnBehalfOfTokenProvider.forUser).
 *
 * Idempotency: createCart and checkoutCart send `ctx.requestId` as MS-RequestId and reuse it on every
 * retry; give each side effect its own requestId (a GUID derived from the move and the step).
 */
import type { Logger } from '../../move/ports';
import type { BillingCycle, CatalogOffer, OrderedSubscription, TermDuration } from '../../move/model';
import type {
  CallContext, CartLineRequest, CustomerRecord, PartnerCenter, PartnerProfile, PlacedOrder,
} from '../../move/ports';
import type { OutboundHttp } from '../http/outboundHttp';
import type { TokenMode, TokenProvider } from '../identity/tokenProvider';
import { PartnerCenterAgreements } from './partnerCenterAgreements';
import { PartnerCenterCatalog } from './partnerCenterCatalog';
import { CheckoutPartlyFailedError, PartnerCenterError, fixForPartnerCenterError } from './partnerCenterError';
import { PartnerCenterTransport, segment } from './partnerCenterTransport';
import type {
  AgreementContact, CatalogSegment, CustomerAgreementRecord, CustomerAgreementStatus, CustomerSearchField,
  InvitationOptions, OrganizationProfile, ProvisioningStatus,
} from './partnerCenterTypes';
import {
  cartSchema, checkoutResultSchema, customerSchema, legalBusinessProfileSchema, orderSchema, organizationProfileSchema,
  provisioningStatusSchema, relationshipRequestSchema, subscriptionSchema, toCustomerRecord, toOrderedSubscription,
  toOrganizationProfile, toPartnerProfile, toPlacedOrder, toProvisioningStatus,
} from './partnerCenterWire';

export interface PartnerCenterClientOptions {
  /** `https://api.partnercenter.microsoft.com` in production; `http://127.0.0.1:3979` for the sandbox. */
  baseUrl: string;
  /** The partner's Entra tenant id: Partner Center tokens are issued there. */
  partnerTenantId: string;
  tokens: TokenProvider;
  http: OutboundHttp;
  /** `size` of each customer page. Default 100. */
  customerPageSize?: number;
  /** Parallel SKU reads while building the catalog. Default 4. */
  catalogConcurrency?: number;
  /** `targetSegment` of catalog reads. Default `commercial`. */
  catalogSegment?: CatalogSegment;
  /** `X-Locale`. Default `en-US`. */
  locale?: string;
  /** Token for the customer's agreements (check and attestation). Default `app+user`. */
  agreementsMode?: TokenMode;
  newRequestId?: () => string;
  /** Epoch milliseconds. */
  now?: () => number;
  logger?: Logger;
}

const SEARCH_FIELDS = new Set<CustomerSearchField>(['Domain', 'CompanyName', 'IndirectReseller', 'IndirectCloudSolutionProvider']);

export class PartnerCenterClient implements PartnerCenter {
  private readonly transport: PartnerCenterTransport;
  private readonly catalog: PartnerCenterCatalog;
  private readonly agreements: PartnerCenterAgreements;
  private readonly customerPageSize: number;

  constructor(private readonly options: PartnerCenterClientOptions) {
    this.transport = new PartnerCenterTransport(options);
    this.catalog = new PartnerCenterCatalog({
      transport: this.transport, segment: options.catalogSegment, concurrency: options.catalogConcurrency, logger: options.logger, now: options.now,
    });
    this.agreements = new PartnerCenterAgreements({ transport: this.transport, mode: options.agreementsMode, now: options.now });
    // 500 is what public Partner Center tools ask for; fewer round trips per sweep over a large book.
    this.customerPageSize = options.customerPageSize ?? 500;
  }

  /** The same client, acting through `tokens` (sharing the HTTP helper and its rate limiter). */
  withTokens(tokens: TokenProvider): PartnerCenterClient {
    return new PartnerCenterClient({ ...this.options, tokens });
  }

  /** The transport, for the small companion clients (PartnerCenterTransfers). */
  get partnerCenterTransport(): PartnerCenterTransport {
    return this.transport;
  }

  async partnerProfile(ctx: CallContext): Promise<PartnerProfile> {
    const wire = await this.transport.json(
      { step: 'Partner Center: read the legal business profile', method: 'GET', target: '/v1/profiles/legalbusiness', ctx },
      legalBusinessProfileSchema);
    return toPartnerProfile(wire);
  }

  /** `GET /v1/profiles/organization` (App+User): tenant, domain, country and culture of the partner. */
  async organizationProfile(ctx: CallContext): Promise<OrganizationProfile> {
    const wire = await this.transport.json({
      step: 'Partner Center: read the organization profile', method: 'GET', target: '/v1/profiles/organization', ctx, mode: 'app+user',
    }, organizationProfileSchema);
    return toOrganizationProfile(wire);
  }

  async getCustomer(tenantId: string, ctx: CallContext): Promise<CustomerRecord | null> {
    const call = {
      step: 'Partner Center: read the customer', method: 'GET' as const, target: `/v1/customers/${segment(tenantId)}`, ctx,
    };
    const result = await this.transport.send(call);
    if (!result.response.ok) {
      const error = this.transport.toError(call, result);
      // Not our customer: 404, or 403 with "no commerce relationship" (20002).
      if (error.httpStatus === 404 || (error.httpStatus === 403 && error.code === '20002')) return null;
      throw error;
    }
    return toCustomerRecord(this.transport.parse(call, result, customerSchema));
  }

  async *listCustomers(ctx: CallContext): AsyncIterable<CustomerRecord> {
    const pages = this.transport.pages(
      { step: 'Partner Center: list customers', target: `/v1/customers?size=${this.customerPageSize}`, ctx },
      customerSchema);
    for await (const customer of pages) yield toCustomerRecord(customer);
  }

  /**
   * Customers whose `field` starts with `value` (the only operator Partner Center offers), every page.
   * For a domain, callers usually want the exact match among these: `findCustomerByDomain`.
   */
  async findCustomers(field: CustomerSearchField, value: string, ctx: CallContext): Promise<CustomerRecord[]> {
    if (!SEARCH_FIELDS.has(field)) throw new Error(`Partner Center: unknown customer search field ${JSON.stringify(field)}.`);
    const trimmed = value.trim();
    if (trimmed === '' || trimmed.length > 256) throw new Error('Partner Center: the customer search needs a value of 1 to 256 characters.');
    const filter = JSON.stringify({ Field: field, Value: trimmed, Operator: 'starts_with' });
    const found: CustomerRecord[] = [];
    for await (const customer of this.transport.pages({
      step: `Partner Center: search customers by ${field}`,
      target: `/v1/customers?size=${this.customerPageSize}&filter=${encodeURIComponent(filter)}`,
      ctx,
    }, customerSchema)) {
      found.push(toCustomerRecord(customer));
    }
    return found;
  }

  async findCustomerByDomain(domain: string, ctx: CallContext): Promise<CustomerRecord | null> {
    const wanted = domain.trim().toLowerCase();
    const candidates = await this.findCustomers('Domain', wanted, ctx);
    return candidates.find((customer) => customer.domain.toLowerCase() === wanted) ?? null;
  }

  async resellerInvitationLink(ctx: CallContext, options: InvitationOptions = {}): Promise<string> {
    const query = new URLSearchParams();
    if (options.indirectResellerId) query.set('indirectResellerId', checkId(options.indirectResellerId, 'indirectResellerId'));
    if (options.indirectCloudSolutionProviderId) {
      query.set('indirectCloudSolutionProviderId', checkId(options.indirectCloudSolutionProviderId, 'indirectCloudSolutionProviderId'));
    }
    if (options.dualRoleIndirectRelationship !== undefined) query.set('dualRoleIndirectRelationship', String(options.dualRoleIndirectRelationship));
    const queryText = query.toString();
    const wire = await this.transport.json({
      step: 'Partner Center: get the reseller invitation link',
      method: 'GET',
      target: `/v1/customers/relationshiprequests${queryText ? `?${queryText}` : ''}`,
      ctx,
      mode: 'app+user',
    }, relationshipRequestSchema);
    return wire.url;
  }

  catalogOffers(country: string, ctx: CallContext): Promise<CatalogOffer[]> {
    return this.catalog.offers(country, ctx);
  }

  findCatalogItemId(
    productId: string, skuId: string, country: string, term: TermDuration, billing: BillingCycle, ctx: CallContext,
  ): Promise<string | null> {
    return this.catalog.findCatalogItemId(productId, skuId, country, term, billing, ctx);
  }

  /** The catalog's products, SKUs and availabilities one by one (country and segment). */
  get catalogReader(): PartnerCenterCatalog {
    return this.catalog;
  }

  /** Has the customer accepted the Microsoft Customer Agreement (or the partner attested it)? */
  customerAgreementStatus(customerId: string, ctx: CallContext): Promise<CustomerAgreementStatus> {
    return this.agreements.status(customerId, ctx);
  }

  /** Records the partner's attestation of the customer's MCA acceptance, unless one is on record already. */
  attestCustomerAgreement(
    customerId: string, contact: AgreementContact, ctx: CallContext, options?: { dateAgreed?: string; templateId?: string },
  ): Promise<CustomerAgreementRecord> {
    return this.agreements.attest(customerId, contact, ctx, options);
  }

  async createCart(customerId: string, lines: CartLineRequest[], ctx: CallContext): Promise<{ cartId: string }> {
    if (lines.length === 0) throw new Error('Partner Center: create cart: the cart has no lines.');
    const call = {
      step: 'Partner Center: create cart',
      method: 'POST' as const,
      target: `/v1/customers/${segment(customerId)}/carts`,
      ctx,
      repeatableWithRequestId: true,
      body: {
        lineItems: lines.map((line, index) => ({
          id: index,
          catalogItemId: line.catalogItemId,
          quantity: line.quantity,
          billingCycle: line.billingCycle,
          termDuration: line.termDuration,
        })),
      },
    };
    const result = await this.transport.send(call);
    if (!result.response.ok) throw this.transport.toError(call, result);
    const cart = this.transport.parse(call, result, cartSchema);
    const failed = (cart.lineItems ?? []).find((line) => line.error);
    if (failed?.error) {
      const code = failed.error.errorCode === null || failed.error.errorCode === undefined ? null : String(failed.error.errorCode);
      throw new PartnerCenterError(call.step, result.response.status, code,
        `line ${failed.id ?? '?'} (${failed.catalogItemId ?? 'unknown item'}): ${failed.error.errorDescription ?? 'rejected'}`,
        result.requestId, ctx.correlationId, fixForPartnerCenterError(code, null));
    }
    return { cartId: cart.id };
  }

  /**
   * `POST .../carts/{cartId}/checkout`. Checkout is idempotent per cart (a repeat returns the first
   * checkout's orders), so it is retried — after a timeout too — with the same MS-RequestId. `orderErrors`
   * (e.g. 13605: no MCA) become a PartnerCenterError whose `fix` says what to do; when some orders were
   * placed and others not, a CheckoutPartlyFailedError carries the placed order ids.
   */
  async checkoutCart(customerId: string, cartId: string, ctx: CallContext): Promise<PlacedOrder[]> {
    const call = {
      step: 'Partner Center: check out cart',
      method: 'POST' as const,
      target: `/v1/customers/${segment(customerId)}/carts/${segment(cartId)}/checkout`,
      ctx,
      repeatableWithRequestId: true,
    };
    const result = await this.transport.send(call);
    if (!result.response.ok) throw this.transport.toError(call, result);
    const checkout = this.transport.parse(call, result, checkoutResultSchema);
    const orders = checkout.orders.map(toPlacedOrder);
    const firstError = checkout.orderErrors[0];
    if (firstError) {
      const code = firstError.code === null || firstError.code === undefined ? null : String(firstError.code);
      const base = new PartnerCenterError(call.step, result.response.status, code,
        `order group ${firstError.orderGroupId ?? '?'}: ${firstError.description ?? 'not placed'}`
          + (checkout.orderErrors.length > 1 ? ` (and ${checkout.orderErrors.length - 1} more order errors)` : ''),
        result.requestId, ctx.correlationId, fixForPartnerCenterError(code, null), checkout.orderErrors);
      throw orders.length > 0 ? new CheckoutPartlyFailedError(base, orders.map((o) => o.id)) : base;
    }
    return orders;
  }

  async listOrders(customerId: string, ctx: CallContext): Promise<PlacedOrder[]> {
    const orders: PlacedOrder[] = [];
    for await (const order of this.transport.pages({
      step: 'Partner Center: list orders', target: `/v1/customers/${segment(customerId)}/orders`, ctx,
    }, orderSchema)) {
      orders.push(toPlacedOrder(order));
    }
    return orders;
  }

  async getOrder(customerId: string, orderId: string, ctx: CallContext): Promise<PlacedOrder> {
    const wire = await this.transport.json({
      step: 'Partner Center: read order', method: 'GET', target: `/v1/customers/${segment(customerId)}/orders/${segment(orderId)}`, ctx,
    }, orderSchema);
    return toPlacedOrder(wire);
  }

  async getSubscription(customerId: string, subscriptionId: string, ctx: CallContext): Promise<OrderedSubscription> {
    const wire = await this.transport.json({
      step: 'Partner Center: read subscription',
      method: 'GET',
      target: `/v1/customers/${segment(customerId)}/subscriptions/${segment(subscriptionId)}`,
      ctx,
    }, subscriptionSchema);
    return toOrderedSubscription(wire);
  }

  /** Every subscription of the customer, or those of one order (`?order_id=`). */
  async listSubscriptions(customerId: string, ctx: CallContext, options: { orderId?: string } = {}): Promise<OrderedSubscription[]> {
    const query = options.orderId ? `?order_id=${encodeURIComponent(options.orderId)}` : '';
    const subscriptions: OrderedSubscription[] = [];
    for await (const wire of this.transport.pages({
      step: 'Partner Center: list subscriptions', target: `/v1/customers/${segment(customerId)}/subscriptions${query}`, ctx,
    }, subscriptionSchema)) {
      subscriptions.push(toOrderedSubscription(wire));
    }
    return subscriptions;
  }

  /** `GET .../subscriptions/{id}/provisioningstatus` (App+User; Partner Center updates it every 15 minutes). */
  async provisioningStatus(customerId: string, subscriptionId: string, ctx: CallContext): Promise<ProvisioningStatus> {
    const wire = await this.transport.json({
      step: 'Partner Center: read the subscription\'s provisioning status',
      method: 'GET',
      target: `/v1/customers/${segment(customerId)}/subscriptions/${segment(subscriptionId)}/provisioningstatus`,
      ctx,
      mode: 'app+user',
    }, provisioningStatusSchema);
    return toProvisioningStatus(wire);
  }
}

function checkId(value: string, name: string): string {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9-]{1,64}$/.test(trimmed)) throw new Error(`Partner Center: ${name} must be a tenant id (a GUID).`);
  return trimmed;
}
