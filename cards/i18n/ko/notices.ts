/** 짧은 알림 카드(cards/noticeCard.ts, cards/staleNotice.ts): 발생한 일과 해결 방법, 늦게 도착한 클릭에 대한 안내. */
import type { notices as english } from '../en/notices';
import type { Translation } from '../types';

export const notices: Translation<typeof english> = {
  'notices.untitled': '문제가 발생했습니다',
  'notices.noDetails': '세부 정보가 없습니다.',
  'notices.whatToDo': '해결 방법: ',
  'notices.staleFallback': '이 카드는 최신 상태가 아니므로 아무 작업도 수행하지 않았습니다.',
};
