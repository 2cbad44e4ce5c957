import assert from 'node:assert/strict';
import { AuthenticationError, type AccessToken, type TokenCredential } from '@azure/identity';
import { OutboundHttp } from '../../services/http/outboundHttp';
import { AzureIdentityTokenProvider } from '../../services/identity/azureIdentityTokenProvider';
import { OAuthClientTokenProvider } from '../../services/identity/oauthClientTokenProvider';
import { MissingRefreshTokenError, TokenRequestError, type TokenProvider } from '../../services/identity/tokenProvider';
import { recordingSleep, startLocalServer, type LocalServer, type ReceivedRequest } from './support/localServer';

const SECRET = 'super-secret-value-never-logged';
const PARTNER = 'partner-tenant.onmicrosoft.com';

function form(request: ReceivedRequest): URLSearchParams {
  return new URLSearchParams(request.body);
}

describe('services/identity OAuthClientTokenProvider', () => {
  let server: LocalServer | undefined;
  let clock = 0;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  function provider(options: { refreshToken?: string; onRotated?: (t: string) => void } = {}) {
    assert.ok(server);
    return new OAuthClientTokenProvider({
      loginBaseUrl: `${server.url}/login/`,
      clientId: 'client-1',
      clientSecret: SECRET,
      refreshToken: options.refreshToken,
      onRefreshTokenRotated: options.onRotated,
      http: new OutboundHttp({ sleep: recordingSleep().sleep }),
      now: () => clock,
    });
  }

  beforeEach(() => { clock = 1_000_000; });

  it('gets app-only tokens with client_credentials and the .default scope, per resource and tenant', async () => {
    let n = 0;
    server = await startLocalServer(() => ({ status: 200, body: { token_type: 'Bearer', expires_in: 3600, access_token: `tok-${++n}` } }));
    const tokens = provider();
    assert.equal(await tokens.getToken('partner-center', PARTNER, 'app'), 'tok-1');
    assert.equal(await tokens.getToken('graph', 'customer-tenant.onmicrosoft.com', 'app'), 'tok-2');
    const [pc, graph] = server.received;
    assert.ok(pc && graph);
    assert.equal(pc.method, 'POST');
    assert.equal(pc.url, `/login/${PARTNER}/oauth2/v2.0/token`);
    assert.equal(pc.headers['content-type'], 'application/x-www-form-urlencoded');
    assert.equal(form(pc).get('grant_type'), 'client_credentials');
    assert.equal(form(pc).get('client_id'), 'client-1');
    assert.equal(form(pc).get('client_secret'), SECRET);
    assert.equal(form(pc).get('scope'), 'https://api.partnercenter.microsoft.com/.default');
    assert.equal(graph.url, '/login/customer-tenant.onmicrosoft.com/oauth2/v2.0/token');
    assert.equal(form(graph).get('scope'), 'https://graph.microsoft.com/.default');
  });

  it('caches a token until shortly before it expires, then renews it', async () => {
    let n = 0;
    server = await startLocalServer(() => ({ status: 200, body: { expires_in: 3600, access_token: `tok-${++n}` } }));
    const tokens = provider();
    assert.equal(await tokens.getToken('graph', PARTNER, 'app'), 'tok-1');
    clock += 50 * 60_000; // 50 minutes later: still more than 5 minutes left
    assert.equal(await tokens.getToken('graph', PARTNER, 'app'), 'tok-1');
    clock += 6 * 60_000; // 56 minutes: inside the renewal margin
    assert.equal(await tokens.getToken('graph', PARTNER, 'app'), 'tok-2');
    assert.equal(server.received.length, 2);
  });

  it('shares one token request between concurrent callers', async () => {
    server = await startLocalServer(() => ({ status: 200, body: { expires_in: '3600', access_token: 'shared' } }));
    const tokens = provider();
    const all = await Promise.all([1, 2, 3].map(() => tokens.getToken('partner-center', PARTNER, 'app')));
    assert.deepEqual(all, ['shared', 'shared', 'shared']);
    assert.equal(server.received.length, 1);
  });

  it('uses the refresh token with user_impersonation for App+User Partner Center, and follows its rotation', async () => {
    let n = 0;
    server = await startLocalServer(() => ({
      status: 200, body: { expires_in: 60, access_token: `user-${++n}`, refresh_token: `rt-${n + 1}` },
    }));
    const rotated: string[] = [];
    const tokens = provider({ refreshToken: 'rt-1', onRotated: (t) => rotated.push(t) });
    assert.equal(await tokens.getToken('partner-center', PARTNER, 'app+user'), 'user-1');
    clock += 60_000; // expired
    assert.equal(await tokens.getToken('partner-center', PARTNER, 'app+user'), 'user-2');
    const [first, second] = server.received.map(form);
    assert.ok(first && second);
    assert.equal(first.get('grant_type'), 'refresh_token');
    assert.equal(first.get('refresh_token'), 'rt-1');
    assert.equal(first.get('scope'), 'https://api.partnercenter.microsoft.com/user_impersonation');
    assert.equal(second.get('refresh_token'), 'rt-2');
    assert.deepEqual(rotated, ['rt-2', 'rt-3']);
  });

  it('says exactly what to configure when App+User is needed and no refresh token is set', async () => {
    server = await startLocalServer(() => ({ status: 500 }));
    await assert.rejects(provider().getToken('partner-center', PARTNER, 'app+user'), (error: unknown) => {
      assert.ok(error instanceof MissingRefreshTokenError);
      assert.match(error.message, /PARTNER_CENTER_REFRESH_TOKEN/);
      assert.match(error.message, /secure application model/);
      return true;
    });
    assert.equal(server.received.length, 0);
  });

  it("turns a refusal into a TokenRequestError naming the tenant, the AADSTS code and the fix, without the secret", async () => {
    server = await startLocalServer(() => ({
      status: 400,
      body: {
        error: 'unauthorized_client',
        error_description: "AADSTS700016: Application with identifier 'client-1' was not found in the directory 'Contoso'.\r\nTrace ID: abc",
        error_codes: [700016],
      },
    }));
    await assert.rejects(provider().getToken('graph', 'contoso.onmicrosoft.com', 'app'), (error: unknown) => {
      assert.ok(error instanceof TokenRequestError);
      assert.equal(error.tenantId, 'contoso.onmicrosoft.com');
      assert.equal(error.httpStatus, 400);
      assert.equal(error.aadstsCode, 'AADSTS700016');
      assert.equal(error.oauthError, 'unauthorized_client');
      assert.match(error.message, /contoso\.onmicrosoft\.com/);
      assert.match(error.message, /no access to the customer's tenant: approve the GDAP request or grant consent/);
      assert.doesNotMatch(error.message, /Trace ID/);
      assert.ok(!error.message.includes(SECRET));
      assert.ok(!JSON.stringify(error).includes(SECRET));
      return true;
    });
  });

  it('refuses a tenant id that would break out of the path', async () => {
    server = await startLocalServer(() => ({ status: 200 }));
    await assert.rejects(provider().getToken('graph', '../common', 'app'), /Not a tenant id or domain/);
    assert.equal(server.received.length, 0);
  });
});

class FakeCredential implements TokenCredential {
  calls: string[] = [];
  constructor(private readonly answer: (scope: string, n: number) => AccessToken | Error) {}
  async getToken(scopes: string | string[]): Promise<AccessToken | null> {
    const scope = Array.isArray(scopes) ? scopes.join(' ') : scopes;
    this.calls.push(scope);
    const result = this.answer(scope, this.calls.length);
    if (result instanceof Error) throw result;
    return result;
  }
}

describe('services/identity AzureIdentityTokenProvider', () => {
  const now = 5_000_000;

  it('asks one credential per tenant for the .default scope and caches the token', async () => {
    const made: Record<string, FakeCredential> = {};
    const tokens = new AzureIdentityTokenProvider({
      now: () => now,
      credentialFor: (tenantId) => {
        made[tenantId] = new FakeCredential((scope, n) => ({ token: `${tenantId}:${scope}:${n}`, expiresOnTimestamp: now + 3_600_000 }));
        return made[tenantId];
      },
    });
    assert.equal(await tokens.getToken('graph', 'a.example', 'app'), 'a.example:https://graph.microsoft.com/.default:1');
    assert.equal(await tokens.getToken('graph', 'a.example', 'app'), 'a.example:https://graph.microsoft.com/.default:1');
    assert.equal(await tokens.getToken('partner-center', 'a.example', 'app'), 'a.example:https://api.partnercenter.microsoft.com/.default:2');
    await tokens.getToken('graph', 'b.example', 'app');
    assert.deepEqual(Object.keys(made).sort(), ['a.example', 'b.example']);
  });

  it('delegates App+User to the configured provider', async () => {
    const asked: string[] = [];
    const appUser: TokenProvider = { getToken: async (r, t, m) => { asked.push(`${r}|${t}|${m}`); return 'delegated'; } };
    const tokens = new AzureIdentityTokenProvider({ credentialFor: () => new FakeCredential(() => new Error('unused')), appUser });
    assert.equal(await tokens.getToken('partner-center', PARTNER, 'app+user'), 'delegated');
    assert.deepEqual(asked, [`partner-center|${PARTNER}|app+user`]);
  });

  it('without an App+User provider says what to configure', async () => {
    const tokens = new AzureIdentityTokenProvider({ credentialFor: () => new FakeCredential(() => new Error('unused')) });
    await assert.rejects(tokens.getToken('partner-center', PARTNER, 'app+user'), /PARTNER_CENTER_REFRESH_TOKEN/);
  });

  it('maps an AuthenticationError to a TokenRequestError with the AADSTS code and fix', async () => {
    const refusal = new AuthenticationError(400, {
      error: 'invalid_client',
      error_description: 'AADSTS7000215: Invalid client secret provided.',
      error_codes: [7000215],
    });
    const tokens = new AzureIdentityTokenProvider({ credentialFor: () => new FakeCredential(() => refusal) });
    await assert.rejects(tokens.getToken('graph', 'customer.example', 'app'), (error: unknown) => {
      assert.ok(error instanceof TokenRequestError);
      assert.equal(error.aadstsCode, 'AADSTS7000215');
      assert.equal(error.tenantId, 'customer.example');
      assert.match(error.message, /client secret is wrong or expired/);
      return true;
    });
  });

  it('on invalidate drops the token and the tenant\'s credential (whose own cache would return the refused token)', async () => {
    let made = 0;
    const tokens = new AzureIdentityTokenProvider({
      now: () => now,
      credentialFor: () => {
        made += 1;
        const generation = made;
        return new FakeCredential(() => ({ token: `credential-${generation}`, expiresOnTimestamp: now + 3_600_000 }));
      },
    });
    assert.equal(await tokens.getToken('graph', 'a.example', 'app'), 'credential-1');
    tokens.invalidate('graph', 'a.example', 'app', 'some-older-token');
    assert.equal(await tokens.getToken('graph', 'a.example', 'app'), 'credential-1', 'an unknown token changes nothing');
    tokens.invalidate('graph', 'a.example', 'app', 'credential-1');
    assert.equal(await tokens.getToken('graph', 'a.example', 'app'), 'credential-2');
    assert.equal(made, 2);
  });
});
