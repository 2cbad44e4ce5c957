/** 계획 카드의 "기간, 라이선스 수 또는 날짜 변경"(cards/planAdjustForm.ts)과 잘못된 입력에 대한 안내(cards/planChoices.ts). */
import type { planAdjust as english } from '../en/planAdjust';
import type { Translation } from '../types';

export const planAdjust: Translation<typeof english> = {
  'planAdjust.title': '기간, 라이선스 수 또는 날짜 변경',
  'planAdjust.intro': '필요한 항목을 변경한 다음 계획을 다시 작성하십시오. 계획이 가격과 함께 다시 작성되며 다시 승인을 받아야 합니다.',
  'planAdjust.term': '기간 및 청구 주기',
  'planAdjust.seats': '라이선스 수(할당된 {n}개 이상)',
  'planAdjust.seatsError': '할당된 사용자 수인 {n} 이상이어야 합니다.',
  'planAdjust.buyOn': '구매일(비워 두면 승인 시 구매)',
  'planAdjust.buyOnByEnd': '구매일(비워 두면 승인 시 구매, {date}까지)',
  'planAdjust.buyOnError': '기존 구독이 종료되는 {date}까지여야 합니다.',
  'planAdjust.redraw': '계획 다시 작성',
  'planAdjust.more': '처음 {n}개 이후의 줄은 봇이 작성한 내용을 유지합니다. 이 줄들을 다시 작성한 후 변경하거나 계획을 거부하십시오.',
  'planAdjust.problem.term': '{name}: 카드에 표시된 기간 및 청구 주기를 선택하십시오.',
  'planAdjust.problem.quantity': '{name}: 수량은 라이선스 수를 나타내는 정수여야 합니다.',
  'planAdjust.problem.buyOn': '{name}: 구매일은 날짜여야 합니다(승인 시 구매하려면 비워 두십시오).',
};
