/** Graph tenant information: `/subscribedSkus`, `/directory/subscriptions`, `/organization`. */
import { graphError } from '../../http/errors';
import type { Router } from '../../http/router';
import { json, type SandboxRequest } from '../../http/types';
import { directorySubscriptionsOf, subscribedSkusOf } from '../../world/directory';
import { findSkuById } from '../../world/skus';
import type { DirectorySubscription, Tenant } from '../../world/types';
import type { SandboxWorld } from '../../world/world';
import { applySelect, odataContext, queryOption } from './odata';
import { graphRoute } from './route';

const SUBSCRIBED_SKU_PROPERTIES = ['accountName', 'accountId', 'appliesTo', 'capabilityStatus', 'consumedUnits', 'id', 'prepaidUnits', 'servicePlans', 'skuId', 'skuPartNumber', 'subscriptionIds'];
const COMPANY_SUBSCRIPTION_PROPERTIES = ['commerceSubscriptionId', 'createdDateTime', 'id', 'isTrial', 'nextLifecycleDateTime', 'ownerId', 'ownerTenantId', 'ownerType', 'serviceStatus', 'skuId', 'skuPartNumber', 'status', 'totalLicenses'];

export function registerLicensingRoutes(router: Router, world: SandboxWorld): void {
  const v1 = '/graph/v1.0';
  router.add('graph', 'GET', `${v1}/subscribedSkus`, graphRoute(world, (request, _token, tenant) => {
    // subscribedSkus supports only $select (no $filter) per the Graph docs.
    if (queryOption(request, 'filter') !== null) throw graphError(request, 400, 'Request_UnsupportedQuery', 'The query option $filter is not supported on subscribedSkus.');
    const value = subscribedSkusOf(world, tenant).map((sku) => applySelect(request, { ...sku }, SUBSCRIBED_SKU_PROPERTIES, 'microsoft.graph.subscribedSku'));
    return json(200, { '@odata.context': odataContext(request, 'subscribedSkus'), value });
  }));
  router.add('graph', 'GET', `${v1}/subscribedSkus/:id`, graphRoute(world, (request, _token, tenant) => {
    const sku = subscribedSkusOf(world, tenant).find((s) => s.id.toLowerCase() === request.params.id.toLowerCase());
    if (!sku) throw graphError(request, 404, 'Request_ResourceNotFound', `Resource '${request.params.id.slice(0, 100)}' does not exist or one of its queried reference-property objects are not present.`);
    return json(200, { '@odata.context': odataContext(request, 'subscribedSkus/$entity'), ...applySelect(request, { ...sku }, SUBSCRIBED_SKU_PROPERTIES, 'microsoft.graph.subscribedSku') });
  }));
  router.add('graph', 'GET', `${v1}/directory/subscriptions`, graphRoute(world, (request, _token, tenant) => {
    const value = directorySubscriptionsOf(world, tenant).map((s) => applySelect(request, companySubscriptionJson(s), COMPANY_SUBSCRIPTION_PROPERTIES, 'microsoft.graph.companySubscription'));
    return json(200, { '@odata.context': odataContext(request, 'directory/subscriptions'), value });
  }));
  router.add('graph', 'GET', `${v1}/directory/subscriptions/:id`, graphRoute(world, (request, _token, tenant) => {
    const wanted = request.params.id.toLowerCase();
    const subscription = directorySubscriptionsOf(world, tenant).find((s) => s.id === wanted || s.commerceSubscriptionId === wanted);
    if (!subscription) throw graphError(request, 404, 'Request_ResourceNotFound', `Resource '${request.params.id.slice(0, 100)}' does not exist or one of its queried reference-property objects are not present.`);
    return json(200, { '@odata.context': odataContext(request, 'directory/subscriptions/$entity'), ...applySelect(request, companySubscriptionJson(subscription), COMPANY_SUBSCRIPTION_PROPERTIES, 'microsoft.graph.companySubscription') });
  }));
  router.add('graph', 'GET', `${v1}/organization`, graphRoute(world, (request, _token, tenant) =>
    json(200, { '@odata.context': odataContext(request, 'organization'), value: [organizationJson(world, request, tenant)] })));
  router.add('graph', 'GET', `${v1}/organization/:id`, graphRoute(world, (request, _token, tenant) => {
    if (request.params.id.toLowerCase() !== tenant.tenantId.toLowerCase()) {
      throw graphError(request, 404, 'Request_ResourceNotFound', `Resource '${request.params.id.slice(0, 100)}' does not exist or one of its queried reference-property objects are not present.`);
    }
    return json(200, { '@odata.context': odataContext(request, 'organization/$entity'), ...organizationJson(world, request, tenant) });
  }));
}

function companySubscriptionJson(subscription: DirectorySubscription): Record<string, unknown> {
  const sku = findSkuById(subscription.skuId);
  return {
    createdDateTime: subscription.createdDateTime,
    commerceSubscriptionId: subscription.commerceSubscriptionId,
    id: subscription.id,
    isTrial: subscription.isTrial,
    nextLifecycleDateTime: subscription.nextLifecycleDateTime,
    ownerId: subscription.ownerId,
    ownerTenantId: subscription.ownerTenantId,
    ownerType: subscription.ownerType,
    serviceStatus: (sku?.servicePlans ?? []).map((plan) => ({
      appliesTo: 'User',
      provisioningStatus: subscription.status === 'Enabled' || subscription.status === 'Warning' ? 'Success' : 'Disabled',
      servicePlanId: plan.servicePlanId,
      servicePlanName: plan.servicePlanName,
    })),
    skuId: subscription.skuId,
    skuPartNumber: subscription.skuPartNumber,
    status: subscription.status,
    totalLicenses: subscription.totalLicenses,
  };
}

function organizationJson(world: SandboxWorld, request: SandboxRequest, tenant: Tenant): Record<string, unknown> {
  const organization = {
    id: tenant.tenantId,
    deletedDateTime: null,
    businessPhones: [tenant.address.phoneNumber],
    city: tenant.address.city,
    country: null,
    countryLetterCode: tenant.countryLetterCode,
    createdDateTime: tenant.createdDateTime,
    defaultUsageLocation: tenant.countryLetterCode,
    displayName: tenant.displayName,
    isMultipleDataLocationsForServicesEnabled: null,
    marketingNotificationEmails: [],
    onPremisesLastSyncDateTime: null,
    onPremisesSyncEnabled: null,
    partnerTenantType: world.isPartnerTenant(tenant.tenantId) ? 'resellerPartnerDelegatedAdmin' : null,
    postalCode: tenant.address.postalCode,
    preferredLanguage: 'en',
    securityComplianceNotificationMails: [],
    securityComplianceNotificationPhones: [],
    state: tenant.address.region,
    street: tenant.address.addressLine1,
    technicalNotificationMails: [`admin@${tenant.initialDomain}`],
    tenantType: 'AAD',
    assignedPlans: [],
    privacyProfile: null,
    provisionedPlans: [],
    verifiedDomains: [
      { capabilities: 'Email, OfficeCommunicationsOnline', isDefault: tenant.customDomains.length === 0, isInitial: true, name: tenant.initialDomain, type: 'Managed' },
      ...tenant.customDomains.map((name, index) => ({ capabilities: 'Email, OfficeCommunicationsOnline', isDefault: index === 0, isInitial: false, name, type: 'Managed' })),
    ],
  };
  return queryOption(request, 'select') === null ? organization : applySelect(request, organization, [], 'microsoft.graph.organization');
}
