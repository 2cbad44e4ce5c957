/**
 * The plan card and its parts in Korean (cards/i18n/*\/plan*.ts): drawn with locale 'ko' they speak formal Korean,
 * with product names, ids and money as they are; without a locale, or with 'en', they are the English card unchanged.
 */
import assert from 'node:assert/strict';
import { planCard } from '../../cards/planCard';
import { lineChanges, lineInputIds } from '../../cards/planChoices';
import { termText, lineAttention, planNames } from '../../cards/planLines';
import { termLabel, undoText } from '../../cards/planTable';
import { productName, productNameWithPart } from '../../cards/productNames';
import type { CardOptions } from '../../cards/moveView';
import type { Plan } from '../../move/model';
import { assertValidCard, shownAtFirst, visibleText, walk } from './cardAssertions';
import { FABRIKAM_PLAN, FABRIKAM_PRICED_PLAN, VISIO_BLOCKER, pickedPlanState, pricedPlanState } from './fabrikamFixtures';
import { OPTIONS, contosoState, contosoUntil, stateOf, REJECTED_EVENTS } from './fixtures';

const KO: CardOptions = { ...OPTIONS, locale: 'ko' };
const firstSight = (card: object) => visibleText(shownAtFirst(card));

/** The card's text without what the planner wrote (its warnings and reasons, not yet in the catalog). */
const ownWords = (text: string) => text.split('\n').filter((line) => !/^(.+: )?(The |Equivalent: |Picked by )/.test(line)).join('\n');

function find(card: unknown, test: (o: Record<string, unknown>) => boolean): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  walk(card, (o) => { if (test(o)) found.push(o); });
  return found;
}

/** The English words of the plan card's tables that must not show on a Korean card. */
const ENGLISH_PHRASES = [
  /Today → buy in CSP/, /Cost a month/, /\bassigned\b/, /Total: /, /a month/, /Undo /, /Paid twice/, /Prices: your Partner Center/,
  /\bDetails\b/, /Check before approving/, /Started by/, /Proposed for/, /Who can approve/, /Plan hash/, /four-eyes/i,
  /No licence reassignment/, /Licences will be reassigned/, /Undo path/, /Comment/, /Change term, seats or dates/, /Redraw the plan/,
  /Term and billing/, /Buy on/, /\bbilled\b/, /1 year|1 month/, /\bends \d/, /Offers: /, /Original: /, /Why: /, /lines?, \d+ licences?/,
];

describe('plan card in Korean', () => {
  const state = pricedPlanState();
  const card = planCard(state, KO);
  const text = visibleText(card);
  const shown = firstSight(card);

  it('draws a valid card whose table, money and undo date are in Korean, product names and amounts as they are', () => {
    assertValidCard(card);
    for (const header of ['현재 → CSP에서 구매', '라이선스 수', '기간 · 구매일', '월 비용']) assert.ok(shown.includes(header), header);
    assert.match(shown, /Microsoft 365 E3/);
    assert.match(shown, /\d+개 할당됨/);
    assert.match(shown, /합계: 월 USD 1,980\.00 · 약정 기간 전체 USD 23,430\.00/);
    assert.match(shown, /기존 구독이 종료될 때까지 이중으로 지불하는 금액: 7일 동안 USD 448\.77\./);
    assert.match(shown, /가격: 파트너 센터 가격표, US, 2026년 11월\./);
    assert.match(shown, /일할 계산된 금액을 환불받으려면 다음 기한까지 취소하십시오: 2027년 2월 18일까지\(Microsoft 365 E3\); 승인 후 7일 이내\(Visio Plan 2\)\./);
    assert.match(shown, /의견\(거부하는 경우 이유를 입력하십시오\)/);
  });

  it('keeps Details in Korean: the summary, each line, the reassignment, the undo path and the approval rule', () => {
    assert.match(text, /2개 줄, 총 라이선스 \d+개\(/);
    assert.match(text, /기존 구독: \n2027년 2월 \d+일 종료 · /);
    assert.match(text, /새 구독: \n1년 기간, 연간 청구 · 사용자가 새 라이선스로 이동합니다/);
    assert.match(text, /기존 구독: \n종료일 알 수 없음 · 1개월 기간, 월별 청구/);
    assert.match(text, /취소 방법: 새 구독은 구매 후 7일 이내에 취소하면/);
    assert.match(text, /제안 대상: \n이동을 시작한 .+\(봇이 대신 작성함\)/);
    assert.match(text, /계획 해시: /);
    for (const phrase of ENGLISH_PHRASES) assert.doesNotMatch(ownWords(text), phrase, String(phrase));
  });

  it('names the buttons and the change form in Korean, with the same verbs and inputs', () => {
    const titles = find(card, (o) => o.type === 'Action.Execute' || o.type === 'Action.ShowCard' || o.type === 'Action.ToggleVisibility').map((a) => a.title);
    assert.ok(titles.includes('승인') || titles.includes('거부'), titles.join(', '));
    assert.ok(titles.includes('기간, 라이선스 수 또는 날짜 변경'), titles.join(', '));
    assert.ok(titles.includes('계획 다시 작성'), titles.join(', '));
    assert.ok(titles.some((title) => /^세부 정보/.test(String(title))), titles.join(', '));
    const [buyOn] = find(card, (o) => o.id === lineInputIds(0).buyOn);
    assert.equal(buyOn.label, '구매일(비워 두면 승인 시 구매, 2027년 2월 18일까지)');
    assert.equal(buyOn.max, '2027-02-18');
    const [term] = find(card, (o) => o.id === lineInputIds(1).term);
    assert.deepEqual((term.choices as Array<{ title: string }>).map((c) => c.title), ['1개월', '1년, 월별 청구', '1년, 연간 청구']);
  });

  it('says blockers, lost plans and the decision in Korean', () => {
    const blocked = visibleText(planCard(pickedPlanState({ ...FABRIKAM_PLAN, blockers: [VISIO_BLOCKER] }), KO));
    assert.match(blocked, /차단 요소: 담당자가 직접 해결해야 합니다/);
    const rejected = visibleText(planCard(stateOf(REJECTED_EVENTS), KO));
    assert.match(rejected, /님이 2025년 3월 \d+일 \d\d:\d\d UTC에 거부했습니다/);
    assert.match(rejected, /다음 단계: 다시 시도하려면 새 이동을 시작하십시오\(이동 contoso\.onmicrosoft\.com\)/);
    const approved = visibleText(planCard(stateOf([...contosoUntil('PlanApproved')]), { ...KO, timeZone: 'Asia/Seoul' }));
    assert.match(approved, /님이 2025년 3월 \d+일 \d\d:\d\d GMT\+9에 승인했습니다\./);
    assert.match(approved, /다음 단계: 봇이 /);
    assert.doesNotMatch(approved, /Approved by|Next: /);
  });

  it('words the line helpers in Korean and leaves English as it was', () => {
    const line = FABRIKAM_PRICED_PLAN.lines[0];
    assert.equal(termLabel({ termDuration: 'P1Y', billingCycle: 'annual' }, 'ko'), '1년, 연간 청구');
    assert.equal(termText({ termDuration: 'P3Y', billingCycle: 'triennial' }, 'ko'), '3년 기간, 3년 단위 청구');
    assert.equal(termText({ termDuration: 'P3Y', billingCycle: 'triennial' }), '3-year term, billed every 3 years');
    assert.equal(planNames(['A', 'B', 'C'], 2, 'ko'), 'A, B 외 1개');
    const short = lineAttention({ ...line, quantity: 1, lostPlans: ['Teams'] }, false, 'ko').map((a) => a.text).join('\n');
    assert.match(short, /사용자가 Teams 서비스 플랜을 더 이상 사용할 수 없게 됩니다\./);
    assert.match(short, /오류: 구매 수량 1개가 현재 할당된 라이선스 \d+개보다 적어/);
    assert.match(undoText([{ ...line, buyOn: null }], '2026-11-01T00:00:00Z', null, 'ko'), /^승인 후 7일 이내에 취소하면/);
  });

  it('tells a bad click what is wrong in Korean, and changes nothing', () => {
    const { changes, problems } = lineChanges({ [lineInputIds(0).quantity]: 'many', [lineInputIds(0).buyOn]: 'soon' }, FABRIKAM_PRICED_PLAN.lines, 'ko');
    assert.deepEqual(changes, []);
    assert.match(problems.join(' '), /수량은 라이선스 수를 나타내는 정수여야 합니다\..*구매일은 날짜여야 합니다/);
    assert.match(lineChanges({ [lineInputIds(0).quantity]: 'many' }, FABRIKAM_PRICED_PLAN.lines).problems[0], /the quantity must be a whole number of licences\./);
  });

  it('names a product it knows nothing of in Korean', () => {
    assert.equal(productName({ plan: null }, {}, 'ko'), '알 수 없는 제품');
    assert.equal(productName({ plan: null }, {}), 'Unknown product');
    assert.equal(productNameWithPart({ plan: null }, { skuPartNumber: 'SPE_E3' }, 'ko'), 'SPE_E3');
  });

  it('English is the card without a locale, byte for byte', () => {
    const states = [pricedPlanState(), contosoState('PlanProposed'), stateOf(REJECTED_EVENTS), stateOf([...contosoUntil('PlanApproved')]),
      pickedPlanState({ ...FABRIKAM_PLAN, blockers: [VISIO_BLOCKER] } as Plan)];
    for (const s of states) assert.equal(JSON.stringify(planCard(s, { ...OPTIONS, locale: 'en' })), JSON.stringify(planCard(s, OPTIONS)));
    assert.match(visibleText(planCard(pricedPlanState(), OPTIONS)), /Total: USD 1,980\.00 a month · USD 23,430\.00 committed/);
  });
});
