/** 취소 단계(cards/cancelledCard.ts): 취소한 사람, 사유, 이미 처리된 작업. */
import type { cancelled as english } from '../en/cancelled';
import type { Translation } from '../types';

export const cancelled: Translation<typeof english> = {
  'cancelled.ordered': '취소 전에 이미 주문이 완료되었으며, 이동을 취소해도 주문은 취소되지 않습니다. {undo}',
  'cancelled.nothingBought': '구매한 항목이 없습니다.',
  'cancelled.notAccepted': '고객이 아직 재판매인 초대를 수락하지 않았으며, 초대 링크는 모든 고객에게 공통된 링크이므로 철회할 수 없습니다. '
    + '고객의 전역 관리자에게 초대를 수락하지 말라고 알리십시오.',
  'cancelled.gdapWithdrawing': '고객이 승인하지 않은 GDAP(세분화된 위임 관리자 권한) 요청을 철회하고 있습니다.',
  'cancelled.gdapStays': '고객이 GDAP(세분화된 위임 관리자 권한)를 승인했으므로 해당 액세스 권한은 유지됩니다. 더 이상 필요하지 않으면 파트너 센터에서 종료하십시오.',
  'cancelled.originals': '원래 구독은 변경되지 않았습니다. 나중에 다시 시도하려면 "move {domain}"으로 새 이동을 시작하십시오.',
  'cancelled.unknown': '알 수 없음',
  'cancelled.noReason': '사유가 없습니다.',
  'cancelled.title': '이 이동은 취소되었습니다',
  'cancelled.byLabel': '취소한 사람',
  'cancelled.reasonLabel': '사유',
  'cancelled.meaningTitle': '취소에 따른 영향',
};
