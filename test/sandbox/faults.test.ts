import assert from 'node:assert/strict';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { PARTNER_TENANT_ID, WOODGROVE_TENANT_ID } from '../../sandbox/world/constants';
import { addFault, call, createCart, getToken, resetSandbox } from './helpers';

describe('sandbox injected faults (/_sandbox/faults)', () => {
  let sandbox: SandboxHandle;
  let pcToken: string;
  let graphToken: string;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    pcToken = await getToken(sandbox, 'partnerCenter');
    graphToken = await getToken(sandbox, 'graph');
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(() => resetSandbox(sandbox));

  const profile = () => call(sandbox, '/v1/profiles/legalbusiness', { token: pcToken });

  it('answers once (default count 1) with 503 in Partner Center shape, then normally; lists hits', async () => {
    const id = await addFault(sandbox, { match: 'GET /v1/profiles/legalbusiness' });
    const failed = await profile();
    assert.equal(failed.status, 503);
    assert.equal(failed.body.code, 503);
    assert.equal(failed.body.source, 'PartnerFD');
    assert.ok(failed.body.description);
    assert.equal(failed.headers.get('x-sandbox-fault'), id);
    assert.ok(failed.headers.get('ms-requestid'), 'still answers with Partner Center headers');
    assert.equal((await profile()).status, 200);
    const listed = await call(sandbox, '/_sandbox/faults');
    assert.deepEqual(
      listed.body.faults.map((f: any) => ({ id: f.id, hits: f.hits, exhausted: f.exhausted, count: f.count, status: f.status, phase: f.phase })),
      [{ id, hits: 1, exhausted: true, count: 1, status: 503, phase: 'before' }],
    );
  });

  it('matches * as one segment and ** as any number, ignores the query string, and honours the method', async () => {
    await addFault(sandbox, { match: 'GET /v1/customers/*', status: 500, count: 10 });
    const one = await call(sandbox, `/v1/customers/${WOODGROVE_TENANT_ID}?x=1`, { token: pcToken });
    assert.equal(one.status, 500);
    const deeper = await call(sandbox, `/v1/customers/${WOODGROVE_TENANT_ID}/orders`, { token: pcToken });
    assert.equal(deeper.status, 200, '* is a single segment');
    await call(sandbox, '/_sandbox/faults', { method: 'DELETE' });

    await addFault(sandbox, { match: 'get /v1/**', status: 502, count: 2 });
    assert.equal((await call(sandbox, `/v1/customers/${WOODGROVE_TENANT_ID}/orders`, { token: pcToken })).status, 502);
    assert.equal((await call(sandbox, '/v1/customers?size=5', { token: pcToken })).status, 502);
    assert.equal((await call(sandbox, '/v1/customers?size=5', { token: pcToken })).status, 200, 'count reached');

    await addFault(sandbox, { match: 'POST /graph/v1.0/**', status: 503, count: 5 });
    assert.equal((await call(sandbox, '/graph/v1.0/organization', { token: graphToken })).status, 200, 'method must match');
  });

  it('uses the right error shape per API: Graph, the token service, and a custom body', async () => {
    await addFault(sandbox, { match: '* /graph/v1.0/**', status: 503 });
    const graph = await call(sandbox, '/graph/v1.0/organization', { token: graphToken });
    assert.equal(graph.status, 503);
    assert.equal(graph.body.error.code, 'serviceNotAvailable');
    assert.ok(graph.body.error.innerError['request-id']);

    await addFault(sandbox, { match: 'POST /login/*/oauth2/v2.0/token', status: 500 });
    const login = await call(sandbox, `/login/${PARTNER_TENANT_ID}/oauth2/v2.0/token`, { form: { grant_type: 'client_credentials' } });
    assert.equal(login.status, 500);
    assert.equal(login.body.error, 'temporarily_unavailable');
    assert.match(login.body.error_description, /^AADSTS90033:/);

    await addFault(sandbox, { match: 'GET /v1/profiles/legalbusiness', status: 409, body: { custom: true } });
    const custom = await profile();
    assert.equal(custom.status, 409);
    assert.deepEqual(custom.body, { custom: true });
  });

  it('sends 429 with Retry-After and each service\'s throttling body', async () => {
    await addFault(sandbox, { match: 'GET /v1/profiles/legalbusiness', status: 429, retryAfterSeconds: 7 });
    const pc = await profile();
    assert.equal(pc.status, 429);
    assert.equal(pc.headers.get('retry-after'), '7');
    assert.deepEqual(pc.body, { statusCode: 429, message: 'Rate limit is exceeded. Try again in 7 seconds.' });

    await addFault(sandbox, { match: 'GET /graph/v1.0/organization', status: 429 });
    const graph = await call(sandbox, '/graph/v1.0/organization', { token: graphToken });
    assert.equal(graph.status, 429);
    assert.equal(graph.headers.get('retry-after'), '1', 'default Retry-After is 1 second');
    assert.equal(graph.body.error.code, 'TooManyRequests');
  });

  it('hits a repeatable share of requests with probability (seeded), unlimited by default', async () => {
    const run = async () => {
      await addFault(sandbox, { match: 'GET /v1/profiles/legalbusiness', probability: 0.5 });
      const statuses: number[] = [];
      for (let i = 0; i < 24; i += 1) statuses.push((await profile()).status);
      const hits = (await call(sandbox, '/_sandbox/faults')).body.faults[0].hits;
      return { statuses, hits };
    };
    const first = await run();
    await resetSandbox(sandbox);
    const second = await run();
    assert.deepEqual(second.statuses, first.statuses, 'the same hits after a reset');
    const failures = first.statuses.filter((s) => s === 503).length;
    assert.equal(first.hits, failures);
    assert.ok(failures > 3 && failures < 21, `about half fail, got ${failures}`);
  });

  it('phase "after" performs the checkout, then fails; a retry with the same MS-RequestId gets the stored order', async () => {
    const cartId = await createCart(sandbox, pcToken, WOODGROVE_TENANT_ID);
    await addFault(sandbox, { match: 'POST /v1/customers/*/carts/*/checkout', phase: 'after', status: 504 });
    const checkout = `/v1/customers/${WOODGROVE_TENANT_ID}/carts/${cartId}/checkout`;
    const failed = await call(sandbox, checkout, { token: pcToken, method: 'POST', headers: { 'MS-RequestId': 'checkout-1' } });
    assert.equal(failed.status, 504);
    const orders = await call(sandbox, `/v1/customers/${WOODGROVE_TENANT_ID}/orders`, { token: pcToken });
    assert.equal(orders.body.totalCount, 1, 'the checkout really happened');
    const retry = await call(sandbox, checkout, { token: pcToken, method: 'POST', headers: { 'MS-RequestId': 'checkout-1' } });
    assert.equal(retry.status, 201);
    assert.equal(retry.body.orders[0].id, orders.body.items[0].id);
    assert.equal((await call(sandbox, `/v1/customers/${WOODGROVE_TENANT_ID}/orders`, { token: pcToken })).body.totalCount, 1);
  });

  it('delays: delayMs alone delays the real answer; phase "after" with a long delay looks like a timeout after the work', async () => {
    await addFault(sandbox, { match: 'GET /v1/profiles/legalbusiness', delayMs: 250 });
    const started = Date.now();
    const slow = await profile();
    assert.equal(slow.status, 200);
    assert.ok(Date.now() - started >= 240, 'delayed');

    const cartId = await createCart(sandbox, pcToken, WOODGROVE_TENANT_ID);
    await addFault(sandbox, { match: 'POST /v1/customers/*/carts/*/checkout', phase: 'after', delayMs: 3000 });
    const timedOut = await fetch(`${sandbox.url}/v1/customers/${WOODGROVE_TENANT_ID}/carts/${cartId}/checkout`, {
      method: 'POST', headers: { Authorization: `Bearer ${pcToken}` }, signal: AbortSignal.timeout(200),
    }).then(() => 'answered', (error: Error) => error.name);
    assert.equal(timedOut, 'TimeoutError');
    const orders = await call(sandbox, `/v1/customers/${WOODGROVE_TENANT_ID}/orders`, { token: pcToken });
    assert.equal(orders.body.totalCount, 1, 'the order exists although the caller timed out');
  });

  it('never applies to /_sandbox, deletes one or all, and refuses bad definitions', async () => {
    const everything = await addFault(sandbox, { match: '* /**', count: 100 });
    const state = await call(sandbox, '/_sandbox/state?customer=contoso.com');
    assert.equal(state.status, 200);
    assert.equal((await call(sandbox, '/_sandbox/faults')).body.faults[0].hits, 0);
    assert.equal((await profile()).status, 503);

    assert.equal((await call(sandbox, `/_sandbox/faults/${everything}`, { method: 'DELETE' })).status, 200);
    assert.equal((await call(sandbox, `/_sandbox/faults/${everything}`, { method: 'DELETE' })).status, 404);
    assert.equal((await profile()).status, 200);
    await addFault(sandbox, { match: 'GET /v1/**' });
    await addFault(sandbox, { match: 'GET /graph/**' });
    const cleared = await call(sandbox, '/_sandbox/faults', { method: 'DELETE' });
    assert.deepEqual(cleared.body, { removed: 2 });
    assert.deepEqual((await call(sandbox, '/_sandbox/faults')).body.faults, []);

    for (const bad of [{}, { match: 'nope' }, { match: 'GET /v1/a*b' }, { match: 'GET /v1', status: 200 }, { match: 'GET /v1', probability: 2 }, { match: 'GET /v1', phase: 'during' }, { match: 'GET /v1', delayMs: -1 }, { match: 'GET /v1', colour: 'red' }]) {
      const result = await call(sandbox, '/_sandbox/faults', { json: bad });
      assert.equal(result.status, 400, JSON.stringify(bad));
      assert.equal(result.body.error, 'bad_request');
    }
    await addFault(sandbox, { match: 'GET /v1/**', count: 3 });
    await resetSandbox(sandbox);
    assert.deepEqual((await call(sandbox, '/_sandbox/faults')).body.faults, [], 'reset clears faults');
  });
});
