/** 라이선스 재할당 단계(cards/reassignmentCard.ts)와 여러 카드가 함께 쓰는 재할당 정보(cards/reassignmentView.ts). */
import type { reassignment as english } from '../en/reassignment';
import type { Translation } from '../types';

export const reassignment: Translation<typeof english> = {
  'reassignment.title': '사용자를 새 라이선스로 이동하는 중',
  'reassignment.linesTitle': '이동하는 라이선스',
  'reassignment.howItWorks': '각 사용자에게 새 라이선스를 추가하고 원래 라이선스를 제거하는 변경을 한 번에 적용하며, 사용자가 해제해 둔 서비스 계획은 해제된 상태로 유지합니다. '
    + '따라서 라이선스가 없는 사용자는 생기지 않습니다. 그동안 할 일은 없습니다. 봇이 사용자를 자동으로 처리합니다.',
  'reassignment.attentionTitle': '봇이 (지금까지) 이동하지 못한 사용자',
  'reassignment.attentionHint': '이 사용자는 원래 라이선스를 유지합니다. 각 행에 표시된 문제를 Microsoft Entra에서 해결하십시오. 이번 처리가 끝나면 카드에서 다시 시도할 수 있습니다.',
  'reassignment.refresh': '새로 고침',
  'reassignment.downloadReport': '보고서 다운로드(CSV)',

  'reassignment.progress': '이번 처리{retried, select, yes {(다시 시도 후 {pass}회차)} other {}}에서 사용자 {moved, plural, other {{moved}명}}을 이동했으며, 전체 {movedTotal}명을 이동했습니다. '
    + '조치가 필요한 사용자는 {attention, plural, other {{attention}명}}입니다.',
  'reassignment.more': '외 사용자 {n, plural, other {{n}명}}. 모든 사용자는 보고서에서 확인할 수 있습니다: `report {domain}`',
  'reassignment.line': '{product} → {offers}(할당된 라이선스 {assigned}개)',

  'reassignment.outcome.moved': '이동함',
  'reassignment.outcome.skipped-group': '건너뜀: 그룹을 통해 할당된 라이선스',
  'reassignment.outcome.skipped-usage-location': '건너뜀: 사용 위치 없음',
  'reassignment.outcome.would-lose-plans': '변경 안 함: 서비스 계획이 손실됨',
  'reassignment.outcome.failed': '실패',

  'reassignment.fix.retry': '다시 시도하십시오.',
  'reassignment.fix.set-usage-location': 'Microsoft Entra에서 사용자의 사용 위치를 설정한 후 다시 시도하십시오.',
  'reassignment.fix.check-order-quantity': '새 구독에 사용 가능한 라이선스가 없습니다. 파트너 센터에서 주문 수량을 확인하십시오.',
  'reassignment.fix.remove-conflicting-licence': '사용자에게 새 라이선스와 서비스 계획이 충돌하는 라이선스가 있습니다. 충돌하는 라이선스를 제거한 후 다시 시도하십시오.',
  'reassignment.fix.change-group-licences': '라이선스가 그룹을 통해 할당되었습니다. Microsoft Entra에서 그룹의 라이선스를 변경하십시오.',
  'reassignment.fix.check-licences-in-entra': 'Microsoft Entra에서 사용자의 라이선스를 확인한 후 다시 시도하십시오.',
};
