/**
 * Partner Center purchasing: carts (idempotent by MS-RequestId), checkout (idempotent per cart), orders and
 * subscriptions of one customer. All require a reseller relationship (else 403 / 20002).
 */
import type { Router } from '../../http/router';
import { json } from '../../http/types';
import { checkoutCart, CommerceFault, createCart, requireResellerCustomer, subscriptionStatus } from '../../world/commerce';
import type { SandboxWorld } from '../../world/world';
import { cartJson, collection, orderJson, subscriptionJson } from './presenters';
import { partnerCenterRoute, requireAppPlusUser } from './route';

export function registerOrderRoutes(router: Router, world: SandboxWorld): void {
  const customers = '/v1/customers/:customerId';

  router.add('partnerCenter', 'POST', `${customers}/carts`, partnerCenterRoute(world, (request, token) => {
    const customer = requireResellerCustomer(world, request.params.customerId);
    const { cart } = createCart(world, customer, request.jsonBody(), request.header('ms-requestid'), token.oid);
    return json(201, cartJson(customer, cart));
  }));

  router.add('partnerCenter', 'GET', `${customers}/carts/:cartId`, partnerCenterRoute(world, (request) => {
    const customer = requireResellerCustomer(world, request.params.customerId);
    const cart = customer.carts.find((c) => c.id.toLowerCase() === request.params.cartId.toLowerCase());
    if (!cart) throw new CommerceFault(404, 404, `Cart ${request.params.cartId.slice(0, 100)} was not found.`);
    return json(200, cartJson(customer, cart));
  }));

  router.add('partnerCenter', 'POST', `${customers}/carts/:cartId/checkout`, partnerCenterRoute(world, (request) => {
    const customer = requireResellerCustomer(world, request.params.customerId);
    const orders = checkoutCart(world, customer, request.params.cartId);
    return json(201, { orders: orders.map((o) => orderJson(world, customer, o)), orderErrors: [], attributes: { objectType: 'CartCheckoutResult' } });
  }));

  router.add('partnerCenter', 'GET', `${customers}/orders`, partnerCenterRoute(world, (request) => {
    const customer = requireResellerCustomer(world, request.params.customerId);
    return json(200, collection(customer.orders.map((o) => orderJson(world, customer, o)), `/v1/customers/${customer.tenant.tenantId}/orders`));
  }));

  router.add('partnerCenter', 'GET', `${customers}/orders/:orderId`, partnerCenterRoute(world, (request) => {
    const customer = requireResellerCustomer(world, request.params.customerId);
    const order = customer.orders.find((o) => o.id === request.params.orderId);
    if (!order) throw new CommerceFault(404, 404, `Order ${request.params.orderId.slice(0, 100)} was not found.`);
    return json(200, orderJson(world, customer, order));
  }));

  router.add('partnerCenter', 'GET', `${customers}/subscriptions`, partnerCenterRoute(world, (request) => {
    const customer = requireResellerCustomer(world, request.params.customerId);
    const orderId = request.query.get('order_id');
    const subscriptions = customer.subscriptions.filter((s) => orderId === null || s.orderId === orderId);
    return json(200, collection(subscriptions.map((s) => subscriptionJson(world, customer, s)), `/v1/customers/${customer.tenant.tenantId}/subscriptions`));
  }));

  router.add('partnerCenter', 'GET', `${customers}/subscriptions/:subscriptionId`, partnerCenterRoute(world, (request) => {
    const customer = requireResellerCustomer(world, request.params.customerId);
    return json(200, subscriptionJson(world, customer, findSubscription(customer.subscriptions, request.params.subscriptionId)));
  }));

  router.add('partnerCenter', 'GET', `${customers}/subscriptions/:subscriptionId/provisioningstatus`, partnerCenterRoute(world, (request, token) => {
    requireAppPlusUser(token, 'Getting the subscription provisioning status');
    const customer = requireResellerCustomer(world, request.params.customerId);
    const subscription = findSubscription(customer.subscriptions, request.params.subscriptionId);
    return json(200, {
      skuId: subscription.graphSkuId.toUpperCase(),
      status: subscriptionStatus(world, subscription) === 'active' ? 'success' : 'pending',
      quantity: subscription.quantity,
      endDate: subscription.commitmentEndDate,
      attributes: { objectType: 'SubscriptionProvisioningStatus' },
    });
  }));
}

function findSubscription<T extends { id: string }>(subscriptions: T[], subscriptionId: string): T {
  const subscription = subscriptions.find((s) => s.id.toLowerCase() === subscriptionId.toLowerCase());
  if (!subscription) throw new CommerceFault(404, 20003, `Subscription with ID ${subscriptionId.slice(0, 100)} not found.`);
  return subscription;
}
