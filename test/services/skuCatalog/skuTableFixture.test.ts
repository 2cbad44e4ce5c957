/**
 * The project's own SKU table (test/support/skuTableFixture.ts): the sandbox's hand-typed SKUs in the layout of
 * Microsoft's licensing CSV. It loads the way the product loads Microsoft's table, and holds the products the
 * planner, the sandbox's Partner Center and the offer map rely on.
 */
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultOfferMap } from '../../../move/offerMap';
import { CATALOG_PRODUCTS } from '../../../sandbox/world/catalog';
import { ALL_SKUS } from '../../../sandbox/world/skus';
import { LICENSING_CSV_COLUMNS } from '../../../services/skuCatalog/licensingCsv';
import { projectSkuCatalog, projectSkuRows, projectSkuTableCsv, writeProjectSkuTable } from '../../support/skuTableFixture';
import { assertPlannerEssentials, loadTable } from './loadedTable';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('the project\'s SKU table (the sandbox\'s SKUs as Microsoft\'s licensing CSV)', () => {
  it('has Microsoft\'s header and one CRLF row per product and service plan', () => {
    const text = projectSkuTableCsv();
    assert.ok(text.startsWith(`${LICENSING_CSV_COLUMNS.join(',')}\r\n`));
    assert.ok(text.endsWith('\r\n'));
    const planCount = ALL_SKUS.reduce((sum, sku) => sum + sku.servicePlans.length, 0);
    assert.equal(projectSkuRows().length, planCount);
    assert.equal(text.split('\r\n').length - 2, planCount, 'no line breaks inside fields');
  });

  it('carries every SKU field for field, with lower-case GUIDs', () => {
    const rows = projectSkuRows();
    for (const sku of ALL_SKUS) {
      const own = rows.filter((row) => row.guid === sku.skuId);
      assert.deepEqual(own.map((row) => [row.productDisplayName, row.stringId, row.servicePlanName, row.servicePlanId, row.servicePlanFriendlyName]),
        sku.servicePlans.map((p) => [sku.displayName, sku.skuPartNumber, p.servicePlanName, p.servicePlanId, p.friendlyName]), sku.skuPartNumber);
      for (const id of [sku.skuId, ...sku.servicePlans.map((p) => p.servicePlanId)]) assert.match(id, GUID, sku.skuPartNumber);
    }
  });

  it('loads through SkuCatalogLoader from a file, as SKU_CATALOG_SOURCE=<path> would', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'project-sku-table-'));
    try {
      const catalog = await loadTable(await writeProjectSkuTable(dir));
      assert.equal(catalog.size, ALL_SKUS.length);
      assertPlannerEssentials(catalog);
      for (const sku of ALL_SKUS) {
        assert.deepEqual(catalog.bySkuId(sku.skuId)?.servicePlans.map((p) => p.id), sku.servicePlans.map((p) => p.servicePlanId), sku.skuPartNumber);
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('holds every product the sandbox\'s Partner Center sells, with the ids the offer map gives it', () => {
    const skus = projectSkuCatalog();
    const offers = defaultOfferMap().data.offers;
    for (const product of CATALOG_PRODUCTS) {
      for (const sold of product.skus) {
        const sku = skus.bySkuId(sold.graphSku.skuId);
        assert.ok(sku && sku.servicePlans.length > 0, `${sold.title} is in the table with its service plans`);
        const mapped = offers.find((o) => o.offer === `${product.productId}:${sold.catalogSkuId}`);
        assert.ok(mapped, `${product.productId}:${sold.catalogSkuId} (${sold.title}) is in the offer map`);
        assert.equal(mapped.graphSkuId.toLowerCase(), sku.skuId, sold.title);
        assert.equal(mapped.skuPartNumber, sku.skuPartNumber, sold.title);
      }
    }
  });

  it('gives every offer-map product it holds the ids the offer map gives it', () => {
    const skus = projectSkuCatalog();
    const held = defaultOfferMap().data.offers.filter((o) => skus.byPartNumber(o.skuPartNumber));
    assert.ok(held.some((o) => o.skuPartNumber === 'SPE_E3'), 'Microsoft 365 E3, which the sandbox does not sell, is still in the table');
    for (const offer of held) assert.equal(skus.byPartNumber(offer.skuPartNumber)?.skuId, offer.graphSkuId.toLowerCase(), offer.skuPartNumber);
  });
});
