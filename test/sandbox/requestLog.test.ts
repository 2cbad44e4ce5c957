import assert from 'node:assert/strict';
import { createRequestLog } from '../../sandbox/control/requestLog';
import type { SandboxHandle } from '../../sandbox/server';
import { WOODGROVE_TENANT_ID } from '../../sandbox/world/constants';
import { call, getToken, useSandbox } from './helpers';

describe('sandbox: the latest requests with their headers (/_sandbox/requests)', () => {
  let sandbox: SandboxHandle;

  useSandbox((started) => { sandbox = started; });

  const requests = async (): Promise<any[]> => (await call(sandbox, '/_sandbox/requests')).body.requests;

  it('keeps each API request\'s method, path, route and headers, never its credentials nor admin calls', async () => {
    const token = await getToken(sandbox, 'partnerCenter');
    await call(sandbox, '/_sandbox/requests', { method: 'DELETE' });
    await call(sandbox, `/v1/customers/${WOODGROVE_TENANT_ID}?x=1`, {
      token, headers: { 'MS-RequestId': 'req-1', 'MS-CorrelationId': 'corr-1', Cookie: 'session=secret' },
    });
    await call(sandbox, '/_sandbox/state');
    const [only, ...more] = await requests();
    assert.deepEqual(more, []);
    assert.deepEqual([only.sequence, only.area, only.method, only.path, only.route], [1, 'partnerCenter', 'GET', `/v1/customers/${WOODGROVE_TENANT_ID}`, '/v1/customers/:customerId']);
    assert.equal(only.headers['ms-requestid'], 'req-1');
    assert.equal(only.headers['ms-correlationid'], 'corr-1');
    assert.equal(only.headers.authorization, undefined);
    assert.equal(only.headers.cookie, undefined);
  });

  it('records $batch sub-requests with the envelope\'s client-request-id, and refused requests too', async () => {
    const token = await getToken(sandbox, 'graph', { tenant: WOODGROVE_TENANT_ID });
    await call(sandbox, '/_sandbox/requests', { method: 'DELETE' });
    await call(sandbox, '/graph/v1.0/$batch', {
      token, headers: { 'client-request-id': 'batch-id' },
      json: { requests: [{ id: '1', method: 'GET', url: '/organization' }] },
    });
    await call(sandbox, '/graph/v1.0/organization', { headers: { 'client-request-id': 'no-token' } });
    const recorded = await requests();
    assert.deepEqual(recorded.map((r) => [r.method, r.route, r.headers['client-request-id']]), [
      ['POST', '/graph/v1.0/$batch', 'batch-id'], ['GET', '/graph/v1.0/organization', 'batch-id'], ['GET', '/graph/v1.0/organization', 'no-token'],
    ]);
  });

  it('is cleared by DELETE and by reset', async () => {
    await call(sandbox, '/v1/profiles/legalbusiness');
    assert.ok((await requests()).length > 0);
    const cleared = await call(sandbox, '/_sandbox/requests', { method: 'DELETE' });
    assert.ok(cleared.body.cleared > 0);
    assert.deepEqual(await requests(), []);
    await call(sandbox, '/v1/profiles/legalbusiness');
    await call(sandbox, '/_sandbox/reset', { method: 'POST' });
    assert.deepEqual(await requests(), []);
  });

  it('holds only the latest requests', () => {
    const log = createRequestLog(3);
    for (let i = 1; i <= 5; i += 1) log.record({ area: 'graph', method: 'get', path: `/p${i}`, headers: { 'x-n': String(i), authorization: 'Bearer t' } }, null);
    assert.deepEqual(log.list().map((r) => [r.sequence, r.method, r.path, r.headers]), [
      [3, 'GET', '/p3', { 'x-n': '3' }], [4, 'GET', '/p4', { 'x-n': '4' }], [5, 'GET', '/p5', { 'x-n': '5' }],
    ]);
  });
});
