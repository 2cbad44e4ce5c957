/**
 * The project's own data for SKUs that Microsoft's licensing CSV edition lacks (move/data/
 * skus-missing-from-csv.json; its `note` says where the ids come from and which are unconfirmed).
 * Pass the result to SkuCatalogLoader as `extraSkus`.
 */
import type { SkuInfo } from '../../move/skuCatalog';
import missingSkuData from '../../move/data/skus-missing-from-csv.json';

const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Fresh copies each call (callers may not share or change the data), checked so a typo fails loudly. */
export function skusMissingFromCsv(): SkuInfo[] {
  return missingSkuData.skus.map((sku) => {
    const ids = [sku.skuId, ...sku.servicePlans.map((plan) => plan.id)];
    const bad = ids.find((id) => !GUID_PATTERN.test(id));
    if (bad !== undefined) throw new Error(`move/data/skus-missing-from-csv.json: "${bad}" (${sku.skuPartNumber}) is not a lower-case GUID`);
    return {
      skuId: sku.skuId,
      skuPartNumber: sku.skuPartNumber,
      displayName: sku.displayName,
      servicePlans: sku.servicePlans.map((plan) => ({ id: plan.id, name: plan.name, friendlyName: plan.friendlyName })),
    };
  });
}
