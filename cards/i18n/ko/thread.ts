/** 이동의 채널 스레드(cards/threadLine.ts): 사전 검사 통과 후의 시작 알림과, 승인자에게 보내는 계획 카드 위의 한 줄. */
import type { thread as english } from '../en/thread';
import type { Translation } from '../types';

export const thread: Translation<typeof english> = {
  'thread.started': '{name} 님이 {customer}의 이동을 시작했습니다({source}{multiPartner, select, yes {; 고객이 다른 파트너와의 관계를 유지함} other {}}).',
  'thread.startedExisting': '{name} 님이 {customer}의 이동을 시작했습니다({source}{multiPartner, select, yes {; 고객이 다른 파트너와의 관계를 유지함} other {}}). 이미 파트너의 고객이므로 초대가 필요하지 않습니다.',
  'thread.askApprover': '{starter} 님이 {customer}의 이동을 시작했습니다. 이 이동의 계획이 승인을 기다리고 있습니다.',
  'thread.someone': '알 수 없는 사용자',
};
