/**
 * The events group in Korean: every event type's line (cards/eventText.ts), the thread's lines, the status card with
 * its timeline and the follow-ups — drawn in 'ko', and in English unchanged when no language is given.
 */
import assert from 'node:assert/strict';
import { eventText, withdrawalLine } from '../../cards/eventText';
import { followUpsView, followUpsWaiting } from '../../cards/followUpsView';
import { askApproverText, threadLine } from '../../cards/threadLine';
import { statusCard, statusView } from '../../cards/statusCard';
import { visibleText } from './cardAssertions';
import type { CardOptions } from '../../cards/moveView';
import type { MoveEvent } from '../../move/events';
import { SYSTEM_ACTOR } from '../../move/model';
import { evolve, replay, type MoveState } from '../../move/state';
import { fabrikamAfterOverride } from '../move/followUpFixtures';
import { patti } from '../move/fixtures';
import { given } from '../move/givenWhenThen';
import {
  ADELE, ALEX, BLOCKED_EVENTS, CANCELLED_EVENTS, CONTOSO_EVENTS, EXISTING_CUSTOMER_EVENTS, FAILURE_EVENTS, MEGAN, OPTIONS, REJECTED_EVENTS,
  contosoState, contosoUntil, stateOf,
} from './fixtures';

const T = '2025-03-05T12:00:00Z';
const KO: CardOptions = { ...OPTIONS, locale: 'ko', timeZone: 'Asia/Seoul' };
const EN: CardOptions = { ...OPTIONS, locale: 'en' };

/** Words of the English event lines: none may be left in a Korean line. */
const ENGLISH_WORDS = new RegExp([
  'Move blocked', 'started the move', 'Pre-flight', 'invitation', 'Inventory', 'Plan ready', 'can approve', 'picked', 'Licences reassigned',
  'Licence reassignment', 'Plan changed', 'Plan approved', 'Plan rejected', 'Cart created', 'placed', 'provisioned', 'Ordering', 'Reminder',
  'Advice', 'Move complete', 'has ended', 'ends on', 'cancelled by', 'GDAP request', 'overridden', 'expired', 'delegated admin', 'email',
  'failed', 'no error text', 'Someone', 'bought direct', 'and \\d+ more', 'Skipped', 'the next purchase', 'an approver', 'unknown',
  'follow-up', 'Owner', 'auto-renew', 'Move these users', 'Confirm the originals', 'its owner', 'Tick it',
].join('|'), 'i');

const HANGUL = /\p{Script=Hangul}/u;

const ATTEMPT = 'email-1';
/** The Contoso move waiting for the customer, with an invitation email asked for and sent from a mailbox. */
const EMAIL_EVENTS: MoveEvent[] = [
  { type: 'InvitationEmailRequested', at: T, actor: MEGAN, to: ['admin@contoso.com'], subject: 'Action needed', body: 'Hello', sendAs: 'mailbox' },
  { type: 'InvitationEmailAttempted', at: T, actor: SYSTEM_ACTOR, attemptId: ATTEMPT, sender: { kind: 'mailbox', address: 'moves@relecloud.com' } },
];
const emailState: MoveState = EMAIL_EVENTS.reduce(evolve, contosoState('InvitationIssued'));
const done = contosoState('MoveCompleted');
/** Fabrikam after the override: three follow-ups open (auto-renew off, move users, confirm the originals ended). */
const followUpState: MoveState = replay('mv-1', fabrikamAfterOverride());
const plan = done.plan!;
const sku = plan.lines[0].source;
const user = (n: number, outcome: 'moved' | 'skipped-usage-location') =>
  ({ userId: `u${n}`, userPrincipalName: `user00${n}@contoso.com`, sourceSkuId: sku.skuId, outcome, detail: '' }) as never;

/** Every event type, with its variants, and the state it is drawn against (a type added to MoveEvent must be added here). */
const EVERY_EVENT: { readonly [Type in MoveEvent['type']]: ReadonlyArray<{ event: Extract<MoveEvent, { type: Type }>; state: MoveState }> } = {
  MoveStarted: [{ event: CONTOSO_EVENTS[0] as never, state: done }, { event: { ...CONTOSO_EVENTS[0], multiPartner: true } as never, state: done }],
  PreflightPassed: [{ event: CONTOSO_EVENTS[1] as never, state: done }, { event: EXISTING_CUSTOMER_EVENTS[1] as never, state: stateOf(EXISTING_CUSTOMER_EVENTS) }],
  MoveBlocked: [
    { event: BLOCKED_EVENTS[1] as never, state: stateOf(BLOCKED_EVENTS) },
    ...([
      { code: 'region-mismatch', customerCountry: 'DE', customerRegion: 'Europe', partnerCountry: 'US', partnerRegion: 'United States', detectedBy: 'intake' },
      { code: 'unknown-country', country: 'XX' },
      { code: 'tenant-not-found', domain: 'nowhere.example' },
      { code: 'plan-has-no-offer', skus: ['VISIOCLIENT'] },
      { code: 'nothing-to-move' },
      { code: 'no-customer-access', detail: 'HTTP 403' },
      { code: 'duplicate-tenant', otherMoveId: 'mv-other-0009' },
      { code: 'reassignment-incomplete', users: 7 },
    ] as const).map((reason) => ({ event: { type: 'MoveBlocked', at: T, actor: SYSTEM_ACTOR, reason, message: '' } as never, state: done })),
  ],
  InvitationIssued: [
    { event: CONTOSO_EVENTS[2] as never, state: done },
    { event: { ...CONTOSO_EVENTS[2], gdapLink: null } as never, state: done },
    { event: { ...CONTOSO_EVENTS[2], resellerLink: null } as never, state: done },
    { event: { ...CONTOSO_EVENTS[2], resellerLink: null, gdapLink: null } as never, state: done },
  ],
  RelationshipAccepted: [{ event: CONTOSO_EVENTS[3] as never, state: done }, { event: { ...CONTOSO_EVENTS[3], companyName: '' } as never, state: done }],
  InventoryTaken: [
    { event: CONTOSO_EVENTS[4] as never, state: done },
    { event: { type: 'InventoryTaken', at: T, actor: MEGAN, inventory: { takenAt: T, enteredBy: MEGAN, lines: done.inventory!.lines } }, state: done },
  ],
  PlanProposed: [
    { event: CONTOSO_EVENTS[5] as never, state: contosoState('PlanProposed') },
    { event: { type: 'PlanProposed', at: T, actor: SYSTEM_ACTOR, plan: { ...plan, blockers: [{ skuId: sku.skuId, skuPartNumber: 'SPB', kind: 'no-equivalent', reason: 'x', missingPlans: [] }] as never }, proposer: MEGAN }, state: done },
  ],
  OfferChosen: [{ event: { type: 'OfferChosen', at: T, actor: ALEX, sourceSkuId: sku.skuId, skuPartNumber: 'SPB', offers: plan.lines[0].offers, reason: 'Browser only' }, state: done }],
  LicencesReassigned: [
    { event: { type: 'LicencesReassigned', at: T, actor: SYSTEM_ACTOR, results: [user(1, 'moved')] }, state: done },
    { event: { type: 'LicencesReassigned', at: T, actor: SYSTEM_ACTOR, results: [user(1, 'moved'), ...[2, 3, 4, 5, 6, 7].map((n) => user(n, 'skipped-usage-location'))] }, state: done },
    { event: { type: 'LicencesReassigned', at: T, actor: SYSTEM_ACTOR, results: [], sending: [{ userId: 'u2', userPrincipalName: 'user002@contoso.com', sourceSkuId: sku.skuId }] }, state: done },
  ],
  ReassignmentFinished: [
    { event: { type: 'ReassignmentFinished', at: T, actor: SYSTEM_ACTOR, moved: 2, attention: 7 }, state: done },
    { event: { type: 'ReassignmentFinished', at: T, actor: SYSTEM_ACTOR, moved: 9, attention: 0 }, state: done },
  ],
  ReassignmentResumed: [{ event: { type: 'ReassignmentResumed', at: T, actor: MEGAN }, state: done }],
  PlanAdjusted: [{
    event: {
      type: 'PlanAdjusted', at: T, actor: MEGAN, plan,
      changes: [
        { sourceSkuId: sku.skuId, termDuration: 'P1Y', billingCycle: 'monthly', quantity: 20, buyOn: '2025-09-29' },
        { sourceSkuId: plan.lines[1].source.skuId, termDuration: 'P1Y', billingCycle: 'monthly', quantity: 1, buyOn: null },
      ],
    },
    state: contosoState('PlanProposed'),
  }],
  PlanApproved: [
    { event: CONTOSO_EVENTS[6] as never, state: done },
    { event: { ...CONTOSO_EVENTS[6], comment: '' } as never, state: { ...done, schedule: [{ ...done.schedule[0], buyOn: '2025-09-29' }] } },
  ],
  PlanRejected: [{ event: REJECTED_EVENTS.at(-1) as never, state: stateOf(REJECTED_EVENTS) }],
  CartCreated: [{ event: CONTOSO_EVENTS[7] as never, state: done }],
  OrderPlaced: [{ event: CONTOSO_EVENTS[8] as never, state: done }, { event: { ...CONTOSO_EVENTS[8], orderIds: ['ORD-1', 'ORD-2'] } as never, state: done }],
  ProvisioningCompleted: [{ event: CONTOSO_EVENTS[9] as never, state: done }],
  PurchaseDue: [
    { event: { type: 'PurchaseDue', at: T, actor: SYSTEM_ACTOR, round: 0, buyOn: '2025-09-29' }, state: done },
    { event: { type: 'PurchaseDue', at: T, actor: SYSTEM_ACTOR, round: 5, buyOn: null }, state: done },
  ],
  PurchaseReminderDue: [
    { event: { type: 'PurchaseReminderDue', at: T, actor: SYSTEM_ACTOR, round: 0, buyOn: '2025-09-29' }, state: done },
    { event: { type: 'PurchaseReminderDue', at: T, actor: SYSTEM_ACTOR, round: 0, buyOn: '2025-09-29' }, state: { ...done, approval: null } },
  ],
  SourceAdviceGiven: [{ event: CONTOSO_EVENTS[10] as never, state: done }, { event: { type: 'SourceAdviceGiven', at: T, actor: SYSTEM_ACTOR, advice: [] }, state: done }],
  MoveCompleted: [{ event: CONTOSO_EVENTS[11] as never, state: done }, { event: CONTOSO_EVENTS[11] as never, state: { ...done, advice: [] } }],
  SourceSubscriptionEnded: [{ event: { type: 'SourceSubscriptionEnded', at: T, actor: SYSTEM_ACTOR, subscriptionId: 's1', skuPartNumber: 'SPB', status: 'Deleted' }, state: done }],
  SourceExpiryReminder: [{ event: { type: 'SourceExpiryReminder', at: T, actor: SYSTEM_ACTOR, subscriptionId: 's1', skuPartNumber: 'SPB', expires: '2025-09-30' }, state: done }],
  MoveCancelled: [
    { event: CANCELLED_EVENTS.at(-1) as never, state: stateOf(CANCELLED_EVENTS) },
    { event: { type: 'MoveCancelled', at: T, actor: MEGAN, reason: '' }, state: stateOf(CANCELLED_EVENTS) },
  ],
  RequestsWithdrawn: (['withdrawn', 'already-ended', 'approved', 'failed', 'gave-up'] as const).map((outcome) => ({
    event: { type: 'RequestsWithdrawn' as const, at: T, actor: SYSTEM_ACTOR, what: 'gdap-relationship' as const, relationshipId: 'r1', outcome, detail: 'HTTP 409' },
    state: stateOf(CANCELLED_EVENTS),
  })),
  ReminderDue: [
    { event: { type: 'ReminderDue', at: T, actor: SYSTEM_ACTOR, about: 'invitation', waitingSince: '2025-03-03T09:00:09Z', count: 2 }, state: contosoState('InvitationIssued') },
    { event: { type: 'ReminderDue', at: T, actor: SYSTEM_ACTOR, about: 'approval', waitingSince: '2025-03-04T14:15:30Z', count: 1 }, state: contosoState('PlanProposed') },
  ],
  BlockOverridden: [{ event: { type: 'BlockOverridden', at: T, actor: ALEX, blockCode: 'region-mismatch', reason: 'Checked by phone' }, state: done }],
  MoveTimedOut: [{ event: { type: 'MoveTimedOut', at: T, actor: SYSTEM_ACTOR, message: '90 days passed' }, state: done }],
  DelegatedAccessGranted: [{ event: { type: 'DelegatedAccessGranted', at: T, actor: SYSTEM_ACTOR, relationshipId: 'r1', groupName: 'AdminAgents', assignmentId: 'a1' }, state: done }],
  InvitationEmailRequested: [{ event: EMAIL_EVENTS[0] as never, state: emailState }],
  InvitationEmailAttempted: [
    { event: EMAIL_EVENTS[1] as never, state: emailState },
    { event: { type: 'InvitationEmailAttempted', at: T, actor: SYSTEM_ACTOR, attemptId: ATTEMPT, sender: null }, state: emailState },
  ],
  InvitationEmailed: [{ event: { type: 'InvitationEmailed', at: T, actor: SYSTEM_ACTOR, attemptId: ATTEMPT }, state: emailState }],
  InvitationEmailFailed: [
    { event: { type: 'InvitationEmailFailed', at: T, actor: SYSTEM_ACTOR, attemptId: ATTEMPT, outcome: 'failed', error: 'HTTP 403' }, state: emailState },
    { event: { type: 'InvitationEmailFailed', at: T, actor: SYSTEM_ACTOR, attemptId: 'email-9', outcome: 'unknown', error: '' }, state: emailState },
  ],
  FollowUpDone: [
    { event: { type: 'FollowUpDone', at: '2027-02-16T00:00:00.000Z', actor: ALEX, taskId: 'move-users:1' }, state: followUpState },
    { event: { type: 'FollowUpDone', at: '2027-02-16T00:00:00.000Z', actor: { ...ALEX, name: '' }, taskId: 'gone:1' }, state: followUpState },
  ],
  FollowUpReminderDue: [
    { event: { type: 'FollowUpReminderDue', at: '2027-02-16T00:00:00.000Z', actor: SYSTEM_ACTOR, taskId: 'auto-renew:sub-SPE_E3', due: '2027-02-15' }, state: followUpState },
    { event: { type: 'FollowUpReminderDue', at: '2027-02-14T00:00:00.000Z', actor: SYSTEM_ACTOR, taskId: 'confirm-originals-ended', due: '2027-02-19' }, state: followUpState },
    { event: { type: 'FollowUpReminderDue', at: '2027-02-14T00:00:00.000Z', actor: SYSTEM_ACTOR, taskId: 'gone:1', due: '2027-02-19' }, state: followUpState },
  ],
  StepFailed: [
    { event: FAILURE_EVENTS.at(-1) as never, state: stateOf(FAILURE_EVENTS) },
    { event: { type: 'StepFailed', at: T, actor: ADELE, step: 'checkout', error: '', retryable: false }, state: done },
  ],
};

const CASES = Object.values(EVERY_EVENT).flat() as ReadonlyArray<{ event: MoveEvent; state: MoveState }>;

describe('event lines in Korean', () => {
  it('draws every event type\'s line in Korean, with no English sentence left', () => {
    for (const { event, state } of CASES) {
      const line = eventText(event, state, KO);
      assert.match(line, HANGUL, `${event.type}: ${line}`);
      assert.doesNotMatch(line, ENGLISH_WORDS, `${event.type}: ${line}`);
      assert.doesNotMatch(line, /[{}]/, `${event.type}: ${line}`);
    }
  });

  it('English is the same with locale en and without a locale, for every event', () => {
    for (const { event, state } of CASES) {
      assert.equal(eventText(event, state, EN), eventText(event, state, OPTIONS), event.type);
    }
  });

  it('says the Contoso move in formal Korean, dates in the reader\'s time zone', () => {
    const lines = CONTOSO_EVENTS.map((event) => eventText(event, done, KO));
    assert.equal(lines[0], 'Megan Bowen 님이 contoso.onmicrosoft.com의 이동을 시작했습니다(Microsoft에서 직접 구매).');
    assert.match(lines[2], /^재판매인 초대와 GDAP\(세분화된 위임 관리자 권한\) 요청이 준비되었습니다\. contoso\.onmicrosoft\.com의 전역 관리자가 수락하기를 기다리고 있습니다\(2025년 6월 1일까지 유효\)\.$/);
    assert.equal(lines[4], '인벤토리를 읽었습니다: 라이선스 SKU 2개, 라이선스 35개(27개 할당됨).');
    assert.match(lines[5], /^계획이 승인 대기 중입니다: 계획 항목 2개, 라이선스 35개\. 승인할 수 있는 사람: /);
    assert.equal(lines[6], 'Adele Vance 님이 계획을 승인했습니다. "Same offers and quantities as today. Go ahead."');
    assert.equal(lines[8], '주문 ORD-123이(가) 접수되었습니다: 구독 2개.');
    assert.match(lines[9], /2025년 3월 12일까지 취소하면 일할 계산된 금액을 환불받을 수 있습니다\.$/, 'the refund deadline on Seoul\'s day');
    assert.match(lines[10], /SPB\(25개\) 2025년 9월 30일에 종료; EXCHANGESTANDARD\(10개\) 종료 날짜를 알 수 없음/);
  });

  it('keeps counts without digit grouping, as the English lines do', () => {
    const event: MoveEvent = { type: 'ReassignmentFinished', at: T, actor: SYSTEM_ACTOR, moved: 1200, attention: 3400 };
    assert.equal(eventText(event, done, OPTIONS), 'Licence reassignment pass finished: 1200 moved, 3400 users still on the old licence.');
    assert.match(eventText(event, done, KO), /1200명을 이동했고, 사용자 3400명은/);
  });

  it('says what became of a withdrawn GDAP request in Korean for the cancelled card', () => {
    assert.match(withdrawalLine('gave-up', 'HTTP 409', 'contoso.com', 'ko'), /파트너 센터\(고객 → contoso\.com → 관리자 관계\)에서 종료하거나/);
    assert.equal(withdrawalLine('withdrawn', '', 'contoso.com'), 'The GDAP request to contoso.com was withdrawn: their Global Admin can no longer approve it.');
  });
});

describe('follow-ups in Korean', () => {
  const on = (day: string, options: CardOptions) => ({ ...options, now: () => new Date(`${day}T09:00:00Z`) });

  it('draws each task with its owner, due date and Done in Korean', () => {
    const view = followUpsView(followUpState, on('2027-02-16', KO));
    assert.equal(view.heading, '후속 작업: 전체 3개 중 3개 남음');
    assert.equal(view.doneLabel, '완료');
    const [autoRenew, moveUsers, confirm] = view.open;
    assert.match(autoRenew.title, /^이전 파트너\(파트너에게 요청\)에서 .+\(구독 sub-SPE_E3\)의 자동 갱신을 끄십시오$/);
    assert.equal(autoRenew.owner, '담당자: Adele Vance 또는 청구 관리자');
    assert.equal(autoRenew.due, '기한 지남: 2027년 2월 15일까지였음');
    assert.match(moveUsers.title, /^Microsoft Entra에서 다음 사용자를 새 라이선스로 직접 이동하십시오: g1@fabrikam\.onmicrosoft\.com/);
    assert.equal(confirm.title, '기존 구독(1개)이 종료되었고 고객이 새 구독을 사용하는지 확인하십시오');
    assert.equal(confirm.due, '기한: 2027년 2월 19일');
    const text = [view.heading, view.doneLabel, ...view.open.flatMap((row) => [row.title, row.owner, row.due])].join('\n');
    assert.doesNotMatch(text, ENGLISH_WORDS);
    assert.doesNotMatch(text, /Due |Overdue|Done|Follow-ups/);
  });

  it('shows a ticked task as one Korean line with who and when', () => {
    const history = given(fabrikamAfterOverride()).when({ type: 'CompleteFollowUp', actor: patti, at: '2027-02-12T10:00:00.000Z', taskId: 'move-users:1' }).accepted().history;
    const view = followUpsView(replay('mv-1', history), on('2027-02-12', KO));
    assert.equal(view.heading, '후속 작업: 전체 3개 중 2개 남음');
    assert.match(view.closed[0].text, /^✓ Microsoft Entra에서 다음 사용자를 .+ — Patti Fernandez 님이 완료함, 2027년 2월 12일 19:00 GMT\+9$/);
  });

  it('says on whom the move waits, in Korean', () => {
    const waiting = followUpsWaiting(followUpState, KO)!;
    assert.equal(waiting.what, '구매 후 남은 후속 작업이 3개 있으며, 다음 기한은 2027년 2월 15일입니다.');
    assert.equal(waiting.who, 'Adele Vance 또는 청구 관리자; Alex Wilber 또는 관리 에이전트(후속 작업)');
  });

  it('English is unchanged with locale en and without a locale', () => {
    assert.deepEqual(followUpsView(followUpState, on('2027-02-16', EN)), followUpsView(followUpState, on('2027-02-16', OPTIONS)));
    assert.deepEqual(followUpsWaiting(followUpState, EN), followUpsWaiting(followUpState));
    assert.equal(followUpsView(followUpState, OPTIONS).doneLabel, 'Done');
  });
});

describe('thread lines in Korean', () => {
  it('announces the move in Korean once pre-flight passed, and asks the approver in Korean', () => {
    assert.equal(threadLine(CONTOSO_EVENTS[1], done, KO), 'Megan Bowen 님이 contoso.onmicrosoft.com의 이동을 시작했습니다(Microsoft에서 직접 구매).');
    const existing = stateOf(EXISTING_CUSTOMER_EVENTS);
    assert.equal(threadLine(EXISTING_CUSTOMER_EVENTS[1], { ...existing, multiPartner: true }, KO),
      'Megan Bowen 님이 northwind.com의 이동을 시작했습니다(Microsoft에서 직접 구매; 고객이 다른 파트너와의 관계를 유지함). 이미 파트너의 고객이므로 초대가 필요하지 않습니다.');
    assert.equal(askApproverText(done, 'ko'), 'Megan Bowen 님이 contoso.onmicrosoft.com의 이동을 시작했습니다. 이 이동의 계획이 승인을 기다리고 있습니다.');
    for (const { event, state } of CASES) {
      const line = threadLine(event, state, KO);
      if (line !== null) assert.doesNotMatch(line, ENGLISH_WORDS, `${event.type}: ${line}`);
    }
  });

  it('English is unchanged with locale en and without a locale', () => {
    for (const { event, state } of CASES) assert.equal(threadLine(event, state, EN), threadLine(event, state, OPTIONS), event.type);
    assert.equal(threadLine(CONTOSO_EVENTS[1], done, EN), 'Megan Bowen started the move of contoso.onmicrosoft.com (bought direct from Microsoft).');
    assert.equal(askApproverText(done, 'en'), askApproverText(done));
  });
});

describe('status card and timeline in Korean', () => {
  /** The status card's and the timeline's English words: none may be left on the Korean card. */
  const STATUS_WORDS = /Waiting for:|Timeline|Show the latest events|Refresh|Cancel the move|Nothing has happened|Started\b|Invitation sent|Accepted by the customer|Inventory read|Plan proposed|Now: |Buy\b|Advice on the originals|Follow-ups ticked|earlier event|Approved by|Bought|Show \d+ more/;

  it('draws the status card of a move waiting for approval in Korean, times in the reader\'s zone', () => {
    const card = statusCard(contosoState('PlanProposed'), contosoUntil('PlanProposed'), KO);
    const text = visibleText(card);
    for (const phrase of ['대기 중인 작업: ', '타임라인', '✓ \n시작됨\n — 2025년 3월 3일 18:00 GMT+9 · Megan Bowen', '계획 제안됨', '현재: ', '최근 이벤트 표시', '후속 작업 완료 표시']) {
      assert.ok(text.includes(phrase), `${phrase} in\n${text}`);
    }
    assert.doesNotMatch(text, STATUS_WORDS);
    assert.doesNotMatch(text, ENGLISH_WORDS);
    assert.ok(JSON.stringify(card).includes('"title":"새로 고침"') && JSON.stringify(card).includes('"title":"이동 취소"'), 'the buttons in Korean');
  });

  it('draws a finished move, its purchases and a long history folded, in Korean', () => {
    const text = visibleText(statusCard(done, CONTOSO_EVENTS, KO));
    assert.match(text, /구매함/);
    assert.match(text, /Adele Vance 님이 승인함/);
    assert.match(text, /이전 이벤트 2개는 표시되지 않습니다/);
    assert.doesNotMatch(text, STATUS_WORDS);
    const many = Array.from({ length: 30 }, () => CONTOSO_EVENTS[4]);
    const view = statusView(done, [...CONTOSO_EVENTS, ...many], KO);
    assert.match(view.timeline.foldedTitle, /^\d+개 더 보기$/);
    assert.match(view.timeline.beyond, /^이전의 주요 단계 \d+개는 감사 내보내기에만 있습니다/);
  });

  it('English is unchanged with locale en and without a locale', () => {
    for (const events of [contosoUntil('PlanProposed'), [...CONTOSO_EVENTS], [...BLOCKED_EVENTS], [...CANCELLED_EVENTS]]) {
      const state = stateOf(events);
      assert.equal(JSON.stringify(statusCard(state, events, EN)), JSON.stringify(statusCard(state, events, OPTIONS)));
    }
    const text = visibleText(statusCard(contosoState('PlanProposed'), contosoUntil('PlanProposed'), OPTIONS));
    assert.match(text, /Waiting for: /);
    assert.match(text, /Show the latest events/);
  });
});
