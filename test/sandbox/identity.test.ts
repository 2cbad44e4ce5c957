import assert from 'node:assert/strict';
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import {
  CONTOSO_DOMAIN, CONTOSO_TENANT_ID, GRAPH_RESOURCE, NORTHWIND_DOMAIN, PARTNER_CENTER_RESOURCE, PARTNER_TENANT_ID,
  PCSYNC_USER_ID, PCSYNC_USER_PRINCIPAL_NAME, SANDBOX_CLIENT_ID, WOODGROVE_TENANT_ID,
} from '../../sandbox/world/constants';
import { call, decodeJwt, getToken, requestGdap, resetSandbox, tokenRequest } from './helpers';

describe('sandbox identity (/login)', () => {
  let sandbox: SandboxHandle;

  before(async () => {
    sandbox = await startSandbox({ port: 0 });
  });
  after(async () => {
    await sandbox.close();
  });

  describe('OpenID metadata', () => {
    it('resolves a domain to its tenant with region scope and Microsoft-cloud fields', async () => {
      const { status, body } = await call(sandbox, `/login/${CONTOSO_DOMAIN}/v2.0/.well-known/openid-configuration`);
      assert.equal(status, 200);
      assert.equal(body.issuer, `${sandbox.url}/login/${CONTOSO_TENANT_ID}/v2.0`);
      assert.equal(body.token_endpoint, `${sandbox.url}/login/${CONTOSO_TENANT_ID}/oauth2/v2.0/token`);
      assert.equal(body.tenant_region_scope, 'NA');
      assert.equal(body.cloud_instance_name, 'microsoftonline.com');
      assert.equal(body.msgraph_host, 'graph.microsoft.com');
      assert.ok(body.authorization_endpoint && body.jwks_uri);
    });

    it('resolves a tenant id and a custom domain', async () => {
      const byId = await call(sandbox, `/login/${PARTNER_TENANT_ID}/v2.0/.well-known/openid-configuration`);
      assert.equal(byId.status, 200);
      assert.equal(byId.body.issuer, `${sandbox.url}/login/${PARTNER_TENANT_ID}/v2.0`);
      const byCustomDomain = await call(sandbox, '/login/contoso.com/v2.0/.well-known/openid-configuration');
      assert.equal(byCustomDomain.body.issuer, `${sandbox.url}/login/${CONTOSO_TENANT_ID}/v2.0`);
      const northwind = await call(sandbox, `/login/${NORTHWIND_DOMAIN}/v2.0/.well-known/openid-configuration`);
      assert.equal(northwind.body.tenant_region_scope, 'NA');
    });

    it('answers 400 invalid_tenant (AADSTS90002) for an unknown tenant', async () => {
      const { status, body } = await call(sandbox, '/login/nobody.example/v2.0/.well-known/openid-configuration');
      assert.equal(status, 400);
      assert.equal(body.error, 'invalid_tenant');
      assert.match(body.error_description, /^AADSTS90002: Tenant 'nobody.example' not found/);
      assert.deepEqual(body.error_codes, [90002]);
      assert.ok(body.trace_id && body.correlation_id && body.timestamp);
    });
  });

  describe('token endpoint', () => {
    beforeEach(() => resetSandbox(sandbox));

    it('issues app-only tokens in the partner tenant for Partner Center and Graph', async () => {
      const { status, body } = await call(sandbox, `/login/${PARTNER_TENANT_ID}/oauth2/v2.0/token`, { form: tokenRequest('partnerCenter', 'client_credentials') });
      assert.equal(status, 200);
      assert.equal(body.token_type, 'Bearer');
      assert.equal(body.expires_in, 3599);
      assert.equal(body.ext_expires_in, 3599);
      const claims = decodeJwt(body.access_token);
      assert.equal(claims.aud, PARTNER_CENTER_RESOURCE);
      assert.equal(claims.tid, PARTNER_TENANT_ID);
      assert.equal(claims.appid, SANDBOX_CLIENT_ID);
      assert.equal(claims.idtyp, 'app');
      assert.ok(claims.exp > claims.iat);
      assert.equal(decodeJwt(await getToken(sandbox, 'graph')).aud, GRAPH_RESOURCE);
    });

    it('refuses a wrong client secret with 401 invalid_client', async () => {
      const form = { ...tokenRequest('graph', 'client_credentials'), client_secret: 'wrong' };
      const { status, body } = await call(sandbox, `/login/${PARTNER_TENANT_ID}/oauth2/v2.0/token`, { form });
      assert.equal(status, 401);
      assert.equal(body.error, 'invalid_client');
      assert.match(body.error_description, /^AADSTS7000215:/);
    });

    it('gives a user token (secure application model) for the refresh-token grant', async () => {
      const { status, body } = await call(sandbox, `/login/${PARTNER_TENANT_ID}/oauth2/v2.0/token`, { form: tokenRequest('partnerCenter', 'refresh_token') });
      assert.equal(status, 200);
      const claims = decodeJwt(body.access_token);
      assert.equal(claims.idtyp, 'user');
      assert.equal(claims.oid, PCSYNC_USER_ID);
      assert.equal(claims.upn, PCSYNC_USER_PRINCIPAL_NAME);
      assert.equal(claims.scp, 'user_impersonation');
      const bad = await call(sandbox, `/login/${PARTNER_TENANT_ID}/oauth2/v2.0/token`, { form: { ...tokenRequest('graph', 'refresh_token'), refresh_token: 'nope' } });
      assert.equal(bad.status, 400);
      assert.equal(bad.body.error, 'invalid_grant');
    });

    it('refuses a customer-tenant token until GDAP is active, then grants it', async () => {
      const refused = await call(sandbox, `/login/${CONTOSO_DOMAIN}/oauth2/v2.0/token`, { form: tokenRequest('graph', 'client_credentials') });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error, 'unauthorized_client');
      assert.match(refused.body.error_description, /^AADSTS700016: .*was not found in the directory 'Contoso Ltd'/);
      const refusedUser = await call(sandbox, `/login/${CONTOSO_TENANT_ID}/oauth2/v2.0/token`, { form: tokenRequest('graph', 'refresh_token') });
      assert.equal(refusedUser.status, 400);
      assert.match(refusedUser.body.error_description, /^AADSTS50020:/);

      await requestGdap(sandbox, await getToken(sandbox, 'graph'), CONTOSO_TENANT_ID, 'Contoso - identity test');
      const stillPending = await call(sandbox, `/login/${CONTOSO_DOMAIN}/oauth2/v2.0/token`, { form: tokenRequest('graph', 'client_credentials') });
      assert.equal(stillPending.status, 400, 'approvalPending is not enough');

      assert.equal((await call(sandbox, `/_sandbox/customers/${CONTOSO_DOMAIN}/accept`, { method: 'POST' })).status, 200);
      const token = await getToken(sandbox, 'graph', { tenant: CONTOSO_DOMAIN });
      assert.equal(decodeJwt(token).tid, CONTOSO_TENANT_ID);
      const skus = await call(sandbox, '/graph/v1.0/subscribedSkus', { token });
      assert.equal(skus.status, 200);
    });

    it('grants Woodgrove (seeded with active GDAP) tokens from the start', async () => {
      const token = await getToken(sandbox, 'graph', { tenant: WOODGROVE_TENANT_ID, grant: 'refresh_token' });
      assert.equal(decodeJwt(token).idtyp, 'user');
    });
  });

  describe('bearer checks', () => {
    it('answers 401 in Partner Center shape without a token or with a bad one', async () => {
      const missing = await call(sandbox, '/v1/customers');
      assert.equal(missing.status, 401);
      assert.equal(missing.body.source, 'PartnerFD');
      assert.deepEqual(missing.body.data, []);
      assert.ok(missing.body.code && missing.body.description);
      const forged = await call(sandbox, '/v1/customers', { token: 'eyJhbGciOiJIUzI1NiJ9.e30.bad' });
      assert.equal(forged.status, 401);
      const graphAudience = await call(sandbox, '/v1/customers', { token: await getToken(sandbox, 'graph') });
      assert.equal(graphAudience.status, 401, 'a Graph token is not valid for Partner Center');
    });

    it('answers 401 InvalidAuthenticationToken in Graph shape', async () => {
      const missing = await call(sandbox, '/graph/v1.0/organization');
      assert.equal(missing.status, 401);
      assert.equal(missing.body.error.code, 'InvalidAuthenticationToken');
      assert.ok(missing.body.error.innerError['request-id']);
      const wrongAudience = await call(sandbox, '/graph/v1.0/organization', { token: await getToken(sandbox, 'partnerCenter') });
      assert.equal(wrongAudience.status, 401);
      const tampered = (await getToken(sandbox, 'graph')).slice(0, -3) + 'AAA';
      assert.equal((await call(sandbox, '/graph/v1.0/organization', { token: tampered })).status, 401);
    });
  });
});
