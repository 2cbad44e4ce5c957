/** 한 사람에게 보내는 일반 텍스트 답장: 요청자 확인(거부), 이해하지 못한 명령, 입력한 명령의 답장. */
import type { replies as english } from '../en/replies';
import type { Translation } from '../types';

export const replies: Translation<typeof english> = {
  'replies.refusal.noTenant': 'Teams에서 사용자가 속한 조직을 알려 주지 않아 아무 작업도 수행하지 않았습니다. Microsoft Teams에서 봇을 사용하세요.',
  'replies.refusal.tenantsDisagree': '이 요청에 서로 다른 두 조직이 지정되어 아무 작업도 수행하지 않았습니다. Microsoft Teams에서 봇을 사용하세요.',
  'replies.refusal.foreignTenant': '이 봇은 파트너 자체 조직에서만 작동합니다. 사용자의 테넌트는 해당 조직이 아닙니다.',
  'replies.refusal.noIdentity': 'Teams에서 사용자가 누구인지 알려 주지 않아(메시지에 Entra 개체 ID 없음) 아무 작업도 수행하지 않았습니다. 회사 계정으로 로그인한 Microsoft Teams에서 봇을 사용하세요.',
  'replies.refusal.badIdentity': 'Teams에서 Entra 개체 ID가 아닌 사용자 ID를 보내 아무 작업도 수행하지 않았습니다. 회사 계정으로 로그인한 Microsoft Teams에서 봇을 사용하세요.',
  'replies.refusal.directoryDown': '지금은 파트너 디렉터리에서 사용자의 파트너 센터 역할을 읽을 수 없어 아무 작업도 수행하지 않았습니다. 잠시 후 다시 시도하세요. 계속 실패하면 봇의 Graph 권한(GroupMember.Read.All, RoleManagement.Read.Directory)을 확인하세요.',
  'replies.noRole.title': '파트너 센터 역할이 없습니다',
  'replies.noRole.whoCan': '이동은 {starters} 역할이 있는 사용자가 시작하고, 이동 계획은 {approvers} 역할이 있는 사용자가 승인합니다.',
  'replies.noRole.message': '파트너 센터 역할이 없으므로 이동을 보거나 변경할 수 없습니다. {whoCan} 역할을 받으려면 전역 관리자에게 SalesAgents 또는 AdminAgents 그룹에 추가해 달라고 요청하세요(계획을 승인하려면 청구 관리자 역할을 요청하세요).',
  'replies.nothingDone': '수행된 작업 없음',

  'replies.needsNewerTeams': '이 카드에는 최신 Teams 클라이언트(Universal Actions를 지원하는 Adaptive Cards 1.5)가 필요합니다. Teams를 업데이트한 후 다시 시도하세요.',
  'replies.notUnderstood': '"{text}"을(를) 이해하지 못했습니다. 사용할 수 있는 명령을 보려면 `help` 명령을 입력하세요.',
  'replies.notUnderstoodDidYouMean': '"{text}"을(를) 이해하지 못했습니다. `{suggestion}`을(를) 입력하려고 하셨습니까?',
  'replies.notAvailable': '이 명령은 여기에서 사용할 수 없습니다. `help` 명령을 입력하세요.',

  'replies.moveGone': '이 카드의 이동 작업이 더 이상 여기에 없습니다. 이동 목록을 보려면 `list` 명령을 입력하세요.',

  'replies.sayWhichCustomer': '고객을 지정하세요: `{example}`.',
  'replies.overrideSayWhich': '고객과 이유를 지정하세요: `override contoso.com The tenant is in the US; its EU scope comes from data residency.`',
  'replies.noMove': '{customer}의 이동 작업이 없습니다.',
  'replies.noMoveRunning': '{customer}에 대해 진행 중인 이동 작업이 없습니다.',
  'replies.noMoveStartOne': '{customer}의 이동 작업이 없습니다. `move {customer}` 명령으로 시작하세요.',
  'replies.customerChoices': '{count, plural, =1 {{first}} =2 {{first} 또는 {second}} other {{first}, {second} 또는 {third}}}',
  'replies.noMoveDidYouMean': '{running, select, yes {{customer}에 대해 진행 중인 이동 작업이 없습니다.} other {{customer}의 이동 작업이 없습니다.}} {names}을(를) 찾으셨습니까?',
  'replies.unknownFilter': '`all`(모든 이동 작업), `mine`(내가 시작했거나 처리한 작업), `waiting`(나를 기다리는 작업) 또는 `blocked`(차단된 작업)로 목록을 볼 수 있습니다. `list`, `list mine`, `list waiting` 또는 `list blocked` 명령을 입력하세요.',
  'replies.notifyHere.notChannel': '업데이트를 받을 팀 채널에서 `@CSP Move Assistant notify here` 명령을 입력하세요. 이곳은 채널이 아닙니다.',
  'replies.notifyHere.done': '완료: 이제 이 채널이 알림 채널입니다. 각 이동 작업은 이 채널에 자체 스레드를 가지며, 모든 단계가 진행될 때마다 게시됩니다.',
  'replies.retry.blocked': '{customer}의 이동 작업이 차단되어 다시 실행할 단계가 없습니다. 카드에 이유와 조치 방법이 나와 있습니다.',
  'replies.retry.nothingFailed': '{customer}의 이동 작업에서 실패한 단계가 없습니다. 이미 다음 단계에 있습니다.',
};
