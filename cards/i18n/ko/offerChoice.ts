/** 차단 카드에서 상응하는 제품이 없는 라이선스의 제품을 직접 선택하는 양식(cards/offerChoiceForm.ts). */
import type { offerChoice as english } from '../en/offerChoice';
import type { Translation } from '../types';

export const offerChoice: Translation<typeof english> = {
  'offerChoice.choiceWithPrice': '{offer} · 라이선스당 월 약 ${price}',
  'offerChoice.noReason': '이 라이선스에 해당하는 판매 제품이 없습니다.',
  'offerChoice.hidden': '상응하는 제품이 없는 라이선스가 {count}개 더 있습니다. 먼저 위 라이선스의 제품을 선택한 다음 카드를 새로 고치십시오.',
  'offerChoice.noEquivalent': ': 상응하는 제품 없음',
  'offerChoice.wouldMiss': '사용자가 잃게 되는 기능',
  'offerChoice.offersLabel': '대신 구매할 제품(1~3개)',
  'offerChoice.reasonLabel': '이 제품이 적합한 이유(기록과 계획 카드에 남습니다)',
  'offerChoice.reasonPlaceholder': '예: 고객이 Teams Phone을 사용하지 않기로 동의했습니다. 다른 전화 시스템을 사용합니다.',
  'offerChoice.use': '이 제품 사용',
  'offerChoice.nothingToPick': '이 라이선스의 서비스 계획을 포함하는 판매 제품이 없어 선택할 항목이 없습니다. 이 라이선스는 현재 구매처에 그대로 두거나, 이 라이선스를 제외하고 새 이동을 시작하십시오.',
  'offerChoice.onlyAdmin': '계정 관리자만 제품을 선택할 수 있습니다. 사용자는 선택한 제품에 없는 서비스 계획을 잃게 되며, 계획 카드에서 승인자에게 해당 서비스 계획을 표시합니다. '
    + '직접 선택한 제품이 포함된 계획은 계정 관리자만 승인할 수 있습니다. 계획은 즉시 다시 작성됩니다.',
};
