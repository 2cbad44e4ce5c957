import assert from 'node:assert/strict';
import { unzipSync, strFromU8 } from 'fflate';
import { parse } from 'csv-parse/sync';
import type { SandboxHandle } from '../../sandbox/server';
import {
  ISAIAH_LANGER_ID, LYNNE_ROBBINS_ID, MEGAN_BOWEN_ID, PARTNER_API_RESOURCE, PARTNER_TENANT_ID, PATTI_FERNANDEZ_ID,
  SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_REFRESH_TOKEN,
} from '../../sandbox/world/constants';
import { PRICE_SHEET_COLUMNS } from '../../sandbox/world/priceSheet';
import { addFault, adminToken, call, decodeJwt, getToken, useSandbox } from './helpers';

const sheetPath = (market: string, view = 'updatedlicensebased', query = '') =>
  `/v1.0/sales/pricesheets(Market='${market}',PricesheetView='${view}')/$value${query}`;

function currentMonth(offset = 0): { yyyymm: string; first: string } {
  const now = new Date();
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  const month = date.getUTCMonth() + 1;
  return { yyyymm: `${date.getUTCFullYear()}${String(month).padStart(2, '0')}`, first: `${month}/1/${date.getUTCFullYear()} 12:00:00 AM` };
}

describe('sandbox price sheet (Partner API, updatedlicensebased)', () => {
  let sandbox: SandboxHandle;
  let userToken: string;

  useSandbox(async (started) => {
    sandbox = started;
    const form = { grant_type: 'refresh_token', client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET, refresh_token: SANDBOX_REFRESH_TOKEN, scope: `${PARTNER_API_RESOURCE}/.default` };
    const issued = await call(sandbox, `/login/${PARTNER_TENANT_ID}/oauth2/v2.0/token`, { form });
    assert.equal(issued.status, 200, JSON.stringify(issued.body));
    userToken = issued.body.access_token;
  });

  /** The sheet as CSV text (`Accept-Encoding: identity`), or the raw answer. */
  async function fetchSheet(path: string, headers: Record<string, string> = { 'Accept-Encoding': 'identity' }, token = userToken) {
    const response = await fetch(`${sandbox.url}${path}`, { headers: { Authorization: `Bearer ${token}`, ...headers } });
    return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
  }
  const rowsOf = (text: string): Array<Record<string, string>> => parse(text, { columns: true, bom: true });

  it('issues App+User tokens for api.partner.microsoft.com from the refresh token', () => {
    const claims = decodeJwt(userToken);
    assert.equal(claims.aud, PARTNER_API_RESOURCE);
    assert.equal(claims.idtyp, 'user');
    assert.equal(claims.scp, 'user_impersonation');
  });

  it('serves the documented CSV: the 18 Learn columns then Segment, CRLF, quoted, one row per SKU, term and billing plan', async () => {
    const answer = await fetchSheet(sheetPath('US'));
    assert.equal(answer.status, 200);
    assert.equal(answer.headers.get('content-type'), 'application/octet-stream');
    assert.match(answer.headers.get('content-disposition') ?? '', /attachment; filename=sheets\.csv/);
    assert.ok(answer.headers.get('ms-requestid'), 'Partner Center headers');
    const text = Buffer.from(answer.bytes).toString('utf8');
    assert.ok(text.startsWith(PRICE_SHEET_COLUMNS.map((c) => `"${c}"`).join(',') + '\r\n'));
    const rows = rowsOf(text);
    const bp = rows.filter((r) => r.ProductId === 'CFQ7TTC0LCHC' && r.Segment === 'Commercial');
    assert.deepEqual(bp.map((r) => `${r.TermDuration}/${r.BillingPlan}=${r.UnitPrice}/${r['ERP Price']}`),
      ['P1M/Monthly=21.12/26.4', 'P1Y/Monthly=221.76/277.2', 'P1Y/Annual=211.2/264']);
    const first = bp[0]!;
    assert.equal(first.Currency, 'USD');
    assert.equal(first.Market, 'US');
    assert.equal(first.EffectiveStartDate, currentMonth().first);
    assert.equal(first.EffectiveEndDate, '11/30/9999 11:59:59 PM');
    assert.ok(rows.some((r) => r.Segment === 'Education'), 'other segments are listed too');
    for (const row of rows) assert.equal(Number(row.UnitPrice), Math.round(Number(row['ERP Price']) * 0.8 * 100) / 100, 'partner price = 80 % of ERP');
  });

  it('prices each market in its currency', async () => {
    const expected: Record<string, string> = { US: 'USD', CA: 'CAD', KR: 'KRW', GB: 'GBP', DE: 'EUR', FR: 'EUR', JP: 'JPY', MX: 'USD' };
    for (const [market, currency] of Object.entries(expected)) {
      const rows = rowsOf(Buffer.from((await fetchSheet(sheetPath(market.toLowerCase()))).bytes).toString('utf8'));
      assert.deepEqual([...new Set(rows.map((r) => r.Currency))], [currency], market);
      assert.deepEqual([...new Set(rows.map((r) => r.Market))], [market]);
    }
    const krw = rowsOf(Buffer.from((await fetchSheet(sheetPath('KR'))).bytes).toString('utf8'));
    assert.ok(krw.every((r) => /^\d+$/.test(r.UnitPrice ?? '')), 'whole won');
  });

  it('zips the sheet when asked with Accept-Encoding: deflate (not as an HTTP content coding)', async () => {
    const zipped = await fetchSheet(sheetPath('US'), { 'Accept-Encoding': 'gzip, deflate;q=0.5' });
    assert.equal(zipped.status, 200);
    assert.equal(zipped.headers.get('content-encoding'), null);
    assert.match(zipped.headers.get('content-disposition') ?? '', /sheets\.zip/);
    assert.deepEqual([...zipped.bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
    const files = unzipSync(zipped.bytes);
    assert.deepEqual(Object.keys(files), ['sheets.csv']);
    const plain = await fetchSheet(sheetPath('US'));
    assert.equal(strFromU8(files['sheets.csv']!), Buffer.from(plain.bytes).toString('utf8'));
    assert.equal((await fetchSheet(sheetPath('US'), { 'Accept-Encoding': 'deflate;q=0' })).bytes[0], '"'.charCodeAt(0), 'q=0 refuses deflate');
  });

  it('serves history (month=YYYYMM) and the future sheet; history before April 2020 is never zipped', async () => {
    const last = currentMonth(-1);
    const history = await fetchSheet(sheetPath('US', 'updatedlicensebased', `?timeline=history&month=${last.yyyymm}`));
    assert.equal(rowsOf(Buffer.from(history.bytes).toString('utf8'))[0]?.EffectiveStartDate, last.first);
    const next = currentMonth(1);
    const future = await fetchSheet(sheetPath('US', 'updatedlicensebased', '?timeline=Future'));
    assert.equal(rowsOf(Buffer.from(future.bytes).toString('utf8'))[0]?.EffectiveStartDate, next.first);
    const old = await fetchSheet(sheetPath('US', 'updatedlicensebased', '?timeline=history&month=202003'), { 'Accept-Encoding': 'deflate' });
    assert.equal(old.status, 200);
    assert.match(old.headers.get('content-disposition') ?? '', /sheets\.csv/);
  });

  it('answers 400 for a bad market, view, timeline or month, in Partner Center error shape', async () => {
    const cases: Array<[string, RegExp]> = [
      [sheetPath('USA'), /market 'USA'/],
      [sheetPath('ZZ'), /market 'ZZ'/],
      [sheetPath('US', 'licensebased'), /PricesheetView 'licensebased' is not valid/],
      [sheetPath('US', 'azure_consumption'), /serves only the updatedlicensebased view/],
      [sheetPath('US', 'updatedlicensebased', '?timeline=later'), /timeline 'later'/],
      [sheetPath('US', 'updatedlicensebased', '?timeline=history'), /month=YYYYMM/],
      [sheetPath('US', 'updatedlicensebased', '?timeline=history&month=2020-01'), /month=YYYYMM/],
      [sheetPath('US', 'updatedlicensebased', '?month=202001'), /only allowed with timeline=history/],
      [sheetPath('US', 'updatedlicensebased', `?timeline=history&month=${currentMonth(1).yyyymm}`), /not in the past/],
    ];
    for (const [path, message] of cases) {
      const answer = await call(sandbox, path, { token: userToken });
      assert.equal(answer.status, 400, path);
      assert.equal(answer.body.source, 'PartnerFD');
      assert.match(answer.body.description, message, path);
    }
    const unknown = await call(sandbox, '/v1.0/sales/offermatrix(Month=\'202601\')/$value', { token: userToken });
    assert.equal(unknown.status, 404);
  });

  it('needs an App+User token for the Partner API, of a user in AdminAgents or SalesAgents', async () => {
    assert.equal((await call(sandbox, sheetPath('US'))).status, 401);
    const partnerCenter = await getToken(sandbox, 'partnerCenter', { grant: 'refresh_token' });
    const wrongAudience = await call(sandbox, sheetPath('US'), { token: partnerCenter });
    assert.equal(wrongAudience.status, 401);
    assert.match(wrongAudience.body.description, /Invalid audience/);
    const appOnly = await adminToken(sandbox, 'partner-api');
    const refused = await call(sandbox, sheetPath('US'), { token: appOnly });
    assert.equal(refused.status, 403);
    assert.match(refused.body.description, /requires App\+User/);
    for (const userId of [MEGAN_BOWEN_ID, PATTI_FERNANDEZ_ID]) {
      assert.equal((await fetchSheet(sheetPath('US'), undefined, await adminToken(sandbox, 'partner-api', { userId }))).status, 200);
    }
    for (const userId of [ISAIAH_LANGER_ID, LYNNE_ROBBINS_ID]) {
      const answer = await call(sandbox, sheetPath('US'), { token: await adminToken(sandbox, 'partner-api', { userId }) });
      assert.equal(answer.status, 403);
      assert.match(answer.body.description, /Admin agent or Sales agent/);
    }
  });

  it('is faulted and throttled like every Partner Center route', async () => {
    await addFault(sandbox, { match: 'GET /v1.0/sales/**', status: 503 });
    const faulted = await call(sandbox, sheetPath('US'), { token: userToken });
    assert.equal(faulted.status, 503);
    assert.equal(faulted.body.source, 'PartnerFD');
    assert.equal((await fetchSheet(sheetPath('US'))).status, 200, 'count 1');

    await call(sandbox, '/_sandbox/throttle', { json: { key: 'partner', limit: 1, windowSeconds: 30 } });
    assert.equal((await fetchSheet(sheetPath('US'))).status, 200);
    const throttled = await call(sandbox, sheetPath('US'), { token: userToken });
    assert.equal(throttled.status, 429);
    assert.ok(Number(throttled.headers.get('retry-after')) >= 1);
    assert.equal(throttled.body.statusCode, 429);
    const stats = await call(sandbox, '/_sandbox/stats');
    assert.equal(stats.body.requests['GET /v1.0/sales/:sheet/$value'], 4);
  });
});
