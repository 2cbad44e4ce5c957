/** 대시보드(`list`): 단계별 이동 작업, 필터, 각 작업의 대기 시간. */
import type { dashboard as english } from '../en/dashboard';
import type { Translation } from '../types';

export const dashboard: Translation<typeof english> = {
  'dashboard.title': '{filter, select, mine {내가 시작했거나 처리한 이동 작업} waiting {나를 기다리는 이동 작업} blocked {차단된 이동 작업} other {이동 작업}}',
  'dashboard.filterButton': '{filter, select, mine {내 작업({n})} waiting {나를 기다림({n})} blocked {차단됨({n})} other {전체({n})}}',
  'dashboard.empty': '{filter, select, mine {내가 시작했거나 처리한 진행 중인 이동 작업이 없습니다.} waiting {나를 기다리는 작업이 없습니다.} blocked {차단된 이동 작업이 없습니다.} other {진행 중인 이동 작업이 없습니다. move와 고객 도메인을 입력하여 시작하세요(예: move contoso.com).}}',
  'dashboard.summary': '{count, plural, other {진행 중인 이동 작업 {n}개, 대기 시간이 긴 순서입니다.}}',
  'dashboard.waitingOnYou': '{count, plural, other {이동 작업 {n}개가 나를 기다립니다. 나를 기다림을 누르세요.}}',
  'dashboard.group': '{count, plural, other {이동 작업 {n}개}}',
  'dashboard.groupShown': '이동 작업 {n}개 중 {shown}개 표시',
  'dashboard.waitedFor': '{time} 동안 {who}의 조치를 기다리는 중',
  'dashboard.waitedForFailed': '{time} 동안 {who}의 조치를 기다리는 중 · 단계 실패',
  'dashboard.inStageFor': '이 단계에서 {time} 경과',
  'dashboard.inStageForFailed': '이 단계에서 {time} 경과 · 단계 실패',
  'dashboard.finishedAgo': '{time} 전',
  'dashboard.lessThanAnHour': '1시간 미만',
  'dashboard.hours': '{count, plural, other {{n}시간}}',
  'dashboard.days': '{count, plural, other {{n}일}}',
  'dashboard.more': '외 {n}개: 필터로 목록을 좁히세요.',
  'dashboard.showFinished': '완료된 이동 작업 표시({n})',
  'dashboard.moreFinished': '완료된 작업 {n}개가 더 있습니다.',
  'dashboard.open': '열기',
};
