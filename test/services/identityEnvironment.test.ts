import assert from 'node:assert/strict';
import { createVerify, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import {
  CredentialConfigurationError, appIdentityFromEnvironment,
} from '../../services/identity/appIdentityFromEnvironment';
import { certificateAssertion } from '../../services/identity/certificateAssertion';
import { OnBehalfOfTokenProvider, fixForOnBehalfOf } from '../../services/identity/onBehalfOfTokenProvider';
import { MissingDelegatedIdentityError, TokenRequestError, type TokenProvider } from '../../services/identity/tokenProvider';
import { BRIDGE_AUTHORITY, httpsAuthorityBridge } from './support/httpsAuthorityBridge';
import { startLocalServer, type LocalServer, type ReceivedRequest } from './support/localServer';

const TENANT = '11111111-2222-4333-8444-555555555555';
const CLIENT = '99999999-8888-4777-8666-555555555555';
const SECRET = 'never-print-this-secret';
/** A syntactically valid JWT standing for the Teams SSO token (the fake token service does not verify it). */
const SSO = (user: string) => `${b64({ alg: 'none' })}.${b64({ aud: `api://botid-${CLIENT}`, oid: user })}.sig`;

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('services/identity appIdentityFromEnvironment', () => {
  const exists = () => true;

  it('picks the client secret (and offers on-behalf-of with it), never putting the secret in the description', () => {
    const identity = appIdentityFromEnvironment({ AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: SECRET });
    assert.equal(identity.kind, 'client-secret');
    assert.ok(identity.credentialFor(TENANT) instanceof ClientSecretCredential);
    assert.deepEqual(identity.onBehalfOf && { id: identity.onBehalfOf.clientId, secret: identity.onBehalfOf.clientSecret }, { id: CLIENT, secret: SECRET });
    assert.equal(identity.onBehalfOfUnavailable, null);
    assert.ok(!identity.description.includes(SECRET));
    assert.match(identity.description, new RegExp(CLIENT));
  });

  it('picks a certificate with its password when no secret is set', () => {
    const identity = appIdentityFromEnvironment({
      AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_CERTIFICATE_PATH: '/etc/app/cert.pem', AZURE_CLIENT_CERTIFICATE_PASSWORD: 'pw',
    }, { fileExists: exists });
    assert.equal(identity.kind, 'client-certificate');
    assert.ok(identity.credentialFor(TENANT) instanceof ClientCertificateCredential);
    assert.equal(identity.onBehalfOf?.certificatePath, '/etc/app/cert.pem');
    assert.equal(identity.onBehalfOf?.certificatePassword, 'pw');
    assert.ok(!identity.description.includes('pw'));
  });

  it('lets a secret win over a certificate, as EnvironmentCredential does, and says so', () => {
    const identity = appIdentityFromEnvironment({
      AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT, AZURE_CLIENT_SECRET: SECRET, AZURE_CLIENT_CERTIFICATE_PATH: '/x.pem',
    }, { fileExists: exists });
    assert.equal(identity.kind, 'client-secret');
    assert.match(identity.description, /AZURE_CLIENT_CERTIFICATE_PATH is ignored/);
  });

  it('picks a managed identity (user-assigned through AZURE_CLIENT_ID), home tenant only, without on-behalf-of', () => {
    const identity = appIdentityFromEnvironment({ AZURE_USE_MANAGED_IDENTITY: 'true', AZURE_TENANT_ID: TENANT, AZURE_CLIENT_ID: CLIENT });
    assert.equal(identity.kind, 'managed-identity');
    assert.ok(identity.credentialFor(TENANT) instanceof ManagedIdentityCredential);
    assert.throws(() => identity.credentialFor('another-tenant.example'), /cannot get tokens for tenant another-tenant\.example/);
    assert.equal(identity.onBehalfOf, null);
    assert.match(identity.onBehalfOfUnavailable ?? '', /AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH/);
    assert.match(identity.description, /user-assigned/);
    assert.match(appIdentityFromEnvironment({ AZURE_USE_MANAGED_IDENTITY: '1', AZURE_TENANT_ID: TENANT }).description, /system-assigned/);
  });

  it('says exactly which variables to set when nothing usable is configured', () => {
    assert.throws(() => appIdentityFromEnvironment({ AZURE_TENANT_ID: TENANT, AZURE_CLIENT_SECRET: '  ' }), (error: unknown) => {
      assert.ok(error instanceof CredentialConfigurationError);
      assert.equal(error.problems.length, 1);
      for (const name of ['AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH',
        'AZURE_CLIENT_CERTIFICATE_PASSWORD', 'AZURE_USE_MANAGED_IDENTITY']) {
        assert.match(error.message, new RegExp(name));
      }
      return true;
    });
  });

  it('lists every problem, one line each', () => {
    assert.throws(() => appIdentityFromEnvironment({ AZURE_CLIENT_CERTIFICATE_PATH: '/missing.pem', AZURE_AUTHORITY_HOST: 'http://login.example' },
      { fileExists: () => false }), (error: unknown) => {
      assert.ok(error instanceof CredentialConfigurationError);
      assert.deepEqual(error.problems.map((p) => p.split(':')[0]), [
        'AZURE_AUTHORITY_HOST', 'AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_CERTIFICATE_PATH',
      ]);
      return true;
    });
    assert.throws(() => appIdentityFromEnvironment({ AZURE_USE_MANAGED_IDENTITY: 'true', AZURE_CLIENT_SECRET: SECRET, AZURE_TENANT_ID: TENANT }),
      /choose one/);
    assert.throws(() => appIdentityFromEnvironment({ AZURE_USE_MANAGED_IDENTITY: 'maybe' }), /AZURE_USE_MANAGED_IDENTITY: expected true or false/);
    assert.throws(() => appIdentityFromEnvironment({ AZURE_TENANT_ID: '../common', AZURE_CLIENT_ID: 'x', AZURE_CLIENT_SECRET: SECRET }),
      (error: unknown) => error instanceof CredentialConfigurationError && error.problems.length === 2 && !error.message.includes(SECRET));
  });
});

/** A fake identity platform: OpenID metadata, and a token endpoint for client credentials and on-behalf-of. */
function tokenService(answer: (form: URLSearchParams, n: number) => { status: number; body: unknown }) {
  let tokens = 0;
  return (request: ReceivedRequest) => {
    const metadata = /^\/login\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(request.url);
    if (metadata) {
      const login = `http://${request.headers.host}/login/${metadata[1]}`;
      return {
        status: 200,
        body: {
          token_endpoint: `${login}/oauth2/v2.0/token`, authorization_endpoint: `${login}/oauth2/v2.0/authorize`,
          end_session_endpoint: `${login}/oauth2/v2.0/logout`, jwks_uri: `${login}/discovery/v2.0/keys`,
          issuer: `${login}/v2.0`, response_types_supported: ['code'], scopes_supported: ['openid'],
        },
      };
    }
    if (/\/oauth2\/v2\.0\/token/.test(request.url)) return answer(new URLSearchParams(request.body), ++tokens);
    return { status: 404, body: { error: 'not_found' } };
  };
}

describe('services/identity OnBehalfOfTokenProvider (the real OnBehalfOfCredential, through an https bridge)', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const appOnly: TokenProvider = { getToken: async (resource, tenantId) => `app-token:${resource}:${tenantId}` };

  async function provider(answer: Parameters<typeof tokenService>[0]) {
    server = await startLocalServer(tokenService(answer));
    const { httpClient, requests } = httpsAuthorityBridge(`${server.url}/login`);
    const obo = new OnBehalfOfTokenProvider({
      client: { clientId: CLIENT, clientSecret: SECRET, authorityHost: BRIDGE_AUTHORITY, disableInstanceDiscovery: true, httpClient },
      appOnly,
    });
    return { obo, requests };
  }

  it('exchanges the SSO token on-behalf-of with the user_impersonation scope, and serves app-only from the app provider', async () => {
    const { obo } = await provider((form, n) => ({ status: 200, body: { token_type: 'Bearer', expires_in: 3600, access_token: `obo-${n}:${form.get('scope')}` } }));
    const tokens = obo.forUser(SSO('alex'));
    const pc = await tokens.getToken('partner-center', TENANT, 'app+user');
    assert.match(pc, /^obo-1:.*https:\/\/api\.partnercenter\.microsoft\.com\/user_impersonation/);
    assert.equal(await tokens.getToken('partner-center', TENANT, 'app+user'), pc, 'cached');
    assert.match(await tokens.getToken('graph', TENANT, 'app+user'), /^obo-2:.*https:\/\/graph\.microsoft\.com\/\.default/);
    assert.equal(await tokens.getToken('graph', TENANT, 'app'), `app-token:graph:${TENANT}`);

    const exchanges = server!.received.filter((r) => r.url.includes('/oauth2/v2.0/token')).map((r) => new URLSearchParams(r.body));
    assert.equal(exchanges.length, 2);
    const [first] = exchanges;
    assert.equal(first?.get('grant_type'), 'urn:ietf:params:oauth:grant-type:jwt-bearer');
    assert.equal(first?.get('requested_token_use'), 'on_behalf_of');
    assert.equal(first?.get('assertion'), SSO('alex'));
    assert.equal(first?.get('client_id'), CLIENT);
    assert.ok(server!.received.every((r) => r.url.startsWith(`/login/${TENANT}/`)));

    // The same user on a later turn (a new forUser) reuses the exchanged tokens; another user gets their own.
    assert.equal(await obo.forUser(SSO('alex')).getToken('partner-center', TENANT, 'app+user'), pc);
    assert.match(await obo.forUser(SSO('megan')).getToken('partner-center', TENANT, 'app+user'), /^obo-3:/);
  });

  it('drops a refused token and exchanges again', async () => {
    const { obo } = await provider((_form, n) => ({ status: 200, body: { token_type: 'Bearer', expires_in: 3600, access_token: `obo-${n}` } }));
    const tokens = obo.forUser(SSO('alex'));
    assert.equal(await tokens.getToken('graph', TENANT, 'app+user'), 'obo-1');
    tokens.invalidate?.('graph', TENANT, 'app+user', 'obo-1');
    assert.equal(await tokens.getToken('graph', TENANT, 'app+user'), 'obo-2');
  });

  it('explains an expired SSO token (AADSTS500133) with its fix, without the assertion or the secret', async () => {
    const { obo } = await provider(() => ({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'AADSTS500133: Assertion is not within its valid time range.\r\nTrace ID: x', error_codes: [500133] },
    }));
    await assert.rejects(obo.forUser(SSO('alex')).getToken('partner-center', TENANT, 'app+user'), (error: unknown) => {
      assert.ok(error instanceof TokenRequestError, String(error));
      assert.equal(error.aadstsCode, 'AADSTS500133');
      assert.match(error.message, /Teams SSO token has expired/);
      assert.ok(!error.message.includes(SECRET));
      assert.ok(!error.message.includes(SSO('alex')));
      return true;
    });
  });

  it('refuses what is not a JWT, and needs a secret or a certificate', () => {
    assert.throws(() => new OnBehalfOfTokenProvider({ client: { clientId: CLIENT }, appOnly }), /AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH/);
    const obo = new OnBehalfOfTokenProvider({ client: { clientId: CLIENT, clientSecret: SECRET }, appOnly });
    assert.throws(() => obo.forUser('not a token'), /not a JWT/);
    assert.match(fixForOnBehalfOf('AADSTS65001'), /admin consent/);
    assert.match(fixForOnBehalfOf('AADSTS50013'), /webApplicationInfo/);
  });

  it('keeps the "no delegated identity" error naming both ways (SSO on-behalf-of and the refresh token)', () => {
    const error = new MissingDelegatedIdentityError('partner-center', TENANT, 'SSO is not configured');
    for (const text of ['forUser', 'SSO_CONNECTION_NAME', 'AZURE_CLIENT_SECRET', 'PARTNER_CENTER_REFRESH_TOKEN', 'secure application model', 'SSO is not configured']) {
      assert.ok(error.message.includes(text), text);
    }
  });
});

describe('services/identity certificateAssertion (encrypted PEM for on-behalf-of)', () => {
  it('signs an RS256 client assertion with x5t, for the token endpoint of the tenant', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cert-'));
    try {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const encrypted = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }) as string;
      // The certificate block only feeds the thumbprint here; any DER bytes do.
      const der = Buffer.from('not-a-real-certificate-but-der-bytes');
      const pem = `${encrypted}-----BEGIN CERTIFICATE-----\n${der.toString('base64')}\n-----END CERTIFICATE-----\n`;
      const file = path.join(dir, 'app.pem');
      writeFileSync(file, pem);

      const sign = certificateAssertion({ clientId: CLIENT, tenantId: TENANT, certificatePath: file, certificatePassword: 'pw', now: () => 1_700_000_000_000 });
      const [header, claims, signature] = (await sign()).split('.');
      const decode = (part: string | undefined) => JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
      assert.equal(decode(header).alg, 'RS256');
      assert.ok(typeof decode(header).x5t === 'string' && decode(header).x5t.length > 20);
      assert.deepEqual({ ...decode(claims), jti: 'x' }, {
        aud: `https://login.microsoftonline.com/${TENANT}/oauth2/v2.0/token`, iss: CLIENT, sub: CLIENT, jti: 'x',
        nbf: 1_700_000_000, iat: 1_700_000_000, exp: 1_700_000_600,
      });
      const verified = createVerify('RSA-SHA256').update(`${header}.${claims}`).verify(publicKey, Buffer.from(signature ?? '', 'base64url'));
      assert.ok(verified);

      const wrong = certificateAssertion({ clientId: CLIENT, tenantId: TENANT, certificatePath: file, certificatePassword: 'nope' });
      await assert.rejects(wrong(), /check AZURE_CLIENT_CERTIFICATE_PASSWORD/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
