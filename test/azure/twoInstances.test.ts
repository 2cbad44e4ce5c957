import assert from 'node:assert/strict';
import { prospectDomain } from '../../sandbox/world/constants';
import { users } from '../integration/harness';
import { useAzurite } from './azurite';
import { TwoInstanceWorld } from './twoInstanceWorld';

/** Two bot instances behind one Azure Storage account (Azurite): one sweeper, one order per double click. */
describe('two bot instances on one Azure Storage account', function () {
  this.timeout(400_000);
  const azurite = useAzurite();
  const MOVES = 50;
  const world = new TwoInstanceWorld(azurite, { sandbox: { prospectCustomers: MOVES } });
  const { apps, clients } = world;

  before(() => world.start('two'));
  after(() => world.stop());

  const sweeper = () => apps.find((a) => a.isSweeper());

  async function sweepUntil(moveId: string, stage: string): Promise<void> {
    for (let i = 0; i < 20; i += 1) {
      await sweeper()!.orchestrator.sweep();
      if ((await sweeper()!.orchestrator.find(moveId))?.stage === stage) return;
      await world.admin('POST', 'clock', { advanceSeconds: 10 });
    }
    throw new Error(`move ${moveId} did not reach ${stage}`);
  }

  async function sweepUntilAll(moveIds: string[], stage: string): Promise<void> {
    for (let i = 0; i < 20; i += 1) {
      await sweeper()!.orchestrator.sweep();
      const stages = await Promise.all(moveIds.map(async (id) => (await sweeper()!.orchestrator.find(id))?.stage));
      if (stages.every((s) => s === stage)) return;
      await world.admin('POST', 'clock', { advanceSeconds: 10 });
    }
    throw new Error(`not every move reached ${stage}`);
  }

  it('elects exactly one sweeper', async () => {
    for (let i = 0; i < 50 && !sweeper(); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(apps.filter((a) => a.isSweeper()).length, 1);
  });

  it('runs a move across both instances; a double click on Approve split across them gives one order', async () => {
    await clients[0].say(users.megan, 'move contoso.onmicrosoft.com US direct');
    const moveId = apps[0].orchestrator.latestMoveFor('contoso.onmicrosoft.com')!.moveId;
    await world.admin('POST', 'customers/contoso.onmicrosoft.com/accept');
    await sweepUntil(moveId, 'approval');

    // Instance 1 never saw the move start: it reads it from the shared store on the click.
    const state = (await apps[1].orchestrator.find(moveId))!;
    assert.equal(state.stage, 'approval');
    const data = { moveId, version: state.version, planHash: state.plan!.hash };
    const answers = await Promise.all([clients[0].click(users.adele, 'move.plan.approve', data), clients[1].click(users.adele, 'move.plan.approve', data)]);
    assert.deepEqual(answers.map((a) => a.status), [200, 200]);
    await sweepUntil(moveId, 'watching-sources');

    const sandboxState = await world.admin('GET', 'state') as { customers: Array<{ domain: string; orders: unknown[] }> };
    assert.equal(sandboxState.customers.find((c) => c.domain === 'contoso.onmicrosoft.com')?.orders.length, 1, 'exactly one order');
    const events = await apps[1].orchestrator.history(moveId);
    assert.equal(events.filter((e) => e.type === 'PlanApproved').length, 1, 'one approval recorded');
  });

  it(`gives ${MOVES} single orders for ${MOVES} double clicks on Approve split across the two instances`, async () => {
    const domains = Array.from({ length: MOVES }, (_, i) => prospectDomain(i + 1));
    // Moves started on either instance, as staff happen to reach one or the other.
    for (const [i, domain] of domains.entries()) await clients[i % 2].say(users.megan, `move ${domain} US direct`);
    for (const domain of domains) await world.admin('POST', `customers/${domain}/accept`);
    const moveIds: string[] = [];
    for (const domain of domains) {
      const move = apps[0].orchestrator.latestMoveFor(domain) ?? apps[1].orchestrator.latestMoveFor(domain);
      assert.ok(move, `a move for ${domain}`);
      moveIds.push(move.moveId);
    }
    await sweepUntilAll(moveIds, 'approval');

    await Promise.all(moveIds.map(async (moveId) => {
      const state = (await apps[0].orchestrator.find(moveId))!;
      const data = { moveId, version: state.version, planHash: state.plan!.hash };
      const answers = await Promise.all([clients[0].click(users.adele, 'move.plan.approve', data), clients[1].click(users.adele, 'move.plan.approve', data)]);
      assert.deepEqual(answers.map((a) => a.status), [200, 200]);
    }));
    await sweepUntilAll(moveIds, 'watching-sources');

    const sandboxState = await world.admin('GET', 'state') as { customers: Array<{ domain: string; orders: unknown[] }> };
    const orders = domains.map((d) => sandboxState.customers.find((c) => c.domain === d)?.orders.length);
    assert.deepEqual(orders, domains.map(() => 1), 'exactly one order per move');
  });

  it('hands the sweep to the other instance when the sweeper stops', async () => {
    const leader = sweeper()!;
    const other = apps.find((a) => a !== leader)!;
    await leader.close();
    apps.splice(apps.indexOf(leader), 1);
    for (let i = 0; i < 100 && !other.isSweeper(); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(other.isSweeper(), 'the other instance took over the sweep');
  });
});
