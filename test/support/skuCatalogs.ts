/** SKU tables for tests: the sandbox's dozen SKUs, and sources that hand out a fixed table. */
import { ALL_SKUS } from '../../sandbox/world/skus';
import type { SkuCatalogSource } from '../../move/ports';
import { skuCatalogFrom, unavailableSkuCatalog, type SkuCatalog, type SkuCatalogRow } from '../../move/skuCatalog';

export function sandboxSkuRows(): SkuCatalogRow[] {
  return ALL_SKUS.flatMap((sku) => sku.servicePlans.map((p) => ({
    productDisplayName: sku.displayName, stringId: sku.skuPartNumber, guid: sku.skuId,
    servicePlanName: p.servicePlanName, servicePlanId: p.servicePlanId, servicePlanFriendlyName: p.friendlyName,
  })));
}

export function sandboxSkuCatalog(): SkuCatalog {
  return skuCatalogFrom(sandboxSkuRows(), { source: 'sandbox SKUs', asOf: '2026-11-01T00:00:00.000Z', stale: false, problem: null });
}

export function fixedSkuCatalog(catalog: SkuCatalog = sandboxSkuCatalog()): SkuCatalogSource {
  return { current: async () => catalog };
}

export function missingSkuCatalog(): SkuCatalogSource {
  return fixedSkuCatalog(unavailableSkuCatalog('https://example.invalid/skus.csv', 'Reading the SKU table failed: not found. Set SKU_CATALOG_SOURCE.'));
}
