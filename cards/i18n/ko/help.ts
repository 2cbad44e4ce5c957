/** 도움말 카드(`help`, `도움말`). 명령 예는 한국어 명령어와 영어 명령어를 함께 보여 줍니다. */
import type { help as english } from '../en/help';
import type { Translation } from '../types';

export const help: Translation<typeof english> = {
  'help.title': 'CSP Move Assistant 명령',
  'help.howToAsk': '채널에서는 먼저 저를 멘션한 다음 명령을 입력합니다(@CSP Move Assistant 상태). 저와의 채팅에서는 명령만 입력하면 됩니다.',

  'help.command.move.example': '이동 contoso.com · move',
  'help.command.move.does': '이동을 시작합니다. 고객의 도메인 또는 테넌트 ID를 입력하면 시작 양식을 표시합니다. 테넌트의 국가를 함께 입력하면(이동 contoso.com US) 바로 시작합니다.',
  'help.command.status.example': '상태 contoso.com · status',
  'help.command.status.does': '이동이 어느 단계에 있으며 무엇을 기다리고 있는지 표시합니다. 고객을 지정하지 않으면 목록 명령과 같이 이동 목록을 표시합니다.',
  'help.command.list.example': '목록 대기 · list waiting',
  'help.command.list.does': '이동을 단계별로, 가장 오래 기다린 순서로 표시합니다. 각 이동이 누구의 작업을 기다리는지와 열기 단추를 함께 표시합니다. 필터: 목록(전체), 목록 내(내가 시작했거나 처리한 이동), 목록 대기(내 작업을 기다리는 이동), 목록 차단. 카드의 단추로도 선택할 수 있습니다.',
  'help.command.cancel.example': '취소 contoso.com · cancel',
  'help.command.cancel.does': '진행 중인 이동을 취소합니다. 이미 구매한 항목은 되돌리지 않습니다.',
  'help.command.retry.example': '재시도 contoso.com · retry',
  'help.command.retry.does': '실패한 단계를 원인을 해결한 후 즉시 다시 실행합니다. 이전 라이선스에 남은 사용자가 있으면 해당 사용자를 다시 이동합니다.',
  'help.command.override.example': '재정의 contoso.com (사유) · override',
  'help.command.override.does': '계정 관리자 전용: 판단이 필요한 차단 요소(예: 대략적인 지역 정보, 복원된 액세스 권한, 이전 라이선스에 남은 사용자)를 해제하고 사유를 기록에 남깁니다.',
  'help.command.audit.example': '감사 contoso.com · audit',
  'help.command.audit.does': '이동의 전체 기록(시간, 사용자, 역할, 단계, 세부 정보)을 CSV 파일로 개인 채팅에 보냅니다.',
  'help.command.report.example': '보고서 contoso.com · report',
  'help.command.report.does': '라이선스 재할당 보고서를 CSV 파일로 개인 채팅에 보냅니다. 사용자마다 한 행에 결과와 필요한 조치를 담습니다.',
  'help.command.notify-here.example': '@CSP Move Assistant 알림 여기 · notify here',
  'help.command.notify-here.does': '팀 채널에서 사용하면 모든 이동 소식을 이 채널에 게시합니다.',
  'help.command.help.example': '도움말 · help',
  'help.command.help.does': '이 카드를 표시합니다.',

  'help.whatYouCanDo': '내가 할 수 있는 작업',
  'help.yourRoles': '내 파트너 센터 역할: {roles}',
  'help.noRole': '이 파트너 테넌트에서 파트너 센터 역할이 없습니다.',
  'help.canStart': '✔ 이동을 시작할 수 있습니다(이동 contoso.com).',
  'help.cannotStart': '✖ 이동을 시작할 수 없습니다. {roles} 역할이 필요합니다. 전역 관리자에게 SalesAgents 또는 AdminAgents 그룹에 추가해 달라고 요청하십시오.',
  'help.canApprove': '✔ 계획을 승인하거나 거부할 수 있습니다. 단, 직접 시작한 이동의 계획은 다른 승인자가 확인해야 합니다.',
  'help.cannotApprove': '✖ 계획을 승인할 수 없습니다. {roles} 역할이 필요합니다{billingAgent, select, yes {(청구 관리자 역할은 Microsoft Entra의 청구 관리자 디렉터리 역할로 부여됩니다)} other {}}.',
  'help.canCancelAny': '✔ 모든 이동을 취소할 수 있습니다.',
  'help.canCancelOwn': '✔ 직접 시작한 이동을 취소할 수 있습니다. 모든 이동은 계정 관리자 또는 관리 에이전트가 취소할 수 있습니다.',
  'help.cannotCancel': '✖ 파트너 센터 역할이 없으면 이동을 보거나 취소할 수 없습니다.',
};
