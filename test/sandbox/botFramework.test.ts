import assert from 'node:assert/strict';
import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { SandboxHandle } from '../../sandbox/server';
import {
  BOT_FRAMEWORK_ISSUER, BOT_FRAMEWORK_RESOURCE, BOT_FRAMEWORK_TENANT_ID, CONTOSO_TENANT_ID, PARTNER_TENANT_ID,
  SANDBOX_BOT_APP_ID, SANDBOX_BOT_APP_SECRET,
} from '../../sandbox/world/constants';
import { channelToken, OutboundTokenVerifier, verifyBotOutboundToken } from '../support/botFrameworkTokens';
import { addFault, call, decodeJwt, getToken, tokenRequest, useSandbox } from './helpers';

const SERVICE_URL = 'https://smba.trafficmanager.net/amer/';
const OTHER_APP_ID = '11111111-2222-4333-8444-555555555555';

function decodeHeader(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'));
}

function verifiesWith(token: string, jwk: { n: string; e: string }): boolean {
  const [header, payload, signature] = token.split('.');
  const key = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e } as JsonWebKey, format: 'jwk' });
  return verify('sha256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'));
}

/** The bot's production authentication, pointed at the sandbox by configuration only. */
function botAuthentication(sandbox: SandboxHandle) {
  return new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: SANDBOX_BOT_APP_ID,
    MicrosoftAppPassword: SANDBOX_BOT_APP_SECRET,
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: PARTNER_TENANT_ID,
    ToBotFromChannelOpenIdMetadataUrl: `${sandbox.url}/botframework/v1/.well-known/openidconfiguration`,
    ToBotFromChannelTokenIssuer: BOT_FRAMEWORK_ISSUER,
    ToChannelFromBotLoginUrl: `${sandbox.url}/login/${PARTNER_TENANT_ID}`,
    ToChannelFromBotOAuthScope: BOT_FRAMEWORK_RESOURCE,
  } as any);
}

function activity(overrides: Record<string, unknown> = {}): any {
  return {
    type: 'message', channelId: 'msteams', serviceUrl: SERVICE_URL, id: 'activity-1', text: 'hello',
    from: { id: '29:user', aadObjectId: '00000000-0000-0000-0000-0000000000020' }, recipient: { id: `28:${SANDBOX_BOT_APP_ID}` },
    conversation: { id: 'a:conversation', tenantId: PARTNER_TENANT_ID }, ...overrides,
  };
}

/** botbuilder logs every refused token with console.error; a refusal is what these tests expect. */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const original = console.error;
  console.error = () => undefined;
  try {
    return await work();
  } finally {
    console.error = original;
  }
}

function botTokenForm(overrides: Record<string, string> = {}): Record<string, string> {
  return { grant_type: 'client_credentials', client_id: SANDBOX_BOT_APP_ID, client_secret: SANDBOX_BOT_APP_SECRET, scope: `${BOT_FRAMEWORK_RESOURCE}/.default`, ...overrides };
}

describe('sandbox Bot Framework token service', () => {
  let sandbox: SandboxHandle;
  useSandbox((started) => { sandbox = started; });

  describe('OpenID metadata and keys (/botframework/v1/.well-known)', () => {
    it('publishes the metadata in login.botframework.com\'s shape, without a token', async () => {
      const { status, body } = await call(sandbox, '/botframework/v1/.well-known/openidconfiguration');
      assert.equal(status, 200);
      assert.equal(body.issuer, BOT_FRAMEWORK_ISSUER);
      assert.equal(body.jwks_uri, `${sandbox.url}/botframework/v1/.well-known/keys`);
      assert.deepEqual(body.id_token_signing_alg_values_supported, ['RS256']);
      assert.deepEqual(body.token_endpoint_auth_methods_supported, ['private_key_jwt']);
      assert.equal(typeof body.authorization_endpoint, 'string');
    });

    it('publishes one RSA signing key with its endorsements and nothing private', async () => {
      const { status, body } = await call(sandbox, '/botframework/v1/.well-known/keys');
      assert.equal(status, 200);
      assert.equal(body.keys.length, 1);
      const [key] = body.keys;
      assert.equal(key.kty, 'RSA');
      assert.equal(key.use, 'sig');
      assert.equal(key.e, 'AQAB');
      assert.equal(Buffer.from(key.n, 'base64url').length, 256);
      assert.ok(key.kid && key.x5t);
      for (const channel of ['msteams', 'webchat', 'directline']) assert.ok(key.endorsements.includes(channel), channel);
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi']) assert.equal(key[secret], undefined);
    });

    it('answers unknown paths under /botframework in its own error shape', async () => {
      const { status, body } = await call(sandbox, '/botframework/v1/.well-known/nothing');
      assert.equal(status, 404);
      assert.equal(body.error.code, 'NotFound');
      assert.equal(typeof body.error.message, 'string');
    });

    it('can be faulted like any API route, in its own error shape', async () => {
      await addFault(sandbox, { match: 'GET /botframework/v1/.well-known/keys', status: 503 });
      const { status, body } = await call(sandbox, '/botframework/v1/.well-known/keys');
      assert.equal(status, 503);
      assert.equal(body.error.code, 'ServiceUnavailable');
      assert.equal((await call(sandbox, '/botframework/v1/.well-known/keys')).status, 200);
    });
  });

  describe('channel tokens (POST /_sandbox/botframework/channel-token)', () => {
    it('issues an RS256 token that verifies against the published key', async () => {
      const { status, body } = await call(sandbox, '/_sandbox/botframework/channel-token', { json: { appId: SANDBOX_BOT_APP_ID, serviceUrl: SERVICE_URL } });
      assert.equal(status, 200);
      const header = decodeHeader(body.token);
      const claims = decodeJwt(body.token);
      const { body: jwks } = await call(sandbox, '/botframework/v1/.well-known/keys');
      assert.equal(header.alg, 'RS256');
      assert.equal(header.kid, jwks.keys[0].kid);
      assert.equal(header.x5t, jwks.keys[0].x5t);
      assert.ok(verifiesWith(body.token, jwks.keys[0]));
      assert.equal(claims.iss, BOT_FRAMEWORK_ISSUER);
      assert.equal(claims.aud, SANDBOX_BOT_APP_ID);
      assert.equal(claims.serviceurl, SERVICE_URL);
      assert.equal(claims.exp - claims.iat, 3600);
      assert.ok(claims.nbf <= Date.now() / 1000);
      assert.equal(body.expiresOn, new Date(claims.exp * 1000).toISOString());
    });

    it('is accepted by botbuilder\'s ConfigurationBotFrameworkAuthentication', async () => {
      const token = await channelToken(sandbox.url, { appId: SANDBOX_BOT_APP_ID, serviceUrl: SERVICE_URL });
      const result = await botAuthentication(sandbox).authenticateRequest(activity(), `Bearer ${token}`);
      assert.equal(result.claimsIdentity.isAuthenticated, true);
      assert.equal(result.claimsIdentity.getClaimValue('aud'), SANDBOX_BOT_APP_ID);
      assert.equal(result.claimsIdentity.getClaimValue('serviceurl'), SERVICE_URL);
      assert.equal(result.audience, BOT_FRAMEWORK_RESOURCE);
    });

    it('is refused by botbuilder when expired, for another app, for another serviceUrl or an unendorsed channel', async () => {
      const auth = botAuthentication(sandbox);
      const expired = await channelToken(sandbox.url, { appId: SANDBOX_BOT_APP_ID, serviceUrl: SERVICE_URL, lifetimeSeconds: 0 });
      await quietly(() => assert.rejects(auth.authenticateRequest(activity(), `Bearer ${expired}`), /expired/));
      const otherApp = await channelToken(sandbox.url, { appId: OTHER_APP_ID, serviceUrl: SERVICE_URL });
      await quietly(() => assert.rejects(auth.authenticateRequest(activity(), `Bearer ${otherApp}`), /Invalid AppId/));
      const token = await channelToken(sandbox.url, { appId: SANDBOX_BOT_APP_ID, serviceUrl: SERVICE_URL });
      await quietly(() => assert.rejects(auth.authenticateRequest(activity({ serviceUrl: 'https://smba.trafficmanager.net/emea/' }), `Bearer ${token}`), /ServiceUrl claim/));
      await quietly(() => assert.rejects(auth.authenticateRequest(activity({ channelId: 'slack' }), `Bearer ${token}`), /endorsement/));
    });

    it('refuses bad input with 400 and a short reason', async () => {
      const cases: Array<[unknown, RegExp]> = [
        [{ serviceUrl: SERVICE_URL }, /appId/],
        [{ appId: 'my-bot', serviceUrl: SERVICE_URL }, /appId must be a GUID/],
        [{ appId: SANDBOX_BOT_APP_ID }, /serviceUrl/],
        [{ appId: SANDBOX_BOT_APP_ID, serviceUrl: 'ftp://example.com/' }, /serviceUrl must be an http\(s\) URL/],
        [{ appId: SANDBOX_BOT_APP_ID, serviceUrl: 'not a url' }, /serviceUrl/],
        [{ appId: SANDBOX_BOT_APP_ID, serviceUrl: SERVICE_URL, lifetimeSeconds: -1 }, /lifetimeSeconds/],
        [{ appId: SANDBOX_BOT_APP_ID, serviceUrl: SERVICE_URL, channelId: 'slack' }, /channelId/],
        [{ appId: SANDBOX_BOT_APP_ID, serviceUrl: SERVICE_URL, lifetime: 60 }, /Unknown field/],
        [[1, 2], /appId/],
      ];
      for (const [json, reason] of cases) {
        const { status, body } = await call(sandbox, '/_sandbox/botframework/channel-token', { json });
        assert.equal(status, 400, JSON.stringify(json));
        assert.equal(body.error, 'bad_request');
        assert.match(body.message, reason);
      }
    });
  });

  describe('the bot\'s token for the Bot Connector (/login, client credentials)', () => {
    it('issues an RS256 v2.0 app token in the partner tenant that verifies against /discovery/v2.0/keys', async () => {
      const { status, body } = await call(sandbox, `/login/${PARTNER_TENANT_ID}/oauth2/v2.0/token`, { form: botTokenForm() });
      assert.equal(status, 200);
      assert.equal(body.token_type, 'Bearer');
      assert.equal(body.expires_in, 3599);
      const claims = decodeJwt(body.access_token);
      assert.equal(decodeHeader(body.access_token).alg, 'RS256');
      assert.equal(claims.aud, BOT_FRAMEWORK_RESOURCE);
      assert.equal(claims.iss, `${sandbox.url}/login/${PARTNER_TENANT_ID}/v2.0`);
      assert.equal(claims.appid, SANDBOX_BOT_APP_ID);
      assert.equal(claims.azp, SANDBOX_BOT_APP_ID);
      assert.equal(claims.tid, PARTNER_TENANT_ID);
      assert.equal(claims.idtyp, 'app');
      assert.equal(claims.ver, '2.0');
      assert.ok(claims.iat <= claims.nbf && claims.nbf < claims.exp);
      const { body: jwks } = await call(sandbox, `/login/${PARTNER_TENANT_ID}/discovery/v2.0/keys`);
      assert.equal(jwks.keys.length, 1);
      assert.ok(verifiesWith(body.access_token, jwks.keys[0]));
      assert.deepEqual(await verifyBotOutboundToken(sandbox.url, `Bearer ${body.access_token}`, { tenantId: PARTNER_TENANT_ID }), { ok: true });
    });

    it('issues it in botframework.com too (the legacy default tenant), whose metadata resolves', async () => {
      const { status, body } = await call(sandbox, '/login/botframework.com/oauth2/v2.0/token', { form: botTokenForm() });
      assert.equal(status, 200);
      assert.equal(decodeJwt(body.access_token).tid, BOT_FRAMEWORK_TENANT_ID);
      const verifier = new OutboundTokenVerifier(sandbox.url, { tenantId: 'botframework.com' });
      assert.deepEqual(await verifier.verify(`Bearer ${body.access_token}`), { ok: true });
      assert.deepEqual(await verifyBotOutboundToken(sandbox.url, `Bearer ${body.access_token}`, { tenantId: PARTNER_TENANT_ID }), { ok: false, reason: `tid is ${BOT_FRAMEWORK_TENANT_ID}, expected ${PARTNER_TENANT_ID}` });
      const metadata = await call(sandbox, '/login/botframework.com/v2.0/.well-known/openid-configuration');
      assert.equal(metadata.status, 200);
      assert.equal(metadata.body.issuer, `${sandbox.url}/login/${BOT_FRAMEWORK_TENANT_ID}/v2.0`);
      assert.equal(metadata.body.token_endpoint, `${sandbox.url}/login/${BOT_FRAMEWORK_TENANT_ID}/oauth2/v2.0/token`);
    });

    it('verifyBotOutboundToken refuses what the Bot Connector would refuse', async () => {
      const verifier = new OutboundTokenVerifier(sandbox.url, { tenantId: PARTNER_TENANT_ID });
      assert.equal((await verifier.verify(undefined)).ok, false);
      const graphToken = await getToken(sandbox, 'graph');
      assert.deepEqual(await verifier.verify(`Bearer ${graphToken}`), { ok: false, reason: 'alg is HS256, expected RS256' });
      const channel = await channelToken(sandbox.url, { appId: SANDBOX_BOT_APP_ID, serviceUrl: SERVICE_URL });
      const channelCheck = await verifier.verify(`Bearer ${channel}`);
      assert.match(channelCheck.ok ? 'accepted' : channelCheck.reason, /^no published key has kid/);
      const { body } = await call(sandbox, `/login/${PARTNER_TENANT_ID}/oauth2/v2.0/token`, { form: botTokenForm() });
      const [header, payload, signature] = body.access_token.split('.');
      const forged = Buffer.from(JSON.stringify({ ...decodeJwt(body.access_token), aud: OTHER_APP_ID })).toString('base64url');
      assert.deepEqual(await verifier.verify(`Bearer ${header}.${forged}.${signature}`), { ok: false, reason: 'the signature does not verify' });
      assert.deepEqual(await verifier.verify(`Bearer ${header}.${payload}.${signature}`), { ok: true });
    });

    it('verifyBotOutboundToken refuses an expired token', async () => {
      await call(sandbox, '/_sandbox/settings', { json: { tokenLifetimeSeconds: 1 } });
      const { body } = await call(sandbox, `/login/${PARTNER_TENANT_ID}/oauth2/v2.0/token`, { form: botTokenForm() });
      await new Promise((resolve) => setTimeout(resolve, 1100));
      assert.deepEqual(await verifyBotOutboundToken(sandbox.url, `Bearer ${body.access_token}`, { tenantId: PARTNER_TENANT_ID }), { ok: false, reason: 'the token is expired' });
    });

    it('refuses a wrong or missing bot secret with 401 invalid_client', async () => {
      const wrong = await call(sandbox, `/login/${PARTNER_TENANT_ID}/oauth2/v2.0/token`, { form: botTokenForm({ client_secret: 'wrong' }) });
      assert.equal(wrong.status, 401);
      assert.equal(wrong.body.error, 'invalid_client');
      assert.match(wrong.body.error_description, new RegExp(`^AADSTS7000215: .*'${SANDBOX_BOT_APP_ID}'`));
      const { client_secret: _omitted, ...withoutSecret } = botTokenForm();
      const missing = await call(sandbox, `/login/${PARTNER_TENANT_ID}/oauth2/v2.0/token`, { form: withoutSecret });
      assert.equal(missing.status, 401);
      assert.match(missing.body.error_description, /^AADSTS7000216:/);
    });

    it('gives the bot no Graph or Partner Center token, and the partner\'s app no Bot Connector token', async () => {
      for (const scope of ['https://graph.microsoft.com/.default', 'https://api.partnercenter.microsoft.com/.default']) {
        const { status, body } = await call(sandbox, `/login/${PARTNER_TENANT_ID}/oauth2/v2.0/token`, { form: botTokenForm({ scope }) });
        assert.equal(status, 400, scope);
        assert.equal(body.error, 'invalid_scope');
        assert.deepEqual(body.error_codes, [70011]);
      }
      const partnerApp = await call(sandbox, `/login/${PARTNER_TENANT_ID}/oauth2/v2.0/token`, { form: { ...tokenRequest('graph', 'client_credentials'), scope: `${BOT_FRAMEWORK_RESOURCE}/.default` } });
      assert.equal(partnerApp.status, 400);
      assert.equal(partnerApp.body.error, 'invalid_scope');
      assert.deepEqual(partnerApp.body.error_codes, [70011]);
    });

    it('does not know the bot in a customer tenant and gives it no refresh-token grant', async () => {
      const customer = await call(sandbox, `/login/${CONTOSO_TENANT_ID}/oauth2/v2.0/token`, { form: botTokenForm() });
      assert.equal(customer.status, 400);
      assert.equal(customer.body.error, 'unauthorized_client');
      assert.deepEqual(customer.body.error_codes, [700016]);
      const refresh = await call(sandbox, `/login/${PARTNER_TENANT_ID}/oauth2/v2.0/token`, { form: botTokenForm({ grant_type: 'refresh_token', refresh_token: 'anything' }) });
      assert.equal(refresh.status, 400);
      assert.equal(refresh.body.error, 'invalid_grant');
    });
  });
});
