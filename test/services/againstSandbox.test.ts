/**
 * The outbound adapters against the local sandbox (sandbox/server.ts), which speaks the documented
 * Partner Center, Graph and identity-platform contracts. A fresh sandbox world and fresh adapters per test.
 */
import assert from 'node:assert/strict';
import { ClientSecretCredential } from '@azure/identity';
import { startSandbox, type SandboxHandleWithWorld } from '../../sandbox/server';
import {
  ADELE_VANCE_ID, ALEX_WILBER_ID, CONTOSO_DOMAIN, CONTOSO_TENANT_ID, ISAIAH_LANGER_ID, LYNNE_ROBBINS_ID, MEGAN_BOWEN_ID,
  NORTHWIND_DOMAIN, PARTNER_TENANT_ID, PATTI_FERNANDEZ_ID, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_REFRESH_TOKEN,
  WOODGROVE_TENANT_ID,
} from '../../sandbox/world/constants';
import { appIdentityFromEnvironment } from '../../services/identity/appIdentityFromEnvironment';
import { clientSecretCredentials } from '../../services/identity/azureIdentityTokenProvider';
import { OutboundHttp } from '../../services/http/outboundHttp';
import { MissingRefreshTokenError, TokenRequestError } from '../../services/identity/tokenProvider';
import { createOutboundServices, sandboxEndpoints, type OutboundServices } from '../../services/outboundServices';
import { PartnerCenterClient } from '../../services/partnerCenter/partnerCenterClient';
import { PartnerCenterError } from '../../services/partnerCenter/partnerCenterError';
import { BRIDGE_AUTHORITY, httpsAuthorityBridge } from './support/httpsAuthorityBridge';

const ctx = { correlationId: '0f0e0d0c-0b0a-4909-8807-060504030201' };
const BUSINESS_PREMIUM = { productId: 'CFQ7TTC0LCHC', skuId: '0002', graphSkuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46' };

describe('services against the sandbox', function () {
  this.timeout(30_000);
  let sandbox: SandboxHandleWithWorld;
  let services: OutboundServices;

  const servicesFor = (options: { refreshToken?: string } = { refreshToken: SANDBOX_REFRESH_TOKEN }) => createOutboundServices({
    endpoints: sandboxEndpoints(sandbox.url),
    partnerTenantId: PARTNER_TENANT_ID,
    clientId: SANDBOX_CLIENT_ID,
    clientSecret: SANDBOX_CLIENT_SECRET,
    refreshToken: options.refreshToken,
  });

  async function admin(method: 'GET' | 'POST', path: string): Promise<any> {
    const response = await fetch(`${sandbox.url}${path}`, { method, headers: { Accept: 'application/json' } });
    const text = await response.text();
    assert.equal(response.status, 200, `${method} ${path}: ${text}`);
    return JSON.parse(text);
  }

  before(async () => { sandbox = await startSandbox({ port: 0 }); });
  after(async () => { await sandbox?.close(); });
  beforeEach(async () => {
    await admin('POST', '/_sandbox/reset');
    services = servicesFor();
  });

  it('reads the legal business profile', async () => {
    assert.deepEqual(await services.partnerCenter.partnerProfile(ctx), { companyName: 'Relecloud', country: 'US' });
  });

  it('lists every customer exactly once across all pages', async () => {
    const pc = new PartnerCenterClient({
      baseUrl: sandbox.url, partnerTenantId: PARTNER_TENANT_ID, tokens: services.tokens, http: new OutboundHttp(), customerPageSize: 7,
    });
    const ids: string[] = [];
    for await (const customer of pc.listCustomers(ctx)) ids.push(customer.id);
    const state = await admin('GET', '/_sandbox/state');
    const expected = (state.customers as Array<{ tenantId: string; relationship: string }>)
      .filter((c) => c.relationship === 'reseller').map((c) => c.tenantId);
    assert.ok(expected.length > 7, 'the world should need several pages');
    assert.equal(new Set(ids).size, ids.length, 'no customer twice');
    assert.deepEqual([...ids].sort(), [...expected].sort());
    assert.ok(ids.includes(WOODGROVE_TENANT_ID));
  });

  it('answers null for a tenant that is not a customer, and a record for one that is', async () => {
    assert.equal(await services.partnerCenter.getCustomer(CONTOSO_TENANT_ID, ctx), null);
    const woodgrove = await services.partnerCenter.getCustomer(WOODGROVE_TENANT_ID, ctx);
    assert.equal(woodgrove?.tenantId, WOODGROVE_TENANT_ID);
    assert.equal(woodgrove?.relationshipToPartner, 'reseller');
    assert.equal(woodgrove?.country, 'US');
  });

  it('gets the reseller invitation link with App+User, and only with it', async () => {
    const link = await services.partnerCenter.resellerInvitationLink(ctx);
    assert.match(link, /^https:\/\/admin\.microsoft\.com\//);
    assert.match(link, /ResellerRelationship/);

    await assert.rejects(servicesFor({}).partnerCenter.resellerInvitationLink(ctx), (error: unknown) =>
      error instanceof MissingRefreshTokenError && /PARTNER_CENTER_REFRESH_TOKEN/.test(error.message));

    // The sandbox itself refuses an app-only token on this route.
    const appToken = await services.tokens.getToken('partner-center', PARTNER_TENANT_ID, 'app');
    const refused = await fetch(`${sandbox.url}/v1/customers/relationshiprequests`, { headers: { Authorization: `Bearer ${appToken}`, Accept: 'application/json' } });
    assert.ok(refused.status === 401 || refused.status === 403, `expected a refusal, got ${refused.status}`);
  });

  it('lists the US catalog with provisioningId on every offer', async () => {
    const offers = await services.partnerCenter.catalogOffers('US', ctx);
    assert.ok(offers.length >= 10);
    assert.ok(offers.every((o) => typeof o.provisioningId === 'string' && /^[0-9a-f-]{36}$/.test(o.provisioningId)));
    const premium = offers.find((o) => o.productId === BUSINESS_PREMIUM.productId && o.skuId === BUSINESS_PREMIUM.skuId);
    assert.equal(premium?.provisioningId, BUSINESS_PREMIUM.graphSkuId);
    assert.equal(premium?.maximumQuantity, 300);
  });

  it('finds the catalog item id for a term and billing cycle, and null where none is sold', async () => {
    const id = await services.partnerCenter.findCatalogItemId(BUSINESS_PREMIUM.productId, BUSINESS_PREMIUM.skuId, 'US', 'P1Y', 'monthly', ctx);
    assert.match(id ?? '', /^CFQ7TTC0LCHC:0002:[A-Z0-9]+$/);
    assert.equal(await services.partnerCenter.findCatalogItemId(BUSINESS_PREMIUM.productId, BUSINESS_PREMIUM.skuId, 'US', 'P3Y', 'triennial', ctx), null);
  });

  it('places exactly one order for a cart created and checked out twice with the same request ids', async () => {
    await admin('POST', `/_sandbox/customers/${CONTOSO_DOMAIN}/accept`);
    const pc = services.partnerCenter;
    const catalogItemId = await pc.findCatalogItemId(BUSINESS_PREMIUM.productId, BUSINESS_PREMIUM.skuId, 'US', 'P1Y', 'monthly', ctx);
    assert.ok(catalogItemId);
    const lines = [{ catalogItemId, quantity: 25, termDuration: 'P1Y' as const, billingCycle: 'monthly' as const }];
    const cartCtx = { ...ctx, requestId: '5c2a1d44-7b3e-4f4a-9a55-0d1c2b3a4f01' };
    const first = await pc.createCart(CONTOSO_TENANT_ID, lines, cartCtx);
    const again = await pc.createCart(CONTOSO_TENANT_ID, lines, cartCtx);
    assert.equal(again.cartId, first.cartId);

    const checkoutCtx = { ...ctx, requestId: '5c2a1d44-7b3e-4f4a-9a55-0d1c2b3a4f02' };
    const orders = await pc.checkoutCart(CONTOSO_TENANT_ID, first.cartId, checkoutCtx);
    const repeat = await pc.checkoutCart(CONTOSO_TENANT_ID, first.cartId, checkoutCtx);
    assert.equal(orders.length, 1);
    assert.deepEqual(repeat.map((o) => o.id), orders.map((o) => o.id));
    assert.equal((await pc.listOrders(CONTOSO_TENANT_ID, ctx)).length, 1);

    const line = orders[0]?.lineItems[0];
    assert.equal(line?.quantity, 25);
    assert.ok(line?.subscriptionId);
    const subscription = await pc.getSubscription(CONTOSO_TENANT_ID, line.subscriptionId, ctx);
    assert.equal(subscription.subscriptionId.toLowerCase(), line.subscriptionId.toLowerCase());
    assert.equal(subscription.quantity, 25);
    assert.match(subscription.offerId, /^CFQ7TTC0LCHC:0002/);
    assert.ok(subscription.title.length > 0);
    assert.ok(['pending', 'active'].includes(subscription.status));
    assert.ok(subscription.cancellationAllowedUntil && !Number.isNaN(Date.parse(subscription.cancellationAllowedUntil)));
  });

  it('refuses a purchase for a tenant that is not yet a customer, with the 20002 fix', async () => {
    await assert.rejects(
      services.partnerCenter.createCart(CONTOSO_TENANT_ID, [{ catalogItemId: 'CFQ7TTC0LCHC:0002:X', quantity: 1, termDuration: 'P1M', billingCycle: 'monthly' }], ctx),
      (error: unknown) => error instanceof PartnerCenterError && error.code === '20002' && /reseller invitation/.test(error.fix));
  });

  it('is refused in the customer tenant before GDAP approval and reads it after the customer accepts', async () => {
    await assert.rejects(services.customerDirectory.subscribedSkus(CONTOSO_TENANT_ID, ctx), (error: unknown) => {
      assert.ok(error instanceof TokenRequestError, String(error));
      assert.equal(error.tenantId, CONTOSO_TENANT_ID);
      assert.match(error.message, /no access to the customer's tenant: approve the GDAP request or grant consent/);
      assert.ok(!error.message.includes(SANDBOX_CLIENT_SECRET));
      return true;
    });

    const { relationshipId, approvalLink } = await services.partnerDirectory.requestDelegatedAdmin(CONTOSO_TENANT_ID, 'Relecloud CSP move - Contoso Ltd', ctx);
    assert.equal(approvalLink, `https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${relationshipId}`);
    const pending = await admin('GET', `/_sandbox/state?customer=${CONTOSO_DOMAIN}`);
    assert.deepEqual(pending.customers[0].gdap.map((g: { id: string; status: string }) => [g.id, g.status]), [[relationshipId, 'approvalPending']]);

    await admin('POST', `/_sandbox/customers/${CONTOSO_DOMAIN}/accept`);
    const skus = await services.customerDirectory.subscribedSkus(CONTOSO_TENANT_ID, ctx);
    assert.ok(skus.some((s) => s.skuId === BUSINESS_PREMIUM.graphSkuId && s.prepaidUnits.enabled === 25));
    const subscriptions = await services.customerDirectory.subscriptions(CONTOSO_TENANT_ID, ctx);
    assert.ok(subscriptions.some((s) => s.skuId === BUSINESS_PREMIUM.graphSkuId && s.totalLicenses === 25 && s.ownerTenantId === null));
  });

  it('requests GDAP with least privilege: approvalPending, no Global Administrator, a unique name of at most 50 characters', async () => {
    const longName = 'Relecloud CSP Move Assistant request for Contoso Pharmaceuticals Worldwide';
    const first = await services.partnerDirectory.requestDelegatedAdmin(CONTOSO_TENANT_ID, longName, { ...ctx, requestId: 'aaaaaaaa-0000-4000-8000-000000000001' });
    const retry = await services.partnerDirectory.requestDelegatedAdmin(CONTOSO_TENANT_ID, longName, { ...ctx, requestId: 'aaaaaaaa-0000-4000-8000-000000000001' });
    assert.equal(retry.relationshipId, first.relationshipId, 'a retried step reuses its relationship');
    const graphToken = await services.tokens.getToken('graph', PARTNER_TENANT_ID, 'app+user');
    const response = await fetch(`${sandbox.url}/graph/v1.0/tenantRelationships/delegatedAdminRelationships/${first.relationshipId}`, {
      headers: { Authorization: `Bearer ${graphToken}` },
    });
    const relationship = await response.json() as any;
    assert.equal(relationship.status, 'approvalPending');
    assert.ok(relationship.displayName.length <= 50);
    assert.equal(relationship.duration, 'P730D');
    assert.equal(relationship.autoExtendDuration, 'P180D');
    const roles = relationship.accessDetails.unifiedRoles.map((r: { roleDefinitionId: string }) => r.roleDefinitionId);
    assert.ok(!roles.includes('62e90394-69f5-4237-9190-012177145e10'));
  });

  it('resolves the roles of the six staff members', async () => {
    const expected: Array<[string, string[]]> = [
      [ALEX_WILBER_ID, ['account-admin']], [MEGAN_BOWEN_ID, ['sales-agent']], [ADELE_VANCE_ID, ['billing-agent']],
      [ISAIAH_LANGER_ID, []], [PATTI_FERNANDEZ_ID, ['admin-agent']], [LYNNE_ROBBINS_ID, ['helpdesk-agent']],
    ];
    for (const [id, roles] of expected) assert.deepEqual(await services.partnerDirectory.rolesOf(id), roles, id);
    assert.deepEqual(await services.partnerDirectory.rolesOf('00000000-0000-0000-0000-0000000000099'), []);
  });

  it('looks tenants up by domain: known with region, unknown as null', async () => {
    assert.deepEqual(await services.tenantLookup.resolve(CONTOSO_DOMAIN), { tenantId: CONTOSO_TENANT_ID, regionScope: 'NA' });
    assert.deepEqual(await services.tenantLookup.resolve('contoso.com'), { tenantId: CONTOSO_TENANT_ID, regionScope: 'NA' });
    const northwind = await services.tenantLookup.resolve(NORTHWIND_DOMAIN);
    assert.ok(northwind?.tenantId);
    assert.equal(await services.tenantLookup.resolve('nobody-here.example'), null);
  });

  it('refuses an http authority in @azure/identity itself, so the sandbox is reached through an https bridge', () => {
    // The check is @azure/identity's (IdentityClient) and MSAL's (authority_uri_insecure); nothing to configure away.
    assert.throws(() => clientSecretCredentials({ clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET, authorityHost: `${sandbox.url}/login` })(PARTNER_TENANT_ID),
      /must use the 'https' protocol/);
  });

  it('runs the real ClientSecretCredential (MSAL inside) against the sandbox token service, and Partner Center and Graph with its tokens', async () => {
    const { httpClient, requests } = httpsAuthorityBridge(`${sandbox.url}/login`);
    const identity = appIdentityFromEnvironment(
      { AZURE_TENANT_ID: PARTNER_TENANT_ID, AZURE_CLIENT_ID: SANDBOX_CLIENT_ID, AZURE_CLIENT_SECRET: SANDBOX_CLIENT_SECRET, AZURE_AUTHORITY_HOST: BRIDGE_AUTHORITY },
      { httpClient, disableInstanceDiscovery: true });
    const credential = identity.credentialFor(PARTNER_TENANT_ID);
    assert.ok(credential instanceof ClientSecretCredential);
    const token = await credential.getToken('https://graph.microsoft.com/.default');
    assert.ok(token?.token && token.expiresOnTimestamp > Date.now());
    assert.deepEqual(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`), [
      `GET /${PARTNER_TENANT_ID}/v2.0/.well-known/openid-configuration`, `POST /${PARTNER_TENANT_ID}/oauth2/v2.0/token`,
    ]);
    assert.equal(new URLSearchParams(requests[1]?.body).get('grant_type'), 'client_credentials');

    const viaIdentity = createOutboundServices({
      endpoints: sandboxEndpoints(sandbox.url), partnerTenantId: PARTNER_TENANT_ID, clientId: SANDBOX_CLIENT_ID,
      credentialFor: identity.credentialFor, onBehalfOf: null,
    });
    assert.deepEqual(await viaIdentity.partnerCenter.partnerProfile(ctx), { companyName: 'Relecloud', country: 'US' });
    assert.ok((await viaIdentity.customerDirectory.subscribedSkus(WOODGROVE_TENANT_ID, ctx)).length > 0);
    // A customer tenant without GDAP or consent: the token service refuses, and the error says what to do.
    await assert.rejects(viaIdentity.customerDirectory.subscribedSkus(CONTOSO_TENANT_ID, ctx), (error: unknown) =>
      error instanceof TokenRequestError && error.aadstsCode === 'AADSTS700016' && /approve the GDAP request/.test(error.message)
      && !error.message.includes(SANDBOX_CLIENT_SECRET));
  });
});
