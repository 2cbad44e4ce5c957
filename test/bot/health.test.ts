import assert from 'node:assert/strict';
import { PARTNER_TENANT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_REFRESH_TOKEN } from '../../sandbox/world/constants';
import { NotReady, Readiness, sweepCheck, tokenCheck, type ReadinessCheck } from '../../bot/readiness';
import { MissingRefreshTokenError, TokenRequestError, type TokenProvider } from '../../services/identity/tokenProvider';
import { Harness } from '../integration/harness';

const TOKEN_ENDPOINT = 'POST /login/*/oauth2/v2.0/token';

async function get(url: string): Promise<{ status: number; body: any; text: string; cacheControl: string | null }> {
  const response = await fetch(url);
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text), text, cacheControl: response.headers.get('cache-control') };
}

/** What an unauthenticated answer must never carry: the token service's own text, ids, secrets. */
function assertNothingInternal(text: string): void {
  for (const secret of ['AADSTS', 'Trace ID', 'Correlation', PARTNER_TENANT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_REFRESH_TOKEN, 'Error:', 'at ']) {
    assert.ok(!text.includes(secret), `the answer carries "${secret}": ${text}`);
  }
}

describe('/healthz and /readyz against the sandbox', function () {
  this.timeout(60_000);
  const h = new Harness();
  const warnings: string[] = [];
  before(async () => {
    h.log = { info: () => undefined, error: () => undefined, warn: (fields, message) => { warnings.push(`${message} ${JSON.stringify(fields)}`); } };
    await h.start();
  });
  after(() => h.stop());

  it('/healthz: the process answers, and says nothing else', async () => {
    const answer = await get(`${h.botUrl}/healthz`);
    assert.equal(answer.status, 200);
    assert.deepEqual(answer.body, { status: 'ok' });
    assert.equal(answer.cacheControl, 'no-store');
  });

  it('/readyz: ready when the store answers, a Partner Center App+User token comes from the refresh token, and this instance sweeps', async () => {
    const answer = await get(`${h.botUrl}/readyz`);
    assert.equal(answer.status, 200, answer.text);
    assert.equal(answer.body.status, 'ready');
    assert.deepEqual(Object.keys(answer.body.checks).sort(), ['store', 'sweep', 'token']);
    for (const check of Object.values<any>(answer.body.checks)) {
      assert.equal(check.ok, true);
      assert.ok(Number.isInteger(check.ms) && check.ms >= 0 && check.ms < 3000);
    }
    assert.equal(answer.body.checks.sweep.detail, 'this instance (one instance on the file store)');
    assert.equal(answer.cacheControl, 'no-store');
    assertNothingInternal(answer.text);
  });

  describe('when the token service refuses the refresh token', () => {
    before(async () => {
      // A fresh bot: its token cache is empty, so the probe has to ask the token service.
      await h.stopBot();
      await h.admin('POST', 'faults', {
        match: TOKEN_ENDPOINT, status: 400, count: 1000,
        body: { error: 'invalid_grant', error_description: `AADSTS70008: The refresh token has expired due to inactivity. Trace ID: t-1 Correlation ID: ${PARTNER_TENANT_ID}` },
      });
      warnings.length = 0;
      await h.startBot();
    });
    after(async () => {
      await h.admin('DELETE', 'faults');
    });

    it('is not ready (503) with a short reason, never the token service\'s text', async () => {
      const answer = await get(`${h.botUrl}/readyz`);
      assert.equal(answer.status, 503, answer.text);
      assert.equal(answer.body.status, 'not-ready');
      assert.deepEqual(answer.body.checks.token, { ok: false, ms: answer.body.checks.token.ms, detail: 'the token service refused (invalid_grant)' });
      assert.equal(answer.body.checks.store.ok, true);
      assert.equal(answer.body.checks.sweep.ok, true);
      assertNothingInternal(answer.text);
      // The operator gets the whole story in the log, once.
      assert.equal(warnings.filter((w) => w.startsWith('readiness check failed')).length, 1);
      assert.match(warnings.find((w) => w.startsWith('readiness check failed'))!, /AADSTS70008/);
    });

    it('answers a probe storm from its cache: the token service is asked once per cache period', async () => {
      const hits = async (): Promise<number> => (await h.admin('GET', 'faults')).faults[0].hits;
      const before = await hits();
      const answers = await Promise.all(Array.from({ length: 25 }, () => get(`${h.botUrl}/readyz`)));
      assert.ok(answers.every((a) => a.status === 503 && a.body.checks.token.detail === 'the token service refused (invalid_grant)'));
      const after = await hits();
      assert.ok(after - before <= 1, `${after - before} token requests for 25 probes`);
    });
  });

  describe('when the token service keeps answering 503', () => {
    before(async () => {
      await h.stopBot();
      await h.admin('POST', 'faults', { match: TOKEN_ENDPOINT, status: 503, count: 1000 });
      await h.startBot();
    });
    after(() => h.admin('DELETE', 'faults'));

    it('is not ready within the check\'s timeout, with a short reason', async () => {
      const started = Date.now();
      const answer = await get(`${h.botUrl}/readyz`);
      assert.ok(Date.now() - started < 4500, `answered after ${Date.now() - started} ms`);
      assert.equal(answer.status, 503);
      assert.match(answer.body.checks.token.detail, /^(no answer within 3 s|the token service answered 503 \(temporarily_unavailable\))$/);
      assertNothingInternal(answer.text);
    });
  });
});

describe('Readiness', () => {
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };

  it('fails a check that does not answer in time, with a short reason, and aborts it', async () => {
    let aborted = false;
    const hangs: ReadinessCheck = (signal) => new Promise(() => { signal.addEventListener('abort', () => { aborted = true; }); });
    const report = await new Readiness({ slow: hangs, fine: async () => undefined }, { timeoutMs: 50, log: silent }).report();
    assert.equal(report.status, 'not-ready');
    assert.equal(report.checks.slow!.detail, 'no answer within 50 ms');
    assert.ok(report.checks.slow!.ms >= 40);
    assert.deepEqual(report.checks.fine, { ok: true, ms: report.checks.fine!.ms });
    assert.equal(aborted, true);
  });

  it('never shows an unexpected error\'s text; logs it when the check changes state only', async () => {
    const logged: string[] = [];
    let fail = true;
    const log = { ...silent, warn: (fields: object, message: string) => { logged.push(`${message} ${JSON.stringify(fields)}`); }, info: (_f: object, message: string) => { logged.push(message); } };
    let t = 0;
    const readiness = new Readiness({
      store: async () => { if (fail) throw new Error('EACCES: permission denied, open /srv/secret/path'); },
    }, { log, cacheMs: 1000, now: () => t });
    const first = await readiness.report();
    assert.deepEqual(first.checks.store, { ok: false, ms: first.checks.store!.ms, detail: 'failed (see the bot\'s log)' });
    assert.ok(!JSON.stringify(first).includes('secret'));
    t += 1000;
    await readiness.report();
    assert.equal(logged.length, 1);
    assert.match(logged[0]!, /EACCES/);
    fail = false;
    t += 1000;
    assert.equal((await readiness.report()).status, 'ready');
    assert.deepEqual(logged.slice(1), ['readiness check passes again']);
  });

  it('serves one report per cache period, and concurrent probes share one run', async () => {
    let runs = 0;
    let t = 0;
    const readiness = new Readiness({ store: async () => { runs += 1; await new Promise((r) => setTimeout(r, 20)); } }, { cacheMs: 5000, now: () => t });
    await Promise.all(Array.from({ length: 10 }, () => readiness.report()));
    assert.equal(runs, 1);
    t += 4999;
    await readiness.report();
    assert.equal(runs, 1);
    t += 1;
    await readiness.report();
    assert.equal(runs, 2);
  });

  describe('the token check', () => {
    const failing = (error: Error): TokenProvider => ({ getToken: async () => { throw error; } });
    const reason = async (tokens: TokenProvider): Promise<string> => {
      try {
        await tokenCheck(tokens, PARTNER_TENANT_ID, true)(new AbortController().signal);
        return 'ok';
      } catch (error) {
        assert.ok(error instanceof NotReady);
        return error.message;
      }
    };

    it('asks for Partner Center App+User with a refresh token, else Graph app-only', async () => {
      const asked: string[] = [];
      const tokens: TokenProvider = { getToken: async (resource, _tenant, mode) => { asked.push(`${resource} ${mode}`); return 't'; } };
      await tokenCheck(tokens, PARTNER_TENANT_ID, true)(new AbortController().signal);
      await tokenCheck(tokens, PARTNER_TENANT_ID, false)(new AbortController().signal);
      assert.deepEqual(asked, ['partner-center app+user', 'graph app']);
    });

    it('says why in a few fixed words', async () => {
      const refusal = (status: number | null, oauthError: string | null) =>
        new TokenRequestError('partner-center', PARTNER_TENANT_ID, 'app+user', status, oauthError, 'AADSTS7000215', 'AADSTS7000215: Invalid client secret', 'fix');
      assert.equal(await reason(failing(refusal(401, 'invalid_client'))), 'the token service refused (invalid_client)');
      assert.equal(await reason(failing(refusal(503, 'temporarily_unavailable'))), 'the token service answered 503 (temporarily_unavailable)');
      assert.equal(await reason(failing(refusal(null, null))), 'the token service could not be reached');
      assert.equal(await reason(failing(refusal(400, 'Weird Code: with text'))), 'the token service refused');
      assert.equal(await reason(failing(new MissingRefreshTokenError('partner-center', PARTNER_TENANT_ID))), 'no delegated identity is configured');
      assert.equal(await reason(failing(new Error(`socket hang up ${PARTNER_TENANT_ID}`))), 'could not get a token');
    });
  });

  describe('the sweep check (instances sharing Azure Storage)', () => {
    const signal = new AbortController().signal;
    const outcome = async (check: ReadinessCheck): Promise<string> => {
      try {
        return String(await check(signal));
      } catch (error) {
        return `not ready: ${(error as Error).message}`;
      }
    };

    it('is ready while this instance or another holds the lease, and while it changes hands for less than a lease period', async () => {
      let t = 0;
      let leader = true;
      let held = true;
      const check = sweepCheck({ isLeader: () => leader, isHeld: async () => held, leaseMs: 30_000 }, () => t);
      assert.equal(await outcome(check), 'held by this instance');
      leader = false;
      assert.equal(await outcome(check), 'held by another instance');
      held = false;
      t += 29_999;
      assert.equal(await outcome(check), 'changing hands');
      t += 1;
      assert.equal(await outcome(check), 'not ready: no instance holds the sweep lease');
    });

    it('is not ready when the lease cannot be read, and needs no lease on the file store', async () => {
      const broken = sweepCheck({ isLeader: () => false, isHeld: async () => { throw new Error('AuthorizationFailure account=devstoreaccount1'); }, leaseMs: 30_000 });
      assert.equal(await outcome(broken), 'not ready: the sweep lease could not be read');
      assert.equal(await outcome(sweepCheck(null)), 'this instance (one instance on the file store)');
    });
  });
});
