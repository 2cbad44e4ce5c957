import assert from 'node:assert/strict';
import type { SandboxHandle } from '../../sandbox/server';
import {
  ALEX_WILBER_ID, CONTOSO_DOMAIN, CONTOSO_TENANT_ID, PARTNER_TENANT_ID, PCSYNC_USER_ID, WOODGROVE_TENANT_ID,
} from '../../sandbox/world/constants';
import { GDAP_LEAST_PRIVILEGE_ROLES } from '../../sandbox/world/seed';
import { adminToken, advanceClock, call, createCart, decodeJwt, getToken, requestGdap, resetSandbox, tokenRequest, useSandbox } from './helpers';

describe('sandbox test tokens, settings and GDAP approval', () => {
  let sandbox: SandboxHandle;

  useSandbox((started) => { sandbox = started; });

  describe('POST /_sandbox/token', () => {
    it('issues app-only and App+User tokens for any tenant; Graph still checks access at call time', async () => {
      const result = await call(sandbox, '/_sandbox/token', { json: { audience: 'graph', tenantId: CONTOSO_DOMAIN } });
      assert.equal(result.status, 200);
      assert.equal(result.body.expires_in, 3599);
      const claims = decodeJwt(result.body.access_token);
      assert.deepEqual({ aud: claims.aud, tid: claims.tid, idtyp: claims.idtyp }, { aud: 'https://graph.microsoft.com', tid: CONTOSO_TENANT_ID, idtyp: 'app' });
      const refused = await call(sandbox, '/graph/v1.0/organization', { token: result.body.access_token });
      assert.equal(refused.status, 403, 'no GDAP or consent in Contoso');
      assert.equal(refused.body.error.code, 'Authorization_RequestDenied');

      const woodgrove = await adminToken(sandbox, 'https://graph.microsoft.com/.default', { tenantId: WOODGROVE_TENANT_ID });
      assert.equal((await call(sandbox, '/graph/v1.0/organization', { token: woodgrove })).body.value[0].countryLetterCode, 'US');

      const alex = await adminToken(sandbox, 'graph', { userId: ALEX_WILBER_ID });
      const me = await call(sandbox, '/graph/v1.0/me', { token: alex });
      assert.equal(me.body.displayName, 'Alex Wilber');
      const pcUser = await adminToken(sandbox, 'partner-center', { userId: 'pcsync@relecloud.onmicrosoft.com' });
      assert.equal(decodeJwt(pcUser).oid, PCSYNC_USER_ID);
      assert.equal((await call(sandbox, '/v1/customers/relationshiprequests', { token: pcUser })).status, 200, 'App+User');

      for (const bad of [{}, { audience: 'https://example.com' }, { audience: 'graph', expiresInSeconds: -1 }]) {
        assert.equal((await call(sandbox, '/_sandbox/token', { json: bad })).status, 400, JSON.stringify(bad));
      }
      assert.equal((await call(sandbox, '/_sandbox/token', { json: { audience: 'graph', tenantId: 'nobody.example' } })).status, 404);
      assert.equal((await call(sandbox, '/_sandbox/token', { json: { audience: 'graph', userId: 'nobody@relecloud.onmicrosoft.com' } })).status, 404);
    });

    it('an expired token gets 401 with each service\'s error shape (expiresInSeconds 1, then wait)', async () => {
      const pc = await adminToken(sandbox, 'partner-center', { expiresInSeconds: 1 });
      const graph = await adminToken(sandbox, 'graph', { expiresInSeconds: 1 });
      // exp = floor(issue time) + 1 s, so after one second the token is expired however it was timed.
      await new Promise((resolve) => setTimeout(resolve, 1050));
      const pcExpired = await call(sandbox, '/v1/profiles/legalbusiness', { token: pc });
      assert.equal(pcExpired.status, 401);
      assert.equal(pcExpired.body.code, 401);
      assert.equal(pcExpired.body.source, 'PartnerFD');
      assert.match(pcExpired.body.description, /expired/);
      assert.match(pcExpired.headers.get('www-authenticate') ?? '', /invalid_token/);
      const graphExpired = await call(sandbox, '/graph/v1.0/organization', { token: graph });
      assert.equal(graphExpired.status, 401);
      assert.equal(graphExpired.body.error.code, 'InvalidAuthenticationToken');
      assert.match(graphExpired.body.error.message, /expired/);
      const already = await adminToken(sandbox, 'graph', { expiresInSeconds: 0 });
      assert.equal((await call(sandbox, '/graph/v1.0/organization', { token: already })).status, 401, '0 = already expired');
    });
  });

  describe('POST /_sandbox/settings', () => {
    it('shortens /login tokens and the provisioning delay until reset', async () => {
      const changed = await call(sandbox, '/_sandbox/settings', { json: { tokenLifetimeSeconds: 5, provisioningDelaySeconds: 0 } });
      assert.deepEqual(changed.body, { tokenLifetimeSeconds: 5, provisioningDelaySeconds: 0 });
      const token = await call(sandbox, `/login/${PARTNER_TENANT_ID}/oauth2/v2.0/token`, { form: tokenRequest('partnerCenter', 'client_credentials') });
      assert.equal(token.body.expires_in, 5);
      const claims = decodeJwt(token.body.access_token);
      assert.equal(claims.exp - claims.iat, 5);

      const pc = token.body.access_token as string;
      const cartId = await createCart(sandbox, pc, WOODGROVE_TENANT_ID);
      const checkout = await call(sandbox, `/v1/customers/${WOODGROVE_TENANT_ID}/carts/${cartId}/checkout`, { token: pc, method: 'POST' });
      const subscription = await call(sandbox, `/v1/customers/${WOODGROVE_TENANT_ID}/subscriptions/${checkout.body.orders[0].lineItems[0].subscriptionId}`, { token: pc });
      assert.equal(subscription.body.status, 'active', 'no provisioning delay');

      assert.equal((await call(sandbox, '/_sandbox/settings', { json: { tokenLifetimeSeconds: 0 } })).status, 400);
      assert.equal((await call(sandbox, '/_sandbox/settings', { json: { other: 1 } })).status, 400);
      await resetSandbox(sandbox);
      assert.deepEqual((await call(sandbox, '/_sandbox/settings')).body, { tokenLifetimeSeconds: 3599, provisioningDelaySeconds: 2 });
    });
  });

  describe('POST /_sandbox/gdap/{domain}/approve and access assignments', () => {
    it('approves only the pending GDAP (no reseller relationship); assignments need an active relationship and a subset of its roles', async () => {
      const partnerGraph = await getToken(sandbox, 'graph');
      const relationshipId = await requestGdap(sandbox, partnerGraph, CONTOSO_TENANT_ID, 'Contoso - Relecloud move');
      const base = `/graph/v1.0/tenantRelationships/delegatedAdminRelationships/${relationshipId}`;
      const state = await call(sandbox, `/_sandbox/state?customer=${CONTOSO_DOMAIN}`);
      const adminAgents = state.body.partner.groups.find((g: any) => g.displayName === 'AdminAgents').id;
      const assignment = {
        accessContainer: { accessContainerId: adminAgents, accessContainerType: 'securityGroup' },
        accessDetails: { unifiedRoles: [{ roleDefinitionId: GDAP_LEAST_PRIVILEGE_ROLES.licenseAdministrator }] },
      };
      const tooEarly = await call(sandbox, `${base}/accessAssignments`, { token: partnerGraph, json: assignment });
      assert.equal(tooEarly.status, 400);
      assert.match(tooEarly.body.error.message, /approvalPending/);

      const approved = await call(sandbox, `/_sandbox/gdap/${CONTOSO_DOMAIN}/approve`, { method: 'POST' });
      assert.equal(approved.status, 200);
      assert.deepEqual(approved.body.approved, [relationshipId]);
      assert.equal(approved.body.customer.relationship, 'none', 'GDAP approval is not the reseller relationship');
      assert.equal(approved.body.customer.gdap[0].status, 'active');
      assert.deepEqual((await call(sandbox, `/_sandbox/gdap/${CONTOSO_DOMAIN}/approve`, { method: 'POST' })).body.approved, []);
      const requests = await call(sandbox, `${base}/requests`, { token: partnerGraph });
      assert.equal(requests.body.value[0].status, 'succeeded');
      await getToken(sandbox, 'graph', { tenant: CONTOSO_TENANT_ID }); // a customer-tenant token is issued now

      const created = await call(sandbox, `${base}/accessAssignments`, { token: partnerGraph, json: assignment });
      assert.equal(created.status, 201);
      assert.equal(created.body.status, 'pending');
      assert.ok(created.body['@odata.etag']);
      assert.deepEqual(created.body.accessContainer, { accessContainerId: adminAgents, accessContainerType: 'securityGroup' });
      assert.match(created.headers.get('location') ?? '', new RegExp(`/accessAssignments/${created.body.id}$`));

      const globalAdmin = { ...assignment, accessDetails: { unifiedRoles: [{ roleDefinitionId: '62e90394-69f5-4237-9190-012177145e10' }] } };
      const notSubset = await call(sandbox, `${base}/accessAssignments`, { token: partnerGraph, json: globalAdmin });
      assert.equal(notSubset.status, 400);
      const unknownGroup = await call(sandbox, `${base}/accessAssignments`, { token: partnerGraph, json: { ...assignment, accessContainer: { accessContainerId: CONTOSO_TENANT_ID, accessContainerType: 'securityGroup' } } });
      assert.equal(unknownGroup.status, 400);
      const duplicate = await call(sandbox, `${base}/accessAssignments`, { token: partnerGraph, json: assignment });
      assert.equal(duplicate.status, 409);

      await advanceClock(sandbox, 3);
      const list = await call(sandbox, `${base}/accessAssignments`, { token: partnerGraph });
      assert.deepEqual(list.body.value.map((a: any) => a.status), ['active']);
      const one = await call(sandbox, `${base}/accessAssignments/${created.body.id}`, { token: partnerGraph });
      assert.equal(one.body.status, 'active');
      assert.equal((await call(sandbox, '/_sandbox/gdap/nobody.example/approve', { method: 'POST' })).status, 404);
    });
  });
});
