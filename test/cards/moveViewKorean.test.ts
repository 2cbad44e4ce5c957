/**
 * The shared move-card pieces and the cards of the "moveView" group in Korean: on whom a move waits, the failure box,
 * the "Started by" line, the stage badge; English unchanged when no language is given.
 */
import assert from 'node:assert/strict';
import type { MoveEvent } from '../../move/events';
import { STAGE_LABELS, type Stage } from '../../move/stages';
import { evolve } from '../../move/state';
import { compactHeaderView, stageBadge, stageName } from '../../cards/compactHeader';
import { approverText, failureView, namesText, startedText, waitingFor } from '../../cards/moveView';
import { moveCard } from '../../cards/moveCard';
import { progressCard } from '../../cards/progressCard';
import { inventoryCard } from '../../cards/inventoryCard';
import { OFFER_FORMS_TEMPLATE, offerFormsView } from '../../cards/offerChoiceForm';
import { expandCard } from '../../cards/common';
import { assertValidCard, buttons, compactHeader, moveChecks, visibleText } from './cardAssertions';
import { inventoryFailingState, noEquivalentState } from './fabrikamFixtures';
import { BLOCKED_EVENTS, FAILURE_EVENTS, MEGAN, OPTIONS, REJECTED_EVENTS, contosoState, stateOf } from './fixtures';
import { scheduledContoso } from './scheduledFixtures';


const KO = { ...OPTIONS, locale: 'ko' as const };
const SEOUL = { ...KO, timeZone: 'Asia/Seoul' };

describe('moveView in Korean', () => {
  it('says on whom a move waits, stage by stage, without the English words', () => {
    const approval = contosoState('PlanProposed');
    const waiting = waitingFor(approval, KO);
    assert.equal(waiting.what, '계획 승인.');
    assert.match(waiting.who, /계정 관리자 또는 청구 관리자/);
    assert.doesNotMatch(waiting.who, /an Account admin|a Billing agent|other than/);
    assert.equal(waitingFor(contosoState('MoveStarted'), KO).who, '봇(조치할 필요 없음)');
    const invited = waitingFor(contosoState('InvitationIssued'), KO);
    assert.match(invited.what, /의 전역 관리자가 재판매인 초대를 수락하고 GDAP\(세분화된 위임 관리자 권한\) 요청을 승인해야 합니다\./);
    assert.equal(invited.who, '고객의 전역 관리자(초대 메시지를 보내십시오)');
    const blocked = waitingFor(stateOf(BLOCKED_EVENTS), KO);
    assert.match(blocked.what, /^없음: 이동이 차단되었습니다\./);
    assert.equal(blocked.who, '없음');
  });

  it('names the buy date in Korean, in the reader\'s time zone', () => {
    const scheduled = scheduledContoso();
    assert.equal(scheduled.stage, 'scheduled');
    const what = waitingFor(scheduled, SEOUL).what;
    assert.match(what, /^구매일: 봇이 2027년 2월 22일에 .+을\(를\) 주문합니다\(승인자에게는 전날 알림이 전송됩니다\)\.$/);
    assert.match(waitingFor(scheduled, OPTIONS).what, /^The buy date: the bot orders .+ on 22 Feb 2027 \(the approvers/);
    assert.doesNotMatch(what, /The buy date|the bot orders/);
  });

  it('lists approvers by name with the Korean list style, cut at four', () => {
    assert.equal(namesText(['Adele Vance', 'Alex Wilber'], 'ko'), 'Adele Vance 또는 Alex Wilber');
    assert.equal(namesText(['A', 'B', 'C', 'D', 'E', 'F'], 'ko'), 'A, B, C, D 또는 외 2명');
    assert.equal(namesText(['A', 'B', 'C', 'D', 'E', 'F']), 'A, B, C, D or 2 others');
    assert.equal(namesText(['A', 'B', 'C', 'D', 'E']), 'A, B, C, D or 1 other');
    assert.equal(namesText(['A', 'B', 'C']), 'A, B or C');
    assert.equal(approverText(contosoState('PlanProposed'), { ...KO, approverNames: ['Adele Vance', 'Alex Wilber'] }), 'Adele Vance 또는 Alex Wilber');
  });

  it('draws the failure box and the started line in Korean', () => {
    const failing = stateOf(FAILURE_EVENTS);
    const failure = failureView(failing, SEOUL);
    assert.ok(failure);
    assert.equal(failure.step, 'checkout(2회 실패, 마지막 실패: 2025년 3월 5일 01:41 GMT+9)');
    assert.match(failure.next, /^자동으로 다시 시도합니다\./);
    assert.deepEqual(failureView(failing, { locale: 'en' }), failureView(failing));
    const started = startedText(failing, SEOUL);
    assert.match(started, /^시작한 사용자: Megan Bowen, 2025년 3월 \d+일 \d\d:\d\d GMT\+9 · /);
    assert.doesNotMatch(started, /Started by|bought direct/);
    assert.equal(startedText(failing, { locale: 'en' }), startedText(failing));
  });

  it('a failure that needs a person, in Korean', () => {
    const state = evolve(contosoState('CartCreated'), {
      type: 'StepFailed', at: '2025-03-04T16:40:15Z', actor: MEGAN, step: 'checkout', error: 'The customer has not accepted the MCA.', retryable: false,
    } as MoveEvent);
    assert.match(failureView(state, KO)?.step ?? '', /^checkout\(2025년 3월 4일 16:40 UTC에 실패\)$/);
    assert.match(failureView(state, KO)?.next ?? '', /봇에 "재시도"를 보내거나 이동을 취소하십시오\./);
  });
});

describe('compact header in Korean', () => {
  const STAGES = Object.keys(STAGE_LABELS) as Stage[];

  it('names every stage in Korean; in English exactly as the domain names it', () => {
    for (const stage of STAGES) {
      assert.equal(stageName(stage), STAGE_LABELS[stage], stage);
      assert.match(stageName(stage, 'ko'), /\p{Script=Hangul}/u, stage);
      assert.match(stageBadge(stage, 'ko'), /\p{Script=Hangul}/u, stage);
    }
    assert.equal(stageBadge('awaiting-acceptance'), 'Invitation sent');
    assert.equal(stageBadge('awaiting-acceptance', 'ko'), '초대 보냄');
    assert.equal(stageBadge('approval', 'ko'), '승인 대기 중');
  });

  it('draws the header and its failure box in Korean on a card', () => {
    const state = stateOf(FAILURE_EVENTS);
    const header = compactHeaderView(state, KO);
    assert.match(header.waiting, /^대기 대상: /);
    assert.deepEqual(header.labels, { stepFailed: '실패한 단계', error: '오류' });
    const text = visibleText(moveCard(state, KO));
    assert.match(text, /실패한 단계: \ncheckout\(2회 실패, 마지막 실패: 2025년 3월 4일 16:41 UTC\)\n오류: \nPartner Center answered 503/);
    assert.doesNotMatch(text, /Step failed|Retrying automatically/);
  });

  it('shows the plan decision in Korean', () => {
    const approved = compactHeaderView(contosoState('PlanApproved'), KO, 'decision');
    assert.equal(approved.stage, '승인됨');
    assert.equal(compactHeaderView(stateOf(REJECTED_EVENTS), KO, 'decision').stage, '거부됨');
  });

  it('English is the same with locale en as without one', () => {
    const state = stateOf(FAILURE_EVENTS);
    assert.deepEqual(compactHeaderView(state, { ...OPTIONS, locale: 'en' }), compactHeaderView(state, OPTIONS));
    assert.equal(compactHeader(moveCard(state, OPTIONS)).stage, stageBadge(state.stage));
  });
});

describe('progress card in Korean', () => {
  it('says what the bot does and what comes next, with the typed-inventory form, in Korean', () => {
    const failing = inventoryFailingState();
    const card = progressCard(failing, KO);
    assertValidCard(card, moveChecks(failing));
    const text = visibleText(card);
    assert.match(text, /확인 중… .+이\(가\) 현재 보유한 라이선스를 읽습니다\./);
    assert.match(text, /다음 단계: 같은 제품과 수량으로 작성한 계획\(승인 필요\)\./);
    assert.match(text, /인벤토리 직접 입력/);
    assert.match(text, /라이선스\(한 줄에 하나씩\)/);
    assert.match(text, /계정 관리자, 관리 에이전트 또는 영업 에이전트이\(가\) 보낼 수 있습니다\./);
    assert.match(text, /<SKU 부품 번호 또는 Graph skuId>/);
    assert.deepEqual(buttons(card).map((b) => b.title), ['인벤토리 보내기', '새로 고침', '이동 취소']);
    assert.doesNotMatch(text, /Checking…|Next:|Type the inventory|Licences, one per line|can send it|Send the inventory|Started by/);
  });

  it('English is the same with locale en as without one', () => {
    const failing = inventoryFailingState();
    assert.equal(JSON.stringify(progressCard(failing, { ...OPTIONS, locale: 'en' })), JSON.stringify(progressCard(failing, OPTIONS)));
    const text = visibleText(progressCard(failing, OPTIONS));
    assert.match(text, /Type the inventory[^]*\nan Account admin, an Admin agent or a Sales agent can send it\. Every line is checked/);
  });
});

describe('inventory card in Korean', () => {
  it('lists what the customer has today in Korean, dates in the reader\'s time zone', () => {
    const state = contosoState('InventoryTaken');
    const card = inventoryCard(state, SEOUL);
    assertValidCard(card, moveChecks(state));
    const text = visibleText(card);
    assert.match(text, /고객이 현재 보유한 항목/);
    assert.match(text, /2025년 3월 4일 23:15 GMT\+9에 읽음: 라이선스 SKU \d+개, 라이선스 \d+개, 할당됨 \d+\./);
    assert.match(text, /라이선스 \d+개, 할당됨 \d+, 사용 가능 \d+ · 상태 /);
    assert.match(text, /구독 [^\n]+ · 라이선스 \d+개 · 상태 [^\n]+ · 다음 수명 주기 날짜 /);
    assert.match(text, /다음 단계: 계획에서 같은 제품을 같은 라이선스 수로 구매합니다\./);
    assert.doesNotMatch(text, /What the customer has today|Read on|licences?\b|assigned|next lifecycle date|Next:/);
  });

  it('English is the same with locale en as without one', () => {
    const state = contosoState('InventoryTaken');
    assert.equal(JSON.stringify(inventoryCard(state, { ...OPTIONS, locale: 'en' })), JSON.stringify(inventoryCard(state, OPTIONS)));
    assert.match(visibleText(inventoryCard(state, OPTIONS)), /Read on 4 Mar 2025, 14:15 UTC: /);
  });
});

describe('offer choice forms in Korean', () => {
  /** The forms alone, as the blocked card draws them. */
  const drawn = (locale?: 'en' | 'ko') => {
    const state = noEquivalentState();
    return expandCard({ type: 'AdaptiveCard', version: '1.5', body: [OFFER_FORMS_TEMPLATE] }, { offerForms: offerFormsView(state, locale) });
  };

  it('asks an Account admin, in Korean, to pick offers for a licence with no equivalent', () => {
    const text = visibleText(drawn('ko'));
    assert.match(text, /: 상응하는 제품 없음/);
    assert.match(text, /대신 구매할 제품\(1~3개\)/);
    assert.match(text, /이 제품이 적합한 이유/);
    assert.match(text, /계정 관리자만 제품을 선택할 수 있습니다\./);
    assert.match(text, /라이선스당 월 약 \$\d+\.\d\d/);
    assert.deepEqual(buttons(drawn('ko')).map((b) => b.title), ['이 제품 사용']);
    assert.doesNotMatch(text, /no equivalent offer|Offers to buy instead|Only an Account admin|a licence a month|Use these offers/);
  });

  it('English is the same with locale en as without one', () => {
    assert.equal(JSON.stringify(drawn('en')), JSON.stringify(drawn()));
    assert.match(visibleText(drawn()), /: no equivalent offer[^]*Offers to buy instead \(one to three\)[^]*Only an Account admin can pick offers\./);
  });
});
