/**
 * The composition helper: per-user services through on-behalf-of (the real OnBehalfOfCredential, through the
 * https bridge, against a local token service), the errors when no delegated identity fits, and the limiter
 * defaults.
 */
import assert from 'node:assert/strict';
import { MissingDelegatedIdentityError } from '../../services/identity/tokenProvider';
import { PRODUCTION_ENDPOINTS, createOutboundServices } from '../../services/outboundServices';
import { BRIDGE_AUTHORITY, httpsAuthorityBridge } from './support/httpsAuthorityBridge';
import { startLocalServer, type LocalServer, type ReceivedRequest, type ScriptedAnswer } from './support/localServer';

const PARTNER = '11111111-2222-4333-8444-555555555555';
const CLIENT = '99999999-8888-4777-8666-555555555555';
const SSO = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"oid":"alex"}').toString('base64url')}.x`;
const ctx = { correlationId: '02971f0f-1029-47b2-9fdb-1932f0987470' };

/** Token service (client credentials and on-behalf-of) under /login, Partner Center under /v1. */
function fakeCloud(request: ReceivedRequest): ScriptedAnswer {
  const metadata = /^\/login\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(request.url);
  if (metadata) {
    const login = `http://${request.headers.host}/login/${metadata[1]}`;
    return { status: 200, body: { token_endpoint: `${login}/oauth2/v2.0/token`, authorization_endpoint: `${login}/oauth2/v2.0/authorize`, issuer: `${login}/v2.0`, jwks_uri: `${login}/keys`, end_session_endpoint: `${login}/logout` } };
  }
  if (request.url.includes('/oauth2/v2.0/token')) {
    const form = new URLSearchParams(request.body);
    const kind = form.get('grant_type') === 'client_credentials' ? 'app' : 'obo';
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3600, access_token: `${kind}-token` } };
  }
  if (request.url.startsWith('/v1/customers/relationshiprequests')) return { status: 200, body: { url: 'https://admin.microsoft.com/invite' } };
  if (request.url.startsWith('/v1/profiles/legalbusiness')) return { status: 200, body: { companyName: 'Relecloud', address: { country: 'US' } } };
  return { status: 404, body: { code: 404, description: 'not here' } };
}

describe('services createOutboundServices', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function services(withSso: boolean) {
    server = await startLocalServer(fakeCloud);
    const { httpClient } = httpsAuthorityBridge(`${server.url}/login`);
    return createOutboundServices({
      endpoints: { loginBaseUrl: `${server.url}/login`, partnerCenterBaseUrl: server.url, graphBaseUrl: `${server.url}/graph/` },
      partnerTenantId: PARTNER,
      clientId: CLIENT,
      clientSecret: 'secret',
      onBehalfOf: withSso ? { clientId: CLIENT, clientSecret: 'secret', authorityHost: BRIDGE_AUTHORITY, disableInstanceDiscovery: true, httpClient } : null,
      onBehalfOfUnavailable: withSso ? null : 'SSO is not set up in this test',
    });
  }

  it('acts as the staff member through forUser: App+User calls carry the on-behalf-of token, app calls the app token', async () => {
    const outbound = await services(true);
    assert.equal(outbound.canActAsUser, true);
    const asAlex = outbound.forUser(SSO);
    assert.equal(await asAlex.partnerCenter.resellerInvitationLink(ctx), 'https://admin.microsoft.com/invite');
    await asAlex.partnerCenter.partnerProfile(ctx);
    const calls = server!.received.filter((r) => r.url.startsWith('/v1/'));
    assert.deepEqual(calls.map((r) => [r.url.split('?')[0], r.headers.authorization]), [
      ['/v1/customers/relationshiprequests', 'Bearer obo-token'],
      ['/v1/profiles/legalbusiness', 'Bearer app-token'],
    ]);
    const exchange = server!.received.find((r) => new URLSearchParams(r.body).get('requested_token_use') === 'on_behalf_of');
    assert.equal(new URLSearchParams(exchange?.body).get('assertion'), SSO);
  });

  it('without a user, an App+User call says to go through forUser (SSO configured) or names both ways (not configured)', async () => {
    const withSso = await services(true);
    await assert.rejects(withSso.partnerCenter.resellerInvitationLink(ctx), (error: unknown) =>
      error instanceof MissingDelegatedIdentityError && /make this call through forUser\(ssoToken\)/.test(error.message));
    await server!.close();

    const withoutSso = await services(false);
    assert.equal(withoutSso.canActAsUser, false);
    await assert.rejects(withoutSso.partnerCenter.resellerInvitationLink(ctx), (error: unknown) =>
      error instanceof MissingDelegatedIdentityError && /SSO is not set up in this test/.test(error.message) && /PARTNER_CENTER_REFRESH_TOKEN/.test(error.message));
    assert.throws(() => withoutSso.forUser(SSO), MissingDelegatedIdentityError);
  });

  it('turns the client-side buckets on against https endpoints and off against the http sandbox, unless told', () => {
    const base = { partnerTenantId: PARTNER, clientId: CLIENT, clientSecret: 'secret' };
    assert.ok(createOutboundServices({ ...base, endpoints: PRODUCTION_ENDPOINTS }).limiter);
    assert.equal(createOutboundServices({ ...base, endpoints: PRODUCTION_ENDPOINTS, rateLimits: 'off' }).limiter, undefined);
    const sandbox = { loginBaseUrl: 'http://127.0.0.1:1/login', partnerCenterBaseUrl: 'http://127.0.0.1:1', graphBaseUrl: 'http://127.0.0.1:1/graph/' };
    assert.equal(createOutboundServices({ ...base, endpoints: sandbox }).limiter, undefined);
    const custom = createOutboundServices({ ...base, endpoints: sandbox, rateLimits: { partner: { limit: 60, windowSeconds: 60, burst: 6 } } }).limiter;
    assert.deepEqual(custom?.limitOf('partner'), { capacity: 6, perSecond: 0.9 });
    // With a secret and an https login endpoint, on-behalf-of is on by default.
    assert.equal(createOutboundServices({ ...base, endpoints: PRODUCTION_ENDPOINTS }).canActAsUser, true);
  });
});
