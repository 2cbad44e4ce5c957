/** 고객이 현재 보유한 항목(cards/inventoryCard.ts)과 인벤토리 직접 입력 양식(cards/inventoryForm.ts). */
import type { inventory as english } from '../en/inventory';
import type { Translation } from '../types';

export const inventory: Translation<typeof english> = {
  'inventory.form.title': '인벤토리 직접 입력',
  'inventory.form.intro': '고객이 보유한 항목을 알고 있다면(고객의 Microsoft 365 관리 센터, 청구 > 사용 중인 제품) 한 줄에 라이선스 하나씩 입력하십시오. '
    + '기간과 청구 주기는 함께 입력합니다. 모르는 항목은 생략하십시오("unknown"으로 기록됩니다).',
  'inventory.form.format': '<SKU 부품 번호 또는 Graph skuId>, <라이선스 수>, <할당된 수>[, <종료일 YYYY-MM-DD>][, <기간 P1M|P1Y|P3Y>, <청구 주기 monthly|annual|triennial>]',
  'inventory.form.example': '예: {example}',
  'inventory.form.label': '라이선스(한 줄에 하나씩)',
  'inventory.form.checked': '{roles}이(가) 보낼 수 있습니다. 모든 줄을 Microsoft의 SKU 표와 대조하여 확인하며, 모든 줄이 올바를 때까지 아무것도 기록하지 않습니다. '
    + '계획에는 인벤토리를 직접 입력했다고 표시되므로 승인자가 수치를 확인합니다.',
  'inventory.form.send': '인벤토리 보내기',
  'inventory.boughtThroughPartner': '파트너 테넌트 {tenant}을(를) 통해 구매',
  'inventory.boughtDirect': 'Microsoft에서 직접 구매',
  'inventory.subscription': '구독 {id}',
  'inventory.licences': '{count, plural, other {라이선스 {count}개}}',
  'inventory.status': '상태 {status}',
  'inventory.unknown': '알 수 없음',
  'inventory.nextLifecycle': '다음 수명 주기 날짜 {date}',
  'inventory.term': '기간 {duration}, 청구 주기 {cycle}',
  'inventory.termUnknown': '기간 알 수 없음',
  'inventory.trial': '평가판',
  'inventory.onePlanInUse': '서비스 계획 사용 중',
  'inventory.allPlansInUse': '서비스 계획 {count}개 모두 사용 중',
  'inventory.somePlansInUse': '서비스 계획 {count}개 중 {used}개 사용 중(나머지는 모든 사용자에게 꺼져 있음)',
  'inventory.counts': '{licences}, 할당됨 {assigned}, 사용 가능 {free} · 상태 {status}',
  'inventory.noSubscription': '이 SKU에 대한 구독을 찾을 수 없음',
  'inventory.moreSubscriptions': '{count, plural, other {표시되지 않은 구독이 {count}개 더 있습니다.}}',
  'inventory.typedIn': '{name}이(가) {at}에 직접 입력: {skus}, {licences}, 할당됨 {assigned}.',
  'inventory.read': '{at}에 읽음: {skus}, {licences}, 할당됨 {assigned}.',
  'inventory.skus': '{count, plural, other {라이선스 SKU {count}개}}',
  'inventory.notRead': '아직 인벤토리를 읽지 않았습니다. 고객이 초대를 수락하면 바로 읽습니다.',
  'inventory.hidden': '{count, plural, other {표시되지 않은 SKU가 {count}개 더 있습니다. 전체 목록을 보려면 "감사"를 입력하십시오.}}',
  'inventory.title': '고객이 현재 보유한 항목',
  'inventory.next': '다음 단계: 계획에서 같은 제품을 같은 라이선스 수로 구매합니다. 구매하기 전에 계정 관리자 또는 청구 관리자가 계획을 승인합니다.',
};
