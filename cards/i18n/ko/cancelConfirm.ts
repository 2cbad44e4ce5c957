/** "이동을 취소하시겠습니까?"(cards/cancelConfirmCard.ts): 취소하면 하는 일과 하지 않는 일, 그리고 사유. */
import type { cancelConfirm as english } from '../en/cancelConfirm';
import type { Translation } from '../types';

export const cancelConfirm: Translation<typeof english> = {
  'cancelConfirm.title': '{domain}의 이동을 취소하시겠습니까?',
  'cancelConfirm.doesTitle': '취소하면 다음 작업이 수행됩니다',
  'cancelConfirm.doesNotTitle': '다음 작업은 수행되지 않습니다',
  'cancelConfirm.stops': '이동을 중지합니다. 봇은 고객에게 더 이상 아무것도 보내지 않으며 아무것도 구매하지 않습니다.',
  'cancelConfirm.purchasesNotMade': '{dates}에 예정된 구매를 하지 않습니다.',
  'cancelConfirm.gdapWithdrawn': '고객이 승인하지 않은 GDAP(세분화된 위임 관리자 권한) 요청을 철회하므로, 고객의 전역 관리자는 더 이상 이 요청을 승인할 수 없습니다.',
  'cancelConfirm.nothingRefunded': '구매한 항목은 환불되거나 취소되지 않습니다. 이미 구매한 구독 {n, plural, other {{n}개}}는 그대로 유지됩니다. {undo}',
  'cancelConfirm.nothingBought': '구매한 항목이 없으므로 환불할 항목도 없습니다.',
  'cancelConfirm.resellerLink': '재판매인 초대 링크는 모든 고객에게 공통된 링크이므로 철회할 수 없습니다. 고객의 전역 관리자에게 초대를 수락하지 말라고 알리십시오.',
  'cancelConfirm.gdapStays': '고객이 승인한 GDAP(세분화된 위임 관리자 권한) 액세스 권한은 유지됩니다. 필요하지 않으면 파트너 센터에서 종료하십시오.',
  'cancelConfirm.originals': '원래 구독은 변경되지 않습니다.',
  'cancelConfirm.reasonLabel': '이동을 취소하는 이유는 무엇입니까? (기록과 취소 카드에 남습니다)',
  'cancelConfirm.reasonPlaceholder': '예: 고객이 현재 파트너를 계속 이용하기로 했습니다.',
  'cancelConfirm.reasonError': '사유를 500자 이내로 입력하십시오.',
  'cancelConfirm.problemIntro': '취소되지 않았습니다: ',
  'cancelConfirm.confirm': '이동 취소',
  'cancelConfirm.keep': '이동 유지',
  'cancelConfirm.now': '지금',
};
