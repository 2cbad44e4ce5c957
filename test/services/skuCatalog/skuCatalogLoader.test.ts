import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { SkuInfo } from '../../../move/skuCatalog';
import { LICENSING_CSV_COLUMNS } from '../../../services/skuCatalog/licensingCsv';
import { LICENSING_REFERENCE_PAGE, SkuCatalogLoader, type SkuCatalogLoaderOptions } from '../../../services/skuCatalog/skuCatalogLoader';
import { startLocalServer, type LocalServer, type ScriptedAnswer } from '../support/localServer';

const DAY = 86_400_000;
const E3_ID = '05e9a617-0261-4cee-bb44-138d3ef5d965';
/** Two SKUs (E3 with two plans, E1 no Teams with one). */
const CSV = [
  LICENSING_CSV_COLUMNS.join(','),
  `Microsoft 365 E3,SPE_E3,${E3_ID},TEAMS1,57ff2da0-773e-42df-b2af-ffb7a2317929,Microsoft Teams`,
  `Microsoft 365 E3,SPE_E3,${E3_ID},EXCHANGE_S_ENTERPRISE,efb87545-963c-4e0d-99df-69c6916d9eb0,Exchange Online (Plan 2)`,
  '"Office 365 E1, no Teams",O365_E1_NOTEAMS,d2dea78b-507c-4e56-b400-39447f4738f8,EXCHANGE_S_STANDARD,9aaf7827-d63c-4b61-89c3-182f06f82e5c,Exchange Online (Plan 1)',
  '',
].join('\r\n');
const EXTRA: SkuInfo[] = [{ skuId: '7e31c0d9-9551-471d-836f-32ee72be4a01', skuPartNumber: 'Microsoft_Teams_Enterprise_New', displayName: 'Microsoft Teams Enterprise', servicePlans: [] }];

interface LogLine { level: 'info' | 'warn' | 'error'; details: object; message: string }

function recordingLogger() {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (details: object, message: string) => { lines.push({ level, details, message }); };
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') } };
}

/** A clock the test moves by hand. */
function manualClock(start = new Date('2026-03-01T09:00:00Z')) {
  let now = start.getTime();
  return { now: () => new Date(now), advanceDays: (days: number) => { now += days * DAY; } };
}

describe('SkuCatalogLoader', () => {
  let folder: string;
  let server: LocalServer | undefined;

  beforeEach(async () => {
    folder = await fs.mkdtemp(path.join(os.tmpdir(), 'sku-catalog-'));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    await fs.rm(folder, { recursive: true, force: true });
  });

  async function serve(answer: (index: number) => ScriptedAnswer): Promise<string> {
    server = await startLocalServer((_request, index) => answer(index));
    return `${server.url}/download/licensing.csv`;
  }

  function loader(options: Partial<SkuCatalogLoaderOptions> & { source: string }) {
    const log = recordingLogger();
    const instance = new SkuCatalogLoader({ cacheDir: path.join(folder, 'cache'), logger: log.logger, ...options });
    return { instance, log };
  }

  describe('from a file path', () => {
    it('reads the file; asOf is its modification time', async () => {
      const file = path.join(folder, 'licensing.csv');
      await fs.writeFile(file, CSV);
      const modified = new Date(Date.now() - 2 * DAY);
      await fs.utimes(file, modified, modified);
      const { instance, log } = loader({ source: file, extraSkus: EXTRA });
      const catalog = await instance.current();
      assert.equal(catalog.problem, null);
      assert.equal(catalog.stale, false);
      assert.equal(catalog.source, file);
      assert.equal(catalog.asOf, (await fs.stat(file)).mtime.toISOString());
      assert.equal(catalog.size, 3);
      assert.deepEqual(catalog.byPartNumber('spe_e3')?.servicePlans.map((p) => p.name), ['TEAMS1', 'EXCHANGE_S_ENTERPRISE']);
      assert.equal(catalog.bySkuId('d2dea78b-507c-4e56-b400-39447f4738f8')?.displayName, 'Office 365 E1, no Teams');
      assert.ok(catalog.byPartNumber('Microsoft_Teams_Enterprise_New'), 'extra SKUs are added');
      assert.deepEqual(log.lines.filter((l) => l.level !== 'info'), []);
    });

    it('marks a file older than maxAgeDays stale and says so in the log', async () => {
      const file = path.join(folder, 'licensing.csv');
      await fs.writeFile(file, CSV);
      const modified = new Date(Date.now() - 40 * DAY);
      await fs.utimes(file, modified, modified);
      const { instance, log } = loader({ source: file, maxAgeDays: 30 });
      const catalog = await instance.current();
      assert.equal(catalog.stale, true);
      assert.equal(catalog.size, 2);
      assert.equal(log.lines.filter((l) => l.level === 'warn').length, 1);
    });

    it('says which step failed, for which source, and how to fix it, when the file is missing or not the table', async () => {
      const missing = path.join(folder, 'nowhere.csv');
      const { instance } = loader({ source: missing, extraSkus: EXTRA });
      const catalog = await instance.current();
      assert.equal(catalog.size, 1, 'only the extra SKUs');
      assert.match(catalog.problem ?? '', /reading .*nowhere\.csv failed: .*ENOENT/);
      assert.match(catalog.problem ?? '', /SKU_CATALOG_SOURCE/);

      const notTable = path.join(folder, 'other.csv');
      await fs.writeFile(notTable, 'a,b,c\r\n1,2,3\r\n');
      const other = await loader({ source: notTable }).instance.current();
      assert.match(other.problem ?? '', /parsing .*other\.csv failed: .*lacks the columns/);
    });
  });

  describe('from a URL', () => {
    it('downloads, validates and caches the table with its fetch time and URL', async () => {
      const url = await serve(() => ({ status: 200, headers: { 'Content-Type': 'text/csv' }, body: `\uFEFF${CSV}` }));
      const clock = manualClock();
      const { instance, log } = loader({ source: url, clock });
      const catalog = await instance.current();
      assert.equal(catalog.problem, null);
      assert.equal(catalog.stale, false);
      assert.equal(catalog.source, url);
      assert.equal(catalog.asOf, clock.now().toISOString());
      assert.equal(catalog.size, 2);
      assert.equal(server?.received.length, 1);
      assert.equal(server?.received[0].method, 'GET');

      const files = (await fs.readdir(path.join(folder, 'cache'))).sort();
      assert.equal(files.length, 2, `cache holds the copy and its JSON: ${files.join(', ')}`);
      const meta = JSON.parse(await fs.readFile(path.join(folder, 'cache', files.find((f) => f.endsWith('.json'))!), 'utf8'));
      assert.deepEqual({ url: meta.url, fetchedAt: meta.fetchedAt }, { url, fetchedAt: clock.now().toISOString() });
      assert.equal(log.lines.filter((l) => l.level === 'info').length, 1);
    });

    it('reuses a young cached copy without downloading again (a restart)', async () => {
      const url = await serve(() => ({ status: 200, body: CSV }));
      const clock = manualClock();
      await loader({ source: url, clock }).instance.current();
      clock.advanceDays(5);
      const restarted = await loader({ source: url, clock }).instance.current();
      assert.equal(server?.received.length, 1);
      assert.equal(restarted.stale, false);
      assert.equal(restarted.asOf, new Date(clock.now().getTime() - 5 * DAY).toISOString());
      assert.equal(restarted.size, 2);
    });

    it('memoises the catalog and downloads again once it is older than maxAgeDays', async () => {
      const url = await serve(() => ({ status: 200, body: CSV }));
      const clock = manualClock();
      const { instance } = loader({ source: url, clock, maxAgeDays: 30 });
      const first = await instance.current();
      clock.advanceDays(29);
      assert.equal(await instance.current(), first, 'the same catalog while it is young');
      assert.equal(server?.received.length, 1);
      clock.advanceDays(2);
      const second = await instance.current();
      assert.equal(server?.received.length, 2);
      assert.equal(second.asOf, clock.now().toISOString());
      assert.equal(second.stale, false);
    });

    it('uses the old cached copy, marked stale, when the refresh fails', async () => {
      const url = await serve((index) => (index === 0 ? { status: 200, body: CSV } : { status: 503, body: 'busy' }));
      const clock = manualClock();
      const fetchedAt = clock.now().toISOString();
      await loader({ source: url, clock }).instance.current();
      clock.advanceDays(31);
      const { instance, log } = loader({ source: url, clock });
      const catalog = await instance.current();
      assert.equal(server?.received.length, 2);
      assert.equal(catalog.stale, true);
      assert.equal(catalog.problem, null);
      assert.equal(catalog.asOf, fetchedAt);
      assert.equal(catalog.size, 2);
      const warning = log.lines.find((l) => l.level === 'warn');
      assert.ok(warning, 'a warning is logged');
      assert.match(JSON.stringify(warning.details), /HTTP 503/);

      // A stale result is retried after an hour, not after maxAgeDays.
      await instance.current();
      assert.equal(server?.received.length, 2);
      clock.advanceDays(1 / 12);
      await instance.current();
      assert.equal(server?.received.length, 3);
    });

    it('uses the old cached copy when the new download is not the table', async () => {
      const url = await serve((index) => (index === 0 ? { status: 200, body: CSV } : { status: 200, body: '<html>maintenance</html>' }));
      const clock = manualClock();
      await loader({ source: url, clock }).instance.current();
      clock.advanceDays(31);
      const catalog = await loader({ source: url, clock }).instance.current();
      assert.equal(catalog.stale, true);
      assert.equal(catalog.size, 2);
    });

    it('without any copy, returns an empty catalog whose problem names the step, the source, the error and the fix', async () => {
      const url = await serve(() => ({ status: 404, body: 'not found' }));
      const { instance, log } = loader({ source: url, extraSkus: EXTRA });
      const catalog = await instance.current();
      assert.equal(catalog.size, 1, 'only the extra SKUs');
      assert.equal(catalog.asOf, null);
      const problem = catalog.problem ?? '';
      assert.ok(problem.includes(`downloading ${url} failed: HTTP 404`), problem);
      assert.match(problem, /Set SKU_CATALOG_SOURCE to a reachable URL or to a local copy of the file/);
      assert.ok(problem.includes(LICENSING_REFERENCE_PAGE));
      assert.equal(log.lines.filter((l) => l.level === 'error').length, 1);
      await assert.rejects(fs.readdir(path.join(folder, 'cache')), /ENOENT/, 'nothing is cached');
    });

    it('reports a download that is not the table, a refused connection and a timeout', async () => {
      const url = await serve((index) => (index === 0 ? { status: 200, body: '<!DOCTYPE html><html></html>' } : { status: 200, hang: true }));
      const html = await loader({ source: url }).instance.current();
      assert.match(html.problem ?? '', /parsing .* failed: .*lacks the columns/);

      const timedOut = await loader({ source: url, timeoutMs: 200 }).instance.current();
      assert.match(timedOut.problem ?? '', /downloading .* failed: no complete answer within 0\.2 s/);

      const closedUrl = url;
      await server?.close();
      server = undefined;
      const refused = await loader({ source: closedUrl }).instance.current();
      assert.match(refused.problem ?? '', /downloading .* failed: fetch failed \(.*ECONNREFUSED/);
    });

    it('shares one download between concurrent calls', async () => {
      const url = await serve(() => ({ status: 200, body: CSV }));
      const { instance } = loader({ source: url });
      const catalogs = await Promise.all([instance.current(), instance.current(), instance.current(), instance.current()]);
      assert.equal(server?.received.length, 1);
      for (const catalog of catalogs) assert.equal(catalog, catalogs[0]);
    });

    it('never throws, even when fetch itself does', async () => {
      const { instance } = loader({ source: 'https://example.invalid/licensing.csv', fetch: () => { throw new Error('boom'); } });
      const catalog = await instance.current();
      assert.match(catalog.problem ?? '', /downloading https:\/\/example\.invalid\/licensing\.csv failed: boom/);
    });

    it('refuses other URL schemes, and keeps a signed URL\'s query out of messages and logs', async () => {
      const ftp = await loader({ source: 'ftp://files.example.com/licensing.csv' }).instance.current();
      assert.match(ftp.problem ?? '', /only http and https/);

      const signed = 'http://127.0.0.1:1/container/licensing.csv?sv=2024&sig=SECRET-SIGNATURE';
      const { instance, log } = loader({ source: signed });
      const catalog = await instance.current();
      assert.ok(catalog.problem);
      assert.doesNotMatch(catalog.problem, /SECRET-SIGNATURE/);
      assert.doesNotMatch(catalog.source, /SECRET-SIGNATURE/);
      assert.doesNotMatch(JSON.stringify(log.lines), /SECRET-SIGNATURE/);
    });
  });
});
