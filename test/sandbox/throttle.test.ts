import assert from 'node:assert/strict';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import { fillerDomain, SANDBOX_CLIENT_ID, WOODGROVE_TENANT_ID } from '../../sandbox/world/constants';
import { call, getToken, resetSandbox } from './helpers';

describe('sandbox throttling (/_sandbox/throttle)', () => {
  let sandbox: SandboxHandle;
  let pcToken: string;
  let graphToken: string;
  let fillerId: string;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    pcToken = await getToken(sandbox, 'partnerCenter');
    graphToken = await getToken(sandbox, 'graph');
    fillerId = (await call(sandbox, `/_sandbox/state?customer=${fillerDomain(2)}`)).body.customers[0].tenantId;
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(() => resetSandbox(sandbox));

  const throttle = (rule: Record<string, unknown>) => call(sandbox, '/_sandbox/throttle', { json: rule });
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('partner: every Partner Center call of the partner counts; 429 with Retry-After and the documented body', async () => {
    assert.equal((await throttle({ key: 'partner', limit: 2, windowSeconds: 30 })).status, 200);
    assert.equal((await call(sandbox, '/v1/profiles/legalbusiness', { token: pcToken })).status, 200);
    assert.equal((await call(sandbox, `/v1/customers/${WOODGROVE_TENANT_ID}`, { token: pcToken })).status, 200);
    const refused = await call(sandbox, '/v1/customers?size=5', { token: pcToken });
    assert.equal(refused.status, 429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter >= 29 && retryAfter <= 30, `Retry-After ${retryAfter}`);
    assert.deepEqual(refused.body, { statusCode: 429, message: `Rate limit is exceeded. Try again in ${retryAfter} seconds.` });
    assert.equal((await call(sandbox, '/graph/v1.0/organization', { token: graphToken })).status, 200, 'Graph is another key');

    const listed = await call(sandbox, '/_sandbox/throttle');
    assert.equal(listed.body.rules[0].key, 'partner');
    assert.equal(listed.body.rules[0].buckets[0].inWindow, 2);
    await throttle({ key: 'partner', off: true });
    assert.equal((await call(sandbox, '/v1/customers?size=5', { token: pcToken })).status, 200);
    assert.deepEqual((await call(sandbox, '/_sandbox/throttle')).body.rules, []);
  });

  it('partner-customer: one bucket per customer under /v1/customers/{id}; other calls are not counted', async () => {
    await throttle({ key: 'partner-customer', limit: 1, windowSeconds: 30 });
    assert.equal((await call(sandbox, `/v1/customers/${WOODGROVE_TENANT_ID}/orders`, { token: pcToken })).status, 200);
    const second = await call(sandbox, `/v1/customers/${WOODGROVE_TENANT_ID}/subscriptions`, { token: pcToken });
    assert.equal(second.status, 429);
    assert.ok(Number(second.headers.get('retry-after')) >= 1);
    assert.equal((await call(sandbox, `/v1/customers/${fillerId}/orders`, { token: pcToken })).status, 200, 'another customer');
    assert.equal((await call(sandbox, '/v1/profiles/legalbusiness', { token: pcToken })).status, 200, 'not under a customer');
    assert.equal((await call(sandbox, '/v1/customers?size=3', { token: pcToken })).status, 200, 'the customer list is partner-wide');
  });

  it('graph-app: per app id, Graph error shape with x-ms-throttle headers; the window frees in wall-clock time', async () => {
    await throttle({ key: 'graph-app', limit: 1, windowSeconds: 0.8 });
    assert.equal((await call(sandbox, '/graph/v1.0/organization', { token: graphToken })).status, 200);
    const refused = await call(sandbox, '/graph/v1.0/users?$top=1', { token: graphToken });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.error.code, 'TooManyRequests');
    assert.equal(refused.headers.get('retry-after'), '1', 'at least one second');
    assert.match(refused.headers.get('x-ms-throttle-scope') ?? '', new RegExp(`^Application/ResourceUnit/${SANDBOX_CLIENT_ID}/`));
    assert.equal((await call(sandbox, '/v1/profiles/legalbusiness', { token: pcToken })).status, 200, 'Partner Center is another key');
    await sleep(850);
    assert.equal((await call(sandbox, '/graph/v1.0/organization', { token: graphToken })).status, 200, 'window has passed');
  });

  it('refuses bad rules and clears them on reset', async () => {
    for (const bad of [{}, { key: 'tenant', limit: 1, windowSeconds: 1 }, { key: 'partner', limit: 0, windowSeconds: 1 }, { key: 'partner', limit: 1 }, { key: 'partner', limit: 1.5, windowSeconds: 1 }]) {
      assert.equal((await throttle(bad)).status, 400, JSON.stringify(bad));
    }
    await throttle({ key: 'partner', limit: 1, windowSeconds: 60 });
    await resetSandbox(sandbox);
    assert.deepEqual((await call(sandbox, '/_sandbox/throttle')).body.rules, []);
    assert.equal((await call(sandbox, '/v1/profiles/legalbusiness', { token: pcToken })).status, 200);
    assert.equal((await call(sandbox, '/v1/profiles/legalbusiness', { token: pcToken })).status, 200);
  });
});
