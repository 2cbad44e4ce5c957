/**
 * The sandbox against the documented samples: the same requests, answered with the same shapes (every key of
 * the sample present with the same JSON type). Where the sandbox differs on purpose or the sample is of another
 * kind of resource, the difference is listed below with the reason — and the list must match exactly, so a
 * difference that goes away (or a new one) is noticed.
 */
import assert from 'node:assert/strict';
import {
  CONTOSO_DOMAIN, CONTOSO_TENANT_ID, OTHER_PARTNER_NAME, OTHER_PARTNER_TENANT_ID, PARTNER_TENANT_ID, SANDBOX_CLIENT_ID,
  SANDBOX_CLIENT_SECRET, WOODGROVE_TENANT_ID,
} from '../../sandbox/world/constants';
import { type OutboundServices } from '../../services/outboundServices';
import { fixture, shapeDifferences } from './support/contracts';
import { useSandboxServices } from './support/sandboxServices';

const ctx = { correlationId: '0f0e0d0c-0b0a-4909-8807-060504030201' };
const BUSINESS_PREMIUM = { productId: 'CFQ7TTC0LCHC', skuId: '0002' };

/**
 * Known differences between a sample and the sandbox's answer, by fixture. Each says why it is acceptable.
 * The test fails when the actual differences are not exactly these.
 */
const ALLOWED: Record<string, Record<string, string>> = {
  'partner-center/subscription.json': {
    '$.contractType: missing': 'the sample is a legacy add-on subscription; contractType is a legacy field the NCE subscription does not carry',
    '$.parentSubscriptionId: missing': 'the sample is an add-on; a base subscription has no parent',
  },
};

describe('contracts: the sandbox answers the documented requests with the documented shapes', function () {
  this.timeout(30_000);
  let services: OutboundServices;
  const sb = useSandboxServices((_started, built) => { services = built; });

  const pc = (mode: 'app' | 'app+user' = 'app') => services.tokens.getToken('partner-center', PARTNER_TENANT_ID, mode);
  const graph = (tenant: string, mode: 'app' | 'app+user' = 'app') => services.tokens.getToken('graph', tenant, mode);

  /** `sample` narrows the sample when only part of it is a contract (e.g. a $batch envelope). */
  function compare(name: string, actual: unknown, sample: (documented: any) => unknown = (documented) => documented): void {
    const found = shapeDifferences(sample(fixture(name)), actual).sort();
    const allowed = Object.keys(ALLOWED[name] ?? {}).sort();
    assert.deepEqual(found, allowed, `${name}: shape differences (left: found, right: allowed)\n${JSON.stringify(actual, null, 1).slice(0, 1500)}`);
  }

  async function ok(answer: Promise<{ status: number; body: any }>, status = 200): Promise<any> {
    const result = await answer;
    assert.equal(result.status, status, JSON.stringify(result.body));
    return result.body;
  }

  it('Partner Center: invitation, customers, organization profile, availability', async () => {
    compare('partner-center/relationship-request.json', await ok(sb.raw('GET', '/v1/customers/relationshiprequests', { token: await pc('app+user') })));
    compare('partner-center/customers.json', await ok(sb.raw('GET', '/v1/customers?size=40', { token: await pc() })));
    compare('partner-center/customer.json', await ok(sb.raw('GET', `/v1/customers/${WOODGROVE_TENANT_ID}`, { token: await pc() })));
    compare('partner-center/organization-profile.json', await ok(sb.raw('GET', '/v1/profiles/organization', { token: await pc('app+user') })));
    const availabilities = await ok(sb.raw('GET', `/v1/products/${BUSINESS_PREMIUM.productId}/skus/${BUSINESS_PREMIUM.skuId}/availabilities?country=US`, { token: await pc() }));
    compare('partner-center/availability.json', availabilities.items[0]);
  });

  it('Partner Center: cart, checkout, subscription, provisioning status, transfer', async () => {
    await sb.accept(CONTOSO_DOMAIN);
    const catalogItemId = await services.partnerCenter.findCatalogItemId(BUSINESS_PREMIUM.productId, BUSINESS_PREMIUM.skuId, 'US', 'P1Y', 'monthly', ctx);
    const token = await pc();
    const cart = await ok(sb.raw('POST', `/v1/customers/${CONTOSO_TENANT_ID}/carts`, {
      token, headers: { 'MS-RequestId': 'a0000000-0000-4000-8000-000000000001' },
      json: { lineItems: [{ id: 0, catalogItemId, quantity: 3, billingCycle: 'monthly', termDuration: 'P1Y' }] },
    }), 201);
    compare('partner-center/cart.response.json', cart);
    const checkout = await ok(sb.raw('POST', `/v1/customers/${CONTOSO_TENANT_ID}/carts/${cart.id}/checkout`, { token }), 201);
    compare('partner-center/checkout.response.json', checkout);
    compare('partner-center/checkout.nce-line.response.json', checkout);
    const subscriptionId = checkout.orders[0].lineItems[0].subscriptionId;
    compare('partner-center/subscription.json', await ok(sb.raw('GET', `/v1/customers/${CONTOSO_TENANT_ID}/subscriptions/${subscriptionId}`, { token })));
    compare('partner-center/provisioning-status.json',
      await ok(sb.raw('GET', `/v1/customers/${CONTOSO_TENANT_ID}/subscriptions/${subscriptionId}/provisioningstatus`, { token: await pc('app+user') })));
    compare('partner-center/transfer.response.json', await ok(sb.raw('POST', `/v1/customers/${WOODGROVE_TENANT_ID}/transfers`, {
      token, json: { sourcePartnerTenantId: OTHER_PARTNER_TENANT_ID, sourcePartnerName: OTHER_PARTNER_NAME, customerEmailId: 'admin@woodgrove.example', transferType: 5 },
    }), 201));
  });

  it('Partner Center: the error body (13605), the throttling body with Retry-After, the v1 token answer', async () => {
    await sb.accept(CONTOSO_DOMAIN, false);
    const catalogItemId = await services.partnerCenter.findCatalogItemId(BUSINESS_PREMIUM.productId, BUSINESS_PREMIUM.skuId, 'US', 'P1M', 'monthly', ctx);
    const { cartId } = await services.partnerCenter.createCart(CONTOSO_TENANT_ID, [{ catalogItemId: catalogItemId!, quantity: 1, termDuration: 'P1M', billingCycle: 'monthly' }], ctx);
    const refused = await sb.raw('POST', `/v1/customers/${CONTOSO_TENANT_ID}/carts/${cartId}/checkout`, { token: await pc() });
    assert.equal(refused.status, 403);
    compare('partner-center/error.13605.json', refused.body);

    await sb.fault({ match: 'GET /v1/profiles/legalbusiness', status: 429, retryAfterSeconds: 57 });
    const throttled = await sb.raw('GET', '/v1/profiles/legalbusiness', { token: await pc() });
    assert.equal(throttled.status, 429);
    assert.equal(throttled.headers.get('retry-after'), '57');
    compare('partner-center/throttled.429.json', throttled.body);

    const v1 = await ok(sb.raw('POST', `/login/${PARTNER_TENANT_ID}/oauth2/token`, {
      form: { grant_type: 'client_credentials', client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET, resource: 'https://api.partnercenter.microsoft.com' },
    }));
    compare('partner-center/token-response.app-only-v1.json', v1);
  });

  it('Graph: licences, users holding a SKU, assignLicense, organization, $batch', async () => {
    const token = await graph(WOODGROVE_TENANT_ID);
    const skus = await ok(sb.raw('GET', '/graph/v1.0/subscribedSkus', { token }));
    compare('graph/subscribed-skus.json', skus);
    compare('graph/directory-subscriptions.json', await ok(sb.raw('GET', '/graph/v1.0/directory/subscriptions', { token })));
    const sku = (skus.value as Array<{ skuId: string; consumedUnits: number }>).find((s) => s.consumedUnits > 0)!;
    const filter = encodeURIComponent(`assignedLicenses/any(x:x/skuId eq ${sku.skuId})`);
    const users = await ok(sb.raw('GET', `/graph/v1.0/users?$filter=${filter}&$select=id,userPrincipalName,displayName,usageLocation,assignedLicenses,licenseAssignmentStates&$count=true&$top=5`,
      { token, headers: { ConsistencyLevel: 'eventual' } }));
    compare('graph/users-with-sku.json', users);
    const user = users.value[0];
    const held = user.assignedLicenses.find((l: { skuId: string }) => l.skuId === sku.skuId);
    // Adding a SKU the user holds only restates its disabled plans: a real call that changes nothing.
    compare('graph/assign-license.response.json', await ok(sb.raw('POST', `/graph/v1.0/users/${user.id}/assignLicense`, {
      token, json: { addLicenses: [{ skuId: sku.skuId, disabledPlans: held.disabledPlans }], removeLicenses: [] },
    })));
    compare('graph/organization.json', await ok(sb.raw('GET', '/graph/v1.0/organization', { token })));

    await sb.fault({ match: 'GET /**/organization', status: 429, retryAfterSeconds: 3 });
    const batch = await ok(sb.raw('POST', '/graph/v1.0/$batch', {
      token, json: { requests: [{ id: '1', method: 'GET', url: `/users/${user.id}?$select=assignedLicenses,licenseAssignmentStates` }, { id: '2', method: 'GET', url: '/organization' }] },
    }));
    // The envelope is the contract; each sub-response's body is that request's own resource.
    compare('graph/batch.response.json', batch, (documented) => ({
      responses: documented.responses.map((r: Record<string, unknown>) => ({ ...r, body: null })),
    }));
    const throttled = (batch.responses as Array<{ id: string; status: number; headers: Record<string, string> }>).find((r) => r.id === '2');
    assert.equal(throttled?.status, 429);
    assert.equal(Object.entries(throttled?.headers ?? {}).find(([k]) => k.toLowerCase() === 'retry-after')?.[1], '3');
  });

  it('Graph: GDAP relationship, lock for approval, access assignment', async () => {
    const token = await graph(PARTNER_TENANT_ID, 'app+user');
    const request = fixture('graph/gdap-relationship.request.json');
    const relationship = await ok(sb.raw('POST', '/graph/v1.0/tenantRelationships/delegatedAdminRelationships', {
      token, json: { ...request, customer: { tenantId: CONTOSO_TENANT_ID, displayName: 'Contoso' }, accessDetails: { unifiedRoles: [{ roleDefinitionId: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b' }] } },
    }), 201);
    compare('graph/gdap-relationship.response.json', relationship);
    compare('graph/gdap-lock.response.json', await ok(sb.raw('POST', `/graph/v1.0/tenantRelationships/delegatedAdminRelationships/${relationship.id}/requests`, {
      token, json: fixture('graph/gdap-lock.request.json'), headers: { 'If-Match': relationship['@odata.etag'] },
    }), 201));
    await sb.approveGdap(CONTOSO_DOMAIN);
    const state = await sb.state();
    const groupId = (state.partner.groups as Array<{ id: string; displayName: string }>).find((g) => g.displayName === 'AdminAgents')?.id;
    assert.ok(groupId, 'the sandbox partner has an AdminAgents group');
    compare('graph/gdap-access-assignment.response.json', await ok(sb.raw('POST', `/graph/v1.0/tenantRelationships/delegatedAdminRelationships/${relationship.id}/accessAssignments`, {
      token, json: {
        accessContainer: { accessContainerId: groupId, accessContainerType: 'securityGroup' },
        accessDetails: { unifiedRoles: [{ roleDefinitionId: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b' }] },
      },
    }), 201));
  });
});
