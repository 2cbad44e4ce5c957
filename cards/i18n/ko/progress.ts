/** 봇이 스스로 진행하는 단계의 진행 카드(cards/progressCard.ts). */
import type { progress as english } from '../en/progress';
import type { Translation } from '../types';

export const progress: Translation<typeof english> = {
  'progress.doing': '확인 중… {what}',
  'progress.next.intake': '다음 단계: 사전 확인(테넌트 및 CSP 지역).',
  'progress.next.preflight': '다음 단계: 고객에게 보낼 재판매인 초대. 이미 파트너의 고객이면 건너뜁니다.',
  'progress.next.invitation': '다음 단계: 초대 링크와 고객의 전역 관리자에게 보낼 메시지가 담긴 카드.',
  'progress.next.inventory': '다음 단계: 같은 제품과 수량으로 작성한 계획(승인 필요).',
  'progress.next.plan': '다음 단계: 승인을 위한 계획 카드.',
  'progress.updatesItself': '이 카드는 단계마다 자동으로 업데이트됩니다. 지금 다시 표시하려면 새로 고침을 선택하십시오.',
  'progress.latest': '최근 활동',
  'progress.refresh': '새로 고침',
  'progress.cancel': '이동 취소',
};
