/** 계획 카드(cards/planCard.ts): 한눈에 보는 결정 사항, 승인/거부 단추, 결정된 후의 내용. */
import type { plan as english } from '../en/plan';
import type { Translation } from '../types';

export const plan: Translation<typeof english> = {
  'plan.noPlan': '아직 계획이 없습니다. 인벤토리를 읽는 즉시 계획을 작성합니다.',
  'plan.hiddenRows': '{n, plural, other {표시되지 않은 줄이 {n}개 더 있습니다. 세부 정보의 계획 해시는 모든 줄을 포함합니다.}}',
  'plan.blockersTitle': '차단 요소: 담당자가 직접 해결해야 합니다',
  'plan.details': '세부 정보',
  'plan.detailsWarnings': '{n, plural, other {세부 정보(경고 {n}개)}}',
  'plan.blockedHint': '계획에 차단 요소가 있으면 승인할 수 없습니다. 의견을 남기고 거부하거나, 동등한 제품이 없는 라이선스에 대해 계정 관리자가 제품을 선택하도록 하십시오.',
  'plan.seatsHint': '할당된 사용자 수보다 적은 라이선스를 구매하는 줄이 있으면 승인할 수 없습니다. 라이선스 수를 늘리거나 계획을 거부하십시오.',
  'plan.fourEyesHint': '이 계획을 직접 제안했으므로 다른 사람이 승인해야 합니다: {who}.',
  'plan.rolesHint': '이 계획은 {who}만 승인할 수 있습니다.',
  'plan.comment': '의견(거부하는 경우 이유를 입력하십시오)',
  'plan.approve': '승인',
  'plan.reject': '거부',
  'plan.approved': '{name}님이 {at}에 승인했습니다.',
  'plan.rejected': '{name}님이 {at}에 거부했습니다',
  'plan.commentLabel': '의견',
  'plan.noComment': '. 남긴 의견이 없습니다.',
  'plan.nextApproved': '다음 단계: 봇이 파트너 센터에서 장바구니를 만들고 주문합니다.',
  'plan.nextApprovedDated': '다음 단계: 봇이 각 줄의 구매일에 파트너 센터에서 주문합니다.',
  'plan.nextRejected': '다음 단계: 다시 시도하려면 새 이동을 시작하십시오(이동 {domain}). 새 계획이 작성됩니다.',
};
