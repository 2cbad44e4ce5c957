/**
 * The Graph calls added for the whole move, against a scripted server on an http base URL: $batch
 * splitting and re-queueing, licences, organization, GDAP, mail, and the 401 refresh.
 */
import assert from 'node:assert/strict';
import { CustomerLicensing } from '../../services/graph/customerLicensing';
import { GdapRelationships } from '../../services/graph/gdapRelationships';
import { GraphBatch, type BatchItem } from '../../services/graph/graphBatch';
import { GraphClientFactory } from '../../services/graph/graphClientFactory';
import { GraphError } from '../../services/graph/graphError';
import { GraphMailer } from '../../services/graph/graphMailer';
import { OutboundHttp } from '../../services/http/outboundHttp';
import { RateLimiter, type ThrottleTicket } from '../../services/http/rateLimiter';
import { TokenRequestError, type TokenMode, type TokenProvider, type TokenResource } from '../../services/identity/tokenProvider';
import { recordingSleep, startLocalServer, type Handler, type LocalServer, type ReceivedRequest, type ScriptedAnswer } from './support/localServer';

const PARTNER = 'partner-tenant-id';
const CUSTOMER = 'customer-tenant-id';
const SKU_OLD = 'bea13e0c-3828-4daa-a392-28af7ff61a0f';
const SKU_NEW = '45715bb8-13f9-4bf6-927f-ef96c102d394';
const ctx = { correlationId: '11111111-2222-4333-8444-555555555555' };

class Tokens implements TokenProvider {
  generation = 1;
  dropped: string[] = [];
  async getToken(_resource: TokenResource, tenantId: string, mode: TokenMode): Promise<string> {
    return `${mode}-${tenantId}-${this.generation}`;
  }
  invalidate(_resource: TokenResource, _tenantId: string, _mode: TokenMode, token: string): void {
    this.dropped.push(token);
    this.generation += 1;
  }
}

type BatchRequest = { id: string; method: string; url: string; body?: unknown; headers?: Record<string, string> };

/** A $batch endpoint: `answer` decides each sub-request's response. */
function batchHandler(answer: (sub: BatchRequest, round: number) => { status: number; headers?: Record<string, string>; body?: unknown } | null) {
  let round = 0;
  return (req: ReceivedRequest): ScriptedAnswer => {
    round += 1;
    const { requests } = JSON.parse(req.body) as { requests: BatchRequest[] };
    const responses = requests.map((sub) => ({ sub, res: answer(sub, round) })).filter((r) => r.res !== null)
      .map(({ sub, res }) => ({ id: sub.id, status: res!.status, headers: res!.headers ?? {}, body: res!.body ?? {} }));
    return { status: 200, body: { responses: responses.reverse() } }; // order is not guaranteed
  };
}

describe('services/graph the calls of a whole move (against a scripted server)', () => {
  let server: LocalServer | undefined;
  let tokens: Tokens;
  let sleeps: number[];
  let clock: number;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function factory(handler: Handler, http?: OutboundHttp): Promise<GraphClientFactory> {
    server = await startLocalServer(handler);
    tokens = new Tokens();
    sleeps = [];
    clock = 1_000_000;
    return new GraphClientFactory({
      baseUrl: `${server.url}/graph/`, tokens, appId: 'app-1', http: http ?? new OutboundHttp({ sleep: recordingSleep().sleep, timeoutMs: 200 }),
    });
  }
  const batchOptions = () => ({ sleep: async (ms: number) => { sleeps.push(ms); clock += ms; }, now: () => clock, random: () => 0.5 });

  it('splits work into batches of at most 20 and puts every outcome back in order', async () => {
    const graph = await factory(batchHandler((sub) => ({ status: 200, body: { echo: sub.url } })));
    const items: BatchItem[] = Array.from({ length: 45 }, (_, i) => ({ id: `r${i}`, method: 'GET', url: `/users/u${i}` }));
    const outcomes = await new GraphBatch({ graph, ...batchOptions() }).run(CUSTOMER, 'app', items, 'read users', ctx);
    assert.deepEqual(outcomes.map((o) => (o.body as { echo: string }).echo), items.map((i) => i.url));
    const sizes = server!.received.map((r) => (JSON.parse(r.body) as { requests: unknown[] }).requests.length);
    assert.deepEqual(sizes, [20, 20, 5]);
    assert.ok(server!.received.every((r) => r.url === '/graph/v1.0/$batch' && r.method === 'POST'));
  });

  it('re-queues sub-requests answered 429 after their own Retry-After, and only those', async () => {
    const graph = await factory(batchHandler((sub, round) => (round === 1 && ['b', 'c'].includes(sub.id)
      ? { status: 429, headers: { 'Retry-After': sub.id === 'b' ? '3' : '7' }, body: { error: { code: 'TooManyRequests' } } }
      : { status: 200, body: { id: sub.id } })));
    const items: BatchItem[] = ['a', 'b', 'c'].map((id) => ({ id, method: 'POST', url: `/users/${id}/assignLicense`, body: {} }));
    const outcomes = await new GraphBatch({ graph, ...batchOptions() }).run(CUSTOMER, 'app', items, 'licences', ctx);
    assert.deepEqual(outcomes.map((o) => [o.id, o.status, o.attempts]), [['a', 200, 1], ['b', 200, 2], ['c', 200, 2]]);
    const rounds = server!.received.map((r) => (JSON.parse(r.body) as { requests: BatchRequest[] }).requests.map((s) => s.id));
    assert.deepEqual(rounds, [['a', 'b', 'c'], ['b'], ['c']]);
    assert.deepEqual(sleeps, [3000, 4000], 'b after 3 s, c after 7 s');
  });

  it('never re-sends a non-idempotent sub-request whose outcome is unknown; re-sends idempotent ones', async () => {
    const graph = await factory(batchHandler((_sub, round) => (round === 1 ? null : { status: 200, body: { round } })));
    const items: BatchItem[] = [
      { id: 'mail', method: 'POST', url: '/users/x/sendMail', body: {} },
      { id: 'licence', method: 'POST', url: '/users/y/assignLicense', body: {}, idempotent: true },
      { id: 'read', method: 'GET', url: '/users/z' },
    ];
    const outcomes = await new GraphBatch({ graph, ...batchOptions() }).run(CUSTOMER, 'app', items, 'mixed', ctx);
    assert.deepEqual(outcomes.map((o) => [o.id, o.status, o.attempts]), [['mail', null, 1], ['licence', 200, 2], ['read', 200, 2]]);
    assert.match(JSON.stringify(outcomes[0]?.body), /may have been applied/);
  });

  it('re-queues a whole batch answered 429 (nothing in it ran), and gives up after maxAttempts', async () => {
    const graph = await factory((_req, i) => (i < 2
      ? { status: 429, headers: { 'Retry-After': '2' }, body: { error: { code: 'TooManyRequests', message: 'slow down' } } }
      : { status: 200, body: { responses: [{ id: '1', status: 204, body: null }] } }));
    const batch = new GraphBatch({ graph, ...batchOptions(), maxAttempts: 3 });
    const outcomes = await batch.run(CUSTOMER, 'app', [{ id: '1', method: 'POST', url: '/users/a/sendMail', body: {} }], 'mail', ctx);
    assert.deepEqual(outcomes.map((o) => [o.status, o.attempts]), [[204, 3]]);
    assert.deepEqual(sleeps, [2000, 2000]);
    await assert.rejects(batch.run(CUSTOMER, 'app', [{ id: 'a', method: 'GET', url: '/x' }, { id: 'A', method: 'GET', url: '/y' }], 'dup', ctx), /must be unique/);
    await assert.rejects(batch.run(CUSTOMER, 'app', [{ id: 'a', method: 'GET', url: 'https://evil.example/x' }], 'abs', ctx), /relative to the version root/);
  });

  it('fails the whole run at once when there is no token (nothing was sent, a retry would not get one)', async () => {
    const graph = (await factory(batchHandler(() => ({ status: 200 })))).withTokens({
      getToken: async (resource, tenantId, mode) => {
        throw new TokenRequestError(resource, tenantId, mode, 400, 'invalid_client', 'AADSTS700016', 'AADSTS700016: not found', 'grant consent');
      },
    });
    const items: BatchItem[] = [{ id: '1', method: 'POST', url: '/users/a/assignLicense', body: {}, idempotent: true }];
    await assert.rejects(new GraphBatch({ graph, ...batchOptions() }).run(CUSTOMER, 'app', items, 'licences', ctx), TokenRequestError);
    assert.deepEqual([server!.received.length, sleeps.length], [0, 0]);
  });

  it('charges a $batch to the Graph buckets per sub-request (reads and writes)', async () => {
    const acquired: ThrottleTicket[][] = [];
    const limiter = new RateLimiter();
    const spy = Object.assign(Object.create(limiter) as RateLimiter, {
      acquire: async (tickets: readonly ThrottleTicket[] | undefined) => { acquired.push([...(tickets ?? [])]); return 0; },
    });
    const graph = await factory(batchHandler(() => ({ status: 200 })), new OutboundHttp({ limiter: spy, sleep: recordingSleep().sleep }));
    const items: BatchItem[] = [
      ...Array.from({ length: 3 }, (_, i): BatchItem => ({ id: `w${i}`, method: 'POST', url: `/users/${i}/assignLicense`, body: {}, idempotent: true })),
      { id: 'r', method: 'GET', url: '/users/r' },
    ];
    await new GraphBatch({ graph, ...batchOptions() }).run(CUSTOMER, 'app', items, 'licences', ctx);
    assert.deepEqual(acquired, [[
      { scope: 'graph-app', key: 'app-1', cost: 4 },
      { scope: 'graph-app-tenant', key: `app-1|${CUSTOMER}`, cost: 4 },
      { scope: 'graph-tenant-write', key: `app-1|${CUSTOMER}`, cost: 3 },
    ]]);
  });

  it('lists users holding a SKU with the advanced query, across pages', async () => {
    const user = (id: string) => ({
      id, userPrincipalName: `${id}@contoso.com`, displayName: id, usageLocation: id === 'u3' ? null : 'US',
      assignedLicenses: [{ skuId: SKU_OLD.toUpperCase(), disabledPlans: ['P1'] }],
      licenseAssignmentStates: [{ skuId: SKU_OLD, assignedByGroup: id === 'u2' ? 'group-1' : null, state: 'Active', error: 'None', disabledPlans: [] }],
    });
    const graph = await factory((req) => {
      const base = `${server!.url}/graph/v1.0/users`;
      if (!req.url.includes('skiptoken')) return { status: 200, body: { '@odata.count': 3, value: [user('u1')], '@odata.nextLink': `${base}?$skiptoken=p2` } };
      if (req.url.endsWith('p2')) return { status: 200, body: { value: [user('u2')], '@odata.nextLink': `${base}?$skiptoken=p3` } };
      return { status: 200, body: { value: [user('u3')] } };
    });
    const licensing = new CustomerLicensing({ graph });
    const users = [];
    for await (const u of licensing.usersWithSku(CUSTOMER, SKU_OLD, ctx)) users.push(u);
    assert.deepEqual(users.map((u) => [u.id, u.usageLocation, u.licenseAssignmentStates[0]?.assignedByGroup]), [['u1', 'US', null], ['u2', 'US', 'group-1'], ['u3', null, null]]);
    assert.deepEqual(users[0]?.assignedLicenses, [{ skuId: SKU_OLD, disabledPlans: ['p1'] }]);
    assert.equal(users[0]?.licenseAssignmentStates[0]?.error, null);
    const first = new URL(server!.received[0]?.url ?? '', 'http://x');
    assert.equal(first.searchParams.get('$filter'), `assignedLicenses/any(x:x/skuId eq ${SKU_OLD})`);
    assert.equal(first.searchParams.get('$count'), 'true');
    assert.equal(first.searchParams.get('$top'), '999');
    assert.ok(server!.received.every((r) => r.headers.consistencylevel === 'eventual'), 'every page carries ConsistencyLevel');
    assert.equal(server!.received.length, 3);
  });

  it('changes licences in one call per user (add and remove together), and counts an already-applied repeat as done', async () => {
    const state: Record<string, string[]> = { u1: [SKU_OLD], u2: [SKU_NEW] };
    const graph = await factory((req) => {
      if (req.url === '/graph/v1.0/$batch') {
        return batchHandler((sub) => {
          const userId = sub.url.split('/')[2] as string;
          if (userId === 'u2') return { status: 400, body: { error: { code: 'Request_BadRequest', message: 'User does not have a corresponding license.' } } };
          if (userId === 'u3') return { status: 400, body: { error: { code: 'Request_BadRequest', message: 'License assignment cannot be done for user with invalid usage location.' } } };
          state[userId] = [SKU_NEW];
          return { status: 200, body: { id: userId } };
        })(req);
      }
      const userId = /\/users\/([^/?]+)/.exec(req.url)?.[1] as string;
      return { status: 200, body: { assignedLicenses: (state[userId] ?? [SKU_OLD]).map((skuId) => ({ skuId, disabledPlans: [] })) } };
    });
    const change = (userId: string) => ({ userId, addLicenses: [{ skuId: SKU_NEW, disabledPlans: [] }], removeLicenses: [SKU_OLD] });
    const results = await new CustomerLicensing({ graph, batch: batchOptions() }).assignLicenses(CUSTOMER, ['u1', 'u2', 'u3'].map(change), ctx);
    assert.deepEqual(results.map((r) => [r.userId, r.ok, r.alreadyApplied, r.code]), [
      ['u1', true, false, null], ['u2', true, true, 'Request_BadRequest'], ['u3', false, false, 'Request_BadRequest'],
    ]);
    assert.match(results[2]?.message ?? '', /usage location/);
    const sub = (JSON.parse(server!.received[0]?.body ?? '{}') as { requests: BatchRequest[] }).requests[0];
    assert.deepEqual(sub?.body, { addLicenses: [{ skuId: SKU_NEW, disabledPlans: [] }], removeLicenses: [SKU_OLD] });
    assert.equal(sub?.headers?.['Content-Type'], 'application/json');
  });

  it('reads the organization (countryLetterCode) of a customer tenant', async () => {
    const graph = await factory(() => ({
      status: 200, body: { value: [{ id: CUSTOMER, displayName: 'Contoso', countryLetterCode: 'us', defaultUsageLocation: 'US',
        verifiedDomains: [{ name: 'contoso.onmicrosoft.com', isDefault: false, isInitial: true }, { name: 'contoso.com', isDefault: true, isInitial: false }] }] },
    }));
    const org = await new CustomerLicensing({ graph }).organization(CUSTOMER, ctx);
    assert.equal(org.countryLetterCode, 'US');
    assert.deepEqual(org.verifiedDomains.map((d) => d.name), ['contoso.onmicrosoft.com', 'contoso.com']);
  });

  it('creates, locks (If-Match), reads, lists and assigns GDAP access, reusing an earlier assignment', async () => {
    const assignments: unknown[] = [];
    const graph = await factory((req) => {
      const path = req.url.split('?')[0] ?? '';
      if (req.method === 'POST' && path.endsWith('/delegatedAdminRelationships')) {
        return { status: 201, body: { '@odata.etag': 'W/"etag-1"', id: 'rel-1', status: 'created', ...JSON.parse(req.body) } };
      }
      if (req.method === 'POST' && path.endsWith('/requests')) return { status: 201, body: { id: 'req-1', action: 'lockForApproval', status: 'created' } };
      if (req.method === 'POST' && path.endsWith('/accessAssignments')) {
        const created = { '@odata.etag': 'W/"a"', id: `as-${assignments.length + 1}`, status: 'pending', ...JSON.parse(req.body) };
        assignments.push(created);
        return { status: 201, body: created };
      }
      if (path.endsWith('/accessAssignments')) return { status: 200, body: { value: assignments } };
      if (path.endsWith('/rel-missing')) return { status: 404, body: { error: { code: 'notFound', message: 'no' } } };
      if (path.endsWith('/rel-1')) return { status: 200, body: { id: 'rel-1', status: 'active', endDateTime: '2028-11-24T00:00:00Z' } };
      return { status: 200, body: { value: [{ id: 'rel-1', displayName: 'X', status: 'active' }, { id: 'rel-2', displayName: 'Y', status: 'expired' }] } };
    });
    const gdap = new GdapRelationships({ graph, partnerTenantId: PARTNER });
    const created = await gdap.create({ displayName: 'Relecloud - Contoso', customerTenantId: CUSTOMER, roleDefinitionIds: ['88d8e3e3-8f55-4a1e-953a-9b9898b8876b'] }, ctx);
    assert.equal(created.etag, 'W/"etag-1"');
    await gdap.lockForApproval(created.id, ctx, created.etag);
    const lock = server!.received[1];
    assert.equal(lock?.headers['if-match'], 'W/"etag-1"');
    assert.deepEqual(JSON.parse(lock?.body ?? '{}'), { action: 'lockForApproval' });
    assert.equal(server!.received[0]?.headers.authorization, `Bearer app+user-${PARTNER}-1`);
    assert.equal((await gdap.get('rel-1', ctx))?.status, 'active');
    assert.equal(await gdap.get('rel-missing', ctx), null);
    assert.deepEqual((await gdap.list(ctx, { status: 'active' })).map((r) => r.id), ['rel-1']);
    assert.equal(decodeURIComponent(server!.received.at(-1)?.url ?? ''), "/graph/v1.0/tenantRelationships/delegatedAdminRelationships?$filter=status eq 'active'");

    const first = await gdap.ensureAccessAssignment('rel-1', 'group-admins', ['88d8e3e3-8f55-4a1e-953a-9b9898b8876b'], ctx);
    const again = await gdap.ensureAccessAssignment('rel-1', 'group-admins', ['88d8e3e3-8f55-4a1e-953a-9b9898b8876b'], ctx);
    assert.equal(again.id, first.id);
    assert.equal(assignments.length, 1);
    assert.deepEqual((assignments[0] as { accessContainer: unknown }).accessContainer, { accessContainerId: 'group-admins', accessContainerType: 'securityGroup' });
    await assert.rejects(gdap.create({ displayName: 'x', customerTenantId: CUSTOMER, roleDefinitionIds: ['62e90394-69f5-4237-9190-012177145e10'] }, ctx), /Global Administrator/);
  });

  it('sends mail as the staff member or from the configured mailbox, and never re-sends after a timeout', async () => {
    const graph = await factory((req) => (req.url.includes('/users/slow') ? { status: 202, hang: true } : { status: 202 }));
    const mailer = new GraphMailer({ graph, partnerTenantId: PARTNER, mailbox: 'moves@relecloud.com' });
    const message = { subject: 'Invitation', body: { contentType: 'Text' as const, content: 'Please accept' }, to: ['admin@contoso.com'] };
    await mailer.sendAsUser(message, ctx);
    await mailer.sendFromMailbox(message, ctx);
    assert.deepEqual(server!.received.map((r) => [r.url, r.headers.authorization]), [
      ['/graph/v1.0/me/sendMail', `Bearer app+user-${PARTNER}-1`],
      ['/graph/v1.0/users/moves%40relecloud.com/sendMail', `Bearer app-${PARTNER}-1`],
    ]);
    assert.deepEqual(JSON.parse(server!.received[0]?.body ?? '{}'), {
      message: { subject: 'Invitation', body: { contentType: 'Text', content: 'Please accept' }, toRecipients: [{ emailAddress: { address: 'admin@contoso.com' } }] },
      saveToSentItems: true,
    });
    await assert.rejects(mailer.sendFromMailbox(message, ctx, 'slow@relecloud.com'), (error: unknown) => {
      assert.ok(error instanceof GraphError);
      assert.match(error.fix, /check the Sent Items/);
      return true;
    });
    assert.equal(server!.received.filter((r) => r.url.includes('/users/slow')).length, 1);
    await assert.rejects(mailer.sendFromMailbox({ ...message, to: ['not an address'] }, ctx), /not an email address/);
    await assert.rejects(new GraphMailer({ graph, partnerTenantId: PARTNER }).sendFromMailbox(message, ctx), /MAIL_SENDER_MAILBOX/);
  });

  it('refreshes an expired token once on 401 InvalidAuthenticationToken, for a POST too', async () => {
    const graph = await factory((req) => (req.headers.authorization?.endsWith('-1')
      ? { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'Access token has expired or is not yet valid.' } } }
      : { status: 202 }));
    await new GraphMailer({ graph, partnerTenantId: PARTNER, mailbox: 'moves@relecloud.com' })
      .sendFromMailbox({ subject: 's', body: { contentType: 'Text', content: 'c' }, to: ['a@b.com'] }, ctx);
    assert.deepEqual(tokens.dropped, [`app-${PARTNER}-1`]);
    assert.deepEqual(server!.received.map((r) => r.headers.authorization), [`Bearer app-${PARTNER}-1`, `Bearer app-${PARTNER}-2`]);
    const [first, again] = server!.received.map((r) => r.headers['client-request-id']);
    assert.match(String(first), /^[0-9a-f-]{36}$/);
    assert.equal(again, first, 'the same call sent again keeps its client-request-id');
  });

  it('does not loop on a token Graph keeps refusing, nor refresh on other 401s', async () => {
    const graph = await factory((req) => (req.url.includes('denied')
      ? { status: 401, body: { error: { code: 'Authorization_IdentityNotFound', message: 'no' } } }
      : { status: 401, body: { error: { code: 'InvalidAuthenticationToken', message: 'expired' } } }));
    const licensing = new CustomerLicensing({ graph });
    await assert.rejects(licensing.organization(CUSTOMER, ctx), (error: unknown) => error instanceof GraphError && error.status === 401);
    assert.equal(server!.received.length, 2);
    assert.equal(tokens.dropped.length, 1);
    const client = graph.forTenant(CUSTOMER, 'app');
    await assert.rejects(client.api('/denied').get());
    assert.equal(server!.received.length, 3, 'a 401 for another reason is not repeated');
  });
});
