/**
 * What the licence calls report, against a scripted Graph: a passing 500 is sent again (bounded), a change is
 * never reported failed before the user's licences were read back, an outcome nobody can tell is "unknown"
 * (thrown, never recorded as failed), and the users' licences can be read for a restart to find out.
 */
import assert from 'node:assert/strict';
import { CustomerGraphDirectory } from '../../services/graph/customerGraphDirectory';
import { CustomerLicensing } from '../../services/graph/customerLicensing';
import { GraphBatch, type BatchItem } from '../../services/graph/graphBatch';
import { GraphClientFactory } from '../../services/graph/graphClientFactory';
import { GraphError } from '../../services/graph/graphError';
import { OutboundHttp } from '../../services/http/outboundHttp';
import type { TokenProvider } from '../../services/identity/tokenProvider';
import { startLocalServer, type Handler, type LocalServer, type ReceivedRequest, type ScriptedAnswer } from './support/localServer';

const CUSTOMER = 'customer-tenant-id';
const SKU_OLD = 'bea13e0c-3828-4daa-a392-28af7ff61a0f';
const SKU_NEW = '45715bb8-13f9-4bf6-927f-ef96c102d394';
const ctx = { correlationId: '11111111-2222-4333-8444-555555555555' };
const tokens: TokenProvider = { getToken: async (_resource, tenantId, mode) => `${mode}-${tenantId}` };

type Sub = { id: string; method: string; url: string };
type Answer = { status: number; headers?: Record<string, string>; body?: unknown };

/** A Graph with users' licences: `$batch` sub-requests answered by `answer`, `GET /users/{id}` by the licences (or `read`). */
function graphWith(licences: Record<string, string[]>, answer: (sub: Sub, round: number) => Answer, read?: (userId: string) => ScriptedAnswer | null): Handler {
  let round = 0;
  return (req: ReceivedRequest): ScriptedAnswer => {
    if (req.url === '/graph/v1.0/$batch') {
      round += 1;
      const { requests } = JSON.parse(req.body) as { requests: Sub[] };
      return { status: 200, body: { responses: requests.map((sub) => ({ id: sub.id, headers: {}, body: {}, ...answer(sub, round) })) } };
    }
    const userId = decodeURIComponent(/\/users\/([^/?]+)/.exec(req.url)?.[1] ?? '');
    const scripted = read?.(userId);
    if (scripted) return scripted;
    if (!licences[userId]) return { status: 404, body: { error: { code: 'Request_ResourceNotFound', message: 'no such user' } } };
    return { status: 200, body: { id: userId, assignedLicenses: licences[userId]!.map((skuId) => ({ skuId, disabledPlans: [] })) } };
  };
}

const change = (userId: string) => ({ userId, addLicenses: [{ skuId: SKU_NEW, disabledPlans: [] }], removeLicenses: [SKU_OLD] });
const userOf = (sub: Sub) => sub.url.split('/')[2] as string;
const fail = (status: number, code = 'generalException') => ({ status, body: { error: { code, message: `HTTP ${status}` } } });

describe('services/graph licence outcomes (against a scripted Graph)', () => {
  let server: LocalServer | undefined;
  let sleeps: number[] = [];
  let clock = 0;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function factory(handler: Handler): Promise<GraphClientFactory> {
    server = await startLocalServer(handler);
    sleeps = [];
    clock = 1_000_000;
    return new GraphClientFactory({ baseUrl: `${server.url}/graph/`, tokens, appId: 'app-1', http: new OutboundHttp({ sleep: async () => undefined, maxAttempts: 2 }) });
  }
  const batch = { sleep: async (ms: number) => { sleeps.push(ms); clock += ms; }, now: () => clock, random: () => 0.5 };

  it('sends an idempotent sub-request answered 500 or 502 again (after its Retry-After), a bounded number of times; never a non-idempotent one', async () => {
    const graph = await factory((req, index) => {
      const { requests } = JSON.parse(req.body) as { requests: Sub[] };
      return { status: 200, body: { responses: requests.map((sub) => (sub.id === 'licence' && index > 0
        ? { id: sub.id, status: 200, body: {} }
        : { id: sub.id, ...fail(sub.id === 'licence' ? 502 : 500), headers: { 'Retry-After': '2' } })) } };
    });
    const items: BatchItem[] = [
      { id: 'licence', method: 'POST', url: '/users/a/assignLicense', body: {}, idempotent: true },
      { id: 'mail', method: 'POST', url: '/users/a/sendMail', body: {} },
      { id: 'gone', method: 'POST', url: '/users/b/assignLicense', body: {}, idempotent: true },
    ];
    const outcomes = await new GraphBatch({ graph, ...batch, maxAttempts: 3 }).run(CUSTOMER, 'app', items, 'licences', { correlationId: 'c' });
    assert.deepEqual(outcomes.map((o) => [o.id, o.status, o.attempts]), [['licence', 200, 2], ['mail', 500, 1], ['gone', 500, 3]]);
    assert.equal(sleeps[0], 2000, 'the first retry waited out the sub-response\'s Retry-After');
  });

  it('counts a change Graph made but answered 500 for as done (read back), and one it did not make as failed', async () => {
    const licences: Record<string, string[]> = { u1: [SKU_OLD], u2: [SKU_OLD], u3: [SKU_OLD] };
    const graph = await factory(graphWith(licences, (sub) => {
      const userId = userOf(sub);
      if (userId === 'u1') { licences.u1 = [SKU_NEW]; return fail(500); } // done on the first send, yet 500 every time
      if (userId === 'u2') return fail(500); // never done
      if (licences[userId]!.includes(SKU_OLD)) licences[userId] = [SKU_NEW];
      return { status: 200, body: {} };
    }));
    const results = await new CustomerLicensing({ graph, batch: { ...batch, maxAttempts: 2 } }).assignLicenses(CUSTOMER, ['u1', 'u2', 'u3'].map(change), ctx);
    assert.deepEqual(results.map((r) => [r.userId, r.ok, r.alreadyApplied, r.outcomeUnknown, r.status]), [
      ['u1', true, true, false, 500], ['u2', false, false, false, 500], ['u3', true, false, false, 200],
    ]);
    const reads = server!.received.filter((r) => r.method === 'GET').map((r) => r.url);
    assert.deepEqual(reads, ['/graph/v1.0/users/u1?$select=id,assignedLicenses', '/graph/v1.0/users/u2?$select=id,assignedLicenses'],
      'only the users Graph did not confirm are read back');
  });

  it('never reports a change as failed when Graph did not say and the licences cannot be read: the directory throws, retryable', async () => {
    const licences: Record<string, string[]> = { u1: [SKU_OLD], u2: [SKU_OLD] };
    const graph = await factory(graphWith(licences, (sub) => (userOf(sub) === 'u1' ? fail(503, 'serviceNotAvailable') : { status: 200 }),
      (userId) => (userId === 'u1' ? fail(503, 'serviceNotAvailable') : null)));
    const licensing = new CustomerLicensing({ graph, batch: { ...batch, maxAttempts: 2 } });
    const [unknown] = await licensing.assignLicenses(CUSTOMER, [change('u1')], ctx);
    assert.deepEqual([unknown?.ok, unknown?.outcomeUnknown], [false, true]);
    const directory = new CustomerGraphDirectory({ graph, licensing });
    await assert.rejects(directory.changeLicences(CUSTOMER, [change('u1'), change('u2')], ctx),
      (error: unknown) => error instanceof GraphError && error.retryable && !error.blocks && /did not say whether the licences of 1 user/.test(error.message));
  });

  it('never records a user as failed for a passing 500 that outlasted the retries: the directory throws, retryable, so the change is sent again later', async () => {
    const licences: Record<string, string[]> = { u1: [SKU_OLD], u2: [SKU_OLD] };
    const graph = await factory(graphWith(licences, (sub) => {
      const userId = userOf(sub);
      if (userId === 'u1') return fail(500); // never done, 500 every time
      licences[userId] = [SKU_NEW];
      return { status: 200, body: {} };
    }));
    const licensing = new CustomerLicensing({ graph, batch: { ...batch, maxAttempts: 2 } });
    const directory = new CustomerGraphDirectory({ graph, licensing });
    await assert.rejects(directory.changeLicences(CUSTOMER, [change('u1'), change('u2')], ctx),
      (error: unknown) => error instanceof GraphError && error.retryable && /kept failing for 1 user/.test(error.message));
    assert.deepEqual(licences, { u1: [SKU_OLD], u2: [SKU_NEW] }, 'u2 was changed; u1 is sent again on the next run (the caller reads back what it sent)');
  });

  it('reads users\' licences for a restart to find out (null for a user who no longer exists); throws when one cannot be read', async () => {
    const graph = await factory(graphWith({ u1: [SKU_NEW], u2: [SKU_OLD] }, () => ({ status: 200 }), (userId) => (userId === 'u4' ? fail(500) : null)));
    const directory = new CustomerGraphDirectory({ graph });
    assert.deepEqual(await directory.userLicences(CUSTOMER, ['u1', 'u2', 'u3'], ctx), [
      { userId: 'u1', assignedLicenses: [{ skuId: SKU_NEW, disabledPlans: [] }] },
      { userId: 'u2', assignedLicenses: [{ skuId: SKU_OLD, disabledPlans: [] }] },
      { userId: 'u3', assignedLicenses: null },
    ]);
    await assert.rejects(directory.userLicences(CUSTOMER, ['u1', 'u4'], ctx), (error: unknown) => error instanceof GraphError && error.status === 500 && error.retryable);
  });
});
