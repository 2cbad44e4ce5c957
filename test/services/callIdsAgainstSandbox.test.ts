/**
 * The ids every outbound call carries, as the sandbox received them (`GET /_sandbox/requests`): Partner Center
 * `MS-CorrelationId` (the move's correlation id) and `MS-RequestId` (per call, the same on a retry of that call);
 * Graph `client-request-id` (a GUID per request, the same on a retry), with the move's correlation id in our logs.
 */
import assert from 'node:assert/strict';
import { CONTOSO_DOMAIN, CONTOSO_TENANT_ID, WOODGROVE_TENANT_ID } from '../../sandbox/world/constants';
import type { Logger } from '../../move/ports';
import { type OutboundServices } from '../../services/outboundServices';
import { useSandboxServices } from './support/sandboxServices';

const ctx = { correlationId: '6c1f3d2a-7b4e-4f10-9a8b-0c1d2e3f4a5b' };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BUSINESS_PREMIUM = { productId: 'CFQ7TTC0LCHC', skuId: '0002' };
const POWER_BI_PRO = 'f8a1db68-be16-40ed-86d5-cb42ce701560';

interface Recorded {
  sequence: number;
  area: string;
  method: string;
  path: string;
  route: string | null;
  headers: Record<string, string>;
}

describe('services: the ids on every call, as the sandbox received them', function () {
  this.timeout(30_000);
  let services: OutboundServices;
  const logged: Array<{ level: string; details: Record<string, unknown>; message: string }> = [];
  const logger: Logger = {
    info: (details, message) => { logged.push({ level: 'info', details: details as Record<string, unknown>, message }); },
    warn: (details, message) => { logged.push({ level: 'warn', details: details as Record<string, unknown>, message }); },
    error: (details, message) => { logged.push({ level: 'error', details: details as Record<string, unknown>, message }); },
  };
  const sb = useSandboxServices((_started, built) => { services = built; logged.length = 0; }, { logger, http: { sleep: async () => undefined } });

  /** The API requests since the last clear, in the order received (admin calls are never recorded). */
  async function received(area?: string): Promise<Recorded[]> {
    const all = (await sb.admin('GET', '/requests')).requests as Recorded[];
    return area ? all.filter((r) => r.area === area) : all;
  }

  it('Partner Center: every call sends the move\'s MS-CorrelationId and its own MS-RequestId', async () => {
    await sb.admin('DELETE', '/requests');
    await services.partnerCenter.getCustomer(WOODGROVE_TENANT_ID, ctx);
    await services.partnerCenter.partnerProfile(ctx);
    const calls = await received('partnerCenter');
    assert.deepEqual(calls.map((c) => `${c.method} ${c.route}`), ['GET /v1/customers/:customerId', 'GET /v1/profiles/legalbusiness']);
    for (const call of calls) {
      assert.equal(call.headers['ms-correlationid'], ctx.correlationId, `${call.path}: MS-CorrelationId`);
      assert.match(call.headers['ms-requestid'] ?? '', GUID, `${call.path}: MS-RequestId`);
      assert.equal(call.headers.authorization, undefined, 'the sandbox never keeps credentials');
    }
    assert.notEqual(calls[0].headers['ms-requestid'], calls[1].headers['ms-requestid'], 'a new MS-RequestId per call');
  });

  it('Partner Center: a retried call repeats its MS-RequestId and MS-CorrelationId, and the log names both', async () => {
    await sb.accept(CONTOSO_DOMAIN);
    const catalogItemId = await services.partnerCenter.findCatalogItemId(BUSINESS_PREMIUM.productId, BUSINESS_PREMIUM.skuId, 'US', 'P1Y', 'monthly', ctx);
    assert.ok(catalogItemId);
    await sb.fault({ match: 'POST /v1/customers/*/carts', status: 503, count: 1 });
    await sb.fault({ match: 'GET /v1/customers/*', status: 503, count: 1 });
    await sb.admin('DELETE', '/requests');
    const requestId = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    await services.partnerCenter.createCart(CONTOSO_TENANT_ID, [{ catalogItemId, quantity: 2, termDuration: 'P1Y', billingCycle: 'monthly' }], { ...ctx, requestId });
    await services.partnerCenter.getCustomer(CONTOSO_TENANT_ID, ctx);

    const posts = (await received('partnerCenter')).filter((c) => c.method === 'POST');
    assert.equal(posts.length, 2, 'the cart was sent again after the 503');
    assert.deepEqual(posts.map((c) => [c.headers['ms-requestid'], c.headers['ms-correlationid']]), [[requestId, ctx.correlationId], [requestId, ctx.correlationId]]);
    const gets = (await received('partnerCenter')).filter((c) => c.route === '/v1/customers/:customerId');
    assert.equal(gets.length, 2);
    assert.equal(gets[0].headers['ms-requestid'], gets[1].headers['ms-requestid'], 'the retry of a read repeats its MS-RequestId');
    assert.match(gets[0].headers['ms-requestid'] ?? '', GUID);

    const retries = logged.filter((l) => /retrying/.test(l.message));
    assert.equal(retries.length, 2);
    assert.deepEqual(retries.map((l) => [l.details.requestId, l.details.correlationId]), [
      [requestId, ctx.correlationId], [gets[0].headers['ms-requestid'], ctx.correlationId],
    ]);
  });

  it('Graph: every request sends a client-request-id GUID of its own, every page of a listing too', async () => {
    await sb.admin('DELETE', '/requests');
    await services.customerLicensing.organization(WOODGROVE_TENANT_ID, ctx);
    await services.customerLicensing.organization(WOODGROVE_TENANT_ID, ctx);
    const holders = [];
    for await (const user of services.customerLicensing.usersWithSku(WOODGROVE_TENANT_ID, POWER_BI_PRO, ctx, 2)) holders.push(user);
    assert.ok(holders.length > 2, 'the listing took several pages');
    const calls = await received('graph');
    assert.ok(calls.length >= 4);
    const ids = calls.map((c) => c.headers['client-request-id'] ?? '');
    for (const id of ids) assert.match(id, GUID);
    assert.equal(new Set(ids).size, ids.length, 'one id per request');
    assert.ok(!ids.includes(ctx.correlationId), 'the correlation id is not sent as a request id');
  });

  it('Graph: a retried request repeats its client-request-id, and the log ties it to the correlation id', async () => {
    await sb.fault({ match: 'GET /graph/v1.0/organization', status: 503, count: 1 });
    await sb.admin('DELETE', '/requests');
    await services.customerLicensing.organization(WOODGROVE_TENANT_ID, ctx);
    const calls = await received('graph');
    assert.equal(calls.length, 2, 'sent again after the 503');
    const [first, second] = calls.map((c) => c.headers['client-request-id']);
    assert.match(first ?? '', GUID);
    assert.equal(second, first);
    const retry = logged.find((l) => /retrying/.test(l.message));
    assert.deepEqual([retry?.details.clientRequestId, retry?.details.correlationId], [first, ctx.correlationId]);
  });

  it('Graph: a $batch sends a client-request-id, which its sub-requests carry', async () => {
    await sb.admin('DELETE', '/requests');
    const [analyst] = await (async () => {
      const found = [];
      for await (const user of services.customerLicensing.usersWithSku(WOODGROVE_TENANT_ID, POWER_BI_PRO, ctx)) found.push(user);
      return found;
    })();
    await sb.admin('DELETE', '/requests');
    await services.customerLicensing.assignLicenses(WOODGROVE_TENANT_ID, [{ userId: analyst.id, addLicenses: [], removeLicenses: [POWER_BI_PRO] }], ctx);
    const calls = await received('graph');
    const envelope = calls.find((c) => c.route === '/graph/v1.0/$batch');
    assert.ok(envelope, JSON.stringify(calls.map((c) => c.path)));
    const id = envelope.headers['client-request-id'];
    assert.match(id ?? '', GUID);
    const inside = calls.filter((c) => c.sequence > envelope.sequence && /assignLicense$/.test(c.path));
    assert.equal(inside.length, 1);
    assert.equal(inside[0].headers['client-request-id'], id);
  });
});
