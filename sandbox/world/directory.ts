/**
 * What Graph shows for a tenant, derived at read time: the seeded `directory/subscriptions` plus one entry per
 * Partner Center subscription of this partner that has finished provisioning, and `subscribedSkus` summed
 * from those, with consumedUnits counted from the users holding each SKU.
 */
import { addDays } from '../util/clock';
import { hashGuid } from '../util/ids';
import { subscriptionStatus } from './commerce';
import { findSkuById } from './skus';
import type { DirectorySubscription, Tenant } from './types';
import type { SandboxWorld } from './world';

export interface SubscribedSkuView {
  id: string;
  accountName: string;
  accountId: string;
  skuId: string;
  skuPartNumber: string;
  appliesTo: string;
  capabilityStatus: string;
  consumedUnits: number;
  prepaidUnits: { enabled: number; suspended: number; warning: number; lockedOut: number };
  servicePlans: Array<{ servicePlanId: string; servicePlanName: string; provisioningStatus: string; appliesTo: string }>;
  subscriptionIds: string[];
}

export function directorySubscriptionsOf(world: SandboxWorld, tenant: Tenant): DirectorySubscription[] {
  const customer = world.findCustomer(tenant.tenantId);
  const partnerTenantId = world.state.partner.tenant.tenantId;
  const provisioned: DirectorySubscription[] = (customer?.subscriptions ?? [])
    .filter((s) => subscriptionStatus(world, s) === 'active')
    .map((s) => ({
      id: hashGuid(world.seed, 'directorySubscriptionOf', s.id),
      commerceSubscriptionId: s.id,
      skuId: s.graphSkuId,
      skuPartNumber: findSkuById(s.graphSkuId)?.skuPartNumber ?? 'UNKNOWN',
      totalLicenses: s.quantity,
      status: 'Enabled',
      isTrial: false,
      createdDateTime: s.provisionedDateTime,
      nextLifecycleDateTime: addDays(s.commitmentEndDate, 1),
      // Owner fields of a partner-sold subscription: ownerTenantId per Graph docs; ownerId/ownerType UNCONFIRMED.
      ownerId: partnerTenantId,
      ownerTenantId: partnerTenantId,
      ownerType: 'Company',
    }));
  return [...tenant.directorySubscriptions, ...provisioned];
}

export function consumedUnits(tenant: Tenant, skuId: string): number {
  return tenant.users.filter((u) => u.licenses.some((l) => l.skuId === skuId)).length;
}

export function subscribedSkusOf(world: SandboxWorld, tenant: Tenant): SubscribedSkuView[] {
  const bySku = new Map<string, DirectorySubscription[]>();
  for (const subscription of directorySubscriptionsOf(world, tenant)) {
    if (subscription.status === 'Deleted') continue;
    bySku.set(subscription.skuId, [...(bySku.get(subscription.skuId) ?? []), subscription]);
  }
  const views: SubscribedSkuView[] = [];
  for (const [skuId, subscriptions] of bySku) {
    const sku = findSkuById(skuId);
    const units = (status: DirectorySubscription['status']) =>
      subscriptions.filter((s) => s.status === status).reduce((sum, s) => sum + s.totalLicenses, 0);
    const prepaidUnits = { enabled: units('Enabled'), suspended: units('Suspended'), warning: units('Warning'), lockedOut: units('LockedOut') };
    const capabilityStatus =
      prepaidUnits.enabled > 0 ? 'Enabled' : prepaidUnits.warning > 0 ? 'Warning' : prepaidUnits.suspended > 0 ? 'Suspended' : 'LockedOut';
    const planStatus = capabilityStatus === 'Enabled' || capabilityStatus === 'Warning' ? 'Success' : 'Disabled';
    views.push({
      id: `${tenant.tenantId}_${skuId}`,
      accountName: tenant.displayName,
      accountId: hashGuid(world.seed, 'billingAccount', tenant.tenantId),
      skuId,
      skuPartNumber: sku?.skuPartNumber ?? subscriptions[0].skuPartNumber,
      appliesTo: sku?.appliesTo ?? 'User',
      capabilityStatus,
      consumedUnits: consumedUnits(tenant, skuId),
      prepaidUnits,
      servicePlans: (sku?.servicePlans ?? []).map((plan) => ({
        servicePlanId: plan.servicePlanId,
        servicePlanName: plan.servicePlanName,
        provisioningStatus: planStatus,
        appliesTo: 'User',
      })),
      subscriptionIds: subscriptions.map((s) => s.id),
    });
  }
  return views;
}
