/**
 * Microsoft's licence SKUs and the service plans each one grants ("Product names and service plan
 * identifiers for licensing"). The domain only reads it; services/skuCatalog loads it at run time.
 */

export interface SkuServicePlan {
  /** Service plan id (GUID, lower case). */
  id: string;
  /** Service plan name, e.g. `TEAMS1`. */
  name: string;
  /** Friendly name, e.g. "Microsoft Teams". */
  friendlyName: string;
}

export interface SkuInfo {
  /** Graph skuId (GUID, lower case). */
  skuId: string;
  /** Graph skuPartNumber (String_Id). */
  skuPartNumber: string;
  displayName: string;
  servicePlans: SkuServicePlan[];
}

export interface SkuCatalogRow {
  productDisplayName: string;
  stringId: string;
  guid: string;
  servicePlanName: string;
  servicePlanId: string;
  servicePlanFriendlyName: string;
}

export interface SkuCatalogMeta {
  /** Where the table came from (a path or URL), for messages. */
  source: string;
  /** When the table was fetched or the file last changed; null when unknown. */
  asOf: string | null;
  /** Older than the configured maximum age: still used, but the plan says so. */
  stale: boolean;
  /** Why the table could not be loaded (then it is empty); null when it loaded. */
  problem: string | null;
}

export interface SkuCatalog extends SkuCatalogMeta {
  bySkuId(skuId: string): SkuInfo | undefined;
  byPartNumber(skuPartNumber: string): SkuInfo | undefined;
  size: number;
}

/** Builds the lookup from the table's rows (one row per product and service plan). Pure. */
export function skuCatalogFrom(rows: Iterable<SkuCatalogRow>, meta: SkuCatalogMeta, extra: readonly SkuInfo[] = []): SkuCatalog {
  const byId = new Map<string, SkuInfo>();
  for (const row of rows) {
    const skuId = row.guid.trim().toLowerCase();
    if (!skuId) continue;
    let sku = byId.get(skuId);
    if (!sku) {
      sku = { skuId, skuPartNumber: row.stringId.trim(), displayName: row.productDisplayName.trim(), servicePlans: [] };
      byId.set(skuId, sku);
    }
    const planId = row.servicePlanId.trim().toLowerCase();
    if (planId && !sku.servicePlans.some((p) => p.id === planId)) {
      sku.servicePlans.push({ id: planId, name: row.servicePlanName.trim(), friendlyName: row.servicePlanFriendlyName.trim() });
    }
  }
  // SKUs the table's edition lacks (e.g. Teams Enterprise), from the project's own data: the table wins when it has them.
  for (const sku of extra) {
    const id = sku.skuId.toLowerCase();
    if (!byId.has(id)) byId.set(id, { ...sku, skuId: id, servicePlans: sku.servicePlans.map((p) => ({ ...p, id: p.id.toLowerCase() })) });
  }
  const byPart = new Map<string, SkuInfo>();
  for (const sku of byId.values()) {
    const key = sku.skuPartNumber.toUpperCase();
    if (!byPart.has(key)) byPart.set(key, sku);
  }
  return {
    ...meta,
    size: byId.size,
    bySkuId: (skuId) => byId.get(skuId.trim().toLowerCase()),
    byPartNumber: (partNumber) => byPart.get(partNumber.trim().toUpperCase()),
  };
}

/** An empty table that says why: matching then finds only same offers, and says so. */
export function unavailableSkuCatalog(source: string, problem: string, extra: readonly SkuInfo[] = []): SkuCatalog {
  return skuCatalogFrom([], { source, asOf: null, stale: false, problem }, extra);
}
