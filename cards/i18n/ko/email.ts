/** 고객의 전역 관리자에게 보내는 초대 이메일과 "초대 이메일 보내기"의 답장. */
import type { email as english } from '../en/email';
import type { Translation } from '../types';

export const email: Translation<typeof english> = {
  'email.subject': '조치 필요: {customer}의 CSP 초대를 수락하세요',
  'email.subjectFrom': '조치 필요: {partner}에서 보낸 {customer}의 CSP 초대를 수락하세요',
  'email.body.hello': '안녕하세요.',
  'email.body.intro': '{customer}의 Microsoft 365 구독을 CSP(클라우드 솔루션 공급자)인 저희에게 이동할 준비가 되었습니다. 이 초대는 귀사 테넌트의 전역 관리자만 수락할 수 있으며, 다른 사람이 대신 수락할 수 없습니다.',
  'email.body.resellerStep': '{n}. Microsoft 365 테넌트의 전역 관리자로 로그인하여 저희의 재판매인 초대를 여세요: {link}\n   내용을 검토한 후 수락하세요(Microsoft 고객 계약에 동의하라는 메시지가 표시되면 함께 동의하세요).',
  'email.body.gdapStep': '{n}. 저희의 GDAP(세분화된 위임 관리자 권한) 요청을 열어 포함된 모든 역할을 승인하세요: {link}\n   이 요청은 보유한 라이선스를 확인할 수 있도록 기간이 제한된 최소한의 관리자 역할(전역 관리자 제외)을 부여합니다.',
  'email.body.whatThisDoes': '이 작업의 의미: 저희가 귀사의 재판매인이 되어 동일한 Microsoft 365 구독을 대신 구매할 수 있게 됩니다. 이 작업만으로는 어떤 구독도 이동, 변경 또는 취소되지 않으며 사용자에게는 아무런 변화가 없습니다. 현재 구독은 종료일까지 계속 유지됩니다.',
  'email.body.validUntil': '이 초대는 {expires}까지 유효합니다. 궁금한 점이 있으면 이 메시지에 회신해 주세요.',
  'email.body.thanks': '감사합니다.',

  'email.reply.noMailbox': '초대 이메일 보내기: 봇에 메일을 보낼 사서함이 없습니다. 운영자가 MAIL_SENDER_MAILBOX(앱이 Mail.Send 권한으로 메일을 보낼 수 있는 사서함)를 설정하거나 Teams SSO(Single Sign-On)(SSO_CONNECTION_NAME)를 설정해야 합니다. 그때까지는 카드의 메시지를 복사하여 직접 이메일로 보내세요. 아무것도 보내지 않았습니다.',
  'email.reply.tooLong': '초대 이메일 보내기: 입력한 내용이 {max}자를 초과합니다. 주소는 쉼표로 구분하여 최대 5개까지 입력하세요. 아무것도 보내지 않았습니다.',
};
