/**
 * The help card in the asker's Teams language, through the real bot and TestAdapter: in one team channel a ko-KR user
 * gets Korean and an en-US user English; a language the bot does not speak gets DEFAULT_LOCALE.
 */
import assert from 'node:assert/strict';
import type { Activity } from 'botbuilder';
import { viewerLocale } from '../../bot/viewerLocale';
import { CHANNEL_ID, TEAM_ID, TestBot, assertCardsValid, cardIn, textOf, type TurnResult } from './buildTestBot';
import { PARTNER_TENANT, STAFF } from './fakes';

const IN_CHANNEL = { channelData: { tenant: { id: PARTNER_TENANT }, team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } } };

function onlyCardText(result: TurnResult): string {
  assert.equal(result.replies.length, 1, `one reply, got ${result.replies.length}`);
  const card = cardIn(result.replies[0]);
  assert.ok(card, 'an Adaptive Card reply');
  assertCardsValid(result);
  return textOf(card);
}

describe('help in the asker\'s language', () => {
  let t: TestBot;
  beforeEach(() => { t = new TestBot(); });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') return;
    assert.deepEqual(t.turnErrors, [], 'no turn crashed');
  });

  it('in one team channel, a ko-KR user gets Korean and an en-US user English', async () => {
    const korean = onlyCardText(await t.say(STAFF.megan, '<at>CSP Move Assistant</at> help', t.channelPost(), { ...IN_CHANNEL, locale: 'ko-KR' }));
    assert.match(korean, /CSP Move Assistant 명령/);
    assert.match(korean, /내 파트너 센터 역할: 영업 에이전트/);
    assert.match(korean, /이동 contoso\.com · move/);
    assert.doesNotMatch(korean, /What you can do/);

    const english = onlyCardText(await t.say(STAFF.alex, '<at>CSP Move Assistant</at> help', t.channelPost(), { ...IN_CHANNEL, locale: 'en-US' }));
    assert.match(english, /CSP Move Assistant: commands/);
    assert.match(english, /Your Partner Center roles: Account admin\./);
    assert.doesNotMatch(english, /[\p{Script=Hangul}]/u, 'no Korean in the English card');
  });

  it('a Korean user may type the Korean command, in a chat or after the mention in a channel', async () => {
    assert.match(onlyCardText(await t.say(STAFF.adele, '도움말', undefined, { locale: 'ko-KR' })), /내 파트너 센터 역할: 청구 관리자/);
    assert.match(onlyCardText(await t.say(STAFF.adele, '<at>CSP Move Assistant</at> 도움말', t.channelPost(), { ...IN_CHANNEL, locale: 'ko' })), /✔ 계획을 승인하거나 거부할 수 있습니다/);
    // The Korean command word from an English-speaking user: the command works, the answer is in their language.
    assert.match(onlyCardText(await t.say(STAFF.adele, '도움말', undefined, { locale: 'en-GB' })), /Your Partner Center roles: Billing agent\./);
  });

  it('someone without a role gets Korean help too (help is open to the whole partner tenant)', async () => {
    const text = onlyCardText(await t.say(STAFF.isaiah, 'help', undefined, { locale: 'ko-KR' }));
    assert.match(text, /이 파트너 테넌트에서 파트너 센터 역할이 없습니다\./);
  });

  it('a language the bot does not speak gets DEFAULT_LOCALE', async () => {
    assert.match(onlyCardText(await t.say(STAFF.megan, 'help', undefined, { locale: 'fr-FR' })), /CSP Move Assistant: commands/);
    const korean = new TestBot({ defaultLocale: 'ko' });
    assert.match(onlyCardText(await korean.say(STAFF.megan, 'help', undefined, { locale: 'fr-FR' })), /CSP Move Assistant 명령/);
    assert.match(onlyCardText(await korean.say(STAFF.megan, 'help', undefined, { locale: 'en-US' })), /CSP Move Assistant: commands/);
    assert.deepEqual(korean.turnErrors, []);
  });
});

describe('viewerLocale', () => {
  const turn = (activity: Partial<Activity>) => ({ activity: activity as Activity });

  it('reads activity.locale and activity.localTimezone', () => {
    assert.deepEqual(viewerLocale(turn({ locale: 'ko-KR', localTimezone: 'Asia/Seoul' })), { locale: 'ko', timeZone: 'Asia/Seoul' });
    assert.deepEqual(viewerLocale(turn({ locale: 'en-US', localTimezone: 'America/Los_Angeles' })), { locale: 'en', timeZone: 'America/Los_Angeles' });
  });

  it('falls back to Teams\' clientInfo entity, then to DEFAULT_LOCALE and UTC', () => {
    const clientInfo = { type: 'clientInfo', locale: 'ko-KR', country: 'KR', platform: 'Web', timezone: 'Asia/Seoul' };
    assert.deepEqual(viewerLocale(turn({ entities: [{ type: 'mention' }, clientInfo] })), { locale: 'ko', timeZone: 'Asia/Seoul' });
    assert.deepEqual(viewerLocale(turn({ locale: 'en-US', entities: [clientInfo] })), { locale: 'en', timeZone: 'Asia/Seoul' }, 'the activity wins');
    assert.deepEqual(viewerLocale(turn({})), { locale: 'en', timeZone: 'UTC' });
    assert.deepEqual(viewerLocale(turn({}), 'ko'), { locale: 'ko', timeZone: 'UTC' });
  });

  it('refuses made-up or hostile values: DEFAULT_LOCALE and UTC, no crash', () => {
    const hostile = [
      { locale: 'fr-FR', localTimezone: 'Mars/Base' },
      { locale: '<script>', localTimezone: '+09:00' },
      { locale: 42, localTimezone: { zone: 'Asia/Seoul' } },
      { locale: 'ko-KR'.repeat(50), localTimezone: 'Asia/Seoul'.repeat(20) },
    ];
    for (const activity of hostile) {
      assert.deepEqual(viewerLocale(turn(activity as unknown as Partial<Activity>), 'en'), { locale: 'en', timeZone: 'UTC' }, JSON.stringify(activity));
    }
    assert.deepEqual(viewerLocale(turn({ entities: 'not a list' } as unknown as Partial<Activity>)), { locale: 'en', timeZone: 'UTC' });
    assert.deepEqual(viewerLocale(turn({ entities: [null, 7, { type: 'clientInfo', locale: ['ko'] }] } as unknown as Partial<Activity>)), { locale: 'en', timeZone: 'UTC' });
  });
});
