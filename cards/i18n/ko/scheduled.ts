/** 예약 단계(cards/scheduledCard.ts): 승인된 계획이 구매 날짜를 기다립니다. */
import type { scheduled as english } from '../en/scheduled';
import type { Translation } from '../types';

export const scheduled: Translation<typeof english> = {
  'scheduled.title': '승인됨: 아래 날짜에 구매합니다',
  'scheduled.approvalLabel': '계획 승인자',
  'scheduled.notApproved': '승인되지 않음',
  'scheduled.nextPurchase': '다음 구매: {date}',
  'scheduled.line': '{quantity} × {offers}({original} 대체)',
  'scheduled.lineEnding': '{quantity} × {offers}({original} 대체, {date}에 종료)',
  'scheduled.why': '원래 구독은 각각의 종료일까지 유지되며 취소한 구독은 환불되지 않으므로, 각 항목은 원래 구독이 끝나기 며칠 전에 구매합니다. 따라서 고객은 이중으로 비용을 지불하지 않으며, 새 구독은 구매 후 7일 이내에 취소할 수 있습니다.',
  'scheduled.reminder': '승인자에게는 각 구매 전날 알림이 전송됩니다. 아직 구매하지 않은 항목을 중지하려면 이동을 취소하십시오(이미 구매한 항목은 그대로 유지됩니다).',
  'scheduled.bought': '구매함',
  'scheduled.nextUp': '다음',
  'scheduled.later': '나중',
  'scheduled.now': '승인 시',
  'scheduled.refresh': '새로 고침',
  'scheduled.cancel': '이동 취소',
};
