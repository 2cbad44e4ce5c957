/** 계획 카드의 세부 정보(cards/planDetails.ts)에 표시하는 내용. */
import type { planDetails as english } from '../en/planDetails';
import type { Translation } from '../types';

export const planDetails: Translation<typeof english> = {
  'planDetails.summary': '{lines, plural, other {{lines}개 줄}}, 총 라이선스 {licences, plural, other {{licences}개}}.',
  'planDetails.summaryWithKinds': '{lines, plural, other {{lines}개 줄}}, 총 라이선스 {licences, plural, other {{licences}개}}({kinds}).',
  'planDetails.kind.same': '동일한 제품 {n}개',
  'planDetails.kind.equivalent': '동등한 제품 {n}개',
  'planDetails.kind.chosen': '계정 관리자가 선택한 제품 {n}개',
  'planDetails.warningsTitle': '승인하기 전에 확인하십시오',
  'planDetails.shortLinesSome': '카드가 Teams에 표시될 수 있도록 선택 이유와 제품 ID는 처음 {n}개 줄에만 표시합니다.',
  'planDetails.shortLinesNone': '카드가 Teams에 표시될 수 있도록 선택 이유와 제품 ID는 표시하지 않습니다.',
  'planDetails.excludedTitle': '구매하지 않음(의도적으로 제외)',
  'planDetails.moreRows': '외 {n}개',
  'planDetails.noReassignment': '라이선스 재할당 없음: 모든 줄에서 동일한 제품을 구매하므로 사용자는 기존 라이선스를 유지하며 사용자에게 변경되는 내용은 없습니다.',
  'planDetails.reassignment': '{skus}의 라이선스가 재할당됩니다. 새 구독이 활성화되면 이 라이선스의 각 사용자에 대해 새 라이선스를 추가하고 기존 라이선스를 제거하는 변경을 한 번에 적용하며, '
    + '사용자에게 꺼져 있던 서비스 플랜은 계속 꺼진 상태로 유지합니다. '
    + '그룹을 통해 라이선스를 받았거나 사용 위치가 없는 사용자는 변경하지 않으며, 해결할 수 있도록 카드에 해당 사용자를 표시합니다. '
    + '다른 줄의 사용자는 기존 라이선스를 유지합니다.',
  'planDetails.reassignedSku': '{sku}({n}개 할당됨)',
  'planDetails.undoPath': '취소 방법: 새 구독은 구매 후 {days}일 이내에 취소하면 일할 계산된 금액을 환불받을 수 있으며, '
    + '그 이후에는 전체 기간 동안 유지됩니다. 기존 구독은 취소하지 않습니다. 만료되도록 두십시오.',
  'planDetails.label.started': '시작한 사람',
  'planDetails.label.source': '구독',
  'planDetails.label.proposedFor': '제안 대상',
  'planDetails.label.approvers': '승인할 수 있는 사람',
  'planDetails.label.hash': '계획 해시',
  'planDetails.source.microsoft-direct': 'Microsoft에서 직접 구매',
  'planDetails.source.other-csp-partner': '다른 CSP 파트너에게서 구매',
  'planDetails.source.other-program': '다른 라이선스 프로그램을 통해 구매',
  'planDetails.source.unknown': '구매 경로를 아직 알 수 없음',
  'planDetails.notStarted': '아직 시작되지 않음',
  'planDetails.proposedBy': '이동을 시작한 {name}(봇이 대신 작성함)',
  'planDetails.proposerMissing': '알 수 없는 사용자',
  'planDetails.fourEyesOn': '계획 제안 대상자는 이 계획을 승인할 수 없습니다(이중 확인).',
  'planDetails.fourEyesOff': '이중 확인이 꺼져 있습니다. 계획 제안 대상자도 이 계획을 승인할 수 있습니다.',
  'planDetails.narrowed': '{roles}만 승인할 수 있습니다. 이유: {why}.',
  'planDetails.rejecters': '거부는 {roles}도 할 수 있습니다.',
  'planDetails.hash': '{hash}(승인은 정확히 이 계획에 적용됨)',
  'planDetails.noHash': '없음',
};
