import assert from 'node:assert/strict';
import type { MoveEvent } from '../../move/events';
import { eventText } from '../../cards/eventText';
import { SYSTEM_ACTOR } from '../../move/model';
import { VISIO, VISIO_PLAN1, pickedPlanState, user } from './fabrikamFixtures';
import {
  ALEX, BLOCKED_EVENTS, CANCELLED_EVENTS, CONTOSO_EVENTS, EXISTING_CUSTOMER_EVENTS, FAILURE_EVENTS, MEGAN, OPTIONS, REJECTED_EVENTS, contosoState, stateOf,
} from './fixtures';

const T = '2025-03-05T12:00:00Z';
const CONTOSO_INVENTORY = contosoState('InventoryTaken').inventory!.lines;

function lines(events: readonly MoveEvent[]): string[] {
  const state = stateOf(events);
  return events.map((event) => eventText(event, state, OPTIONS));
}

describe('eventText', () => {
  it('tells the Contoso move in one plain line per event', () => {
    assert.deepEqual(lines(CONTOSO_EVENTS), [
      'Megan Bowen started the move of contoso.onmicrosoft.com (bought direct from Microsoft).',
      'Pre-flight checks passed: tenant found, region United States matches yours.',
      'Reseller invitation and GDAP request ready: waiting for a Global Admin of contoso.onmicrosoft.com to accept (valid until 1 Jun 2025).',
      'Customer accepted the reseller invitation (Contoso Ltd).',
      'Inventory read: 2 licence SKUs, 35 licences (27 assigned).',
      'Plan ready for approval: 2 lines, 35 licences. An Account admin or a Billing agent other than Megan Bowen can approve it.',
      'Plan approved by Adele Vance. "Same offers and quantities as today. Go ahead."',
      'Cart created in Partner Center; checking out.',
      'Order ORD-123 placed: 2 subscriptions.',
      'New subscriptions provisioned: 25 × Microsoft 365 Business Premium, 10 × Exchange Online (Plan 1). They can be cancelled for a prorated refund until 11 Mar 2025.',
      'Advice on the original subscriptions: let them expire, do not cancel them (no refunds): SPB (25) on 30 Sep 2025; EXCHANGESTANDARD (10) end date unknown, check it in the Microsoft 365 admin center.',
      'Move complete: every original subscription has ended, and contoso.onmicrosoft.com runs on the subscriptions bought in your CSP program.',
    ]);
  });

  it('tells the other endings', () => {
    assert.equal(lines(BLOCKED_EVENTS)[1],
      "Move blocked: The customer's tenant country DE is in the CSP region Europe, but your partner account (US) is in the region United States.");
    assert.equal(lines(REJECTED_EVENTS).at(-1), 'Plan rejected by Alex Wilber. "The customer wants annual billing, not monthly."');
    assert.equal(lines(CANCELLED_EVENTS).at(-1), 'Move cancelled by Megan Bowen: The customer decided to stay with its current partner.');
    assert.equal(lines(FAILURE_EVENTS).at(-1), 'Step checkout failed: Partner Center answered 503 Service Unavailable. Retrying automatically.');
    assert.equal(lines(EXISTING_CUSTOMER_EVENTS)[1],
      'Pre-flight checks passed: northwind.com is already your customer, so no invitation is needed. Reading the inventory next.');
  });

  it('names the multi-partner case, a step that needs a person and a block without a message', () => {
    const started = { ...CONTOSO_EVENTS[0], multiPartner: true } as MoveEvent;
    assert.match(eventText(started, stateOf([started]), OPTIONS), /\(bought direct from Microsoft; the customer keeps another partner\)/);
    const state = contosoState('CartCreated');
    assert.equal(
      eventText({ type: 'StepFailed', at: '2025-03-04T16:40:15Z', actor: MEGAN, step: 'checkout', error: 'Error 13605', retryable: false }, state, OPTIONS),
      'Step checkout failed: Error 13605. It will not retry by itself: fix the cause, then send "retry".',
    );
    assert.equal(
      eventText({ type: 'MoveBlocked', at: '2025-03-04T16:40:15Z', actor: MEGAN, reason: { code: 'tenant-not-found', domain: 'nowhere.example' }, message: '' }, state, OPTIONS),
      'Move blocked: no Microsoft 365 tenant answers for nowhere.example.',
    );
  });

  it('tells picked offers, a typed inventory, the reassignment and its blocker', () => {
    const state = pickedPlanState();
    const line = (event: MoveEvent) => eventText(event, state, OPTIONS);
    assert.equal(line({ type: 'OfferChosen', at: T, actor: ALEX, sourceSkuId: VISIO, skuPartNumber: 'VISIOCLIENT', offers: [VISIO_PLAN1], reason: 'Browser only' }),
      'Alex Wilber (Account admin) picked Visio Plan 1 for VISIOCLIENT: Browser only. Users lose what these offers lack; the plan is drafted again.');
    assert.equal(line({ type: 'InventoryTaken', at: T, actor: MEGAN, inventory: { takenAt: T, enteredBy: MEGAN, lines: CONTOSO_INVENTORY } }),
      'Inventory typed in by Megan Bowen: 2 licence SKUs, 35 licences (27 assigned). The bot could not read the tenant, so the approver checks the figures.');
    const results = [user(1, 'moved'), user(2, 'moved'), ...Array.from({ length: 7 }, (_, i) => user(i + 3, 'skipped-usage-location'))];
    assert.equal(line({ type: 'LicencesReassigned', at: T, actor: SYSTEM_ACTOR, results }),
      'Licences reassigned: 2 users moved to the new licences; 7 users need attention: user003@fabrikam.onmicrosoft.com (Skipped: no usage location), '
      + 'user004@fabrikam.onmicrosoft.com (Skipped: no usage location), user005@fabrikam.onmicrosoft.com (Skipped: no usage location), '
      + 'user006@fabrikam.onmicrosoft.com (Skipped: no usage location), user007@fabrikam.onmicrosoft.com (Skipped: no usage location), and 2 more.');
    assert.equal(line({ type: 'LicencesReassigned', at: T, actor: SYSTEM_ACTOR, results: [user(1, 'moved')] }), 'Licences reassigned: 1 user moved to the new licences.');
    const sending = [2, 3].map((n) => ({ userId: `u${n}`, userPrincipalName: `user00${n}@fabrikam.onmicrosoft.com`, sourceSkuId: 'sku' }));
    assert.equal(line({ type: 'LicencesReassigned', at: T, actor: SYSTEM_ACTOR, results: [], sending }), 'Sending the licence changes of 2 users to Microsoft Graph.');
    assert.equal(line({ type: 'ReassignmentFinished', at: T, actor: SYSTEM_ACTOR, moved: 2, attention: 7 }),
      'Licence reassignment pass finished: 2 moved, 7 users still on the old licence.');
    assert.equal(line({ type: 'ReassignmentFinished', at: T, actor: SYSTEM_ACTOR, moved: 9, attention: 0 }),
      'Licence reassignment finished: every user is on the new licences (9 moved in this pass).');
    assert.equal(line({ type: 'ReassignmentResumed', at: T, actor: MEGAN }),
      'Megan Bowen asked for another licence reassignment pass: the users still on the old licence are tried again.');
    assert.equal(line({ type: 'MoveBlocked', at: T, actor: SYSTEM_ACTOR, reason: { code: 'reassignment-incomplete', users: 7 }, message: '' }),
      'Move blocked: 7 users still hold the old licence; fix what the card lists, then say "retry".');
  });

  it('names the approvers the policy and the plan require', () => {
    const state = pickedPlanState();
    const proposed: MoveEvent = { type: 'PlanProposed', at: T, actor: SYSTEM_ACTOR, plan: state.plan!, proposer: MEGAN };
    assert.match(eventText(proposed, state, OPTIONS), /An Account admin other than Megan Bowen can approve it\.$/);
    const noFourEyes = { approvalPolicy: { ...OPTIONS.approvalPolicy, fourEyes: false } };
    const contoso = contosoState('PlanProposed');
    const contosoProposed: MoveEvent = { ...proposed, plan: contoso.plan! };
    assert.match(eventText(contosoProposed, contoso, noFourEyes), /An Account admin or a Billing agent can approve it\.$/);
    const reminder: MoveEvent = { type: 'ReminderDue', at: T, actor: SYSTEM_ACTOR, about: 'approval', waitingSince: T, count: 1 };
    assert.match(eventText(reminder, state, OPTIONS), /for an Account admin other than Megan Bowen to approve or reject it\.$/);
  });

  it('returns one short line for every event', () => {
    const all = [...CONTOSO_EVENTS, ...BLOCKED_EVENTS, ...REJECTED_EVENTS, ...CANCELLED_EVENTS, ...FAILURE_EVENTS];
    const state = contosoState('MoveCompleted');
    for (const event of all) {
      const text = eventText(event, state, OPTIONS);
      assert.doesNotMatch(text, /\n/, event.type);
      assert.ok(text.length > 10 && text.length < 700, `${event.type}: ${text.length}`);
    }
  });
});
