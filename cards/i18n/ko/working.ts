/** "작업 중" 카드(cards/workingCard.ts): 봇이 지금 하는 작업과 라이선스 이동 진행 상황. */
import type { working as english } from '../en/working';
import type { Translation } from '../types';

export const working: Translation<typeof english> = {
  'working.doing.checking': '{domain}을(를) 확인하는 중…',
  'working.doing.inviting': '초대를 보내는 중…',
  'working.doing.reading': '{customer}의 라이선스를 읽는 중…',
  'working.doing.drafting': '계획을 작성하는 중…',
  'working.doing.ordering': '주문하는 중…',
  'working.doing.provisioning': '주문했습니다. 파트너 센터에서 새 구독을 프로비전하기를 기다리는 중…',
  'working.doing.reassigning': '사용자를 새 라이선스로 이동하는 중…',
  'working.doing.advising': '원래 구독에 대한 권장 사항을 작성하는 중…',
  'working.doing.other': '작업하는 중…',
  'working.reassignedOf': '약 {total}명 중 {done}명 처리함: {moved}명 이동, {attention, plural, other {{attention}명 조치 필요}}.',
  'working.reassignedSoFar': '지금까지 {done}명 처리함: {moved}명 이동, {attention, plural, other {{attention}명 조치 필요}}.',
  'working.updatesItself': '이 카드는 자동으로 업데이트되며, 단계가 끝나면 결과를 여기에 표시합니다.',
  'working.refresh': '새로 고침',
};
