import assert from 'node:assert/strict';
import { users } from '../integration/harness';
import { useAzurite } from './azurite';
import { TwoInstanceWorld } from './twoInstanceWorld';

const DOMAIN = 'woodgrove.onmicrosoft.com';

/**
 * Two bot instances on one Azure Storage account, both following the sandbox's clock, a week's buy-ahead: Woodgrove's
 * two lines are bought months apart. When a buy date comes both instances sweep at once (as in a lease hand-over):
 * each purchase is still ordered exactly once.
 */
describe('buy dates across two instances', function () {
  this.timeout(300_000);
  const azurite = useAzurite();
  const world = new TwoInstanceWorld(azurite, { env: { BUY_DAYS_BEFORE_END: '7' } });

  before(() => world.start('scheduled'));
  after(() => world.stop());

  const orders = async () => (await world.admin('GET', `state?customer=${DOMAIN}`)).customers[0].orders.length as number;
  const onRecord = async () => (await world.apps[0].orchestrator.find(await moveIdOf()))!;
  const moveIdOf = async () => (world.apps[0].orchestrator.latestMoveFor(DOMAIN) ?? world.apps[1].orchestrator.latestMoveFor(DOMAIN))!.moveId;

  /** Both instances sweep at the same time, moving the sandbox's clock on between rounds, until `done`. */
  async function sweepBothUntil(done: () => Promise<boolean>, what: string): Promise<void> {
    for (let i = 0; i < 30; i += 1) {
      await Promise.all(world.apps.map((app) => app.orchestrator.sweep()));
      if (await done()) return;
      await world.admin('POST', 'clock', { advanceSeconds: 20 });
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  /** The sandbox's clock to 01:00 UTC of `day`, and long enough for both bots to follow it (they read it every 2 s). */
  async function advanceTo(day: string): Promise<void> {
    const { now } = await world.admin('GET', 'clock');
    await world.admin('POST', 'clock', { advanceSeconds: Math.ceil((Date.parse(`${day}T01:00:00Z`) - Date.parse(now)) / 1000) });
    await new Promise((resolve) => setTimeout(resolve, 2_500));
  }

  it('orders each purchase once though both instances sweep when its date comes', async () => {
    await world.clients[0].say(users.megan, `move ${DOMAIN} US csp`);
    await sweepBothUntil(async () => (await onRecord()).stage === 'approval', 'the plan');
    const state = await onRecord();
    const data = { moveId: state.moveId, version: state.version, planHash: state.plan!.hash };
    await Promise.all(world.clients.map((client) => client.click(users.adele, 'move.plan.approve', data)));
    const approved = await onRecord();
    assert.equal(approved.stage, 'scheduled');
    const dates = approved.schedule.map((p) => p.buyOn!);
    assert.equal(dates.length, 2);

    await advanceTo(dates[0]);
    await sweepBothUntil(async () => (await onRecord()).bought === 1, 'the first purchase');
    assert.equal(await orders(), 1);
    await advanceTo(dates[1]);
    await sweepBothUntil(async () => (await onRecord()).stage === 'watching-sources', 'the second purchase');
    assert.equal(await orders(), 2, 'one order per buy date');
    assert.equal((await world.apps[1].orchestrator.history(state.moveId)).filter((e) => e.type === 'PurchaseDue').length, 2);
  });
});
