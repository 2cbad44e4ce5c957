import assert from 'node:assert/strict';
import { Harness, users } from './harness';

const DAY_MS = 86_400_000;

/*
 * Buy dates against the sandbox: Contoso's originals end in 65 days (Business Premium) and 130 days (Exchange Online),
 * so with a week's buy-ahead approving buys nothing; each line is ordered once, on its day; a cancelled move buys nothing.
 */

/** A bot and sandbox of their own, with a week's buy-ahead, and the helpers that move both clocks. */
function useScheduledWorld() {
  const h = new Harness();
  h.botEnv = { BUY_DAYS_BEFORE_END: '7' };
  before(() => h.start());
  after(() => h.stop());

  /** Moves the sandbox's clock and the bot's together. */
  async function advanceDays(days: number): Promise<void> {
    await h.admin('POST', 'clock', { advanceSeconds: Math.round(days * 86_400) });
    h.clock.advance(Math.round(days * 86_400) * 1000);
  }

  /** Moves both clocks to `hours` after (or before, when negative) 00:00 UTC of `day`. */
  async function advanceTo(day: string, hours: number): Promise<void> {
    const target = Date.parse(`${day}T00:00:00Z`) + hours * 3_600_000;
    await advanceDays((target - h.clock.now().getTime()) / DAY_MS);
  }

  async function ordersOf(domain: string): Promise<number> {
    const world = await h.admin('GET', 'state');
    return world.customers.find((c: any) => c.domain === domain).orders.length;
  }

  async function sweeps(n: number): Promise<void> {
    for (let i = 0; i < n; i += 1) {
      await h.app.orchestrator.sweep();
      await h.app.outbox.idle();
    }
  }

  return { h, advanceDays, advanceTo, ordersOf, sweeps };
}

describe('purchases on their buy dates (sandbox)', function () {
  this.timeout(120_000);

  describe('Contoso', () => {
    const { h, advanceTo, ordersOf, sweeps } = useScheduledWorld();
    it('Contoso: approving buys nothing while the originals run; each line is ordered once, on its day', async () => {
      const moveId = await h.moveToApproval('contoso.onmicrosoft.com');
      const plan = h.app.orchestrator.get(moveId)!.plan!;
      const dates = plan.lines.map((l) => l.buyOn).filter((d): d is string => Boolean(d)).sort();
      assert.equal(dates.length, 2, 'both lines are bought a week before their originals end');
      assert.notEqual(dates[0], dates[1]);

      await h.approve(moveId);
      assert.equal(h.app.orchestrator.get(moveId)!.stage, 'scheduled');
      await sweeps(3);
      assert.equal(await ordersOf('contoso.onmicrosoft.com'), 0, 'nothing bought at approval');

      // The day before the first date: the approvers are reminded, nothing is bought.
      await advanceTo(dates[0], -12);
      await sweeps(2);
      assert.equal(await ordersOf('contoso.onmicrosoft.com'), 0);
      assert.ok(h.app.orchestrator.get(moveId)!.purchaseReminders.includes(0), 'reminded the day before');

      await advanceTo(dates[0], 1);
      await sweeps(1);
      assert.equal(h.app.orchestrator.get(moveId)!.stage, 'provisioning');
      await h.sweepUntil(moveId, 'scheduled');
      const between = h.app.orchestrator.get(moveId)!;
      assert.equal(between.bought, 1, `first purchase made (stage ${between.stage})`);
      assert.equal(await ordersOf('contoso.onmicrosoft.com'), 1);
      await sweeps(3);
      assert.equal(await ordersOf('contoso.onmicrosoft.com'), 1, 'the first purchase is never made twice');

      await advanceTo(dates[1], 1);
      await h.sweepUntil(moveId, 'watching-sources');
      assert.equal(await ordersOf('contoso.onmicrosoft.com'), 2, 'one order per buy date');
      const done = h.app.orchestrator.get(moveId)!;
      assert.equal(done.bought, 2);
      assert.equal(done.orderIds.length, 2);
    });
  });

  describe('Fabrikam', () => {
    const { h, advanceDays, ordersOf, sweeps } = useScheduledWorld();
    it('Fabrikam: cancelled while scheduled, it buys nothing when its date passes', async () => {
      const moveId = await h.moveToApproval('fabrikam.onmicrosoft.com', { args: 'US csp' });
      await h.approve(moveId);
      const state = h.app.orchestrator.get(moveId)!;
      assert.equal(state.stage, 'scheduled');
      const asked = await h.teams.click(users.megan, 'move.cancel', { moveId, version: state.version });
      assert.equal(asked.body.type, 'application/vnd.microsoft.card.adaptive');
      assert.match(JSON.stringify(asked.body.value), /The purchases planned for [^"]+ are not made\./);
      assert.equal(h.app.orchestrator.get(moveId)!.stage, 'scheduled', 'nothing cancelled before the confirmation');
      const { body } = await h.teams.click(users.megan, 'move.cancel.confirm', {
        moveId, version: state.version, seen: 'scheduled/0/0', cancelReason: 'The customer stays with its partner.',
      });
      assert.equal(body.type, 'application/vnd.microsoft.card.adaptive');
      assert.equal(h.app.orchestrator.get(moveId)!.stage, 'cancelled');
      await advanceDays(120);
      await sweeps(3);
      assert.equal(await ordersOf('fabrikam.onmicrosoft.com'), 0);
    });
  });
});
