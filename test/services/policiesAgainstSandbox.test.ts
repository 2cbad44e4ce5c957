/**
 * The outbound policy against the sandbox's own faults and limits (sandbox/README.md, admin API): paging over
 * several pages, 429 then success, the client-side token buckets keeping under a server limit, a checkout whose
 * answer is lost (timeout) retried into exactly one order, and an expired token refreshed once.
 */
import assert from 'node:assert/strict';
import { startSandbox, type SandboxHandleWithWorld } from '../../sandbox/server';
import {
  CONTOSO_DOMAIN, CONTOSO_TENANT_ID, PARTNER_TENANT_ID, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_REFRESH_TOKEN,
  WOODGROVE_TENANT_ID,
} from '../../sandbox/world/constants';
import { CustomerGraphDirectory } from '../../services/graph/customerGraphDirectory';
import { CustomerLicensing } from '../../services/graph/customerLicensing';
import { GraphBatch } from '../../services/graph/graphBatch';
import { GraphClientFactory } from '../../services/graph/graphClientFactory';
import { OutboundHttp, type OutboundHttpOptions } from '../../services/http/outboundHttp';
import { RateLimiter } from '../../services/http/rateLimiter';
import { OAuthClientTokenProvider } from '../../services/identity/oauthClientTokenProvider';
import { PartnerCenterClient } from '../../services/partnerCenter/partnerCenterClient';
import { sandboxEndpoints } from '../../services/outboundServices';
import { recordingSleep } from './support/localServer';
import { sandboxClient } from './support/sandboxAdmin';

const ctx = { correlationId: '0f0e0d0c-0b0a-4909-8807-060504030201' };
const BUSINESS_PREMIUM = { productId: 'CFQ7TTC0LCHC', skuId: '0002' };

interface Seen {
  method: string;
  path: string;
  status: number;
}

describe('services: outbound policy against the sandbox', function () {
  this.timeout(30_000);
  let sandbox: SandboxHandleWithWorld;
  const sb = sandboxClient(() => sandbox.url);

  before(async () => { sandbox = await startSandbox({ port: 0 }); });
  after(async () => { await sandbox?.close(); });
  beforeEach(async () => { await sb.reset(); });

  /** Adapters on one HTTP helper whose every answer is recorded. */
  function build(options: OutboundHttpOptions = {}, tokenNow?: () => number) {
    const seen: Seen[] = [];
    const recordingFetch: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      const url = new URL(String(input));
      seen.push({ method: init?.method ?? 'GET', path: url.pathname + url.search, status: response.status });
      return response;
    };
    const http = new OutboundHttp({ sleep: recordingSleep().sleep, ...options, fetch: recordingFetch });
    const endpoints = sandboxEndpoints(sandbox.url);
    const tokens = new OAuthClientTokenProvider({
      loginBaseUrl: endpoints.loginBaseUrl, clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET, refreshToken: SANDBOX_REFRESH_TOKEN,
      http, now: tokenNow,
    });
    const graph = new GraphClientFactory({ baseUrl: endpoints.graphBaseUrl, tokens, http, appId: SANDBOX_CLIENT_ID });
    const partnerCenter = new PartnerCenterClient({ baseUrl: endpoints.partnerCenterBaseUrl, partnerTenantId: PARTNER_TENANT_ID, tokens, http, customerPageSize: 40 });
    return { seen, http, tokens, graph, partnerCenter };
  }
  const apiCalls = (seen: Seen[]) => seen.filter((s) => !s.path.startsWith('/login/'));

  it('pages Partner Center customers over 3+ pages, and Graph users over 3+ pages, each item once', async () => {
    const { seen, partnerCenter, graph } = build();
    const ids: string[] = [];
    for await (const customer of partnerCenter.listCustomers(ctx)) ids.push(customer.id);
    const customerPages = apiCalls(seen).filter((s) => s.path.startsWith('/v1/customers'));
    assert.ok(customerPages.length >= 3, `${customerPages.length} customer pages`);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(customerPages.slice(1).every((s) => /seekOperation=Next/i.test(s.path)));

    const directory = new CustomerGraphDirectory({ graph });
    const sku = (await directory.subscribedSkus(WOODGROVE_TENANT_ID, ctx)).sort((a, b) => b.consumedUnits - a.consumedUnits)[0]!;
    const users = [];
    for await (const user of new CustomerLicensing({ graph }).usersWithSku(WOODGROVE_TENANT_ID, sku.skuId, ctx, 10)) users.push(user.id);
    const userPages = apiCalls(seen).filter((s) => s.path.startsWith('/graph/v1.0/users'));
    assert.ok(userPages.length >= 3, `${userPages.length} user pages`);
    assert.equal(new Set(users).size, users.length);
    assert.equal(users.length, sku.consumedUnits, 'every holder of the SKU, once');
  });

  it('429 then success: Partner Center, Graph, and a $batch sub-request', async () => {
    const sleep = recordingSleep();
    const { seen, partnerCenter, graph } = build({ sleep: sleep.sleep });
    await sb.fault({ match: 'GET /v1/customers/*', status: 429, retryAfterSeconds: 2, count: 1 });
    assert.equal((await partnerCenter.getCustomer(WOODGROVE_TENANT_ID, ctx))?.id, WOODGROVE_TENANT_ID);
    await sb.fault({ match: 'GET /graph/v1.0/subscribedSkus', status: 429, retryAfterSeconds: 3, count: 1 });
    assert.ok((await new CustomerGraphDirectory({ graph }).subscribedSkus(WOODGROVE_TENANT_ID, ctx)).length > 0);
    assert.deepEqual(apiCalls(seen).map((s) => s.status), [429, 200, 429, 200]);
    assert.deepEqual(sleep.delays, [2000, 3000]);

    await sb.fault({ match: 'GET /**/organization', status: 429, retryAfterSeconds: 1, count: 1 });
    const batchSleeps: number[] = [];
    let batchClock = Date.now();
    const outcomes = await new GraphBatch({ graph, now: () => batchClock, sleep: async (ms) => { batchSleeps.push(ms); batchClock += ms; } })
      .run(WOODGROVE_TENANT_ID, 'app', [{ id: 'org', method: 'GET', url: '/organization' }, { id: 'skus', method: 'GET', url: '/subscribedSkus' }], 'batch', ctx);
    assert.deepEqual(outcomes.map((o) => [o.id, o.status, o.attempts]), [['org', 200, 2], ['skus', 200, 1]]);
    assert.deepEqual(batchSleeps, [1000], 'the sub-request waited its own Retry-After');
  });

  it('keeps under the server\'s limit with client-side buckets (no 429), where the same calls without them are throttled', async () => {
    await sb.throttle({ key: 'partner-customer', limit: 10, windowSeconds: 1 });
    const unthrottled = build({ maxAttempts: 1 });
    await Promise.all(Array.from({ length: 15 }, () => unthrottled.partnerCenter.getCustomer(WOODGROVE_TENANT_ID, ctx).catch(() => null)));
    assert.ok(apiCalls(unthrottled.seen).some((s) => s.status === 429), 'without buckets the sandbox throttles');

    await sb.throttle({ key: 'partner-customer', limit: 10, windowSeconds: 1 }); // restarts the counts
    const limiter = new RateLimiter({ limits: { 'partner-customer': { limit: 10, windowSeconds: 1, burst: 5 } } });
    const limited = build({ limiter, maxAttempts: 1 });
    const started = Date.now();
    const customers = await Promise.all(Array.from({ length: 20 }, () => limited.partnerCenter.getCustomer(WOODGROVE_TENANT_ID, ctx)));
    assert.ok(customers.every((c) => c?.id === WOODGROVE_TENANT_ID));
    assert.deepEqual(apiCalls(limited.seen).filter((s) => s.status !== 200), [], 'no 429 with the buckets');
    assert.ok(Date.now() - started >= 2500, 'the 15 calls beyond the burst were spaced at 5 per second');
  });

  it('a checkout whose answer is lost (timeout after the work) is retried with its MS-RequestId into exactly one order', async () => {
    await sb.accept(CONTOSO_DOMAIN);
    const { seen, partnerCenter } = build({ timeoutMs: 400, sleep: async () => {} });
    const catalogItemId = await partnerCenter.findCatalogItemId(BUSINESS_PREMIUM.productId, BUSINESS_PREMIUM.skuId, 'US', 'P1Y', 'monthly', ctx);
    const { cartId } = await partnerCenter.createCart(CONTOSO_TENANT_ID, [{ catalogItemId: catalogItemId!, quantity: 4, termDuration: 'P1Y', billingCycle: 'monthly' }],
      { ...ctx, requestId: 'b0000000-0000-4000-8000-000000000001' });
    await sb.fault({ match: 'POST /v1/customers/*/carts/*/checkout', phase: 'after', delayMs: 1500, count: 1 });
    const orders = await partnerCenter.checkoutCart(CONTOSO_TENANT_ID, cartId, { ...ctx, requestId: 'b0000000-0000-4000-8000-000000000002' });
    assert.equal(orders.length, 1);
    const checkouts = apiCalls(seen).filter((s) => s.path.endsWith('/checkout'));
    assert.equal(checkouts.length, 1, 'only the retry got an answer (the first timed out)');
    const placed = await partnerCenter.listOrders(CONTOSO_TENANT_ID, ctx);
    assert.deepEqual(placed.map((o) => o.id), orders.map((o) => o.id), 'exactly one order');

    // The same after a 503 answered once the work is done.
    await sb.fault({ match: 'POST /v1/customers/*/carts/*/checkout', phase: 'after', status: 503, count: 1 });
    const again = await partnerCenter.checkoutCart(CONTOSO_TENANT_ID, cartId, { ...ctx, requestId: 'b0000000-0000-4000-8000-000000000002' });
    assert.deepEqual(again.map((o) => o.id), orders.map((o) => o.id));
    assert.equal((await partnerCenter.listOrders(CONTOSO_TENANT_ID, ctx)).length, 1);
  });

  it('an expired token is refreshed once: Partner Center (401) and Graph (InvalidAuthenticationToken)', async () => {
    await sb.settings({ tokenLifetimeSeconds: 1 });
    const frozen = Date.now();
    // The token cache's clock stands still, so it keeps serving tokens the sandbox (wall clock) finds expired.
    const { seen, partnerCenter, graph } = build({}, () => frozen);
    await partnerCenter.partnerProfile(ctx);
    await new CustomerGraphDirectory({ graph }).subscribedSkus(WOODGROVE_TENANT_ID, ctx);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    seen.length = 0;
    await sb.settings({ tokenLifetimeSeconds: 3600 });
    assert.equal((await partnerCenter.partnerProfile(ctx)).country, 'US');
    assert.ok((await new CustomerGraphDirectory({ graph }).subscribedSkus(WOODGROVE_TENANT_ID, ctx)).length > 0);
    assert.deepEqual(seen.map((s) => [s.method, s.path.split('?')[0]?.replace(/\/login\/[^/]+/, '/login/{tenant}'), s.status]), [
      ['GET', '/v1/profiles/legalbusiness', 401], ['POST', '/login/{tenant}/oauth2/v2.0/token', 200], ['GET', '/v1/profiles/legalbusiness', 200],
      ['GET', '/graph/v1.0/subscribedSkus', 401], ['POST', '/login/{tenant}/oauth2/v2.0/token', 200], ['GET', '/graph/v1.0/subscribedSkus', 200],
    ]);
  });
});
