/** 이동 시작 양식(cards/intakeCard.ts)과 각 필드 옆에 표시하는 문제(cards/intakeProblemText.ts). */
import type { intake as english } from '../en/intake';
import type { Translation } from '../types';

export const intake: Translation<typeof english> = {
  'intake.fixThen': '다음 문제를 해결한 후 이동 시작을 다시 선택하십시오: ',
  'intake.fieldProblems': '아무것도 시작하지 않았습니다. 아래에 표시된 내용을 확인하십시오.',
  'intake.title': '고객 이동 시작',
  'intake.intro': '양식을 작성한 후 **이동 시작**을 선택하십시오. 먼저 테넌트를 찾아 지역을 확인합니다. '
    + '이 단계에서는 고객에게 아무것도 보내지 않으며 아무것도 구매하지 않습니다.',
  'intake.domainLabel': '고객 도메인 또는 테넌트 ID',
  'intake.domainPlaceholder': 'contoso.com 또는 72f988bf-86f1-41af-91ab-2d7cd011db47',
  'intake.domainError': 'contoso.com 또는 contoso.onmicrosoft.com과 같은 도메인이나 테넌트 ID(GUID)를 입력하십시오.',
  'intake.countryLabel': '고객 테넌트의 국가',
  'intake.countryPlaceholder': '입력하여 검색(예: United States)',
  'intake.countryError': '고객의 Microsoft 365 테넌트에 설정된 국가를 선택하십시오.',
  'intake.regionHint': '고객의 Microsoft 365 테넌트에 설정된 국가입니다. 파트너의 CSP 지역({region})에 속해야 합니다. '
    + '다른 지역의 고객은 재판매인 관계 초대를 수락할 수 없습니다.',
  'intake.regionNotConfigured': '구성되지 않음',
  'intake.sourceLabel': '현재 구독을 구매한 곳',
  'intake.sourceError': '구독을 구매한 곳을 선택하십시오. 확실하지 않으면 "아직 알 수 없음"을 선택하십시오.',
  'intake.source.microsoft-direct': 'Microsoft에서 직접 구매',
  'intake.source.other-csp-partner': '다른 CSP 파트너에게서 구매',
  'intake.source.other-program': '다른 라이선스 프로그램을 통해 구매',
  'intake.source.unknown': '아직 알 수 없음',
  'intake.multiPartnerLabel': '다중 파트너',
  'intake.multiPartnerTitle': '고객이 다른 제품에 대해 다른 파트너를 유지함(다중 파트너)',
  'intake.gdapLabel': '위임된 관리자(GDAP)',
  'intake.gdapTitle': '라이선스를 읽을 수 있도록 GDAP(세분화된 위임 관리자 권한) 요청',
  'intake.gdapNote': 'GDAP는 최소 권한 역할만 사용하며 전역 관리자 역할은 사용하지 않습니다. 고객의 전역 관리자가 승인합니다. '
    + 'GDAP가 없으면 누군가가 카드에 인벤토리를 직접 입력해야 합니다.',
  'intake.start': '이동 시작',

  'intake.problem.domainMissing': '고객의 도메인(예: contoso.onmicrosoft.com) 또는 테넌트 ID를 입력하십시오.',
  'intake.problem.notACustomerId': '"{input}"은(는) 도메인(예: contoso.onmicrosoft.com) 또는 테넌트 ID(GUID)가 아닙니다.',
  'intake.problem.tenantNotFound': '{input}에 해당하는 Microsoft 365 테넌트가 없습니다. 철자를 확인하거나 테넌트의 .onmicrosoft.com 도메인 또는 테넌트 ID를 사용하십시오.',
  'intake.problem.alreadyMoving': '{customer}은(는) 이미 이동 중입니다(시작한 사용자: {by}, 시작한 날짜: {on}). `status {domain}` 명령으로 확인하십시오.',
  'intake.problem.someone': '알 수 없음',
  'intake.problem.unknownDay': '알 수 없음',
  'intake.problem.lookupFailed': '지금은 {input}의 테넌트를 확인할 수 없습니다({detail}). 아무것도 시작하지 않았습니다. 잠시 후 이동 시작을 다시 선택하십시오.',
  'intake.problem.countryMissing': '고객의 Microsoft 365 테넌트 국가를 선택하십시오. CSP 동일 지역 규칙이 이 국가에 따라 적용됩니다.',
  'intake.problem.countryUnknownDidYouMean': '{input}은(는) CSP 지역 표에 있는 국가가 아닙니다. {choices}을(를) 의미했습니까?',
  'intake.problem.countryUnknownPick': '{input}은(는) CSP 지역 표에 있는 국가가 아닙니다. 목록에서 국가를 선택하십시오.',
  'intake.problem.or': ' 또는 ',
  'intake.problem.otherRegion': '{country}은(는) CSP 지역 {region}에 속하지만 파트너는 {partnerRegion}에서 판매합니다. 고객은 파트너와 같은 CSP 지역에 있어야 하므로(동일 지역 규칙) '
    + '재판매인 관계 초대를 수락할 수 없습니다. 테넌트의 국가를 확인하십시오.',
};
