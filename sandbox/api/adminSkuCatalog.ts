/**
 * `GET /_sandbox/sku-catalog.csv`: the sandbox's own SKUs as Microsoft's "Product names and service plan
 * identifiers for licensing" CSV (same columns, one row per product and service plan, CRLF, quotes only
 * where needed), so local mode can point SKU_CATALOG_SOURCE here instead of at download.microsoft.com.
 */
import type { Router } from '../http/router';
import { text } from '../http/types';
import { ALL_SKUS } from '../world/skus';
import type { SkuDefinition } from '../world/types';
import { adminOnly } from './admin';

export const SKU_CATALOG_CSV_PATH = '/_sandbox/sku-catalog.csv';

const COLUMNS = ['Product_Display_Name', 'String_Id', 'GUID', 'Service_Plan_Name', 'Service_Plan_Id', 'Service_Plans_Included_Friendly_Names'];

export function registerSkuCatalogRoute(router: Router): void {
  router.add('admin', 'GET', SKU_CATALOG_CSV_PATH, adminOnly(() => text(200, skuCatalogCsv(ALL_SKUS), 'text/csv; charset=utf-8')));
}

/** Microsoft's layout: products by display name, plans in the order they were typed in. */
export function skuCatalogCsv(skus: readonly SkuDefinition[]): string {
  const lines = [COLUMNS.join(',')];
  const byName = [...skus].sort((a, b) => a.displayName.localeCompare(b.displayName, 'en'));
  for (const sku of byName) {
    for (const plan of sku.servicePlans) {
      lines.push([sku.displayName, sku.skuPartNumber, sku.skuId, plan.servicePlanName, plan.servicePlanId, plan.friendlyName].map(csvField).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
