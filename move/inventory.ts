import type { Inventory, InventoryLine, PlanUsage, SourceSubscription } from './model';
import type { LicensedUser, SubscribedSku } from './ports';

/**
 * Joins what Graph reports (subscribedSkus + directory/subscriptions) into one line per SKU.
 * Licences in service are the enabled ones plus those in the warning (grace) state.
 */
export function joinInventory(skus: SubscribedSku[], subscriptions: SourceSubscription[], takenAt: string): Inventory {
  const lines: InventoryLine[] = skus.map((sku) => {
    const ids = new Set(sku.subscriptionIds.map((id) => id.toLowerCase()));
    const ofSku = subscriptions.filter((s) => ids.has(s.id.toLowerCase())
      || (ids.size === 0 && s.skuId.toLowerCase() === sku.skuId.toLowerCase()));
    return {
      skuId: sku.skuId.toLowerCase(),
      skuPartNumber: sku.skuPartNumber,
      capabilityStatus: sku.capabilityStatus,
      appliesTo: sku.appliesTo,
      totalUnits: sku.prepaidUnits.enabled + sku.prepaidUnits.warning,
      consumedUnits: sku.consumedUnits,
      servicePlans: sku.servicePlans.map((p) => ({ id: p.servicePlanId, name: p.servicePlanName })),
      subscriptions: ofSku,
    };
  });
  return { lines, takenAt };
}

/** Which of a SKU's plans its users have on: a plan counts when at least one holder has it enabled. */
export function summarizeUsage(users: Iterable<LicensedUser>, skuId: string, planIds: readonly string[]): PlanUsage {
  const id = skuId.toLowerCase();
  const enabled = new Set<string>();
  let assignedUsers = 0;
  for (const user of users) {
    const licence = user.assignedLicenses.find((l) => l.skuId.toLowerCase() === id);
    if (!licence) continue;
    assignedUsers += 1;
    const disabled = new Set(licence.disabledPlans.map((p) => p.toLowerCase()));
    for (const plan of planIds) if (!disabled.has(plan.toLowerCase())) enabled.add(plan.toLowerCase());
  }
  return { assignedUsers, enabledPlanIds: [...enabled] };
}
