import assert from 'node:assert/strict';
import { OutboundHttp } from '../../services/http/outboundHttp';
import { OpenIdTenantLookup, TenantLookupError } from '../../services/tenantLookup';
import { recordingSleep, startLocalServer, type Handler, type LocalServer } from './support/localServer';

const TENANT = '4b827261-d21f-4aa9-b7db-7fa1f56fb163';

describe('services OpenIdTenantLookup (against a scripted server)', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function lookup(handler: Handler): Promise<OpenIdTenantLookup> {
    server = await startLocalServer(handler);
    return new OpenIdTenantLookup({ loginBaseUrl: `${server.url}/login`, http: new OutboundHttp({ sleep: recordingSleep().sleep }) });
  }

  it('reads the tenant id from issuer and the region scope', async () => {
    const tenants = await lookup(() => ({
      status: 200,
      body: {
        issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`,
        token_endpoint: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`,
        tenant_region_scope: 'EU',
      },
    }));
    assert.deepEqual(await tenants.resolve('  Contoso.COM '), { tenantId: TENANT, regionScope: 'EU' });
    assert.equal(server!.received[0]?.url, '/login/contoso.com/v2.0/.well-known/openid-configuration');
  });

  it('falls back to token_endpoint and to a null region', async () => {
    const tenants = await lookup(() => ({ status: 200, body: { token_endpoint: `http://127.0.0.1:3979/login/${TENANT}/oauth2/v2.0/token` } }));
    assert.deepEqual(await tenants.resolve('contoso.com'), { tenantId: TENANT, regionScope: null });
  });

  it('answers null for an unknown domain (HTTP 400)', async () => {
    const tenants = await lookup(() => ({ status: 400, body: { error: 'invalid_tenant', error_description: "AADSTS90002: Tenant 'nope.example' not found." } }));
    assert.equal(await tenants.resolve('nope.example'), null);
  });

  it('refuses input that is not a domain or tenant id, without calling', async () => {
    const tenants = await lookup(() => ({ status: 200, body: {} }));
    for (const bad of ['', 'contoso.com/evil', '../common', 'common', 'a'.repeat(254), 'cont oso.com', 'http://x.com', `${'a'.repeat(64)}.com`]) {
      await assert.rejects(tenants.resolve(bad), (error: unknown) => error instanceof TenantLookupError && error.reason === 'invalid-input', bad);
    }
    assert.equal(server!.received.length, 0);
  });

  it('accepts a tenant id as input', async () => {
    const tenants = await lookup(() => ({ status: 200, body: { issuer: `https://login.microsoftonline.com/${TENANT}/v2.0`, tenant_region_scope: 'NA' } }));
    assert.deepEqual(await tenants.resolve(TENANT.toUpperCase()), { tenantId: TENANT, regionScope: 'NA' });
  });

  it('reports a failing metadata service as an error, not as "no tenant"', async () => {
    const tenants = await lookup(() => ({ status: 500 }));
    await assert.rejects(tenants.resolve('contoso.com'), (error: unknown) => error instanceof TenantLookupError && error.reason === 'service');
  });
});
