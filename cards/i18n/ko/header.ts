/** 모든 이동 카드 맨 위의 요약(cards/compactHeader.ts): 단계 배지, 대기 대상, 실패 상자. */
import type { header as english } from '../en/header';
import type { Translation } from '../types';

export const header: Translation<typeof english> = {
  'header.approved': '승인됨',
  'header.rejected': '거부됨',
  'header.badge.awaiting-acceptance': '초대 보냄',
  'header.badge.scheduled': '예약됨',
  'header.badge.source-advice': '프로비전됨',
  'header.badge.watching-sources': '기존 구독 종료 중',
  'header.waitingOn': '대기 대상: {who}',
  'header.stepFailed': '실패한 단계',
  'header.error': '오류',
};
