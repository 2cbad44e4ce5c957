/** 환영 카드(cards/welcomeCard.ts): 봇을 설치하면 보냅니다. 하는 일, 명령, 역할별로 할 수 있는 작업을 안내합니다. */
import type { welcome as english } from '../en/welcome';
import type { Translation } from '../types';

export const welcome: Translation<typeof english> = {
  'welcome.greetingNamed': '안녕하세요, {name}님. CSP Move Assistant입니다.',
  'welcome.greeting': '안녕하세요. CSP Move Assistant입니다.',
  'welcome.whatIDo': '고객의 라이선스 기반 Microsoft 365 구독을 CSP(클라우드 솔루션 공급자) 프로그램으로 이동합니다. '
    + '고객이 수락할 재판매인 관계 초대를 받고, 고객이 보유한 라이선스를 읽고, 같은 제품과 라이선스 수로 계획을 작성한 다음, '
    + '승인자가 승인하면 주문합니다. 기존 구독은 취소하지 않습니다. 취소된 구독은 환불되지 않으므로 기존 구독을 만료되게 둘 시점을 알려 드립니다.',
  'welcome.commands': '명령',
  'welcome.command.move.title': '이동 contoso.com · move',
  'welcome.command.move.does': '고객의 이동을 시작합니다. 고객의 도메인 또는 테넌트 ID를 입력합니다.',
  'welcome.command.status.title': '상태 · status',
  'welcome.command.status.does': '내 이동을 표시합니다. 고객을 지정하면(상태 contoso.com) 해당 이동의 타임라인을 표시합니다.',
  'welcome.command.help.title': '도움말 · help',
  'welcome.command.help.does': '명령과 내 역할로 할 수 있는 작업을 표시합니다.',
  'welcome.command.notify-here.title': '알림 여기 · notify here',
  'welcome.command.notify-here.does': '팀 채널에서 사용하면 모든 이동 소식을 이 채널에 게시합니다.',
  'welcome.whoCanDoWhat': '역할별로 할 수 있는 작업',
  'welcome.startMove': '이동 시작',
  'welcome.startMoveWho': '계정 관리자, 관리 에이전트 또는 영업 에이전트',
  'welcome.approvePlan': '계획 승인',
  'welcome.approvePlanWho': '계정 관리자 또는 청구 관리자(단, 계획을 제안한 사용자는 승인할 수 없음)',
  'welcome.nextStep': '다음 단계: **이동**(move) 다음에 고객의 도메인을 입력합니다(예: **이동 contoso.com**). '
    + '팀 채널에서는 **알림 여기**(notify here)와 함께 저를 멘션하면 팀 전체가 소식을 볼 수 있습니다.',
};
