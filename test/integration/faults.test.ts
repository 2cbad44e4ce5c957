import assert from 'node:assert/strict';
import { Harness } from './harness';

/**
 * The fault run: with a fifth of all calls to Partner Center, Graph and sign-in failing
 * (5xx after the work was done, or 429 with Retry-After), the Contoso move still completes with one order.
 */
describe('a whole move while the services misbehave', function () {
  this.timeout(240_000);
  const h = new Harness();

  before(async function () {
    await h.start();
    // The fault admin API arrived with the adapters issue; say so plainly where it is missing.
    const probe = await fetch(`${h.sandbox.url}/_sandbox/faults`);
    if (probe.status === 404) {
      console.log('    skipped: this sandbox has no /_sandbox/faults');
      this.skip();
    }
  });
  after(() => h.stop());

  it('completes the Contoso move with exactly one order under 20% injected 5xx/429', async () => {
    await h.admin('POST', 'faults', { match: '* /**', probability: 0.1, status: 503, phase: 'after' });
    await h.admin('POST', 'faults', { match: '* /**', probability: 0.1, status: 429, retryAfterSeconds: 1 });

    const moveId = await h.moveToApproval('contoso.onmicrosoft.com', { tries: 30 });
    assert.equal((await h.approve(moveId)).status, 200);
    await h.sweepUntil(moveId, 'watching-sources', 40);

    await h.admin('DELETE', 'faults');
    const world = await h.admin('GET', 'state');
    const contoso = world.customers.find((c: any) => c.domain === 'contoso.onmicrosoft.com');
    assert.equal(contoso.orders.length, 1, 'exactly one order');
    assert.deepEqual(contoso.subscriptions.map((s: any) => s.quantity).sort((a: number, b: number) => a - b), [10, 25]);
    const faults = await h.admin('GET', 'faults').catch(() => null);
    void faults;
  });

  it('moves Fabrikam\'s users under 20% injected 500/503/429: only the 3 users a person must handle are listed, and the record is what Graph did', async () => {
    await h.admin('POST', 'reset');
    await h.admin('POST', 'faults', { match: '* /**', probability: 0.07, status: 500, phase: 'after' });
    await h.admin('POST', 'faults', { match: '* /**', probability: 0.07, status: 503 });
    await h.admin('POST', 'faults', { match: '* /**', probability: 0.07, status: 429, retryAfterSeconds: 1 });

    const moveId = await h.moveToApproval('fabrikam.onmicrosoft.com', { args: 'US csp', tries: 30 });
    assert.equal((await h.approve(moveId)).status, 200);
    await h.sweepUntil(moveId, 'blocked', 60);

    await h.admin('DELETE', 'faults');
    const after = h.app.orchestrator.get(moveId)!;
    assert.equal(after.blocked?.reason.code, 'reassignment-incomplete');
    const results = Object.values(after.reassignment.results);
    assert.deepEqual(results.filter((r) => r.outcome !== 'moved').map((r) => r.outcome).sort(), ['skipped-group', 'skipped-group', 'skipped-usage-location']);
    const history = await h.admin('GET', 'customers/fabrikam.onmicrosoft.com/license-history');
    const changed = history.users.filter((u: any) => u.changes.length > 0).map((u: any) => u.userId).sort();
    assert.deepEqual(results.filter((r) => r.outcome === 'moved').map((r) => r.userId).sort(), changed);
    assert.equal(changed.length, 43);
    const world = await h.admin('GET', 'state?customer=fabrikam.onmicrosoft.com');
    assert.equal(world.customers[0].orders.length, 1, 'exactly one order');
  });
});
