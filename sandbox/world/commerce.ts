/**
 * Partner Center commerce rules: carts, checkout, orders and the subscriptions they create. Provisioning
 * is lazy: a subscription is `pending` until `provisionedDateTime` on the sandbox clock, then `active`;
 * nothing runs on timers.
 */
import { addDays, addMilliseconds, startOfUtcDay } from '../util/clock';
import { isRecord } from '../util/jwt';
import type { CatalogAvailability } from './catalog';
import type { BillingCycle, Cart, CartLineItem, CommerceSubscription, CustomerAccount, Order, TermDuration } from './types';
import type { SandboxWorld } from './world';

/** A Partner Center business error: `{code, description, data, source}` with this HTTP status. */
export class CommerceFault extends Error {
  constructor(readonly httpStatus: number, readonly code: number, readonly description: string, readonly data: string[] = []) {
    super(description);
    this.name = 'CommerceFault';
  }
}

const CART_LIFETIME_DAYS = 7;
const CANCELLATION_WINDOW_DAYS = 7;
const FULL_REFUND_DAYS = 1;
const MAX_LINE_ITEMS = 50;
const TERMS: readonly TermDuration[] = ['P1M', 'P1Y', 'P3Y'];
const BILLING_CYCLES: readonly BillingCycle[] = ['monthly', 'annual'];

export function noCommerceRelationship(world: SandboxWorld, customerId: string): CommerceFault {
  return new CommerceFault(
    403,
    20002,
    `The partner ID ${world.state.partner.tenant.tenantId} has no commerce relationship with the customer ID ${customerId}.`,
  );
}

/** Checkout without the customer's Microsoft Customer Agreement (learn.microsoft.com/partner-center/developer/error-codes: HTTP 403, code 13605). */
export function mcaRequiredFault(customerId: string): CommerceFault {
  return new CommerceFault(
    403,
    13605,
    'Either a partner confirmation of the customer acceptance of the Microsoft Customer Agreement must be provided or the customer must accept the Microsoft Customer Agreement in the Microsoft Admin Center before you can complete this purchase',
    [`Customer ${customerId} has not accepted the Microsoft Customer Agreement.`],
  );
}

/** The customer if it has a reseller relationship with the partner; otherwise 403 / 20002. */
export function requireResellerCustomer(world: SandboxWorld, customerId: string): CustomerAccount {
  const customer = world.findCustomer(customerId);
  // Real status for a tenant without relationship is UNCONFIRMED (404 vs 403/20002): the sandbox answers 403/20002.
  if (!customer || customer.tenant.tenantId.toLowerCase() !== customerId.toLowerCase() || customer.relationshipToPartner !== 'reseller') {
    throw noCommerceRelationship(world, customerId);
  }
  return customer;
}

export function subscriptionStatus(world: SandboxWorld, subscription: CommerceSubscription): 'pending' | 'active' {
  return world.clock.now().getTime() >= Date.parse(subscription.provisionedDateTime) ? 'active' : 'pending';
}

export function orderStatus(world: SandboxWorld, customer: CustomerAccount, order: Order): 'pending' | 'completed' {
  const subscriptions = order.lineItems.map((line) => customer.subscriptions.find((s) => s.id === line.subscriptionId));
  return subscriptions.every((s) => s !== undefined && subscriptionStatus(world, s) === 'active') ? 'completed' : 'pending';
}

export interface CreateCartResult {
  cart: Cart;
  /** false when an earlier request with the same MS-RequestId already created it. */
  created: boolean;
}

export function createCart(world: SandboxWorld, customer: CustomerAccount, body: unknown, requestId: string | undefined, actor: string): CreateCartResult {
  const requestKey = requestId ? `${customer.tenant.tenantId}|${requestId.toLowerCase()}` : undefined;
  if (requestKey) {
    const earlierId = world.state.cartIdByRequestKey.get(requestKey);
    const earlier = earlierId ? customer.carts.find((c) => c.id === earlierId) : undefined;
    if (earlier) return { cart: earlier, created: false };
  }
  if (!isRecord(body) || !Array.isArray(body.lineItems) || body.lineItems.length === 0) {
    throw new CommerceFault(400, 10010, 'The cart must contain at least one line item (lineItems).');
  }
  if (body.lineItems.length > MAX_LINE_ITEMS) throw new CommerceFault(400, 10010, `A cart holds at most ${MAX_LINE_ITEMS} line items.`);

  const lineItems = body.lineItems.map((raw, index) => validateLineItem(world, customer, raw, index));
  const now = world.clock.nowIso();
  const cart: Cart = {
    id: world.ids.guid('cart'),
    creationTimestamp: now,
    lastModifiedTimestamp: now,
    expirationTimestamp: addDays(now, CART_LIFETIME_DAYS),
    lastModifiedUser: actor,
    status: 'Active',
    lineItems,
    orderIds: [],
  };
  customer.carts.push(cart);
  if (requestKey) world.state.cartIdByRequestKey.set(requestKey, cart.id);
  return { cart, created: true };
}

function validateLineItem(world: SandboxWorld, customer: CustomerAccount, raw: unknown, index: number): CartLineItem {
  if (!isRecord(raw)) throw new CommerceFault(400, 10010, `Line item ${index} must be an object.`);
  const id = raw.id === undefined ? index : raw.id;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0) throw new CommerceFault(400, 10010, `Line item ${index}: id must be a non-negative integer.`);
  const catalogItemId = raw.catalogItemId;
  const availability = typeof catalogItemId === 'string' ? world.catalog.findByCatalogItemId(catalogItemId) : undefined;
  if (!availability) {
    throw new CommerceFault(400, 800004, 'Invalid offer Id', [
      `Line item ${id}: CatalogItemIdIsNotValid (10001): catalog item '${String(catalogItemId).slice(0, 100)}' is not a purchasable availability.`,
    ]);
  }
  if (!world.partnerSellableCountries.includes(customer.tenant.countryLetterCode)) {
    throw new CommerceFault(400, 800070, 'Offer is not available in the specified country');
  }
  const quantity = raw.quantity;
  const { minimumQuantity, maximumQuantity } = availability.sku;
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < minimumQuantity || quantity > maximumQuantity) {
    throw new CommerceFault(400, 2002, 'Subscription quantity is not within minimum and maximum allowed quantity', [
      `Line item ${id}: quantity ${String(quantity).slice(0, 20)} is outside ${minimumQuantity}..${maximumQuantity}.`,
    ]);
  }
  const termDuration = typeof raw.termDuration === 'string' ? raw.termDuration.toUpperCase() : availability.term.duration;
  const billingCycle = typeof raw.billingCycle === 'string' ? raw.billingCycle.toLowerCase() : availability.term.billingCycle;
  if (!isTerm(termDuration) || !isBillingCycle(billingCycle) || termDuration !== availability.term.duration || billingCycle !== availability.term.billingCycle) {
    // The catalog item already fixes term and billing; a mismatch is refused (code: the cart line-item code BillingPlanNotSupported).
    throw new CommerceFault(400, 10013, 'The billing cycle and term duration must match the availability of the catalog item.', [
      `Line item ${id}: ${availability.catalogItemId} is sold as ${availability.term.duration}/${availability.term.billingCycle}.`,
    ]);
  }
  const friendlyName = typeof raw.friendlyName === 'string' && raw.friendlyName.trim() ? raw.friendlyName.slice(0, 100) : availability.sku.title;
  return {
    id,
    catalogItemId: availability.catalogItemId,
    friendlyName,
    quantity,
    currencyCode: 'USD',
    billingCycle,
    termDuration,
    provisioningContext: stringRecord(raw.provisioningContext),
    orderGroup: '0',
  };
}

/**
 * Checkout is idempotent per cart: an Ordered cart answers with the orders it produced the first time.
 * Without the customer's Microsoft Customer Agreement the whole checkout is refused (403 / 13605) and the cart
 * stays Active, so it can be checked out once the agreement is in place.
 */
export function checkoutCart(world: SandboxWorld, customer: CustomerAccount, cartId: string): Order[] {
  const cart = customer.carts.find((c) => c.id.toLowerCase() === cartId.toLowerCase());
  if (!cart) throw new CommerceFault(404, 404, `Cart ${cartId.slice(0, 100)} was not found for customer ${customer.tenant.tenantId}.`);
  if (cart.status === 'Ordered') return cart.orderIds.map((id) => customer.orders.find((o) => o.id === id)!);
  if (!customer.agreements.some((a) => a.type === 'MicrosoftCustomerAgreement')) throw mcaRequiredFault(customer.tenant.tenantId);

  const now = world.clock.now();
  const groups = new Map<string, CartLineItem[]>();
  for (const line of cart.lineItems) {
    const key = `${line.orderGroup}|${line.billingCycle}`;
    groups.set(key, [...(groups.get(key) ?? []), line]);
  }
  const orders: Order[] = [];
  for (const lines of groups.values()) {
    const orderId = world.ids.base64Url('order', 32);
    const order: Order = {
      id: orderId,
      alternateId: world.ids.hex('order-alternate', 12),
      billingCycle: lines[0].billingCycle,
      currencyCode: 'USD',
      creationDate: now.toISOString(),
      lineItems: lines.map((line, lineItemNumber) => {
        const availability = world.catalog.findByCatalogItemId(line.catalogItemId)!;
        const subscription = newSubscription(world, orderId, line, availability, now);
        customer.subscriptions.push(subscription);
        return { lineItemNumber, offerId: line.catalogItemId, subscriptionId: subscription.id, friendlyName: line.friendlyName, quantity: line.quantity, termDuration: line.termDuration };
      }),
    };
    customer.orders.push(order);
    orders.push(order);
  }
  cart.status = 'Ordered';
  cart.orderIds = orders.map((o) => o.id);
  cart.lastModifiedTimestamp = now.toISOString();
  return orders;
}

function newSubscription(world: SandboxWorld, orderId: string, line: CartLineItem, availability: CatalogAvailability, now: Date): CommerceSubscription {
  const start = startOfUtcDay(now);
  const termEnd = new Date(start.getTime());
  if (line.termDuration === 'P1M') termEnd.setUTCMonth(termEnd.getUTCMonth() + 1);
  else termEnd.setUTCFullYear(termEnd.getUTCFullYear() + (line.termDuration === 'P3Y' ? 3 : 1));
  return {
    id: world.ids.guid('subscription'),
    orderId,
    catalogItemId: availability.catalogItemId,
    productId: availability.product.productId,
    catalogSkuId: availability.sku.catalogSkuId,
    graphSkuId: availability.sku.graphSku.skuId,
    offerName: availability.sku.title,
    friendlyName: line.friendlyName,
    quantity: line.quantity,
    billingCycle: line.billingCycle,
    termDuration: line.termDuration,
    creationDate: now.toISOString(),
    provisionedDateTime: addMilliseconds(now, world.provisioningDelayMs),
    // New commerce end dates are inclusive: the last day of the term.
    commitmentEndDate: addDays(termEnd, -1),
    cancellationAllowedUntilDate: addDays(now, CANCELLATION_WINDOW_DAYS),
    refundOptions: [
      { type: 'Full', expiresAt: addDays(now, FULL_REFUND_DAYS) },
      { type: 'Partial', expiresAt: addDays(now, CANCELLATION_WINDOW_DAYS) },
    ],
    autoRenewEnabled: true,
  };
}

function isTerm(value: string): value is TermDuration {
  return (TERMS as readonly string[]).includes(value);
}

function isBillingCycle(value: string): value is BillingCycle {
  return (BILLING_CYCLES as readonly string[]).includes(value);
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  const out: Record<string, string> = {};
  for (const [key, entry] of Object.entries(value).slice(0, 20)) {
    if (typeof entry === 'string') out[key.slice(0, 100)] = entry.slice(0, 500);
  }
  return out;
}
