/** 카드에 표시하는 이동 단계 이름(move/stages.ts의 STAGE_LABELS에 해당). */
import type { stages as english } from '../en/stages';
import type { Translation } from '../types';

export const stages: Translation<typeof english> = {
  'stages.intake': '접수',
  'stages.preflight': '사전 확인',
  'stages.invitation': '초대',
  'stages.awaiting-acceptance': '고객의 수락 대기 중',
  'stages.inventory': '인벤토리 읽는 중',
  'stages.plan': '계획 작성 중',
  'stages.approval': '승인 대기 중',
  'stages.scheduled': '승인됨, 구매일 대기 중',
  'stages.provisioning': '프로비전 중',
  'stages.reassigning-licenses': '라이선스 재할당 중',
  'stages.source-advice': '기존 구독 안내',
  'stages.watching-sources': '기존 구독 종료 대기 중',
  'stages.done': '완료',
  'stages.blocked': '차단됨',
  'stages.rejected': '계획 거부됨',
  'stages.cancelled': '취소됨',
  'stages.timed-out': '초대 만료됨',
};
