import assert from 'node:assert/strict';
import { CustomerGraphDirectory } from '../../services/graph/customerGraphDirectory';
import { GraphClientFactory } from '../../services/graph/graphClientFactory';
import { GraphError } from '../../services/graph/graphError';
import { PartnerGraphDirectory, relationshipName } from '../../services/graph/partnerGraphDirectory';
import { OutboundHttp } from '../../services/http/outboundHttp';
import { TokenRequestError, type TokenMode, type TokenProvider, type TokenResource } from '../../services/identity/tokenProvider';
import { recordingSleep, startLocalServer, type Handler, type LocalServer } from './support/localServer';

const PARTNER = 'partner-tenant-id';
const CUSTOMER = 'customer-tenant-id';
const ctx = { correlationId: '11111111-2222-4333-8444-555555555555' };

class RecordingTokens implements TokenProvider {
  asked: string[] = [];
  async getToken(resource: TokenResource, tenantId: string, mode: TokenMode): Promise<string> {
    this.asked.push(`${resource}|${tenantId}|${mode}`);
    return `${mode}-token-for-${tenantId}`;
  }
}

describe('services/graph (against a scripted server on a local http base URL)', () => {
  let server: LocalServer | undefined;
  let tokens: RecordingTokens;
  let now = 0;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function factory(handler: Handler, tokenProvider?: TokenProvider): Promise<GraphClientFactory> {
    server = await startLocalServer(handler);
    tokens = new RecordingTokens();
    now = 1_000;
    return new GraphClientFactory({
      baseUrl: `${server.url}/graph/`,
      tokens: tokenProvider ?? tokens,
      http: new OutboundHttp({ sleep: recordingSleep().sleep }),
    });
  }

  it('reads subscribedSkus with a bearer token on the http base URL and fills defaults', async () => {
    const graph = await factory(() => ({
      status: 200,
      body: { value: [{ skuId: 'sku-1', skuPartNumber: 'SPE_E3', capabilityStatus: 'Enabled', appliesTo: 'User', consumedUnits: 14,
        prepaidUnits: { enabled: 25, suspended: 0, warning: 0, lockedOut: 0 },
        servicePlans: [{ servicePlanId: 'p1', servicePlanName: 'EXCHANGE_S_ENTERPRISE', provisioningStatus: 'Success', appliesTo: 'User' }] }] },
    }));
    const skus = await new CustomerGraphDirectory({ graph }).subscribedSkus(CUSTOMER, ctx);
    assert.equal(skus.length, 1);
    assert.deepEqual(skus[0]?.subscriptionIds, []);
    assert.equal(skus[0]?.prepaidUnits.enabled, 25);
    const [request] = server!.received;
    assert.equal(request?.url, '/graph/v1.0/subscribedSkus');
    assert.equal(request?.headers.authorization, `Bearer app-token-for-${CUSTOMER}`);
    // Graph's per-request tracing id: a GUID of its own, not the move's correlation id (that one is logged).
    assert.match(String(request?.headers['client-request-id']), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(request?.headers['client-request-id'], ctx.correlationId);
    assert.deepEqual(tokens.asked, [`graph|${CUSTOMER}|app`]);
  });

  it('follows @odata.nextLink for directory subscriptions and maps them', async () => {
    const graph = await factory((req) => {
      const base = server!.url;
      if (!req.url.includes('skiptoken')) {
        return { status: 200, body: { value: [{ id: 's1', skuId: 'k1', skuPartNumber: 'SPE_E3', status: 'Enabled', totalLicenses: 25, isTrial: false,
          createdDateTime: '2025-01-01T00:00:00Z', nextLifecycleDateTime: '2026-01-01T00:00:00Z', ownerTenantId: null }],
        '@odata.nextLink': `${base}/graph/v1.0/directory/subscriptions?$skiptoken=abc%3D%3D` } };
      }
      return { status: 200, body: { value: [{ id: 's2', skuId: 'k2', status: 'Warning', totalLicenses: 5, isTrial: true, ownerTenantId: 'other-partner' }] } };
    });
    const subscriptions = await new CustomerGraphDirectory({ graph }).subscriptions(CUSTOMER, ctx);
    assert.deepEqual(subscriptions.map((s) => s.id), ['s1', 's2']);
    assert.deepEqual(subscriptions[1], { id: 's2', skuId: 'k2', skuPartNumber: '', status: 'Warning', totalLicenses: 5, isTrial: true,
      createdDateTime: null, nextLifecycleDateTime: null, ownerTenantId: 'other-partner' });
    assert.equal(server!.received[1]?.url, '/graph/v1.0/directory/subscriptions?$skiptoken=abc%3D%3D');
    assert.equal(server!.received[1]?.headers.authorization, `Bearer app-token-for-${CUSTOMER}`);
  });

  it('refuses a nextLink to another host (the token would go with it)', async () => {
    const graph = await factory(() => ({ status: 200, body: { value: [], '@odata.nextLink': 'https://evil.example/graph/v1.0/subscribedSkus?x=1' } }));
    await assert.rejects(new CustomerGraphDirectory({ graph }).subscribedSkus(CUSTOMER, ctx), GraphError);
    assert.equal(server!.received.length, 1);
  });

  it('turns a Graph error body into a GraphError naming the tenant and the step', async () => {
    const graph = await factory(() => ({ status: 403, body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } } }));
    await assert.rejects(new CustomerGraphDirectory({ graph }).subscribedSkus(CUSTOMER, ctx), (error: unknown) => {
      assert.ok(error instanceof GraphError);
      assert.equal(error.status, 403);
      assert.equal(error.code, 'Authorization_RequestDenied');
      assert.equal(error.tenantId, CUSTOMER);
      assert.match(error.message, /subscribedSkus/);
      assert.match(error.message, /Insufficient privileges/);
      return true;
    });
  });

  it('retries a throttled GET through the shared helper, honouring Retry-After', async () => {
    const graph = await factory((_req, i) => (i === 0
      ? { status: 429, headers: { 'Retry-After': '3' }, body: { error: { code: 'TooManyRequests', message: 'Too many requests' } } }
      : { status: 200, body: { value: [] } }));
    assert.deepEqual(await new CustomerGraphDirectory({ graph }).subscribedSkus(CUSTOMER, ctx), []);
    assert.equal(server!.received.length, 2);
  });

  it('never repeats a Graph POST (creating a GDAP relationship) after a server error', async () => {
    const graph = await factory((req) => (req.method === 'GET'
      ? { status: 200, body: { value: [] } }
      : { status: 503, body: { error: { code: 'ServiceUnavailable', message: 'Try later' } } }));
    const directory = new PartnerGraphDirectory({ graph, partnerTenantId: PARTNER });
    await assert.rejects(directory.requestDelegatedAdmin(CUSTOMER, 'Contoso', ctx), (error: unknown) =>
      error instanceof GraphError && error.status === 503 && /create the GDAP relationship/.test(error.message));
    assert.equal(server!.received.filter((r) => r.method === 'POST').length, 1);
  });

  it('lets a token refusal through unchanged (it already says what to do)', async () => {
    const refusing: TokenProvider = {
      getToken: async (resource, tenantId, mode) => {
        throw new TokenRequestError(resource, tenantId, mode, 400, 'invalid_client', 'AADSTS700016', 'AADSTS700016: not found', 'grant consent');
      },
    };
    const graph = await factory(() => ({ status: 200, body: { value: [] } }), refusing);
    await assert.rejects(new CustomerGraphDirectory({ graph }).subscriptions(CUSTOMER, ctx), TokenRequestError);
    assert.equal(server!.received.length, 0);
  });

  describe('PartnerGraphDirectory.rolesOf', () => {
    const memberships: Record<string, unknown[]> = {
      alex: [{ '@odata.type': '#microsoft.graph.directoryRole', id: 'r1', displayName: 'Global Administrator', roleTemplateId: '62e90394-69f5-4237-9190-012177145e10' }],
      megan: [{ '@odata.type': '#microsoft.graph.group', id: 'g1', displayName: 'SalesAgents' }, { '@odata.type': '#microsoft.graph.group', id: 'g9', displayName: 'All Company' }],
      adele: [{ '@odata.type': '#microsoft.graph.directoryRole', id: 'r2', displayName: 'Billing Administrator', roleTemplateId: 'b0f54661-2d74-4c50-afa3-1ec803f12efe' }],
      patti: [{ '@odata.type': '#microsoft.graph.group', id: 'g2', displayName: 'AdminAgents' }],
      lynne: [{ '@odata.type': '#microsoft.graph.group', id: 'g3', displayName: 'HelpdeskAgents' }],
    };
    const handler: Handler = (req) => {
      const match = /^\/graph\/v1\.0\/users\/([^/]+)\/memberOf/.exec(req.url);
      const user = match?.[1] ?? '';
      const value = memberships[user];
      if (!value) return { status: 404, body: { error: { code: 'Request_ResourceNotFound', message: `Resource '${user}' does not exist.` } } };
      return { status: 200, body: { value } };
    };

    it('maps groups and directory roles to staff roles; an unknown user has none', async () => {
      const graph = await factory(handler);
      const directory = new PartnerGraphDirectory({ graph, partnerTenantId: PARTNER, now: () => now });
      assert.deepEqual(await directory.rolesOf('alex'), ['account-admin']);
      assert.deepEqual(await directory.rolesOf('megan'), ['sales-agent']);
      assert.deepEqual(await directory.rolesOf('adele'), ['billing-agent']);
      assert.deepEqual(await directory.rolesOf('patti'), ['admin-agent']);
      assert.deepEqual(await directory.rolesOf('lynne'), ['helpdesk-agent']);
      assert.deepEqual(await directory.rolesOf('isaiah'), []);
      assert.ok(tokens.asked.every((asked) => asked === `graph|${PARTNER}|app`));
    });

    it('caches per user for the TTL, then asks again', async () => {
      const graph = await factory(handler);
      const directory = new PartnerGraphDirectory({ graph, partnerTenantId: PARTNER, now: () => now, roleCacheTtlMs: 60_000 });
      await directory.rolesOf('megan');
      now += 59_000;
      await directory.rolesOf('megan');
      assert.equal(server!.received.length, 1);
      now += 2_000;
      await directory.rolesOf('megan');
      assert.equal(server!.received.length, 2);
    });

    it('lets a configured override win over Graph', async () => {
      const graph = await factory(handler);
      const directory = new PartnerGraphDirectory({
        graph, partnerTenantId: PARTNER, roleOverrides: { ISAIAH: ['billing-agent', 'account-admin'] },
      });
      assert.deepEqual(await directory.rolesOf('isaiah'), ['account-admin', 'billing-agent']);
      assert.equal(server!.received.length, 0);
    });

    it('does not call Graph for an id that cannot be a user', async () => {
      const graph = await factory(handler);
      const directory = new PartnerGraphDirectory({ graph, partnerTenantId: PARTNER });
      assert.deepEqual(await directory.rolesOf('../../groups'), []);
      assert.equal(server!.received.length, 0);
    });
  });

  describe('PartnerGraphDirectory.requestDelegatedAdmin', () => {
    it('creates a least-privilege relationship with no Global Administrator and locks it for approval', async () => {
      const graph = await factory((req) => {
        if (req.method === 'GET') return { status: 200, body: { value: [] } };
        if (req.url.endsWith('/requests')) return { status: 201, body: { id: 'req-1', action: 'lockForApproval', status: 'created' } };
        return { status: 201, body: { id: 'rel-1', displayName: JSON.parse(req.body).displayName, status: 'created' } };
      });
      const directory = new PartnerGraphDirectory({ graph, partnerTenantId: PARTNER });
      const longName = 'Relecloud move for Contoso Pharmaceuticals International Holdings';
      const result = await directory.requestDelegatedAdmin(CUSTOMER, longName, { ...ctx, requestId: '9f8e7d6c-0000-4000-8000-000000000000' });
      assert.deepEqual(result, {
        relationshipId: 'rel-1',
        approvalLink: 'https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/rel-1',
      });
      const [lookup, create, lock] = server!.received;
      assert.equal(lookup?.method, 'GET');
      assert.equal(create?.url, '/graph/v1.0/tenantRelationships/delegatedAdminRelationships');
      const body = JSON.parse(create?.body ?? '{}');
      assert.equal(body.duration, 'P730D');
      assert.equal(body.autoExtendDuration, 'P180D');
      assert.deepEqual(body.customer, { tenantId: CUSTOMER });
      assert.ok(body.displayName.length <= 50);
      assert.match(body.displayName, / 9f8e7d6c$/);
      const roleIds = body.accessDetails.unifiedRoles.map((r: { roleDefinitionId: string }) => r.roleDefinitionId);
      assert.ok(!roleIds.includes('62e90394-69f5-4237-9190-012177145e10'));
      assert.ok(roleIds.includes('4d6ac14f-3453-41d0-bef9-a3e0c569773a'));
      assert.equal(lock?.url, '/graph/v1.0/tenantRelationships/delegatedAdminRelationships/rel-1/requests');
      assert.deepEqual(JSON.parse(lock?.body ?? '{}'), { action: 'lockForApproval' });
      assert.equal(create?.headers.authorization, `Bearer app+user-token-for-${PARTNER}`);
    });

    it('reuses the relationship an earlier attempt of the same step created', async () => {
      const name = relationshipName('Contoso', 'abcdef12-xyz');
      const graph = await factory(() => ({ status: 200, body: { value: [{ id: 'rel-old', displayName: name, status: 'approvalPending', customer: { tenantId: CUSTOMER } }] } }));
      const directory = new PartnerGraphDirectory({ graph, partnerTenantId: PARTNER });
      const result = await directory.requestDelegatedAdmin(CUSTOMER, 'Contoso', { ...ctx, requestId: 'abcdef12-xyz' });
      assert.equal(result.relationshipId, 'rel-old');
      assert.equal(server!.received.length, 1); // no second create, no second lock
    });

    it('refuses to be configured with Global Administrator', async () => {
      const graph = await factory(() => ({ status: 200 }));
      assert.throws(() => new PartnerGraphDirectory({ graph, partnerTenantId: PARTNER, gdapRoleDefinitionIds: ['62e90394-69f5-4237-9190-012177145e10'] }),
        /must not include Global Administrator/);
    });
  });

  describe('PartnerGraphDirectory.grantDelegatedAccess', () => {
    const active = { id: 'rel-1', status: 'active', accessDetails: { unifiedRoles: [{ roleDefinitionId: '88D8E3E3-8F55-4A1E-953A-9B9898B8876B' }] } };

    it('looks the group name up with an escaped OData literal (app token), and asks for the object id when several match', async () => {
      const graph = await factory((req) => (req.url.includes('/groups')
        ? { status: 200, body: { value: [{ id: 'g-1', displayName: "O'Brien" }, { id: 'g-2', displayName: "o'brien" }] } }
        : { status: 200, body: active }));
      const directory = new PartnerGraphDirectory({ graph, partnerTenantId: PARTNER, gdapAccessGroup: "O'Brien" });
      await assert.rejects(directory.grantDelegatedAccess('rel-1', ctx), (error: unknown) =>
        error instanceof GraphError && /2 groups .*"O'Brien"/.test(error.message) && /GDAP_ACCESS_GROUP to the object id/.test(error.message));
      const lookup = server!.received.find((r) => r.url.includes('/groups'));
      assert.equal(decodeURIComponent(lookup?.url ?? ''), "/graph/v1.0/groups?$filter=displayName eq 'O''Brien'&$select=id,displayName");
      assert.equal(lookup?.headers.authorization, `Bearer app-token-for-${PARTNER}`);
      assert.ok(!server!.received.some((r) => r.method === 'POST'), 'no assignment without one group');
    });

    it('assigns the relationship\'s own roles and reads the group name only once per instance', async () => {
      const graph = await factory((req) => {
        if (req.url.includes('/groups')) return { status: 200, body: { value: [{ id: 'g-1', displayName: 'AdminAgents' }] } };
        if (req.url.endsWith('/accessAssignments') && req.method === 'GET') return { status: 200, body: { value: [] } };
        if (req.method === 'POST') return { status: 201, body: { id: 'as-1', status: 'pending', ...JSON.parse(req.body) } };
        return { status: 200, body: active };
      });
      const directory = new PartnerGraphDirectory({ graph, partnerTenantId: PARTNER, gdapRoleDefinitionIds: ['4d6ac14f-3453-41d0-bef9-a3e0c569773a'] });
      const access = await directory.grantDelegatedAccess('rel-1', ctx);
      assert.deepEqual(access, { kind: 'granted', groupId: 'g-1', groupName: 'AdminAgents', assignmentId: 'as-1', assignmentStatus: 'pending' });
      const post = server!.received.find((r) => r.method === 'POST');
      assert.deepEqual(JSON.parse(post?.body ?? '{}'), {
        accessContainer: { accessContainerId: 'g-1', accessContainerType: 'securityGroup' },
        accessDetails: { unifiedRoles: [{ roleDefinitionId: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b' }] },
      });
      await directory.grantDelegatedAccess('rel-1', ctx);
      assert.equal(server!.received.filter((r) => r.url.includes('/groups')).length, 1);
    });
  });
});
