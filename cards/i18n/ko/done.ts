/** 권장 사항 및 완료 단계(cards/doneCard.ts): 구매한 항목, 이동한 사용자, 원래 구독별 권장 사항. */
import type { done as english } from '../en/done';
import type { Translation } from '../types';

export const done: Translation<typeof english> = {
  'done.reassigned': '라이선스 재할당: 사용자 {users, plural, other {{users}명}}을 새 라이선스로 이동했습니다.',
  'done.reassignedPasses': '라이선스 재할당: {passes}회에 걸쳐 사용자 {users, plural, other {{users}명}}을 새 라이선스로 이동했습니다.',
  'done.leftBehind': '{name}님이 {date}에 재정의하여 사용자 {n, plural, other {{n}명}}이 원래 라이선스에 남아 있습니다: {reason} '
    + '원래 구독이 끝나기 전에 Microsoft Entra에서 이 사용자를 직접 이동하십시오. 그러지 않으면 해당 라이선스를 잃게 됩니다.',
  'done.adviceHeading': '{product} · 라이선스 {licences, plural, other {{licences}개}} · 구독 {id}',
  'done.expiresOn': '{date}에 만료되도록 두십시오.',
  'done.ended': '종료됨(봇이 종료를 확인함).',
  'done.expiryUnknown': '만료 날짜를 알 수 없습니다(Graph에서 제공하지 않음). 만료되도록 두기 전에 종료 날짜를 확인하십시오.',
  'done.complete': '이동 완료',
  'done.active': '새 구독이 활성화되었습니다',
  'done.summary': 'CSP 프로그램에서 구독 {subscriptions, plural, other {{subscriptions}개}}, 라이선스 {licences, plural, other {{licences}개}}를 구매했습니다.',
  'done.summaryProvisioned': 'CSP 프로그램에서 구독 {subscriptions, plural, other {{subscriptions}개}}, 라이선스 {licences, plural, other {{licences}개}}를 구매했으며, {at}에 프로비전되었습니다.',
  'done.noOrders': '없음',
  'done.adviceWatching': '봇이 원래 구독을 모니터링하고 각 날짜 2주 전에 알림을 보내며, 모두 종료되면 이동을 마칩니다.',
  'done.advicePending': '원래 구독별 권장 사항을 준비하고 있습니다. 잠시 후 이 카드를 새로 고치십시오.',
  'done.prepaidOk': '{product}: 고객 테넌트의 라이선스 {before} → {after}(주문 {ordered}).',
  'done.prepaidShort': '{product}: 고객 테넌트의 라이선스 {before} → {after}(주문 {ordered}) — 주문한 수보다 적습니다. '
    + '파트너 센터와 Microsoft 365 관리 센터에서 새 구독을 확인하십시오.',
  'done.ordersLabel': '주문',
  'done.checkedTitle': '고객 테넌트에서 확인한 결과',
  'done.expireTitle': '원래 구독이 만료되도록 두십시오',
  'done.doNotCancel': '원래 구독을 취소하지 마십시오. 취소한 구독은 환불되지 않습니다. 아래의 각 만료 날짜가 가까워질 때까지 기다리십시오. '
    + '그동안 고객은 새 구독으로 계속 작업합니다. {hint}',
  'done.multiPartner': '다중 파트너: 고객은 기존의 다른 파트너도 유지합니다. 이 계획에 포함된 구독만 귀사로 이동했습니다.',
};
