/**
 * The PartnerCenter port over the Partner Center REST API (v1). App-only tokens everywhere except the
 * reseller invitation link, which Partner Center serves to App+User tokens only.
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
import type { TokenProvider } from '../identity/tokenProvider';
import { CheckoutPartlyFailedError, PartnerCenterError, fixForPartnerCenterError } from './partnerCenterError';
import { PartnerCenterTransport, segment } from './partnerCenterTransport';
import {
  availabilitySchema, cartSchema, checkoutResultSchema, customerSchema, legalBusinessProfileSchema, orderSchema,
  productSchema, relationshipRequestSchema, skuSchema, subscriptionSchema, toCatalogOffer, toCustomerRecord,
  toOrderedSubscription, toPartnerProfile, toPlacedOrder,
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
  newRequestId?: () => string;
  /** Epoch milliseconds. */
  now?: () => number;
  logger?: Logger;
}

export class PartnerCenterClient implements PartnerCenter {
  private readonly transport: PartnerCenterTransport;
  private readonly customerPageSize: number;
  private readonly catalogConcurrency: number;

  constructor(private readonly options: PartnerCenterClientOptions) {
    this.transport = new PartnerCenterTransport(options);
    this.customerPageSize = options.customerPageSize ?? 100;
    this.catalogConcurrency = Math.max(1, options.catalogConcurrency ?? 4);
  }

  async partnerProfile(ctx: CallContext): Promise<PartnerProfile> {
    const wire = await this.transport.json(
      { step: 'Partner Center: read the legal business profile', method: 'GET', target: '/v1/profiles/legalbusiness', ctx },
      legalBusinessProfileSchema);
    return toPartnerProfile(wire);
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

  async resellerInvitationLink(ctx: CallContext): Promise<string> {
    const wire = await this.transport.json({
      step: 'Partner Center: get the reseller invitation link',
      method: 'GET',
      target: '/v1/customers/relationshiprequests',
      ctx,
      mode: 'app+user',
    }, relationshipRequestSchema);
    return wire.url;
  }

  async catalogOffers(country: string, ctx: CallContext): Promise<CatalogOffer[]> {
    const market = checkCountry(country);
    const products = [];
    for await (const product of this.transport.pages({
      step: `Partner Center: list license-based products for ${market}`,
      target: `/v1/products?country=${market}&targetView=OnlineServices&targetSegment=commercial`,
      ctx,
    }, productSchema)) {
      products.push(product);
    }
    const perProduct = await mapLimited(products, this.catalogConcurrency, async (product) => {
      const offers: CatalogOffer[] = [];
      try {
        for await (const sku of this.transport.pages({
          step: `Partner Center: list SKUs of ${product.id} for ${market}`,
          target: `/v1/products/${segment(product.id)}/skus?country=${market}`,
          ctx,
        }, skuSchema)) {
          offers.push(toCatalogOffer(product, sku));
        }
      } catch (error) {
        // A product listed a moment ago and gone now (400013) is skipped, not fatal.
        if (error instanceof PartnerCenterError && error.httpStatus === 404) {
          this.options.logger?.warn({ productId: product.id, correlationId: ctx.correlationId }, 'product vanished from the catalog');
          return [];
        }
        throw error;
      }
      return offers;
    });
    return perProduct.flat();
  }

  async findCatalogItemId(
    productId: string, skuId: string, country: string, term: TermDuration, billing: BillingCycle, ctx: CallContext,
  ): Promise<string | null> {
    const market = checkCountry(country);
    const availabilities = [];
    try {
      for await (const availability of this.transport.pages({
        step: `Partner Center: list availabilities of ${productId}:${skuId} for ${market}`,
        target: `/v1/products/${segment(productId)}/skus/${segment(skuId)}/availabilities?country=${market}`,
        ctx,
      }, availabilitySchema)) {
        availabilities.push(availability);
      }
    } catch (error) {
      if (error instanceof PartnerCenterError && error.httpStatus === 404) return null;
      throw error;
    }
    const match = availabilities.find((availability) => availability.isPurchasable !== false
      && (availability.terms ?? []).some((t) => t.duration?.toUpperCase() === term
        && t.billingCycle?.toLowerCase() === billing));
    return match?.catalogItemId ?? null;
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

  async checkoutCart(customerId: string, cartId: string, ctx: CallContext): Promise<PlacedOrder[]> {
    const call = {
      step: 'Partner Center: check out cart',
      method: 'POST' as const,
      target: `/v1/customers/${segment(customerId)}/carts/${segment(cartId)}/checkout`,
      ctx,
      // Checkout is idempotent per cart: a repeat returns the first checkout's result.
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

  async getSubscription(customerId: string, subscriptionId: string, ctx: CallContext): Promise<OrderedSubscription> {
    const wire = await this.transport.json({
      step: 'Partner Center: read subscription',
      method: 'GET',
      target: `/v1/customers/${segment(customerId)}/subscriptions/${segment(subscriptionId)}`,
      ctx,
    }, subscriptionSchema);
    return toOrderedSubscription(wire);
  }
}

function checkCountry(country: string): string {
  const upper = country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) throw new Error(`Not an ISO 3166 two-letter country code: ${JSON.stringify(country.slice(0, 20))}.`);
  return upper;
}

/** `map` with at most `limit` calls in flight; results keep the input order. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
