/** 프로비전 단계(cards/provisioningCard.ts): 주문, 새 구독, 되돌리는 방법. */
import type { provisioning as english } from '../en/provisioning';
import type { Translation } from '../types';

export const provisioning: Translation<typeof english> = {
  'provisioning.cancellableUntil': '{date}까지 취소 가능',
  'provisioning.cancellationUnknown': '취소 가능 기간: 파트너 센터에서 확인',
  'provisioning.newSubscription': '{quantity} × {title} ({offerId}) · 상태 {status} · 구독 {id} · {undo}',
  'provisioning.unknown': '알 수 없음',
  'provisioning.undoBase': '되돌리는 방법: 새 상거래 구독은 구매 후 7일 이내에 취소하면 비례 환불을 받을 수 있습니다. 그 후에는 전체 기간 동안 유지됩니다.',
  'provisioning.undoUntil': '{base} 이 주문의 취소 기한은 {deadline}입니다(이동을 되돌려야 하면 파트너 센터에서 취소하십시오).',
  'provisioning.undoEach': '{base} 이 주문들의 취소 기한은 각 구독 줄에 표시된 날짜이며, 가장 늦은 기한은 {deadline}입니다(이동을 되돌려야 하면 파트너 센터에서 취소하십시오).',
  'provisioning.undoNoDeadline': '{base} 파트너 센터에서 아직 정확한 기한을 알려 주지 않았습니다. 파트너 센터에서 구독을 확인하십시오.',
  'provisioning.notApproved': '승인되지 않음',
  'provisioning.ordered': '주문했습니다. 파트너 센터에서 구독을 프로비전할 때까지 기다리고 있으며, 봇이 자동으로 확인합니다.',
  'provisioning.cartCreated': '파트너 센터에 장바구니를 만들었습니다. 주문을 위해 체크아웃하고 있습니다.',
  'provisioning.creatingCart': '파트너 센터에 장바구니를 만들고 있습니다.',
  'provisioning.order': '주문 {id}',
  'provisioning.cart': '장바구니 {id}',
  'provisioning.title': '새 구독 구매',
  'provisioning.approvalLabel': '계획 승인자',
  'provisioning.partnerCenterLabel': '파트너 센터',
  'provisioning.newSubscriptionsTitle': '새 구독',
  'provisioning.keepOriginals': '원래 구독을 취소하지 마십시오. 취소한 구독은 환불되지 않습니다. 각 구독에 대한 권장 사항은 프로비전이 끝나면 안내합니다.',
};
