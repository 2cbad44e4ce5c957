import type { Inventory, InventoryLine, SourceSubscription } from './model';
import type { SubscribedSku } from './ports';

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
