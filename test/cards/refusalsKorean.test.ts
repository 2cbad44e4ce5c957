/**
 * The refusals group in Korean: every refusal kind (the table of refusalText.test.ts), the roles, the notices,
 * the start form and the welcome card, drawn in 'ko' with Korean words and none of the English table's; 'en' is
 * what a call without a language gives.
 */
import assert from 'node:assert/strict';
import { changeText, narrowingText, refusalText, whoCanText } from '../../cards/refusalText';
import { describeActorRoles, describeRoles } from '../../cards/roleText';
import { refusal, type RefusalReason } from '../../move/refusals';
import { SAMPLES } from './refusalText.test';
import { intakeCard } from '../../cards/intakeCard';
import { intakeProblemText, problemsByField, type IntakeProblem } from '../../cards/intakeProblemText';
import { noticeCard } from '../../cards/noticeCard';
import { withStaleNotice } from '../../cards/staleNotice';
import { welcomeCard } from '../../cards/welcomeCard';
import { assertValidCard, visibleText } from './cardAssertions';

const HANGUL = /\p{Script=Hangul}/u;

describe('refusals in Korean', () => {
  for (const [kind, { reason, says }] of Object.entries(SAMPLES)) {
    it(`words "${kind}" in Korean, and in English when no language is given`, () => {
      const sample = refusal(reason as RefusalReason);
      const korean = refusalText(sample, [], 'ko');
      assert.match(korean, HANGUL, korean);
      // The table's pattern, where it is English words rather than a bare fact (an id like cart-9).
      if (/[a-z] [a-z]/i.test(says.source)) assert.doesNotMatch(korean, says, 'not the English sentence');
      const outsideQuotes = korean.replace(/"[^"]*"/g, '');
      assert.doesNotMatch(outsideQuotes, /\b(the|this|was|is|are|can|only|nothing|pick|select|refresh)\b/i, korean);
      assert.doesNotMatch(korean, /undefined|null|\[object|[{}]/);
      assert.equal(refusalText(sample, [], 'en'), refusalText(sample));
    });
  }

  it('keeps the facts: names, ids, numbers and codes appear as given', () => {
    const ko = (reason: RefusalReason) => refusalText(refusal(reason), [], 'ko');
    assert.equal(ko(SAMPLES['role-required'].reason), '계정 관리자만 이 계획을 승인할 수 있습니다(사유: 라이선스 301개를 구매하여 300개를 초과함). 내 역할: 영업 에이전트.');
    assert.equal(ko(SAMPLES['card-outdated'].reason), '2026년 11월 24일 14:02 UTC에 Adele Vance 사용자가 이 계획을 승인했습니다. 아무 작업도 수행하지 않았습니다.');
    assert.equal(ko(SAMPLES['move-ended'].reason), '이 이동은 이미 취소되었습니다(취소한 사용자: Adele Vance).');
    assert.equal(ko(SAMPLES['term-not-sold'].reason), 'Microsoft 365 E3은(는) 3년 기간, 3년마다 청구 조건으로 판매되지 않습니다. 카드에 표시된 기간을 선택하십시오.');
    assert.match(ko(SAMPLES['quantity-too-large'].reason), /라이선스 200000개는 한 번에 구매할 수 있는 최대 수량 100000개를 초과합니다/);
    assert.match(ko(SAMPLES['email-not-an-address'].reason), /^"a", "b", "c" 외 2개은\(는\) 올바른 이메일 주소/);
    assert.match(ko(SAMPLES['inventory-lines-invalid'].reason), /다시 보내십시오\.\n- line 2: no quantity$/);
    assert.match(ko(SAMPLES['follow-up-closed'].reason), /2027년 2월 12일 10:00 UTC에 Patti Fernandez 사용자가 완료로 표시했습니다/);
    assert.match(ko(SAMPLES['offer-not-listed'].reason), /판매 중인 제품 없음/);
    assert.match(ko(SAMPLES['already-moving'].reason), /`status contoso\.com` 명령/);
    assert.match(ko({ kind: 'move-ended', stage: 'timed-out', by: null, blockMessage: null }), /초대가 만료되어 종료되었습니다\.$/);
    assert.equal(ko(SAMPLES['wrong-stage'].reason), '이동이 "승인 대기 중" 단계가 아니라 "계획 작성 중" 단계에 있습니다.');
    assert.match(ko({ kind: 'move-ended', stage: 'blocked', by: null, blockMessage: 'region mismatch' }), /차단되었습니다\(차단 사유: region mismatch\)\.$/);
  });

  it('asks the people who can, by name, in Korean', () => {
    const sample = refusal({ kind: 'four-eyes', roles: ['account-admin', 'billing-agent'] });
    assert.equal(refusalText(sample, ['Adele Vance', 'Alex Wilber'], 'ko'),
      '이 계획은 직접 제안한 계획이므로 본인이 아닌 다른 계정 관리자 또는 청구 관리자 역할 사용자가 승인해야 합니다. Adele Vance 또는 Alex Wilber에게 요청하십시오.');
    assert.match(refusalText(sample, ['A', 'B', 'C', 'D', 'E', 'F'], 'ko'), /A, B, C, D 외 2명에게 요청하십시오\.$/);
    assert.match(refusalText(sample, ['A', 'B', 'C', 'D', 'E', 'F']), /Ask A, B, C, D or 2 others\.$/);
    assert.match(refusalText(sample, ['A', 'B', 'C', 'D', 'E']), /Ask A, B, C, D or 1 other\.$/);
  });

  it('names who may act, the starter and the reasons in Korean', () => {
    assert.equal(whoCanText('cancel-move', { roles: ['account-admin'], startedBy: null }, 'ko'),
      '이 이동을 시작한 사용자(알 수 없음) 또는 계정 관리자만 이 이동을 취소할 수 있습니다.');
    assert.equal(narrowingText({ kind: 'offers-picked', skus: ['SPE_E3', 'O365_BUSINESS'] }, 'ko'), 'SPE_E3, O365_BUSINESS의 제품을 직접 선택함');
    assert.equal(changeText({ kind: 'stage', stage: 'approval', at: null }, 'ko'), '이 카드를 표시한 후 이동이 "승인 대기 중" 단계로 진행되었습니다');
    assert.equal(whoCanText('approve-plan', { roles: ['billing-agent'] }), whoCanText('approve-plan', { roles: ['billing-agent'] }, 'en'));
  });

  it('words roles with the Korean Partner Center role names', () => {
    assert.equal(describeRoles(['account-admin', 'admin-agent', 'sales-agent', 'billing-agent', 'helpdesk-agent'], 'ko'),
      '계정 관리자, 관리 에이전트, 영업 에이전트, 청구 관리자 또는 기술 지원 에이전트');
    assert.equal(describeRoles(['account-admin', 'admin-agent', 'sales-agent']), 'an Account admin, an Admin agent or a Sales agent');
    assert.equal(describeActorRoles({ roles: ['sales-agent', 'billing-agent'] }, 'ko'), '내 역할: 영업 에이전트, 청구 관리자');
    assert.equal(describeActorRoles({ roles: [] }, 'ko'), '파트너 센터 역할이 없습니다');
    assert.equal(describeActorRoles({ roles: [] }), 'You have no Partner Center role');
  });
});

describe('notices, the start form and the welcome card in Korean', () => {
  const countries = [{ code: 'US', name: 'United States', region: 'United States' }, { code: 'KR', name: 'South Korea', region: 'Asia' }];

  it('notice card: the fallback words and "What to do" in Korean; English unchanged', () => {
    const card = noticeCard({ title: '', message: '', fix: '도메인을 확인하십시오.', tone: 'warning', locale: 'ko' });
    assertValidCard(card);
    const text = visibleText(card);
    assert.match(text, /문제가 발생했습니다/);
    assert.match(text, /세부 정보가 없습니다\./);
    assert.match(text, /해결 방법: /);
    assert.doesNotMatch(text, /Something went wrong|No details were given|What to do/);
    const english = { title: 'Not allowed', message: 'Only an Account admin can.', fix: 'Ask one.', tone: 'error' as const };
    assert.equal(JSON.stringify(noticeCard({ ...english, locale: 'en' })), JSON.stringify(noticeCard(english)));
  });

  it('stale notice: the general line in Korean when no change is named', () => {
    const base = noticeCard({ title: 't', message: 'm', tone: 'info' });
    const text = visibleText(withStaleNotice(base, '', 'ko'));
    assert.match(text, /이 카드는 최신 상태가 아니므로 아무 작업도 수행하지 않았습니다\./);
    assert.doesNotMatch(text, /out of date/);
    assert.match(visibleText(withStaleNotice(base, '')), /This card was out of date; nothing was done\./);
    assert.equal(JSON.stringify(withStaleNotice(base, 'x', 'en')), JSON.stringify(withStaleNotice(base, 'x')));
  });

  it('start form: labels, choices, hints and the button in Korean', () => {
    const card = intakeCard({ countries, partnerRegion: 'Asia', countryProblem: '문제', locale: 'ko' });
    assertValidCard(card);
    const json = JSON.stringify(card);
    for (const phrase of ['고객 이동 시작', '고객 도메인 또는 테넌트 ID', '고객 테넌트의 국가', 'Microsoft에서 직접 구매', '아직 알 수 없음',
      '파트너의 CSP 지역(Asia)', '세분화된 위임 관리자 권한', '"title":"이동 시작"', '아무것도 시작하지 않았습니다']) {
      assert.ok(json.includes(phrase), phrase);
    }
    for (const english of ['Start a customer move', 'Customer domain or tenant id', 'Bought direct from Microsoft', 'Start the move', 'Multi-partner', 'GDAP uses least-privilege']) {
      assert.ok(!json.includes(english), english);
    }
    const data = { countries, partnerRegion: '', domainProblem: 'x' };
    assert.equal(JSON.stringify(intakeCard({ ...data, locale: 'en' })), JSON.stringify(intakeCard(data)));
    assert.ok(JSON.stringify(intakeCard(data)).includes('It must be in your CSP region: not configured.'));
  });

  it('start form problems in Korean, the start day in the reader\'s time zone', () => {
    const moving: IntakeProblem = { field: 'domain', kind: 'already-moving', input: 'contoso.com', move: { domain: 'contoso.com', company: 'Contoso', startedBy: null, startedAt: '2026-03-03T23:30:00Z' } };
    assert.equal(intakeProblemText(moving, 'ko', 'Asia/Seoul'),
      'Contoso은(는) 이미 이동 중입니다(시작한 사용자: 알 수 없음, 시작한 날짜: 2026년 3월 4일). `status contoso.com` 명령으로 확인하십시오.');
    assert.equal(intakeProblemText(moving), 'Contoso is already being moved: started by someone on 3 Mar 2026. Say `status contoso.com` to see it.');
    const kr = countries[1];
    assert.equal(intakeProblemText({ field: 'country', kind: 'unknown', input: 'ZZ', suggestions: [kr, countries[0]] }, 'ko'),
      'ZZ은(는) CSP 지역 표에 있는 국가가 아닙니다. KR (South Korea) 또는 US (United States)을(를) 의미했습니까?');
    const problems: IntakeProblem[] = [{ field: 'domain', kind: 'missing' }, { field: 'country', kind: 'other-region', country: kr, partnerRegion: 'Europe' }];
    const korean = problemsByField(problems, 'ko');
    assert.match(korean.domain ?? '', /고객의 도메인\(예: contoso\.onmicrosoft\.com\) 또는 테넌트 ID를 입력하십시오\./);
    assert.match(korean.country ?? '', /^KR \(South Korea\)은\(는\) CSP 지역 Asia에 속하지만 파트너는 Europe에서 판매합니다\./);
    assert.doesNotMatch(`${korean.domain} ${korean.country}`, /Type the|same-region rule|Check the/);
    assert.deepEqual(problemsByField(problems, 'en'), problemsByField(problems));
  });

  it('welcome card in Korean, the commands with their English words; English unchanged', () => {
    const card = welcomeCard({ userName: 'Megan', locale: 'ko' });
    assertValidCard(card);
    const text = visibleText(card);
    for (const phrase of ['안녕하세요, Megan님. CSP Move Assistant입니다.', 'CSP(클라우드 솔루션 공급자)', '재판매인 관계 초대', '이동 contoso.com · move',
      '알림 여기 · notify here', '역할별로 할 수 있는 작업', '계정 관리자, 관리 에이전트 또는 영업 에이전트', '계정 관리자 또는 청구 관리자']) {
      assert.ok(text.includes(phrase), phrase);
    }
    assert.doesNotMatch(text, /Hi Megan|Who can do what|Next step|Start a move for a customer/);
    assert.equal(JSON.stringify(welcomeCard({ userName: 'Megan', locale: 'en' })), JSON.stringify(welcomeCard({ userName: 'Megan' })));
    assert.match(visibleText(welcomeCard()), /Hi, I'm the CSP Move Assistant\./);
  });
});
