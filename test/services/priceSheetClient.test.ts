/**
 * The price sheet client against the sandbox's Partner API route: App+User tokens for api.partner.microsoft.com,
 * the zipped and plain sheet, the cache per market and month, and failures as StepErrors.
 */
import assert from 'node:assert/strict';
import { findPrice } from '../../move/pricing';
import { StepError } from '../../move/ports';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import {
  ISAIAH_LANGER_ID, MEGAN_BOWEN_ID, PARTNER_TENANT_ID, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_REFRESH_TOKEN,
} from '../../sandbox/world/constants';
import { OutboundHttp } from '../../services/http/outboundHttp';
import { MissingRefreshTokenError, TokenRequestError, type TokenProvider } from '../../services/identity/tokenProvider';
import { createOutboundServices, sandboxEndpoints, type OutboundServices } from '../../services/outboundServices';
import { PartnerCenterError } from '../../services/partnerCenter/partnerCenterError';
import { PriceSheetClient, monthOf } from '../../services/partnerCenter/priceSheetClient';
import { addFault, adminToken, call } from '../sandbox/helpers';

const ctx = { correlationId: '5a1e5a1e-0000-4000-8000-000000000001' };
const SHEET_PATTERN = '/v1.0/sales/:sheet/$value';
const SHEET_ROUTE = `GET ${SHEET_PATTERN}`;
const BP = { productId: 'CFQ7TTC0LCHC', skuId: '0002' };

/** A provider that hands out one fixed token (an app-only one, another audience, another user). */
const fixedToken = (token: string): TokenProvider => ({ getToken: async () => token });

function previousMonth(now = Date.now()): string {
  const date = new Date(now);
  return monthOf(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - 1, 1));
}

describe('services price sheet client against the sandbox', function () {
  this.timeout(30_000);
  let sandbox: SandboxHandle;
  let services: OutboundServices;

  const servicesFor = ({ refreshToken }: { refreshToken?: string }) => createOutboundServices({
    endpoints: sandboxEndpoints(sandbox.url), partnerTenantId: PARTNER_TENANT_ID, clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET, refreshToken, http: { sleep: async () => {} },
  });
  const sheetRequests = async (): Promise<number> => (await call(sandbox, '/_sandbox/stats')).body.requests[SHEET_ROUTE] ?? 0;

  before(async () => { sandbox = await startSandbox({ port: 0 }); });
  after(async () => { await sandbox?.close(); });
  beforeEach(async () => {
    assert.equal((await call(sandbox, '/_sandbox/reset', { method: 'POST' })).status, 200);
    services = servicesFor({ refreshToken: SANDBOX_REFRESH_TOKEN });
  });

  it("reads the partner's prices for the market with the secure-app-model identity, per term and billing plan", async () => {
    const book = await services.priceSheet.priceBook('us', ctx);
    assert.equal(book.market, 'US');
    assert.equal(book.month, monthOf(Date.now()));
    const annual = findPrice(book, BP.productId, BP.skuId, 'P1Y', 'annual');
    assert.equal(annual?.currency, 'USD');
    assert.equal(annual?.termPriceMicros, 211_200_000, 'the Commercial price, not the Education row listed first');
    assert.equal(annual?.erpTermPriceMicros, 264_000_000);
    assert.equal(annual?.effectiveFrom, `${book.month}-01`);
    assert.equal(annual?.effectiveTo, null);
    assert.equal(findPrice(book, BP.productId, BP.skuId, 'P1Y', 'monthly')?.termPriceMicros, 221_760_000);
    assert.equal(findPrice(book, BP.productId, BP.skuId, 'P1M', 'monthly')?.termPriceMicros, 21_120_000);
    assert.equal(findPrice(book, 'CFQ7TTC0LF8R', '0001', 'P3Y', 'annual')?.termPriceMicros, 662_400_000);

    const [sent] = (await call(sandbox, '/_sandbox/requests')).body.requests.filter((r: any) => r.route === SHEET_PATTERN);
    assert.equal(sent.headers['accept-encoding'], 'deflate', 'asks for the zipped sheet');
    assert.equal(sent.headers['ms-correlationid'], ctx.correlationId);
    assert.match(sent.path, /^\/v1\.0\/sales\/pricesheets\(Market='US',PricesheetView='updatedlicensebased'\)\/\$value$/);
  });

  it('reaches the sandbox with the endpoints the bot builds today (no partnerApiBaseUrl: the Partner Center root)', async () => {
    const { partnerApiBaseUrl: _unused, ...withoutPartnerApi } = sandboxEndpoints(sandbox.url);
    const bot = createOutboundServices({
      endpoints: withoutPartnerApi, partnerTenantId: PARTNER_TENANT_ID, clientId: SANDBOX_CLIENT_ID,
      clientSecret: SANDBOX_CLIENT_SECRET, refreshToken: SANDBOX_REFRESH_TOKEN,
    });
    assert.ok((await bot.priceSheet.priceBook('US', ctx)).prices.size > 0);
  });

  it("uses each market's currency", async () => {
    const currencyOf = async (market: string) => findPrice(await services.priceSheet.priceBook(market, ctx), BP.productId, BP.skuId, 'P1Y', 'annual');
    assert.deepEqual(
      await Promise.all(['CA', 'KR', 'GB', 'DE', 'FR'].map(async (m) => (await currencyOf(m))?.currency)),
      ['CAD', 'KRW', 'GBP', 'EUR', 'EUR'],
    );
    assert.equal((await currencyOf('KR'))?.termPriceMicros, 285_120 * 1_000_000, 'whole won');
  });

  it('reads the zipped sheet by default and the plain CSV when asked, with the same prices', async () => {
    const logged: Array<Record<string, unknown>> = [];
    const logger = { info: (details: object) => logged.push(details as Record<string, unknown>), warn() {}, error() {} };
    const client = (compressed: boolean) => new PriceSheetClient({
      baseUrl: sandbox.url, partnerTenantId: PARTNER_TENANT_ID, tokens: services.tokens, http: new OutboundHttp(), compressed, logger,
    });
    const zipped = await client(true).priceBook('US', ctx);
    const plain = await client(false).priceBook('US', ctx);
    assert.deepEqual(logged.map((l) => l.packaging), ['zip', 'csv']);
    assert.deepEqual([...plain.prices.entries()], [...zipped.prices.entries()]);
    assert.ok((logged[0]?.bytes as number) < (logged[1]?.bytes as number), 'the zip is smaller');
  });

  it('needs an App+User identity: none configured, an app-only token, a Partner Center token, a user without the role', async () => {
    await assert.rejects(servicesFor({}).priceSheet.priceBook('US', ctx),
      (error: unknown) => error instanceof MissingRefreshTokenError && !error.retryable);

    const appOnly = await services.tokens.getToken('partner-api', PARTNER_TENANT_ID, 'app');
    await assert.rejects(services.priceSheet.withTokens(fixedToken(appOnly)).priceBook('US', ctx), (error: unknown) => {
      assert.ok(error instanceof PartnerCenterError);
      assert.equal(error.httpStatus, 403);
      assert.equal(error.retryable, false);
      assert.match(error.message, /^Partner Center: read the price sheet for US \(\d{4}-\d{2}\) failed \(HTTP 403/);
      assert.match(error.fix, /Admin agent or Sales agent/);
      return true;
    });

    const partnerCenterToken = await services.tokens.getToken('partner-center', PARTNER_TENANT_ID, 'app+user');
    await assert.rejects(services.priceSheet.withTokens(fixedToken(partnerCenterToken)).priceBook('US', ctx),
      (error: unknown) => error instanceof PartnerCenterError && error.httpStatus === 401 && /Microsoft Partner API/.test(error.fix));

    const helpdesk = await adminToken(sandbox, 'partner-api', { userId: ISAIAH_LANGER_ID });
    await assert.rejects(services.priceSheet.withTokens(fixedToken(helpdesk)).priceBook('US', ctx),
      (error: unknown) => error instanceof PartnerCenterError && error.httpStatus === 403);

    const salesAgent = await adminToken(sandbox, 'partner-api', { userId: MEGAN_BOWEN_ID });
    assert.ok((await services.priceSheet.withTokens(fixedToken(salesAgent)).priceBook('US', ctx)).prices.size > 0, 'a Sales agent may');
  });

  it('caches per market and month: one download for concurrent callers, again for another market or month', async () => {
    const sheet = services.priceSheet;
    const [a, b] = await Promise.all([sheet.priceBook('US', ctx), sheet.priceBook('US', ctx)]);
    assert.equal(a, b);
    assert.equal(await sheet.priceBook('US', ctx), a);
    assert.equal(await sheetRequests(), 1);

    await sheet.priceBook('CA', ctx);
    const history = await sheet.priceBook('US', ctx, { month: previousMonth() });
    assert.equal(history.month, previousMonth());
    assert.equal(findPrice(history, BP.productId, BP.skuId, 'P1Y', 'annual')?.effectiveFrom, `${previousMonth()}-01`);
    assert.equal(await sheetRequests(), 3);

    // A copy acting through other tokens shares the cache.
    const salesAgent = await adminToken(sandbox, 'partner-api', { userId: MEGAN_BOWEN_ID });
    assert.equal(await sheet.withTokens(fixedToken(salesAgent)).priceBook('US', ctx), a);
    assert.equal(await sheetRequests(), 3);
    assert.deepEqual(sheet.cachedSheets().sort(), ['CA', 'US', 'US'].map((m, i) => `${m}|${i === 2 ? previousMonth() : monthOf(Date.now())}`).sort());
    await assert.rejects(sheet.priceBook('US', ctx, { month: '2026-13' }), RangeError);
    await assert.rejects(sheet.priceBook('US', ctx, { month: '2999-01' }), /publishes the current and next month only/);
    await assert.rejects(sheet.priceBook('USA', ctx), /two-letter country code/);
  });

  it('turns a failing or throttling service into a retryable StepError, and does not cache the failure', async () => {
    await addFault(sandbox, { match: 'GET /v1.0/sales/**', status: 503, count: 4 });
    await assert.rejects(services.priceSheet.priceBook('US', ctx), (error: unknown) => {
      assert.ok(error instanceof PartnerCenterError);
      assert.ok(error instanceof StepError);
      assert.equal(error.httpStatus, 503);
      assert.equal(error.retryable, true);
      return true;
    });
    assert.equal(await sheetRequests(), 4, 'OutboundHttp retried the GET before giving up');

    await addFault(sandbox, { match: 'GET /v1.0/sales/**', status: 429, retryAfterSeconds: 1, count: 4 });
    await assert.rejects(services.priceSheet.priceBook('US', ctx),
      (error: unknown) => error instanceof PartnerCenterError && error.reason === 'throttled' && error.retryable && error.retryAfterSeconds === 1);

    assert.ok((await services.priceSheet.priceBook('US', ctx)).prices.size > 0, 'the next call downloads again');
  });
});

describe('services price sheet client failures before an answer', () => {
  const base = { baseUrl: 'https://api.partner.microsoft.com', partnerTenantId: PARTNER_TENANT_ID };

  it('says the Partner API permission is missing when the token service refuses consent for it', async () => {
    const tokens: TokenProvider = {
      getToken: async (resource, tenantId, mode) => {
        throw new TokenRequestError(resource, tenantId, mode, 400, 'invalid_grant', 'AADSTS65001', 'The user or administrator has not consented', 'generic fix');
      },
    };
    const client = new PriceSheetClient({ ...base, tokens, http: new OutboundHttp({ fetch: async () => assert.fail('no call without a token') }) });
    await assert.rejects(client.priceBook('US', ctx), (error: unknown) =>
      error instanceof TokenRequestError && !error.retryable && /Microsoft Partner API \(https:\/\/api\.partner\.microsoft\.com\) delegated permission/.test(error.message));
  });

  it('makes no answer at all a retryable StepError that says nothing was changed', async () => {
    let attempts = 0;
    const http = new OutboundHttp({ sleep: async () => {}, fetch: async () => { attempts += 1; throw new TypeError('fetch failed'); } });
    const client = new PriceSheetClient({ ...base, tokens: fixedToken('token'), http });
    await assert.rejects(client.priceBook('US', ctx), (error: unknown) =>
      error instanceof PartnerCenterError && error.httpStatus === null && error.retryable && /did not answer .* nothing was changed/.test(error.message));
    assert.equal(attempts, 4, 'a GET is retried by OutboundHttp first');
  });
});
