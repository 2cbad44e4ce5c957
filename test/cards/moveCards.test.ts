/** The move cards, one per stage of a move, and moveCard choosing among them. The header's stage badge: compactHeader.test.ts. */
import assert from 'node:assert/strict';
import type { MoveEvent } from '../../move/events';
import { evolve, initialState } from '../../move/state';
import type { MoveState, Stage } from '../../move/state';
import { blockedCard } from '../../cards/blockedCard';
import { cancelledCard } from '../../cards/cancelledCard';
import { doneCard } from '../../cards/doneCard';
import { invitationCard } from '../../cards/invitationCard';
import { inventoryCard } from '../../cards/inventoryCard';
import { moveCard } from '../../cards/moveCard';
import { planCard } from '../../cards/planCard';
import { progressCard } from '../../cards/progressCard';
import { provisioningCard } from '../../cards/provisioningCard';
import { scheduledCard } from '../../cards/scheduledCard';
import { reassignmentCard } from '../../cards/reassignmentCard';
import { statusCard } from '../../cards/statusCard';
import { openFollowUps } from '../../move/followUps';
import { assertHeader, assertValidCard, buttons, compactHeader, moveChecks, openUrls, verbs, visibleText, walk } from './cardAssertions';
import {
  ADELE, BLOCKED_EVENTS, CANCELLED_EVENTS, CONTOSO_EVENTS, EXISTING_CUSTOMER_EVENTS, FAILURE_EVENTS, GDAP_LINK, MEGAN, OPTIONS,
  REJECTED_EVENTS, RESELLER_LINK, contosoState, contosoUntil, stateOf,
} from './fixtures';

describe('invitationCard', () => {
  const state = contosoState('InvitationIssued');
  const card = invitationCard(state);

  it('is a valid move card for stage awaiting-acceptance', () => {
    assert.equal(state.stage, 'awaiting-acceptance');
    assertValidCard(card, moveChecks(state));
    assertHeader(card, state, 'Invitation sent');
  });

  it('opens the reseller and GDAP links and offers Refresh and Cancel', () => {
    assert.deepEqual(openUrls(card), [RESELLER_LINK, GDAP_LINK]);
    assert.deepEqual(verbs(card), ['move.refresh', 'move.cancel']);
    for (const action of buttons(card)) assert.equal(action.associatedInputs, 'none');
  });

  it('has a ready-to-send message for the Global Admin, and the expiry date', () => {
    let message = '';
    walk(card, (o) => { if (o.id === 'customerMessage') message = o.value as string; });
    assert.ok(message.includes(RESELLER_LINK));
    assert.ok(message.includes(GDAP_LINK));
    assert.match(message, /contoso\.onmicrosoft\.com/);
    assert.match(message, /Only a Global Administrator of your tenant can accept this/);
    assert.match(message, /does not move, change or cancel any subscription by itself/);
    assert.match(message, /valid until 1 Jun 2025/);
    assert.match(visibleText(card), /The invitation is valid until 1 Jun 2025/);
  });

  it('says the invitation was skipped for an existing customer', () => {
    const existing = evolve(stateOf(EXISTING_CUSTOMER_EVENTS), {
      type: 'InvitationIssued', at: '2025-03-03T09:00:09Z', actor: MEGAN, resellerLink: null, gdapRelationshipId: null, gdapLink: null, expiresAt: '2025-06-01T09:00:09Z',
    });
    const skipped = invitationCard(existing);
    assertValidCard(skipped, moveChecks(existing));
    assert.match(visibleText(skipped), /Invitation skipped: northwind\.com is already your customer in Partner Center/);
    assert.deepEqual(openUrls(skipped), []);
  });

  it('never puts a non-https link behind a button', () => {
    const evil = evolve(contosoState('PreflightPassed'), {
      type: 'InvitationIssued', at: '2025-03-03T09:00:09Z', actor: MEGAN, resellerLink: 'javascript:alert(1)', gdapRelationshipId: null, gdapLink: 'http://plain.example/x', expiresAt: '2025-06-01T09:00:09Z',
    });
    const drawn = invitationCard(evil);
    assertValidCard(drawn, moveChecks(evil));
    assert.deepEqual(openUrls(drawn), []);
    assert.doesNotMatch(JSON.stringify(drawn), /javascript:|plain\.example/);
  });
});

describe('inventoryCard', () => {
  const state = contosoState('InventoryTaken');
  const card = inventoryCard(state);

  it('is a valid move card', () => {
    assertValidCard(card, moveChecks(state));
    assertHeader(card, state, 'Drafting the plan');
  });

  it('lists each SKU with total, assigned and status, and each subscription with its date and owner', () => {
    const text = visibleText(card);
    assert.match(text, /2 licence SKUs, 35 licences, 27 assigned/);
    assert.match(text, /\nSPB\n25 licences, 20 assigned, 5 free · status Enabled/);
    assert.match(text, /\nEXCHANGESTANDARD\n10 licences, 7 assigned, 3 free · status Enabled/);
    assert.match(text, /Subscription a1b2c3d4-0000-4000-8000-000000000001 · 25 licences · status Enabled · next lifecycle date 30 Sep 2025 · term unknown · bought direct from Microsoft/);
    assert.match(text, /Subscription a1b2c3d4-0000-4000-8000-000000000002 · 10 licences · status Enabled · next lifecycle date unknown · term unknown · bought direct from Microsoft/);
  });

  it('says how many service plans users have on, and who typed an inventory in', () => {
    const inventory = structuredClone(state.inventory!);
    inventory.lines[0].servicePlans = [{ id: 'p1', name: 'EXCHANGE_S_STANDARD' }, { id: 'p2', name: 'TEAMS1' }];
    inventory.lines[0].usage = { assignedUsers: 20, enabledPlanIds: ['p1'] };
    inventory.lines[1].servicePlans = [{ id: 'p3', name: 'EXCHANGE_S_STANDARD' }];
    inventory.lines[1].usage = { assignedUsers: 7, enabledPlanIds: ['p3'] };
    inventory.lines[0].subscriptions[0].term = { termDuration: 'P1Y', billingCycle: 'annual' };
    inventory.enteredBy = { id: 'u-megan', name: 'Megan Bowen', roles: ['sales-agent'] };
    const text = visibleText(inventoryCard({ ...state, inventory }));
    assert.match(text, /1 of 2 service plans in use \(the others are switched off for every user\)/);
    assert.match(text, /its service plan in use/);
    assert.match(text, /P1Y billed annual/);
    assert.match(text, /Typed in by Megan Bowen on/);
  });

  it('names a partner owner and a trial', () => {
    const inventory = structuredClone(state.inventory!);
    inventory.lines[0].subscriptions[0].ownerTenantId = '11111111-2222-3333-4444-555555555555';
    inventory.lines[0].subscriptions[0].isTrial = true;
    const text = visibleText(inventoryCard({ ...state, inventory }));
    assert.match(text, /bought through partner tenant 11111111-2222-3333-4444-555555555555 · trial/);
  });

  it('says when the inventory is not read yet', () => {
    const early = contosoState('InvitationIssued');
    const drawn = inventoryCard(early);
    assertValidCard(drawn, moveChecks(early));
    assert.match(visibleText(drawn), /The inventory has not been read yet/);
  });
});

describe('provisioningCard', () => {
  it('shows the approval while the cart is being created', () => {
    const state = contosoState('PlanApproved');
    const card = provisioningCard(state);
    assertValidCard(card, moveChecks(state));
    assertHeader(card, state, 'Provisioning');
    assert.match(visibleText(card), /Adele Vance, 4 Mar 2025, 16:40 UTC/);
    assert.match(visibleText(card), /Creating the cart in Partner Center/);
  });

  it('shows the order, each subscription with its status and the 7-day undo window', () => {
    const state = contosoState('OrderPlaced');
    const card = moveCard(state, OPTIONS);
    assertValidCard(card, moveChecks(state));
    const text = visibleText(card);
    assert.match(text, /order ORD-123, cart cart-5e1f/);
    assert.match(text, /25 × Microsoft 365 Business Premium \(CFQ7TTC0LCHC:0002\) · status pending · subscription sub-spb-0001 · cancellable until 11 Mar 2025/);
    assert.match(text, /10 × Exchange Online \(Plan 1\) \(CFQ7TTC0LH16:0001\) · status pending/);
    assert.match(text, /prorated refund within 7 days of purchase.*until 11 Mar 2025, 16:40 UTC/);
    assert.deepEqual(verbs(card), [], 'no Cancel once the order is being placed');
  });

  it('shows a failing step with "retrying automatically"', () => {
    const state = stateOf(FAILURE_EVENTS);
    const card = moveCard(state, OPTIONS);
    assertValidCard(card, moveChecks(state));
    const text = visibleText(card);
    assert.match(text, /Step failed: \ncheckout \(failed 2 times, last at 4 Mar 2025, 16:41 UTC\)/);
    assert.match(text, /Partner Center answered 503 Service Unavailable\./);
    assert.match(text, /Retrying automatically/);
  });

  it('says when a failed step needs a person', () => {
    const state = evolve(contosoState('CartCreated'), {
      type: 'StepFailed', at: '2025-03-04T16:40:15Z', actor: MEGAN, step: 'checkout', error: 'The customer has not accepted the Microsoft Customer Agreement (13605).', retryable: false,
    });
    const text = visibleText(moveCard(state, OPTIONS));
    assert.match(text, /will not be retried automatically\. Fix the cause named above, then send "retry"/);
  });
});

describe('doneCard', () => {
  const state = contosoState('MoveCompleted');
  const card = doneCard(state);

  it('is a valid move card for stage done', () => {
    assertValidCard(card, moveChecks(state));
    assertHeader(card, state, 'Done');
    assert.match(visibleText(card), /Move complete/);
  });

  it('says what was bought', () => {
    const text = visibleText(card);
    assert.match(text, /2 subscriptions with 35 licences bought in your CSP program, provisioned on 4 Mar 2025, 16:45 UTC\./);
    assert.match(text, /25 × Microsoft 365 Business Premium/);
    assert.match(text, /10 × Exchange Online \(Plan 1\)/);
  });

  it('advises to let each original subscription expire, with its date', () => {
    const text = visibleText(card);
    assert.match(text, /Let the original subscriptions expire/);
    assert.match(text, /no refunds on cancelled subscriptions/);
    assert.match(text, /Wait until near each natural expiry date/);
    assert.match(text, /SPB · 25 licences · subscription a1b2c3d4-0000-4000-8000-000000000001\nLet it expire on 30 Sep 2025\./);
    assert.match(text, /EXCHANGESTANDARD · 10 licences · subscription a1b2c3d4-0000-4000-8000-000000000002\nExpiry date unknown/);
    assert.match(text, /A Microsoft-direct purchase may be eligible for a credit/);
  });

  it('shows the undo window of the new purchase, and the multi-partner note only when it applies', () => {
    assert.match(visibleText(card), /until 11 Mar 2025, 16:40 UTC/);
    assert.doesNotMatch(visibleText(card), /Multi-partner/);
    const multi = doneCard({ ...state, multiPartner: true });
    assertValidCard(multi, moveChecks(state));
    assert.match(visibleText(multi), /Multi-partner: the customer keeps its other partner/);
  });

  it('at source-advice before the advice: active subscriptions, advice coming', () => {
    const early = contosoState('ProvisioningCompleted');
    const drawn = moveCard(early, OPTIONS);
    assertValidCard(drawn, moveChecks(early));
    const text = visibleText(drawn);
    assert.match(text, /New subscriptions are active/);
    assert.match(text, /status active/);
    assert.match(text, /advice for each original subscription is being prepared/);
  });
});

describe('blockedCard', () => {
  it('names both regions and what a person can do', () => {
    const state = stateOf(BLOCKED_EVENTS);
    const card = blockedCard(state);
    assertValidCard(card, moveChecks(state));
    assert.equal(state.stage, 'blocked');
    const text = visibleText(card);
    assert.deepEqual(compactHeader(card), { customer: 'fabrikam.de', waiting: null, stage: 'Blocked', style: 'attention' }, 'a rule: it waits on no one');
    assert.match(text, /Started by Megan Bowen, 3 Mar 2025, 09:00 UTC · bought from another CSP partner/);
    assert.match(text, /tenant country DE is in the CSP region Europe, but your partner account \(US\) is in the region United States/);
    assert.match(text, /DE, CSP region Europe/);
    assert.match(text, /US, CSP region United States/);
    assert.match(text, /start again with "move fabrikam\.de"/);
    assert.match(text, /only a CSP partner authorised in the region Europe/);
    assert.deepEqual(verbs(card), []);
  });

  for (const [reason, expected] of [
    [{ code: 'unknown-country', country: 'ZZ' }, /Country given: \nZZ/],
    [{ code: 'tenant-not-found', domain: 'nowhere.example' }, /Looked up: \nnowhere\.example/],
    [{ code: 'plan-has-no-offer', skus: ['SPE_E3'] }, /No CSP offer for: \nSPE_E3/],
    [{ code: 'nothing-to-move' }, /only free, trial or excluded licences/],
    [{ code: 'no-customer-access', detail: 'GDAP not approved' }, /approve the delegated admin \(GDAP\) request/],
  ] as const) {
    it(`explains ${reason.code}`, () => {
      const state = evolve(contosoState('MoveStarted'), { type: 'MoveBlocked', at: '2025-03-03T09:01:00Z', actor: MEGAN, reason: reason as never, message: '' });
      const card = moveCard(state, OPTIONS);
      assertValidCard(card, moveChecks(state));
      assert.match(visibleText(card), expected);
      assert.match(visibleText(card), /no reason was recorded/);
    });
  }
});

describe('statusCard', () => {
  it('draws the whole timeline, the stage and what it waits for', () => {
    const state = contosoState('PlanProposed');
    const events = contosoUntil('PlanProposed');
    const card = statusCard(state, events, OPTIONS);
    assertValidCard(card, moveChecks(state));
    assertHeader(card, state, 'Waiting for approval');
    const text = visibleText(card);
    assert.match(text, /Waiting for: \nApproval of the plan\./);
    assert.equal(compactHeader(card).waiting, 'Waiting on an Account admin or a Billing agent other than Megan Bowen');
    assert.equal(compactHeader(card).style, 'warning', 'a person must act');
    assert.match(text, /3 Mar 2025, 09:00 UTC\n · \nMegan Bowen\nMegan Bowen started the move of contoso\.onmicrosoft\.com \(bought direct from Microsoft\)\./);
    assert.match(text, /4 Mar 2025, 14:12 UTC\n · \nCSP Move Assistant\nCustomer accepted the reseller invitation \(Contoso Ltd\)\./);
    assert.deepEqual(verbs(card), ['move.refresh', 'move.cancel']);
  });

  it('drops Cancel when the move is final, and caps a long timeline', () => {
    const state = contosoState('MoveCompleted');
    const failures: MoveEvent[] = Array.from({ length: 40 }, (_, i) => ({
      type: 'StepFailed', at: `2025-03-04T17:${String(i).padStart(2, '0')}:00Z`, actor: ADELE, step: 'verify', error: 'Timeout.', retryable: true,
    }));
    const events = [...CONTOSO_EVENTS, ...failures];
    const card = statusCard(state, events, OPTIONS);
    assertValidCard(card, moveChecks(state));
    // The follow-ups outlive the move: each open one keeps its Done button.
    assert.deepEqual(verbs(card).filter((verb) => verb !== 'move.followup.done'), ['move.refresh']);
    assert.equal(verbs(card).length - 1, openFollowUps(state).length);
    assert.match(visibleText(card), /42 earlier events are not shown/);
  });

  it('says when nothing has happened yet', () => {
    const state = contosoState('MoveStarted');
    assert.match(visibleText(statusCard(state, [], OPTIONS)), /Nothing has happened yet/);
  });
});

describe('cancelledCard', () => {
  it('says who cancelled, why, and what is left to do', () => {
    const state = stateOf(CANCELLED_EVENTS);
    const card = moveCard(state, OPTIONS, CANCELLED_EVENTS);
    assertValidCard(card, moveChecks(state));
    assertHeader(card, state, 'Cancelled');
    const text = visibleText(card);
    assert.match(text, /Cancelled by: \nMegan Bowen, 10 Mar 2025, 08:00 UTC/);
    assert.match(text, /The customer decided to stay with its current partner\./);
    assert.match(text, /Nothing was bought\./);
    assert.match(text, /tell their Global Admin not to accept it/);
    assert.deepEqual(verbs(card), []);
    assert.deepEqual(cancelledCard(state), card);
  });
});

describe('moveCard', () => {
  const expected: Record<Stage, string> = {
    intake: 'progress', preflight: 'progress', invitation: 'progress', 'awaiting-acceptance': 'invitation', inventory: 'progress',
    plan: 'progress', approval: 'plan', scheduled: 'scheduled', provisioning: 'provisioning', 'reassigning-licenses': 'reassignment', 'source-advice': 'done', 'watching-sources': 'done', done: 'done', blocked: 'blocked',
    rejected: 'plan', cancelled: 'cancelled', 'timed-out': 'status',
  };
  const builders: Record<string, (s: MoveState) => unknown> = {
    progress: (s: MoveState) => progressCard(s, OPTIONS), invitation: invitationCard, plan: (s: MoveState) => planCard(s, OPTIONS),
    scheduled: scheduledCard, provisioning: provisioningCard, reassignment: reassignmentCard, done: doneCard, blocked: blockedCard, cancelled: cancelledCard,
    status: (s: MoveState) => statusCard(s, [], OPTIONS),
  };
  const histories = [
    ...CONTOSO_EVENTS.map((_, i) => CONTOSO_EVENTS.slice(0, i + 1)),
    [], BLOCKED_EVENTS, REJECTED_EVENTS, CANCELLED_EVENTS, FAILURE_EVENTS, EXISTING_CUSTOMER_EVENTS,
  ];

  for (const events of histories) {
    const state = events.length === 0 ? stateOf([CONTOSO_EVENTS[0]]) : stateOf(events);
    const label = events.length === 0 ? 'MoveStarted' : `${events[events.length - 1].type} (${state.stage})`;
    it(`after ${label}: draws the ${expected[state.stage]} card, valid, with the header`, () => {
      const card = moveCard(state, OPTIONS, events);
      assertValidCard(card, moveChecks(state));
      assert.deepEqual(card, events.length > 0 && expected[state.stage] === 'progress' ? progressCard(state, OPTIONS, events) : builders[expected[state.stage]](state));
      const text = visibleText(card);
      assert.ok(text.includes(state.customerDomain));
      assert.ok(text.includes('Megan Bowen'));
    });
  }

  it('draws a move that has no events yet (stage intake)', () => {
    const state = initialState('mv-empty');
    const card = moveCard(state, OPTIONS);
    assertValidCard(card, moveChecks(state));
    assert.equal(compactHeader(card).stage, 'Intake');
    assert.match(visibleText(card), /Not started yet · source not yet known/);
  });

  it('the progress card says it is checking, what comes next, and on whom it waits', () => {
    const state = contosoState('MoveStarted');
    const card = moveCard(state, OPTIONS, contosoUntil('MoveStarted'));
    assertHeader(card, state, 'Pre-flight checks');
    const text = visibleText(card);
    assert.match(text, /Checking… Pre-flight checks/);
    assert.match(text, /Next: the reseller invitation/);
    assert.equal(compactHeader(card).waiting, 'Waiting on the bot (nothing to do)');
    assert.equal(compactHeader(card).style, 'accent', 'the bot works by itself');
    assert.match(text, /Latest\nMegan Bowen started the move/);
    assert.deepEqual(verbs(card), ['move.refresh', 'move.cancel']);
  });
});
