/**
 * Optional: Microsoft's whole table, read from ../shared/data beside the repository where that folder exists (never
 * copied into the project). Skipped, with the reason printed, where it is absent. Where it is at hand it also checks
 * the project's hand-typed SKU data (sandbox/world/skus) against it.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { ALL_SKUS } from '../../../sandbox/world/skus';
import { parseLicensingCsv } from '../../../services/skuCatalog/licensingCsv';
import { skusMissingFromCsv } from '../../../services/skuCatalog/missingSkus';
import { MICROSOFT_SKU_TABLE, skipWithoutMicrosoftSkuTable } from '../../support/skuTableFixture';
import { assertPlannerEssentials, loadTable } from './loadedTable';

describe('Microsoft\'s real licensing table (../shared/data)', function () {
  before(function () {
    skipWithoutMicrosoftSkuTable(this);
  });

  it('parses every row', async () => {
    const rows = parseLicensingCsv(await fs.readFile(MICROSOFT_SKU_TABLE, 'utf8'));
    assert.ok(rows.length >= 5_457, `${rows.length} rows`);
  });

  it('loads through SkuCatalogLoader with the products and plans the planner relies on', async () => {
    const catalog = await loadTable(MICROSOFT_SKU_TABLE);
    assert.ok(catalog.size >= 565, `${catalog.size} products`);
    assertPlannerEssentials(catalog);

    // Cells ending in a non-breaking space (MCOCAP_FACULTY) are found by their clean values.
    assert.ok(catalog.byPartNumber('MCOCAP_FACULTY'));
    assert.ok(catalog.bySkuId('420c7602-7f70-4895-9394-d3d679ea36fb'));
  });

  it('gives every SKU of the project\'s hand-typed data the same names and service plans (fix the typed data when this fails)', async () => {
    const catalog = await loadTable(MICROSOFT_SKU_TABLE);
    const notInTheEdition = new Set(skusMissingFromCsv().map((sku) => sku.skuId));
    for (const typed of ALL_SKUS.filter((sku) => !notInTheEdition.has(sku.skuId))) {
      const real = catalog.bySkuId(typed.skuId);
      assert.ok(real, `${typed.skuPartNumber} (${typed.skuId}) is in Microsoft's table`);
      assert.equal(real.skuPartNumber, typed.skuPartNumber, typed.skuId);
      assert.equal(real.displayName, typed.displayName, typed.skuPartNumber);
      const plans = (list: Array<[string, string, string]>) => list.map((p) => p.join(' ')).sort();
      assert.deepEqual(
        plans(typed.servicePlans.map((p) => [p.servicePlanId, p.servicePlanName, p.friendlyName])),
        plans(real.servicePlans.map((p) => [p.id, p.name, p.friendlyName])),
        `${typed.skuPartNumber}'s service plans`,
      );
    }
  });

  it('still lacks what move/data/skus-missing-from-csv.json adds (remove an entry once the table has it)', async () => {
    const rows = parseLicensingCsv(await fs.readFile(MICROSOFT_SKU_TABLE, 'utf8'));
    for (const sku of skusMissingFromCsv()) {
      assert.ok(!rows.some((row) => row.guid === sku.skuId), `${sku.skuPartNumber} is now in Microsoft's table`);
    }
  });
});
