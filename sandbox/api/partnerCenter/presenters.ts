/** JSON shapes of Partner Center resources (field names as in the Partner Center .NET SDK's models, GitHub microsoft/partner-center-sdk-for-dotNET). */
import { addDays, startOfUtcDay } from '../../util/clock';
import { hashHex } from '../../util/ids';
import { orderStatus, subscriptionStatus } from '../../world/commerce';
import type { Cart, CommerceSubscription, CustomerAccount, Order } from '../../world/types';
import type { SandboxWorld } from '../../world/world';

export interface Link {
  uri: string;
  method: string;
  headers: Array<{ key: string; value: string }>;
}

export function link(uri: string, headers: Link['headers'] = [], method = 'GET'): Link {
  return { uri, method, headers };
}

export function collection(items: unknown[], selfUri: string, extraLinks: Record<string, Link> = {}, totalCount = items.length) {
  return { totalCount, items, links: { self: link(selfUri), ...extraLinks }, attributes: { objectType: 'Collection' } };
}

export function customerSummaryJson(customer: CustomerAccount) {
  const tenant = customer.tenant;
  return {
    id: tenant.tenantId,
    commerceId: customer.commerceId,
    companyProfile: {
      tenantId: tenant.tenantId,
      domain: tenant.initialDomain,
      companyName: tenant.displayName,
      attributes: { objectType: 'CustomerCompanyProfile' },
    },
    relationshipToPartner: customer.relationshipToPartner,
    links: { self: link(`/v1/customers/${tenant.tenantId}`) },
    attributes: { objectType: 'Customer' },
  };
}

export function customerJson(world: SandboxWorld, customer: CustomerAccount) {
  const tenant = customer.tenant;
  const { address, contact } = { address: tenant.address, contact: customer.contact };
  return {
    ...customerSummaryJson(customer),
    companyProfile: {
      tenantId: tenant.tenantId,
      domain: tenant.initialDomain,
      companyName: tenant.displayName,
      address: { ...address },
      email: contact.email,
      attributes: { objectType: 'CustomerCompanyProfile' },
    },
    billingProfile: {
      id: customer.commerceId,
      firstName: contact.firstName,
      lastName: contact.lastName,
      email: contact.email,
      culture: 'en-US',
      language: 'en',
      companyName: tenant.displayName,
      defaultAddress: {
        country: address.country,
        city: address.city,
        state: address.region,
        addressLine1: address.addressLine1,
        postalCode: address.postalCode,
        firstName: contact.firstName,
        lastName: contact.lastName,
        phoneNumber: address.phoneNumber,
      },
      attributes: { etag: etag(world, 'billingProfile', customer.commerceId), objectType: 'CustomerBillingProfile' },
    },
    // DAP ended in 2023 for reseller relationships; GDAP is separate, so this stays false.
    allowDelegatedAccess: false,
    customDomains: [tenant.initialDomain, ...tenant.customDomains],
  };
}

export function cartJson(customer: CustomerAccount, cart: Cart) {
  return {
    id: cart.id,
    creationTimestamp: cart.creationTimestamp,
    lastModifiedTimestamp: cart.lastModifiedTimestamp,
    expirationTimestamp: cart.expirationTimestamp,
    lastModifiedUser: cart.lastModifiedUser,
    status: cart.status,
    lineItems: cart.lineItems.map((line) => ({ ...line, provisioningContext: { ...line.provisioningContext } })),
    links: { self: link(`/v1/customers/${customer.tenant.tenantId}/carts/${cart.id}`) },
    attributes: { objectType: 'Cart' },
  };
}

export function orderJson(world: SandboxWorld, customer: CustomerAccount, order: Order) {
  const base = `/v1/customers/${customer.tenant.tenantId}`;
  return {
    id: order.id,
    alternateId: order.alternateId,
    referenceCustomerId: customer.tenant.tenantId,
    billingCycle: order.billingCycle,
    currencyCode: order.currencyCode,
    currencySymbol: '$',
    lineItems: order.lineItems.map((line) => ({
      lineItemNumber: line.lineItemNumber,
      offerId: line.offerId,
      subscriptionId: line.subscriptionId,
      friendlyName: line.friendlyName,
      quantity: line.quantity,
      termDuration: line.termDuration,
      transactionType: 'New',
      links: {
        subscription: link(`${base}/subscriptions/${line.subscriptionId}`),
        provisioningStatus: link(`${base}/orders/${order.id}/provisioningstatus`),
      },
    })),
    creationDate: order.creationDate,
    status: orderStatus(world, customer, order),
    transactionType: 'UserPurchase',
    links: { self: link(`${base}/orders/${order.id}`), provisioningStatus: link(`${base}/orders/${order.id}/provisioningstatus`) },
    attributes: { objectType: 'Order' },
  };
}

export function subscriptionJson(world: SandboxWorld, customer: CustomerAccount, subscription: CommerceSubscription) {
  const status = subscriptionStatus(world, subscription);
  const base = `/v1/customers/${customer.tenant.tenantId}`;
  const effectiveStartDate = startOfUtcDay(new Date(subscription.creationDate)).toISOString();
  const billingCycleEnd = subscription.billingCycle === 'monthly' ? monthlyBillingCycleEnd(effectiveStartDate) : subscription.commitmentEndDate;
  return {
    id: subscription.id,
    entitlementId: subscription.id,
    // NCE subscription offerId format is UNCONFIRMED; the sandbox uses the purchased catalogItemId.
    offerId: subscription.catalogItemId,
    offerName: subscription.offerName,
    friendlyName: subscription.friendlyName,
    productType: { id: 'OnlineServicesNCE', displayName: 'OnlineServicesNCE' },
    quantity: subscription.quantity,
    unitType: 'Licenses',
    hasPurchasableAddons: false,
    creationDate: subscription.creationDate,
    effectiveStartDate,
    commitmentEndDate: subscription.commitmentEndDate,
    commitmentEndDateTime: subscription.commitmentEndDate,
    cancellationAllowedUntilDate: subscription.cancellationAllowedUntilDate,
    billingCycleEndDate: billingCycleEnd,
    status,
    autoRenewEnabled: subscription.autoRenewEnabled,
    isTrial: false,
    billingType: 'license',
    billingCycle: subscription.billingCycle,
    termDuration: subscription.termDuration,
    renewalTermDuration: subscription.termDuration,
    refundOptions: subscription.refundOptions.map((option) => ({ ...option })),
    isMicrosoftProduct: true,
    publisherName: 'Microsoft Corporation',
    actions: ['Cancel', 'Edit'],
    orderId: subscription.orderId,
    links: {
      self: link(`${base}/subscriptions/${subscription.id}`),
      product: link(`/v1/products/${subscription.productId}`),
      sku: link(`/v1/products/${subscription.productId}/skus/${subscription.catalogSkuId}`),
      availability: link(`/v1/products/${subscription.productId}/skus/${subscription.catalogSkuId}/availabilities/${subscription.catalogItemId.split(':')[2]}`),
    },
    attributes: { etag: etag(world, 'subscription', subscription.id, status, String(subscription.quantity)), objectType: 'Subscription' },
  };
}

function monthlyBillingCycleEnd(startIso: string): string {
  const end = new Date(startIso);
  end.setUTCMonth(end.getUTCMonth() + 1);
  return addDays(end, -1);
}

function etag(world: SandboxWorld, ...parts: string[]): string {
  return String(BigInt(`0x${hashHex(15, world.seed, 'etag', ...parts)}`));
}
