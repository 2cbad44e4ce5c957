import assert from 'node:assert/strict';
import type { MoveEvent } from '../../move/events';
import { Harness, users } from './harness';

const DOMAIN = 'contoso.onmicrosoft.com';
const DAY_MS = 86_400_000;

/**
 * Local mode: the bot's time follows the sandbox's clock, so `POST /_sandbox/clock` makes days pass for the bot
 * too — a reminder due after a week comes at once, dated on the sandbox's clock. The bot here has no test clock:
 * it reads the sandbox's (`GET /_sandbox/clock`), as `npm start` does.
 */
describe('local mode: the bot\'s time follows the sandbox\'s clock', function () {
  this.timeout(60_000);

  async function startMove(h: Harness): Promise<string> {
    await h.teams.say(users.megan, `move ${DOMAIN} US direct`);
    const move = h.app.orchestrator.latestMoveFor(DOMAIN);
    assert.ok(move, 'a move started');
    for (let i = 0; i < 100 && h.app.orchestrator.get(move.moveId)?.stage !== 'awaiting-acceptance'; i += 1) await sleep(50);
    assert.equal(h.app.orchestrator.get(move.moveId)?.stage, 'awaiting-acceptance');
    return move.moveId;
  }

  async function eventsOf(h: Harness, moveId: string, type: MoveEvent['type']): Promise<MoveEvent[]> {
    return (await h.app.orchestrator.history(moveId)).filter((e) => e.type === type);
  }

  describe('sweeps driven by the test', () => {
    const h = new Harness({ followSandboxClock: true });
    before(() => h.start());
    after(() => h.stop());
    let moveId = '';

    it('reminds about the invitation only once the sandbox\'s clock has passed 7 days, dated on the sandbox\'s clock', async () => {
      moveId = await startMove(h);
      const issuedAt = Date.parse(h.app.orchestrator.get(moveId)!.invitation!.issuedAt);
      assert.ok(Math.abs(issuedAt - Date.now()) < 60_000, 'the invitation is dated on the sandbox\'s clock (not moved yet)');

      await h.app.sweeps.runOnce();
      assert.deepEqual(await eventsOf(h, moveId, 'ReminderDue'), [], 'no reminder before a week has passed');

      const moved = await h.admin('POST', 'clock', { advanceDays: 8 });
      // The sweep timer's hook re-reads the sandbox's clock first: no waiting for the 2-second poll.
      await h.app.sweeps.runOnce();
      await h.app.outbox.idle();

      const [reminder] = await eventsOf(h, moveId, 'ReminderDue');
      assert.ok(reminder, 'the reminder is due now');
      const at = Date.parse(reminder.at);
      assert.ok(at >= Date.parse(moved.now) && at - Date.parse(moved.now) < 30_000, `reminder at ${reminder.at}, sandbox clock ${moved.now}`);
      assert.ok(at - Date.now() > 8 * DAY_MS - 60_000, 'eight days ahead of real time');
      assert.match(h.connector.texts(h.teams.personal(users.megan).id).join('\n'), /Reminder 1: contoso\.onmicrosoft\.com has not accepted the reseller invitation/);
    });

    it('ends the move when the sandbox\'s clock passes the invitation\'s 90 days', async () => {
      const expiresAt = Date.parse(h.app.orchestrator.get(moveId)!.invitation!.expiresAt);
      await h.admin('POST', 'clock', { advanceDays: 85 });
      await h.app.sweeps.runOnce();
      await h.app.outbox.idle();
      assert.equal(h.app.orchestrator.get(moveId)?.stage, 'timed-out');
      const [timedOut] = await eventsOf(h, moveId, 'MoveTimedOut');
      assert.ok(Date.parse(timedOut.at) >= expiresAt, `timed out at ${timedOut.at}, after the expiry ${new Date(expiresAt).toISOString()}`);
      const { now } = await h.admin('GET', 'clock');
      assert.ok(Math.abs(Date.parse(timedOut.at) - Date.parse(now)) < 30_000, `timed out at ${timedOut.at}, sandbox clock ${now}`);
    });
  });

  describe('the bot\'s own sweep timer', () => {
    // An hour between sweeps: only the clock's jump can make the bot act within the test.
    const h = new Harness({ followSandboxClock: true, startSweeps: true });
    before(() => { h.botEnv = { SWEEP_INTERVAL_SECONDS: '3600' }; return h.start(); });
    after(() => h.stop());

    it('acts within seconds of POST /_sandbox/clock, without waiting for the next interval', async () => {
      const moveId = await startMove(h);
      const started = performance.now();
      await h.admin('POST', 'clock', { advanceDays: 8 });
      for (let i = 0; i < 200 && (await eventsOf(h, moveId, 'ReminderDue')).length === 0; i += 1) await sleep(50);
      const tookMs = performance.now() - started;
      assert.equal((await eventsOf(h, moveId, 'ReminderDue')).length, 1, 'the reminder came without a sweep from the test');
      assert.ok(tookMs < 8_000, `took ${Math.round(tookMs)} ms`);
    });
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
