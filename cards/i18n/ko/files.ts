/** 개인 채팅으로 보내는 파일(`audit`, `report`): FileConsentCard와 관련 답장. CSV 열 머리글은 영어로 유지합니다. */
import type { files as english } from '../en/files';
import type { Translation } from '../types';

export const files: Translation<typeof english> = {
  'files.consent.audit': '{customer} 이동 작업의 감사 내역: 모든 이벤트와 수행한 사람, 역할, 상관 관계 ID(이벤트 {rows}개, CSV).',
  'files.consent.reassignment': '{customer} 이동 작업의 라이선스 재할당 보고서: 사용자별 한 행, 결과와 필요한 조치(사용자 {rows}명, CSV).',

  'files.offer.sentToPersonal': '개인 채팅으로 파일을 보냈습니다.',
  'files.offer.noReassignment': '{customer} 이동 작업에서 아직 라이선스를 옮긴 사용자가 없으므로 재할당 보고서가 없습니다. 감사 내역에 모든 단계가 있습니다: `audit {customer}`.',
  'files.offer.personalChatFailed': '개인 채팅으로 파일을 보낼 수 없습니다({why}). 봇과 채팅을 열고 `{command}` 명령을 입력하세요.',
  'files.offer.sentHere': '보고서를 받으려면 아래 파일을 수락하세요.',

  'files.answer.malformedField': 'Teams에서 받은 파일 응답의 형식이 잘못되었습니다: "{field}"이(가) 없거나 형식이 잘못되었습니다. 아무것도 업로드하지 않았습니다.',
  'files.answer.malformedNoExport': 'Teams에서 받은 파일 응답의 형식이 잘못되었습니다: 파일 컨텍스트에 내보내기가 지정되지 않았습니다. 아무것도 업로드하지 않았습니다.',
  'files.answer.malformedNoUploadInfo': 'Teams에서 받은 파일 응답의 형식이 잘못되었습니다: "uploadInfo"가 없습니다. 아무것도 업로드하지 않았습니다.',
  'files.answer.unknown': '대기 중인 해당 파일이 없습니다(이미 응답했거나 여기에서 제공된 적이 없습니다). 아무것도 업로드하지 않았습니다. 파일을 다시 요청하세요.',
  'files.answer.expired': '파일 제공이 만료되었습니다(제공은 1시간 동안 유효합니다). 아무것도 업로드하지 않았습니다. 파일을 다시 요청하세요(예: `{command}`).',
  'files.answer.notYours': '이 파일은 다른 사람에게 제공된 것이므로 업로드하지 않았습니다. 본인의 사본을 요청하세요(예: `{command}`).',
  'files.answer.badUrl': 'Teams에서 파일을 보낼 수 없는 업로드 주소를 제공했습니다({why}). 아무것도 업로드하지 않았습니다.',
  'files.answer.moveGone': '{customer}의 이동 작업이 더 이상 여기에 없으므로 보낼 파일이 없습니다. 이동 목록을 보려면 `list` 명령을 입력하세요.',
  'files.answer.declined': '파일을 보내지 않았습니다. 필요할 때 `{command}` 명령을 입력하세요.',
  'files.answer.uploaded': '{report, select, audit {{customer}의 감사 내역입니다: {count, plural, other {이벤트 {rows}개}}.} other {{customer}의 라이선스 재할당 보고서입니다: {count, plural, other {사용자 {rows}명}}.}}',
  'files.answer.uploadFailed': '{name}을(를) 업로드할 수 없습니다: {why} 다른 항목은 변경되지 않았습니다. 파일을 다시 요청하세요(예: `{command}`).',
};
