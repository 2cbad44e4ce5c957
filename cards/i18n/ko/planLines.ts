/** 표 밖에 표시하는 계획 줄 정보(cards/planLines.ts): 항상 보여야 하는 내용과 세부 정보 안의 줄별 설명. */
import type { planLines as english } from '../en/planLines';
import type { Translation } from '../types';

export const planLines: Translation<typeof english> = {
  'planLines.term.P1M': '1개월',
  'planLines.term.P1Y': '1년',
  'planLines.term.P3Y': '3년',
  'planLines.billing.monthly': '월별',
  'planLines.billing.annual': '연간',
  'planLines.billing.triennial': '3년 단위',
  'planLines.termAndBilling': '{term} 기간, {billing} 청구',
  'planLines.unknown': '알 수 없음',
  'planLines.untitled': '이름 없는 제품',
  'planLines.moreOffers': '외 제품 {n}개',
  'planLines.more': '{shown} 외 {n}개',
  'planLines.lost': '사용자가 {plans} 서비스 플랜을 더 이상 사용할 수 없게 됩니다. 고객이 동의했는지 확인하십시오.',
  'planLines.quantityProblem': '오류: 구매 수량 {quantity}개가 현재 할당된 라이선스 {assigned}개보다 적어 사용자가 라이선스를 잃게 됩니다. 라이선스 수를 늘리거나(기간, 라이선스 수 또는 날짜 변경) 계획을 거부하십시오.',
  'planLines.original': '{date} 종료 · {term}',
  'planLines.originalNoEnd': '종료일 알 수 없음 · {term}',
  'planLines.termUnknown': '기간 알 수 없음',
  'planLines.reassign': '사용자가 새 라이선스로 이동합니다',
  'planLines.keep': '사용자가 기존 라이선스를 유지합니다(재할당 없음)',
  'planLines.noReason': '사유가 없습니다.',
  'planLines.label.offers': '제품',
  'planLines.label.original': '기존 구독',
  'planLines.label.purchase': '새 구독',
  'planLines.label.why': '선택 이유',
  'planLines.label.ignored': '이전하지 않음(사용 중인 사용자 없음)',
};
