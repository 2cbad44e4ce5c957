/**
 * Plain-text replies in the asker's Teams language, through the real bot and TestAdapter: a ko-KR user gets Korean
 * answers to typed commands, to text the bot does not understand, to a card of a move that is gone, and Korean
 * refusals (no Partner Center role, a foreign tenant); an en-US user keeps today's English.
 */
import assert from 'node:assert/strict';
import type { Activity, ConversationAccount } from 'botbuilder';
import { NO_ROLE_TITLE, noRoleRefusal, noRoleTitle, REFUSALS, refusalText } from '../../bot/actorResolver';
import { MOVE_GONE, moveGone } from '../../bot/actions/actionHandler';
import { noMoveReply } from '../../bot/commands/customerSuggestions';
import { DEFAULT_APPROVAL_POLICY, ROLES_THAT_START } from '../../move/policy';
import { describeRoles } from '../../cards/roleText';
import { TestBot, assertMessageResponse, cardIn, textOf, type TurnResult } from './buildTestBot';
import { OTHER_TENANT, STAFF } from './fakes';
import { contosoState } from '../cards/fixtures';
import { fileConsentCard } from '../../cards/fileConsentCard';
import { customerMessage, invitationEmail } from '../../cards/invitationCard';
import { dashboardCard } from '../../cards/dashboardCard';
import { relativeTime } from '../../cards/dashboardView';
import { DEFAULT_CARD_OPTIONS } from '../../cards/moveView';
import { t as translate } from '../../cards/i18n/catalog';

const KO = { locale: 'ko-KR' } as const;
const HANGUL = /[\p{Script=Hangul}]/u;

/** The text of the one reply: a plain message's text, or a card's visible text. */
function onlyReply(result: TurnResult): string {
  assert.equal(result.replies.length, 1, `one reply, got ${result.replies.length}`);
  const reply = result.replies[0];
  const card = cardIn(reply);
  return card ? textOf(card) : String(reply.text);
}

describe('replies in the asker\'s language', () => {
  let t: TestBot;
  beforeEach(() => { t = new TestBot(); });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') return;
    assert.deepEqual(t.turnErrors, [], 'no turn crashed');
  });

  it('answers a ko-KR user in Korean when a command names no customer or no move', async () => {
    assert.equal(onlyReply(await t.say(STAFF.megan, 'cancel', undefined, KO)), '고객을 지정하세요: `cancel contoso.com`.');
    assert.equal(onlyReply(await t.say(STAFF.megan, 'report', undefined, KO)), '고객을 지정하세요: `report contoso.com`.');
    assert.equal(onlyReply(await t.say(STAFF.megan, 'status nowhere.example', undefined, KO)),
      'nowhere.example의 이동 작업이 없습니다. `move nowhere.example` 명령으로 시작하세요.');
    assert.equal(onlyReply(await t.say(STAFF.megan, 'retry nowhere.example', undefined, KO)), 'nowhere.example에 대해 진행 중인 이동 작업이 없습니다.');
    assert.match(onlyReply(await t.say(STAFF.megan, 'list sideways', undefined, KO)), /^`all`\(모든 이동 작업\).*`list blocked` 명령을 입력하세요\.$/);
    assert.match(onlyReply(await t.say(STAFF.megan, 'notify here', undefined, KO)), /^업데이트를 받을 팀 채널에서 `@CSP Move Assistant notify here` 명령을 입력하세요\./);
  });

  it('keeps today\'s English for an en-US user', async () => {
    assert.equal(onlyReply(await t.say(STAFF.megan, 'cancel')), 'Say which customer: `cancel contoso.com`.');
    assert.equal(onlyReply(await t.say(STAFF.megan, 'status nowhere.example')),
      'There is no move for nowhere.example. Start one with `move nowhere.example`.');
    assert.equal(onlyReply(await t.say(STAFF.megan, 'override nowhere.example because')), 'There is no move for nowhere.example.');
  });

  it('tells a ko-KR user in Korean that it did not understand', async () => {
    const text = onlyReply(await t.say(STAFF.megan, 'what is the weather', undefined, KO));
    assert.equal(text, '"what is the weather"을(를) 이해하지 못했습니다. 사용할 수 있는 명령을 보려면 `help` 명령을 입력하세요.');
    const typo = onlyReply(await t.say(STAFF.megan, 'mvoe contoso.com KR', undefined, KO));
    assert.match(typo, /"mvoe contoso\.com KR"을\(를\) 이해하지 못했습니다\. `move contoso\.com KR`을\(를\) 입력하려고 하셨습니까\?/);
    assert.doesNotMatch(typo, /I did not understand/);
  });

  it('refuses a ko-KR user without a Partner Center role in Korean, naming the roles in Korean', async () => {
    const text = onlyReply(await t.say(STAFF.isaiah, 'status contoso.com', undefined, KO));
    assert.match(text, /파트너 센터 역할이 없으므로 이동을 보거나 변경할 수 없습니다\./);
    assert.match(text, /전역 관리자에게 SalesAgents 또는 AdminAgents 그룹에 추가해 달라고 요청하세요/);
    assert.doesNotMatch(text, /You have no Partner Center role|Global Administrator/);
  });

  it('refuses a ko-KR user of another tenant in Korean', async () => {
    const conversation: ConversationAccount = { ...t.personal(STAFF.alex), tenantId: OTHER_TENANT };
    const activity = t.activity(t.from(STAFF.alex), conversation, { type: 'message', text: 'status contoso.com', ...KO } as Partial<Activity>);
    const text = onlyReply(await t.process(activity));
    assert.match(text, /이 봇은 파트너 자체 조직에서만 작동합니다\. 사용자의 테넌트는 해당 조직이 아닙니다\./);
    assert.doesNotMatch(text, /This bot works only/);
  });

  it('offers a ko-KR user the audit file with a Korean consent card, and answers a decline in Korean', async () => {
    await t.contosoAtApproval();
    const offered = await t.say(STAFF.megan, 'audit contoso.onmicrosoft.com', undefined, KO);
    assert.equal(offered.replies.length, 1);
    const card = offered.replies[0].attachments?.[0] as { content: { description: string; declineContext: { exportId: string } } };
    assert.match(card.content.description, /^contoso\.onmicrosoft\.com 이동 작업의 감사 내역: .*\(이벤트 \d+개, CSV\)\.$/);
    const value = { type: 'fileUpload', action: 'decline', context: card.content.declineContext };
    const declined = await t.process(t.activity(t.from(STAFF.megan), t.personal(STAFF.megan), { type: 'invoke', name: 'fileConsent/invoke', value, ...KO } as Partial<Activity>));
    assert.equal(onlyReply(declined), '파일을 보내지 않았습니다. 필요할 때 `audit contoso.onmicrosoft.com` 명령을 입력하세요.');
  });

  it('draws the dashboard (`list`) in Korean for a ko-KR user', async () => {
    await t.contosoAtApproval();
    const text = onlyReply(await t.say(STAFF.megan, 'list', undefined, KO));
    assert.match(text, /전체\(1\)/);
    assert.match(text, /나를 기다림\(\d+\)/);
    assert.match(text, /진행 중인 이동 작업 1개, 대기 시간이 긴 순서입니다\./);
    assert.match(text, /열기/);
    assert.doesNotMatch(text, /running move|Waiting on me|All \(/);
  });

  it('answers a ko-KR click on the card of a move that is gone in Korean', async () => {
    const value = { action: { type: 'Action.Execute', id: 'btn', verb: 'move.open', data: { moveId: 'move-that-never-was' } }, trigger: 'manual' };
    const korean = t.activity(t.from(STAFF.megan), t.personal(STAFF.megan), { type: 'invoke', name: 'adaptiveCard/action', value, ...KO } as Partial<Activity>);
    assertMessageResponse(await t.process(korean), '이 카드의 이동 작업이 더 이상 여기에 없습니다. 이동 목록을 보려면 `list` 명령을 입력하세요.');
    assertMessageResponse(await t.click(STAFF.megan, 'move.open', { moveId: 'move-that-never-was' }), MOVE_GONE);
  });
});

describe('reply texts', () => {
  const approvers = DEFAULT_APPROVAL_POLICY.approverRoles;

  it('in English, equal the text without a locale and today\'s wording', () => {
    assert.equal(noRoleRefusal(approvers, undefined, 'en'), noRoleRefusal(approvers));
    assert.ok(noRoleRefusal(approvers).includes(`Moves are started by ${describeRoles(ROLES_THAT_START)}, and their plans approved by ${describeRoles(approvers)}.`));
    assert.equal(noRoleTitle('en'), NO_ROLE_TITLE);
    assert.equal(moveGone('en'), MOVE_GONE);
    for (const reason of Object.keys(REFUSALS) as Array<keyof typeof REFUSALS>) {
      assert.equal(refusalText(reason), REFUSALS[reason]);
      assert.match(refusalText(reason, 'ko'), HANGUL, `${reason} in Korean`);
    }
  });

  it('name up to three close customers in each language\'s list style', () => {
    const moves = ['contoso.com', 'contoso.net', 'contoso.org'].map((domain, i) => ({ ...contosoState('PlanApproved'), moveId: `m${i}`, customerDomain: domain }));
    const english = textOf(cardIn(noMoveReply(moves, 'status', 'contoso.co', { running: false }) as Partial<Activity>));
    assert.match(english, /There is no move for contoso\.co\. Did you mean contoso\.com or contoso\.net or contoso\.org\?/);
    const korean = textOf(cardIn(noMoveReply(moves, 'status', 'contoso.co', { running: false, locale: 'ko' }) as Partial<Activity>));
    assert.match(korean, /contoso\.co의 이동 작업이 없습니다\. contoso\.com, contoso\.net 또는 contoso\.org을\(를\) 찾으셨습니까\?/);
  });
});

describe('file texts', () => {
  const data = { report: 'audit' as const, customerDomain: 'contoso.com', fileName: 'audit.csv', sizeInBytes: 10, rows: 3, exportId: 'x' };

  it('draws the FileConsentCard in Korean; English equals the card without a locale', () => {
    const korean = fileConsentCard({ ...data, locale: 'ko' }).content.description;
    assert.equal(korean, 'contoso.com 이동 작업의 감사 내역: 모든 이벤트와 수행한 사람, 역할, 상관 관계 ID(이벤트 3개, CSV).');
    assert.doesNotMatch(korean, /Audit trail|events/);
    assert.equal(fileConsentCard({ ...data, locale: 'en' }).content.description, fileConsentCard(data).content.description);
    assert.match(fileConsentCard({ ...data, report: 'reassignment', locale: 'ko' }).content.description, /라이선스 재할당 보고서: 사용자별 한 행.*사용자 3명, CSV/);
  });

  it('says what was uploaded, by report and count, in each language', () => {
    const uploaded = (locale: 'en' | 'ko', report: string, count: number) => translate(locale, 'files.answer.uploaded', { report, customer: 'contoso.com', count, rows: String(count) });
    assert.equal(uploaded('en', 'audit', 1), 'Here is the audit trail of contoso.com: 1 event.');
    assert.equal(uploaded('en', 'reassignment', 1200), 'Here is the licence reassignment report of contoso.com: 1200 users.');
    assert.equal(uploaded('ko', 'audit', 2), 'contoso.com의 감사 내역입니다: 이벤트 2개.');
    assert.equal(uploaded('ko', 'reassignment', 1), 'contoso.com의 라이선스 재할당 보고서입니다: 사용자 1명.');
  });
});

describe('invitation email text', () => {
  const state = contosoState('InvitationIssued');

  it('writes the email in Korean when asked; English is the default', () => {
    const korean = invitationEmail(state, 'Relecloud', 'ko');
    assert.match(korean.subject, /^조치 필요: Relecloud에서 보낸 .+의 CSP 초대를 수락하세요$/);
    assert.match(korean.body, /^안녕하세요\.\n\n/);
    assert.match(korean.body, /1\. Microsoft 365 테넌트의 전역 관리자로 로그인하여 저희의 재판매인 초대를 여세요: https:/);
    assert.match(korean.body, /이 초대는 \d{4}년 \d{1,2}월 \d{1,2}일까지 유효합니다\./);
    assert.doesNotMatch(korean.body, /Hello|Global Administrator of your|valid until/);
    assert.deepEqual(invitationEmail(state, 'Relecloud', 'en'), invitationEmail(state, 'Relecloud'));
    assert.equal(customerMessage(state, 'en'), customerMessage(state));
    assert.match(invitationEmail(state, null).subject, /^Action needed: accept .+'s CSP invitation$/);
  });
});

describe('dashboard texts', () => {
  it('in English equal the card without a locale; times in Korean', () => {
    const data = { moves: [contosoState('PlanProposed')], filter: 'all' as const, viewer: { id: 'x', name: 'X', roles: ['sales-agent' as const] }, now: new Date('2025-03-10T09:00:00Z') };
    assert.deepEqual(dashboardCard(data, { ...DEFAULT_CARD_OPTIONS, locale: 'en' }), dashboardCard(data, DEFAULT_CARD_OPTIONS));
    assert.equal(relativeTime(30 * 60_000, 'ko'), '1시간 미만');
    assert.equal(relativeTime(5 * 3_600_000, 'ko'), '5시간');
    assert.equal(relativeTime(72 * 3_600_000, 'ko'), '3일');
    assert.equal(relativeTime(3_600_000), '1 hour');
  });
});
