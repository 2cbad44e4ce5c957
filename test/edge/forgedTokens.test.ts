import assert from 'node:assert/strict';
import { SANDBOX_BOT_APP_ID, SANDBOX_BOT_APP_SECRET } from '../../sandbox/world/constants';
import { channelToken, forgeToken as forge } from '../support/botFrameworkTokens';
import { Harness, users } from '../integration/harness';

const CHANNEL_ISSUER = 'https://api.botframework.com';
const EMULATOR_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';
const OTHER_APP = '9b3f6c2e-1d4a-4e8b-a7c5-2f0e9d8c7b6a';

/**
 * With a bot identity set, every forged or misused token is a 401 with a short reason and no internal detail —
 * including when the Bot Framework's OpenID metadata cannot be fetched — and nothing is recorded. The sandbox's
 * own channel token gets through (the whole-move suite runs on it).
 */
describe('forged Bot Framework tokens (authentication on)', function () {
  this.timeout(60_000);
  const h = new Harness({ authenticated: true });
  before(() => h.start());
  after(() => h.stop());

  const now = () => Math.floor(Date.now() / 1000);
  const claims = (over: object = {}) => ({ iss: CHANNEL_ISSUER, aud: SANDBOX_BOT_APP_ID, serviceurl: h.connector.url, nbf: now() - 60, exp: now() + 3600, ...over });
  const rs = { alg: 'RS256', kid: 'forged-key', typ: 'JWT' };

  async function post(authorization: string | undefined): Promise<{ status: number; body: any; ms: number }> {
    const started = performance.now();
    const response = await fetch(`${h.botUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(authorization === undefined ? {} : { authorization }) },
      body: JSON.stringify({
        type: 'message', text: 'list', channelId: 'msteams', serviceUrl: h.connector.url, from: users.megan, recipient: { id: '28:bot' },
        conversation: h.teams.personal(users.megan), channelData: { tenant: { id: h.teams.personal(users.megan).tenantId } },
      }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, ms: performance.now() - started };
  }

  it('answers 401 with a short reason to each forged or misused token, and says nothing to Teams', async () => {
    const real = await channelToken(h.sandbox.url, { appId: SANDBOX_BOT_APP_ID, serviceUrl: h.connector.url });
    const realKid = JSON.parse(Buffer.from(real.split('.')[0], 'base64url').toString()).kid as string;
    const cases: Array<[string, string | undefined]> = [
      ['no Authorization header', undefined],
      ['not a JWT', 'Bearer not-a-token'],
      ['Basic instead of Bearer', `Basic ${Buffer.from(`${SANDBOX_BOT_APP_ID}:${SANDBOX_BOT_APP_SECRET}`).toString('base64')}`],
      ['alg none', `Bearer ${forge({ alg: 'none', typ: 'JWT' }, claims(), 'none')}`],
      ['HS256 with the app password', `Bearer ${forge({ alg: 'HS256', typ: 'JWT' }, claims(), { hs256: SANDBOX_BOT_APP_SECRET })}`],
      ['RS256 with a random key', `Bearer ${forge(rs, claims(), 'rs256')}`],
      ['RS256 with a random key under the real kid', `Bearer ${forge({ ...rs, kid: realKid }, claims(), 'rs256')}`],
      ['expired (sandbox-issued)', `Bearer ${await channelToken(h.sandbox.url, { appId: SANDBOX_BOT_APP_ID, serviceUrl: h.connector.url, lifetimeSeconds: 0 })}`],
      ['for another bot (sandbox-issued)', `Bearer ${await channelToken(h.sandbox.url, { appId: OTHER_APP, serviceUrl: h.connector.url })}`],
      ['for another serviceUrl (sandbox-issued)', `Bearer ${await channelToken(h.sandbox.url, { appId: SANDBOX_BOT_APP_ID, serviceUrl: 'https://smba.trafficmanager.net/emea/' })}`],
      ['wrong audience', `Bearer ${forge(rs, claims({ aud: OTHER_APP }), 'rs256')}`],
      ['emulator-style issuer', `Bearer ${forge(rs, claims({ iss: EMULATOR_ISSUER, appid: SANDBOX_BOT_APP_ID, ver: '1.0' }), 'rs256')}`],
      ['skill-style issuer', `Bearer ${forge(rs, claims({ iss: EMULATOR_ISSUER, appid: OTHER_APP, ver: '1.0' }), 'rs256')}`],
      ['unknown issuer', `Bearer ${forge(rs, claims({ iss: 'https://login.example.com' }), 'rs256')}`],
      ['not valid yet', `Bearer ${forge(rs, claims({ nbf: now() + 3600 }), 'rs256')}`],
      ['signature cut short', `Bearer ${real.slice(0, -20)}`],
    ];
    const before = h.connector.sent.length;
    const events = h.app.orchestrator.all().length;
    const slowest: number[] = [];
    for (const [name, authorization] of cases) {
      const answer = await post(authorization);
      assert.equal(answer.status, 401, `${name}: ${JSON.stringify(answer.body)}`);
      assert.equal(typeof answer.body?.error, 'string', name);
      assert.match(answer.body.error, /^Unauthorized: [A-Za-z][^\n]{5,80}\.$/, `${name}: a short reason`);
      assert.doesNotMatch(answer.body.error, /Error|https?:|\bat\b .*\(|stack|botframework|jsonwebtoken/i, `${name}: no internal detail`);
      slowest.push(answer.ms);
    }
    assert.equal(h.connector.sent.length, before, 'nothing was posted to Teams');
    assert.equal(h.app.orchestrator.all().length, events);
    console.log(`      ${cases.length} forged tokens: all 401, slowest answer ${Math.max(...slowest).toFixed(0)} ms`);
    // The real token still works after all that.
    assert.equal((await post(`Bearer ${real}`)).status, 200);
  });
});

describe('Bot Framework OpenID metadata unreachable (authentication on)', function () {
  this.timeout(60_000);
  const h = new Harness({ authenticated: true });
  const warnings: string[] = [];
  before(async () => {
    // A port nobody listens on: fetching the signing keys fails at once, as with no network.
    h.botEnv = { ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/botframework/v1/.well-known/openidconfiguration' };
    h.log = { info: () => undefined, error: () => undefined, warn: (_fields, message) => { warnings.push(String(message)); } };
    await h.start();
  });
  after(() => h.stop());

  it('refuses a well-formed token with 401 (never 500) and logs a warning naming the cause', async () => {
    const token = await channelToken(h.sandbox.url, { appId: SANDBOX_BOT_APP_ID, serviceUrl: h.connector.url });
    const response = await h.teams.say(users.megan, 'list');
    assert.equal(response.status, 401);
    assert.deepEqual(await response.json(), { error: 'Unauthorized: the token could not be validated.' });
    assert.ok(token.length > 0);
    assert.ok(warnings.some((w) => /OpenID metadata/.test(w)), warnings.join('\n'));
  });
});
