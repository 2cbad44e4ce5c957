/** 모든 영역에서 쓰는 단어: 역할 이름, 알 수 없는 날짜. Microsoft 파트너 센터 한국어 문서의 용어를 따릅니다. */
import type { common as english } from '../en/common';
import type { Translation } from '../types';

export const common: Translation<typeof english> = {
  'common.date.unknown': '알 수 없음',

  'common.role.account-admin': '계정 관리자',
  'common.role.admin-agent': '관리 에이전트',
  'common.role.sales-agent': '영업 에이전트',
  'common.role.billing-agent': '청구 관리자',
  'common.role.helpdesk-agent': '기술 지원 에이전트',
  'common.roleInSentence.account-admin': '계정 관리자',
  'common.roleInSentence.admin-agent': '관리 에이전트',
  'common.roleInSentence.sales-agent': '영업 에이전트',
  'common.roleInSentence.billing-agent': '청구 관리자',
  'common.roleInSentence.helpdesk-agent': '기술 지원 에이전트',
};
