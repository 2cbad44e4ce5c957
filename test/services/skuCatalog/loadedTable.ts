/**
 * What the SKU-table suites (the project's own table, and Microsoft's whole table where it is at hand) check of a
 * table loaded the product's way: through SkuCatalogLoader from a file, as SKU_CATALOG_SOURCE=<path> would.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SkuCatalog } from '../../../move/skuCatalog';
import { SkuCatalogLoader } from '../../../services/skuCatalog/skuCatalogLoader';

export const TEAMS1 = '57ff2da0-773e-42df-b2af-ffb7a2317929';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** The table at `file` as the loader hands it out (with a throw-away cache folder). */
export async function loadTable(file: string): Promise<SkuCatalog> {
  const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sku-catalog-table-'));
  try {
    return await new SkuCatalogLoader({ source: file, cacheDir, logger: silent, maxAgeDays: 365_000 }).current();
  } finally {
    await fs.rm(cacheDir, { recursive: true, force: true });
  }
}

/** The products and plans the planner relies on: Microsoft 365 E3 with Teams, E3 (no Teams) without. */
export function assertPlannerEssentials(catalog: SkuCatalog): void {
  assert.equal(catalog.problem, null);
  const e3 = catalog.bySkuId('05e9a617-0261-4cee-bb44-138d3ef5d965');
  assert.equal(e3?.skuPartNumber, 'SPE_E3');
  assert.ok(e3?.servicePlans.some((p) => p.id === TEAMS1 && p.name === 'TEAMS1'), 'Microsoft 365 E3 has TEAMS1');

  const noTeams = catalog.bySkuId('dcf0408c-aaec-446c-afd4-43e3683943ea');
  assert.equal(noTeams?.skuPartNumber, 'Microsoft_365_E3_(no_Teams)');
  assert.ok(noTeams && noTeams.servicePlans.length > 10);
  assert.ok(!noTeams.servicePlans.some((p) => p.id === TEAMS1), 'Microsoft 365 E3 (no Teams) lacks TEAMS1');
}
