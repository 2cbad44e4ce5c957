/**
 * The bot's Partner Center calls carry the partner's language: DEFAULT_LOCALE=ko in the bot's settings becomes
 * `X-Locale: ko-KR` on what the sandbox's Partner Center receives while a move starts (bot/app.ts → outbound services).
 */
import assert from 'node:assert/strict';
import { Harness, users } from './harness';

const DOMAIN = 'contoso.onmicrosoft.com';

interface Recorded { area: string; method: string; route: string | null; headers: Record<string, string> }

describe('integration: X-Locale follows DEFAULT_LOCALE', function () {
  this.timeout(60_000);

  async function partnerCenterCallsOfAMove(h: Harness): Promise<Recorded[]> {
    await h.admin('DELETE', 'requests');
    await h.teams.say(users.megan, `move ${DOMAIN} US direct`);
    const move = h.app.orchestrator.latestMoveFor(DOMAIN);
    assert.ok(move, 'a move started');
    await h.sweepUntil(move.moveId, 'awaiting-acceptance');
    const calls = ((await h.admin('GET', 'requests')).requests as Recorded[]).filter((r) => r.area === 'partnerCenter');
    assert.ok(calls.length >= 2, `the move called Partner Center: ${calls.map((c) => `${c.method} ${c.route}`).join(', ')}`);
    return calls;
  }

  describe('DEFAULT_LOCALE=ko', () => {
    const h = new Harness();
    h.botEnv = { DEFAULT_LOCALE: 'ko' };
    before(() => h.start());
    after(() => h.stop());

    it('every Partner Center call of a move says X-Locale: ko-KR', async () => {
      for (const call of await partnerCenterCallsOfAMove(h)) assert.equal(call.headers['x-locale'], 'ko-KR', `${call.method} ${call.route}`);
    });
  });

  describe('no DEFAULT_LOCALE', () => {
    const h = new Harness();
    before(() => h.start());
    after(() => h.stop());

    it('every Partner Center call of a move says X-Locale: en-US', async () => {
      for (const call of await partnerCenterCallsOfAMove(h)) assert.equal(call.headers['x-locale'], 'en-US', `${call.method} ${call.route}`);
    });
  });
});
