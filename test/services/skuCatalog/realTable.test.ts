/**
 * Microsoft's real table, read from ../shared/data beside the repository (never copied into the
 * project). Skipped, with the reason printed, where that folder is absent.
 */
import assert from 'node:assert/strict';
import { existsSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseLicensingCsv } from '../../../services/skuCatalog/licensingCsv';
import { skusMissingFromCsv } from '../../../services/skuCatalog/missingSkus';
import { SkuCatalogLoader } from '../../../services/skuCatalog/skuCatalogLoader';

const REAL_TABLE = path.resolve(__dirname, '../../../..', 'shared/data/licensing-service-plan-reference.csv');
const TEAMS1 = '57ff2da0-773e-42df-b2af-ffb7a2317929';
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('Microsoft\'s real licensing table (../shared/data)', function () {
  before(function () {
    if (!existsSync(REAL_TABLE)) {
      console.log(`    skipped: ${REAL_TABLE} is absent (the shared reference data is not checked out beside the project)`);
      this.skip();
    }
  });

  it('parses every row', async () => {
    const rows = parseLicensingCsv(await fs.readFile(REAL_TABLE, 'utf8'));
    assert.ok(rows.length >= 5_457, `${rows.length} rows`);
  });

  it('loads through SkuCatalogLoader with the products and plans the planner relies on', async () => {
    const cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sku-catalog-real-'));
    try {
      const catalog = await new SkuCatalogLoader({ source: REAL_TABLE, cacheDir, logger: silent, maxAgeDays: 365_000 }).current();
      assert.equal(catalog.problem, null);
      assert.ok(catalog.size >= 565, `${catalog.size} products`);

      const e3 = catalog.bySkuId('05e9a617-0261-4cee-bb44-138d3ef5d965');
      assert.equal(e3?.skuPartNumber, 'SPE_E3');
      assert.ok(e3?.servicePlans.some((p) => p.id === TEAMS1 && p.name === 'TEAMS1'), 'Microsoft 365 E3 has TEAMS1');

      const noTeams = catalog.bySkuId('dcf0408c-aaec-446c-afd4-43e3683943ea');
      assert.equal(noTeams?.skuPartNumber, 'Microsoft_365_E3_(no_Teams)');
      assert.ok(noTeams && noTeams.servicePlans.length > 10);
      assert.ok(!noTeams.servicePlans.some((p) => p.id === TEAMS1), 'Microsoft 365 E3 (no Teams) lacks TEAMS1');

      // Cells ending in a non-breaking space (MCOCAP_FACULTY) are found by their clean values.
      assert.ok(catalog.byPartNumber('MCOCAP_FACULTY'));
      assert.ok(catalog.bySkuId('420c7602-7f70-4895-9394-d3d679ea36fb'));
    } finally {
      await fs.rm(cacheDir, { recursive: true, force: true });
    }
  });

  it('still lacks what move/data/skus-missing-from-csv.json adds (remove an entry once the table has it)', async () => {
    const rows = parseLicensingCsv(await fs.readFile(REAL_TABLE, 'utf8'));
    for (const sku of skusMissingFromCsv()) {
      assert.ok(!rows.some((row) => row.guid === sku.skuId), `${sku.skuPartNumber} is now in Microsoft's table`);
    }
  });
});
