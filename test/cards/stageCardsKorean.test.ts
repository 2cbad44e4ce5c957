/**
 * The stage cards (scheduled, provisioning, reassigning, done, blocked, cancelled, cancel confirmation, working) in
 * Korean: the card's own words are Korean, none of its English sentences is left, and English is unchanged.
 */
import assert from 'node:assert/strict';
import type { AdaptiveCardJson } from '../../cards/common';
import type { CardOptions } from '../../cards/moveView';
import { provisioningCard } from '../../cards/provisioningCard';
import { reassignmentCard } from '../../cards/reassignmentCard';
import { scheduledCard } from '../../cards/scheduledCard';
import { workingCard } from '../../cards/workingCard';
import { cancelledCard } from '../../cards/cancelledCard';
import { cancelConfirmCard } from '../../cards/cancelConfirmCard';
import { doneCard } from '../../cards/doneCard';
import { blockedCard } from '../../cards/blockedCard';
import { evolve } from '../../move/state';
import type { MoveEvent } from '../../move/events';
import type { MoveState } from '../../move/state';
import { system } from '../move/fixtures';
import { assertValidCard, visibleText } from './cardAssertions';
import { reassigningState, reassignmentIncompleteState, user } from './fabrikamFixtures';
import { ALEX, BLOCKED_EVENTS, CANCELLED_EVENTS, MEGAN, OPTIONS, contosoState, contosoUntil, stateOf } from './fixtures';
import { scheduledContoso } from './scheduledFixtures';

const KO: CardOptions = { ...OPTIONS, locale: 'ko', timeZone: 'Asia/Seoul' };

/** Draws the card in Korean, checks it, and returns its text; also checks 'en' draws what no locale draws. */
function korean(draw: (state: MoveState, options: CardOptions) => AdaptiveCardJson, state: MoveState, english: readonly RegExp[]): string {
  assert.equal(JSON.stringify(draw(state, { ...OPTIONS, locale: 'en' })), JSON.stringify(draw(state, OPTIONS)), 'en is the default');
  const card = draw(state, KO);
  assertValidCard(card);
  const text = visibleText(card);
  for (const phrase of english) assert.doesNotMatch(text, phrase);
  return text;
}


describe('stage cards in Korean', () => {
  describe('provisioningCard', () => {
    const english = [/Buying the new subscriptions/, /Plan approved by/, /Creating the cart/, /Order placed/, /New subscriptions/,
      /cancellable until/, /Undo path/, /Do not cancel the original/, /· status /];

    it('says in Korean that the cart is being created, with the approval in the reader\'s time zone', () => {
      const text = korean(provisioningCard, contosoState('PlanApproved'), english);
      assert.match(text, /새 구독 구매/);
      assert.match(text, /계획 승인자: \n?Adele Vance, 2025년 3월 5일 01:40 GMT\+9/);
      assert.match(text, /파트너 센터에 장바구니를 만들고 있습니다\./);
      assert.match(text, /원래 구독을 취소하지 마십시오/);
    });

    it('lists the order and each new subscription with its cancellation deadline in Korean', () => {
      const text = korean(provisioningCard, contosoState('OrderPlaced'), english);
      assert.match(text, /파트너 센터: \n?주문 ORD-123, 장바구니 cart-5e1f/);
      assert.match(text, /25 × Microsoft 365 Business Premium \(CFQ7TTC0LCHC:0002\) · 상태 pending · 구독 sub-spb-0001 · 2025년 3월 12일까지 취소 가능/);
      assert.match(text, /되돌리는 방법: 새 상거래 구독은 구매 후 7일 이내에/);
      assert.match(text, /이 주문의 취소 기한은 2025년 3월 12일 01:40 GMT\+9입니다/);
    });
  });

  describe('reassignmentCard', () => {
    it('shows the progress, the licences that move and the users needing attention in Korean', () => {
      const results = [user(1, 'moved'), user(2, 'moved'), ...Array.from({ length: 17 }, (_, i) => user(i + 3, i % 2 ? 'skipped-group' : 'skipped-usage-location'))];
      const text = korean(reassignmentCard, reassigningState(results), [/Moving users to the new licences/, /Licences that move/, /moved in this pass/,
        /assigned\)/, /Users the bot could not move/, /Skipped:/, /more users/, /Refresh/, /Download report/, /then try again/]);
      assert.match(text, /사용자를 새 라이선스로 이동하는 중/);
      assert.match(text, /이번 처리에서 사용자 2명을 이동했으며, 전체 2명을 이동했습니다\. 조치가 필요한 사용자는 17명입니다\./);
      assert.match(text, /SPE_E3 → Microsoft 365 E3 \(no Teams\) \+ Microsoft Teams Enterprise\(할당된 라이선스 46개\)/);
      assert.match(text, /user003@fabrikam\.onmicrosoft\.com — 건너뜀: 사용 위치 없음 — /);
      assert.match(text, /외 사용자 2명\. 모든 사용자는 보고서에서 확인할 수 있습니다: `report fabrikam\.onmicrosoft\.com`/);
      assert.match(text, /보고서 다운로드\(CSV\)/);
    });
  });

  describe('scheduledCard', () => {
    it('lists the purchases by date in Korean, the bought one and the next marked', () => {
      const at = '2027-02-22T01:00:00.000Z';
      const state = scheduledContoso([
        { type: 'PurchaseDue', at, actor: system, round: 0, buyOn: '2027-02-22', correlationId: 'corr-1' },
        { type: 'CartCreated', at, actor: system, customerId: 'c', cartId: 'cart-1', requestId: 'r', correlationId: 'corr-1' },
        { type: 'OrderPlaced', at, actor: system, orderIds: ['ord-1'], subscriptions: [], correlationId: 'corr-1' },
        { type: 'ProvisioningCompleted', at, actor: system, subscriptions: [], prepaidCheck: [], correlationId: 'corr-1' },
      ]);
      const text = korean(scheduledCard, state, [/Approved: buying/, /Plan approved by/, /Next purchase/, /replacing/, /which ends/,
        /Bought/, /\bNext\b/, /Later/, /not refunded/, /The approvers are reminded/, /Refresh/, /Cancel the move/]);
      assert.match(text, /승인됨: 아래 날짜에 구매합니다/);
      assert.match(text, /2027년 2월 22일[^]*구매함[^]*2027년 5월 25일[^]*다음/);
      assert.match(text, /다음 구매: 2027년 5월 25일/);
      assert.match(text, /대체, 20\d\d년 \d+월 \d+일에 종료\)/);
      assert.match(text, /이동 취소/);
    });
  });

  describe('workingCard', () => {
    const english = [/Moving users/, /users done/, /moved,/, /need attention/, /This card updates itself/, /Refresh/, /Placing the order/, /Order placed/];

    it('says in Korean what the bot is doing and how far the users got', () => {
      const text = korean(workingCard, reassigningState(), english);
      assert.match(text, /사용자를 새 라이선스로 이동하는 중…/);
      assert.match(text, /약 50명 중 3명 처리함: 2명 이동, 1명 조치 필요\./);
      assert.match(text, /이 카드는 자동으로 업데이트되며/);
      assert.match(text, /새로 고침/);
    });

    it('says in Korean that the order is being placed, then that it waits for provisioning', () => {
      assert.match(korean(workingCard, contosoState('CartCreated'), english), /주문하는 중…/);
      assert.match(korean(workingCard, contosoState('OrderPlaced'), english), /주문했습니다\. 파트너 센터에서 새 구독을 프로비전하기를 기다리는 중…/);
    });
  });

  describe('cancelledCard', () => {
    const english = [/This move was cancelled/, /Cancelled by/, /Reason:/, /What this means/, /Nothing was bought/, /reseller invitation/,
      /is being withdrawn/, /were not touched/, /An order was already placed/, /Undo path/];

    it('says in Korean who cancelled, and what a person may still need to do', () => {
      const text = korean(cancelledCard, stateOf(CANCELLED_EVENTS), english);
      assert.match(text, /이 이동은 취소되었습니다/);
      assert.match(text, /취소한 사람: \n?Megan Bowen, 2025년 3월 10일 17:00 GMT\+9/);
      assert.match(text, /The customer decided to stay with its current partner\./, 'the reason stays as typed');
      assert.match(text, /구매한 항목이 없습니다\./);
      assert.match(text, /고객이 아직 재판매인 초대를 수락하지 않았으며/);
      assert.match(text, /원래 구독은 변경되지 않았습니다\. 나중에 다시 시도하려면 "move contoso\.onmicrosoft\.com"으로 새 이동을 시작하십시오\./);
    });

    it('says in Korean that an order placed before the cancellation stays, with its undo window', () => {
      const state = stateOf([...contosoUntil('OrderPlaced'), { type: 'MoveCancelled', at: '2025-03-05T08:00:00Z', actor: MEGAN, reason: 'Wrong customer.' }]);
      const text = korean(cancelledCard, state, english);
      assert.match(text, /취소 전에 이미 주문이 완료되었으며, 이동을 취소해도 주문은 취소되지 않습니다\. 되돌리는 방법:/);
    });
  });

  describe('cancelConfirmCard', () => {
    const english = [/Cancel the move of/, /Cancelling does this/, /It does not do this/, /Stops the move/, /Nothing bought is refunded/,
      /Nothing has been bought/, /reseller invitation link/, /Withdraws the delegated/, /not touched/, /Why is the move cancelled/, /Keep the move/];

    it('asks in Korean, saying what cancelling does before anything was bought', () => {
      const state = contosoState('InvitationIssued');
      const draw = (s: MoveState, o: CardOptions) => cancelConfirmCard(s, o, { problem: 'Say why.' });
      const card = draw(state, KO);
      const text = korean(draw, state, english);
      assert.match(text, /contoso\.onmicrosoft\.com의 이동을 취소하시겠습니까\?/);
      assert.match(text, /이동을 중지합니다\. 봇은 고객에게 더 이상 아무것도 보내지 않으며/);
      assert.match(text, /구매한 항목이 없으므로 환불할 항목도 없습니다\./);
      assert.match(text, /재판매인 초대 링크는 모든 고객에게 공통된 링크이므로 철회할 수 없습니다/);
      assert.match(text, /취소되지 않았습니다: /);
      assert.match(JSON.stringify(card), /이동을 취소하는 이유는 무엇입니까\?/);
      assert.match(JSON.stringify(card), /"title":"이동 취소"[^]*"title":"이동 유지"/);
    });

    it('says in Korean that the subscriptions bought stay bought, with the undo window', () => {
      const text = korean((s, o) => cancelConfirmCard(s, o), contosoState('OrderPlaced'), english);
      assert.match(text, /구매한 항목은 환불되거나 취소되지 않습니다\. 이미 구매한 구독 2개는 그대로 유지됩니다\. 되돌리는 방법:/);
    });
  });

  describe('doneCard', () => {
    const english = [/Move complete/, /bought in your CSP program/, /Orders:/, /Let the original subscriptions expire/, /Do not cancel them/,
      /Let it expire on \d/, /Expiry date unknown/, /The bot watches them/, /Licences reassigned/, /left on the original licence/, /· subscription /, /licences? ·/];

    it('says in Korean what was bought and, for each original subscription, when to let it expire', () => {
      const text = korean(doneCard, contosoState('MoveCompleted'), english);
      assert.match(text, /이동 완료/);
      assert.match(text, /CSP 프로그램에서 구독 2개, 라이선스 35개를 구매했으며, 2025년 3월 5일 01:45 GMT\+9에 프로비전되었습니다\./);
      assert.match(text, /주문: \n?ORD-123/);
      assert.match(text, /원래 구독이 만료되도록 두십시오/);
      assert.match(text, /SPB · 라이선스 25개 · 구독 a1b2c3d4-0000-4000-8000-000000000001/);
      assert.match(text, /2025년 9월 30일에 만료되도록 두십시오\./);
      assert.match(text, /만료 날짜를 알 수 없습니다/);
      assert.match(text, /봇이 원래 구독을 모니터링하고/);
    });

    it('says in Korean how many users moved and who an override left on the original licence', () => {
      const state = ([
        { type: 'BlockOverridden', at: '2025-03-05T11:00:00Z', actor: ALEX, blockCode: 'reassignment-incomplete', reason: 'User 3 leaves the company this week.' },
        { type: 'SourceAdviceGiven', at: '2025-03-05T11:00:01Z', actor: ALEX, advice: [] },
        { type: 'MoveCompleted', at: '2025-03-05T11:00:01Z', actor: ALEX },
      ] as MoveEvent[]).reduce(evolve, reassignmentIncompleteState([user(1, 'moved'), user(2, 'moved'), user(3, 'skipped-usage-location')]));
      const text = korean(doneCard, state, english);
      assert.match(text, /라이선스 재할당: 사용자 2명을 새 라이선스로 이동했습니다\./);
      assert.match(text, /Alex Wilber님이 2025년 3월 5일에 재정의하여 사용자 1명이 원래 라이선스에 남아 있습니다: User 3 leaves the company this week\./);
      assert.match(text, /user003@fabrikam\.onmicrosoft\.com — 건너뜀: 사용 위치 없음/);
      assert.match(text, /원래 구독별 권장 사항을 준비하고 있습니다\. 잠시 후 이 카드를 새로 고치십시오\./);
    });
  });

  describe('blockedCard', () => {
    const english = [/This move is blocked/, /What you can do/, /Customer tenant/, /Your partner account/, /Found from/, /, CSP region /,
      /the country typed on the start form/, /can only take over/, /start again/, /Users who need attention/, /Try again/, /can try again/,
      /keep their original licence/, /Users still on the old licence/, /moved in this pass/];

    it('says in Korean why the region blocks the move and what to do', () => {
      const text = korean(blockedCard, stateOf(BLOCKED_EVENTS), english);
      assert.match(text, /이 이동은 차단되었습니다\(2025년 3월 3일 18:00 GMT\+9\)/);
      assert.match(text, /고객 테넌트: \n?DE, CSP 지역 Europe/);
      assert.match(text, /확인 출처: \n?시작 양식에 입력한 국가/);
      assert.match(text, /할 수 있는 작업/);
      assert.match(text, /CSP 파트너는 테넌트 국가가 자신의 지역에 속한 고객만 인수할 수 있습니다\./);
      assert.match(text, /"move fabrikam\.de"으로 다시 시작하고/);
      assert.match(text, /Europe 지역에서 권한이 있는 CSP 파트너만/);
    });

    it('lists in Korean the users left on the old licence, with Try again for the roles that may retry', () => {
      const state = reassignmentIncompleteState([user(1, 'moved'), user(2, 'failed'), user(3, 'skipped-group')]);
      const card = blockedCard(state, KO);
      const text = korean(blockedCard, state, english);
      assert.match(text, /이전 라이선스에 남은 사용자: \n?2/);
      assert.match(text, /계정 관리자, 관리 에이전트 또는 영업 에이전트가 다시 시도할 수 있습니다\("retry fabrikam\.onmicrosoft\.com"을 입력해도 됩니다\)\./);
      assert.match(text, /조치가 필요한 사용자/);
      assert.match(text, /user002@fabrikam\.onmicrosoft\.com — 실패 — /);
      assert.match(text, /다시 시도를 선택하면 위의 사용자 2명과/);
      assert.match(JSON.stringify(card), /"title":"다시 시도"/);
    });
  });
});
