import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { withLocalDefaults } from '../../../bot/localEnv';
import { SKU_CATALOG_CSV_PATH } from '../../../sandbox/api/adminSkuCatalog';
import { startSandbox, type SandboxHandle } from '../../../sandbox/server';
import { ALL_SKUS } from '../../../sandbox/world/skus';
import { MICROSOFT_TEAMS_ENTERPRISE } from '../../../sandbox/world/skus/standalone';
import { LICENSING_CSV_COLUMNS, parseLicensingCsv } from '../../../services/skuCatalog/licensingCsv';
import { skusMissingFromCsv } from '../../../services/skuCatalog/missingSkus';
import { SkuCatalogLoader } from '../../../services/skuCatalog/skuCatalogLoader';

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('the sandbox\'s SKU table (GET /_sandbox/sku-catalog.csv)', () => {
  let sandbox: SandboxHandle;
  let cacheDir: string;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(async () => {
    cacheDir = await fs.mkdtemp(path.join(os.tmpdir(), 'sku-catalog-sandbox-'));
  });
  afterEach(async () => {
    await fs.rm(cacheDir, { recursive: true, force: true });
  });

  it('serves Microsoft\'s exact columns as text/csv with CRLF line ends', async () => {
    const response = await fetch(`${sandbox.url}${SKU_CATALOG_CSV_PATH}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
    const text = await response.text();
    assert.ok(text.startsWith(`${LICENSING_CSV_COLUMNS.join(',')}\r\n`));
    assert.ok(text.endsWith('\r\n'));
    const rows = parseLicensingCsv(text);
    assert.equal(rows.length, ALL_SKUS.reduce((sum, sku) => sum + sku.servicePlans.length, 0));
  });

  it('round-trips through SkuCatalogLoader, at the URL local mode configures', async () => {
    const source = withLocalDefaults({}, sandbox.url).SKU_CATALOG_SOURCE;
    assert.equal(source, `${sandbox.url}${SKU_CATALOG_CSV_PATH}`);
    const catalog = await new SkuCatalogLoader({ source: source!, cacheDir, logger: silent }).current();
    assert.equal(catalog.problem, null);
    assert.equal(catalog.size, ALL_SKUS.length);
    const teams = catalog.byPartNumber('Microsoft_Teams_Enterprise_New');
    assert.equal(teams?.skuId, MICROSOFT_TEAMS_ENTERPRISE.skuId);
    assert.deepEqual(teams?.servicePlans.map((p) => p.name), MICROSOFT_TEAMS_ENTERPRISE.servicePlans.map((p) => p.servicePlanName));
    for (const sku of ALL_SKUS) {
      assert.deepEqual(catalog.bySkuId(sku.skuId)?.servicePlans.map((p) => p.id), sku.servicePlans.map((p) => p.servicePlanId), sku.skuPartNumber);
    }
  });

  it('matches the project\'s data for SKUs missing from Microsoft\'s CSV edition', () => {
    const [teams] = skusMissingFromCsv();
    assert.deepEqual(teams, {
      skuId: MICROSOFT_TEAMS_ENTERPRISE.skuId,
      skuPartNumber: MICROSOFT_TEAMS_ENTERPRISE.skuPartNumber,
      displayName: MICROSOFT_TEAMS_ENTERPRISE.displayName,
      servicePlans: MICROSOFT_TEAMS_ENTERPRISE.servicePlans.map((p) => ({ id: p.servicePlanId, name: p.servicePlanName, friendlyName: p.friendlyName })),
    });
    assert.notEqual(skusMissingFromCsv()[0], teams, 'each call returns fresh copies');
  });
});
