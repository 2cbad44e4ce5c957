import assert from 'node:assert/strict';
import { moveCard } from '../../cards/moveCard';
import { planCard } from '../../cards/planCard';
import type { Plan, PlanLine } from '../../move/model';
import { DEFAULT_APPROVAL_POLICY } from '../../move/policy';
import { assertHeader, assertValidCard, buttons, moveChecks, verbs, visibleText, walk } from './cardAssertions';
import { E3_LINE, FABRIKAM_PLAN, VISIO_BLOCKER, VISIO_CHOSEN_LINE, pickedPlanState } from './fabrikamFixtures';
import { HOSTILE, MOVE_ID, OPTIONS, PLAN_HASH, REJECTED_EVENTS, contosoState, stateOf } from './fixtures';

describe('planCard', () => {
  const state = contosoState('PlanProposed');
  const card = planCard(state, OPTIONS);

  it('is a valid move card for stage approval', () => {
    assert.equal(state.stage, 'approval');
    assertValidCard(card, moveChecks(state));
    assertHeader(card, state, 'Waiting for approval');
  });

  it('has one block per line: match kind, offer (title, productId:skuId), quantity against assigned, reason', () => {
    const text = visibleText(card);
    assert.match(text, /SPB\n · \nSame offer/);
    assert.match(text, /EXCHANGESTANDARD\n · \nSame offer/);
    assert.match(text, /Offer: \nMicrosoft 365 Business Premium \(CFQ7TTC0LCHC:0002\)/);
    assert.match(text, /Offer: \nExchange Online \(Plan 1\) \(CFQ7TTC0LH16:0001\)/);
    assert.ok(text.includes('25 licences to buy · today 25 in service, 20 assigned'));
    assert.ok(text.includes('10 licences to buy · today 10 in service, 7 assigned'));
    assert.match(text, /provisions the same Graph SKU/);
    assert.equal(text.match(/users keep their licences \(no reassignment\)/g)?.length, 2);
    assert.match(text, /2 lines, 35 licences in total \(2 same offer\)\./);
    assert.match(text, /FLOW_FREE: Free viral SKU: nothing to buy\./);
  });

  it('shows the original\'s end date ("unknown" when not known) and that the new subscription starts at purchase', () => {
    const text = visibleText(card);
    assert.match(text, /Original: \nends 30 Sep 2025 · 1-year term, billed monthly/);
    assert.match(text, /Original: \nends unknown · term unknown/);
    assert.equal(text.match(/New: \nstarts at purchase · 1-year term, billed monthly/g)?.length, 2);
  });

  it('shows the source term ("unknown" when not known) against the purchase term and billing, and the line\'s warnings', () => {
    const text = visibleText(card);
    assert.match(text, /Original: \nends 30 Sep 2025 · 1-year term, billed monthly\nNew: \nstarts at purchase · 1-year term, billed monthly/);
    assert.match(text, /Original: \nends unknown · term unknown\nNew: \nstarts at purchase · 1-year term, billed monthly/);
    assert.match(text, /The original's term is unknown \(Microsoft Graph does not report terms\)/);
  });

  it('says no licence is reassigned, the undo path, the proposer, who may approve (four-eyes) and the plan hash', () => {
    const text = visibleText(card);
    assert.match(text, /No licence reassignment: every line buys the same offer/);
    assert.match(text, /the new subscriptions can be cancelled within 7 days of purchase for a prorated refund/);
    assert.match(text, /Proposed for: \nMegan Bowen, who started the move/);
    assert.match(text, /Who can approve: \nan Account admin or a Billing agent other than Megan Bowen\./);
    assert.match(text, /cannot approve it \(four-eyes\)/);
    assert.doesNotMatch(text, /Only an Account admin can approve it/);
    assert.ok(text.includes(PLAN_HASH));
  });

  it('has a comment box and Approve / Reject carrying the plan hash', () => {
    let comment: Record<string, unknown> | undefined;
    walk(card, (o) => { if (o.id === 'comment') comment = o; });
    assert.equal(comment?.type, 'Input.Text');
    assert.notEqual(comment?.isRequired, true);
    const actions = buttons(card);
    assert.deepEqual(actions.map((a) => a.verb), ['move.plan.approve', 'move.plan.reject']);
    for (const action of actions) assert.deepEqual(action.data, { moveId: MOVE_ID, version: state.version, planHash: PLAN_HASH });
  });

  it('once approved: "Approved by Adele Vance at …" and no buttons', () => {
    const approved = contosoState('PlanApproved');
    const drawn = planCard(approved, OPTIONS);
    assertValidCard(drawn, moveChecks(approved));
    const text = visibleText(drawn);
    assert.match(text, /Approved by Adele Vance at 4 Mar 2025, 16:40 UTC\./);
    assert.match(text, /Same offers and quantities as today\. Go ahead\./);
    assert.deepEqual(verbs(drawn), []);
    assert.equal(drawn.actions, undefined);
    assert.doesNotMatch(JSON.stringify(drawn), /"id":"comment"/);
  });

  it('once rejected: "Rejected by Alex Wilber …: comment" and what to do next', () => {
    const rejected = stateOf(REJECTED_EVENTS);
    const drawn = moveCard(rejected, OPTIONS);
    assertValidCard(drawn, moveChecks(rejected));
    const text = visibleText(drawn);
    assert.match(text, /Rejected by Alex Wilber at 4 Mar 2025, 15:00 UTC\n: \nThe customer wants annual billing, not monthly\./);
    assert.match(text, /start a new move \(move contoso\.onmicrosoft\.com\)/);
    assert.deepEqual(verbs(drawn), []);
  });

  it('flags a quantity below the assigned licences and hides Approve when there are blockers', () => {
    const plan = structuredClone(state.plan!);
    plan.lines[0].quantity = 15;
    plan.blockers = [{ ...VISIO_BLOCKER, skuPartNumber: 'SPE_E3', reason: 'Not sold in the US catalog and no equivalent covers it.' }];
    const drawn = planCard({ ...state, plan }, OPTIONS);
    assertValidCard(drawn, moveChecks(state));
    const text = visibleText(drawn);
    assert.match(text, /Error: 15 is fewer than the 20 licences assigned today/);
    assert.match(text, /SPE_E3: Not sold in the US catalog/);
    assert.deepEqual(verbs(drawn), ['move.plan.reject']);
  });
});

describe('planCard: equivalent and picked offers', () => {
  const state = pickedPlanState();
  const card = planCard(state, OPTIONS);
  const text = visibleText(card);

  it('is valid, for stage approval', () => {
    assert.equal(state.stage, 'approval');
    assertValidCard(card, moveChecks(state));
  });

  it('labels each line\'s match kind and lists every offer of an equivalent set', () => {
    assert.match(text, /SPE_E3\n · \nEquivalent/);
    assert.match(text, /VISIOCLIENT\n · \nPicked by an Account admin/);
    assert.match(text, /Offer: \nMicrosoft 365 E3 \(no Teams\) \(CFQ7TTC0LFLX:0021\)\nOffer: \nMicrosoft Teams Enterprise \(CFQ7TTC0MZJF:0009\)/);
    assert.match(text, /Offer: \nVisio Plan 1 \(CFQ7TTC0QHGZ:0001\)/);
    assert.match(text, /together carry all 61 service plans/);
    assert.match(text, /Picked by Alex Wilber \(Account admin\) on 2026-11-25: "The customer only uses Visio in the browser\."/);
    assert.match(text, /2 lines, 55 licences in total \(1 equivalent, 1 picked by an Account admin\)\./);
  });

  it('lists ignored plans, and the picked line\'s lost plans in attention style', () => {
    assert.match(text, /Not carried, no user has them on: \nKAIZALA_O365_P3, SWAY/);
    let lost: Record<string, unknown> | undefined;
    walk(card, (o) => {
      if (o.type === 'Container' && o.style === 'attention' && JSON.stringify(o).includes('VISIO_CLIENT_SUBSCRIPTION')) lost = o;
    });
    assert.ok(lost, 'the lost plans are in an attention container');
    assert.match(text, /Users lose VISIO_CLIENT_SUBSCRIPTION: the picked offers do not carry it\./);
  });

  it('shows the plan\'s warnings, the terms ("unknown" vs a typed one) and that licences will be reassigned', () => {
    assert.match(text, /Check before approving\nThe inventory was typed in by Megan Bowen/);
    assert.match(text, /term unknown\nNew: \nstarts at purchase · 1-year term, billed annually · users move to the new licence/);
    assert.match(text, /1-month term, billed monthly\nNew: \nstarts at purchase · 1-month term, billed monthly/);
    assert.match(text, /Licences will be reassigned for SPE_E3 \(46 assigned\), VISIOCLIENT \(4 assigned\)\./);
    assert.match(text, /adds the new licence and removes the original in the same step/);
    assert.match(text, /not changed; the card lists them for you to fix/);
  });

  it('says only an Account admin may approve picked offers, and why, as the decider does', () => {
    assert.match(text, /Who can approve: \nan Account admin other than Megan Bowen\./);
    assert.match(text, /Only an Account admin can approve it, because offers were picked by hand for VISIOCLIENT\./);
    assert.match(text, /An Account admin or a Billing agent can reject it\./);
  });

  it('follows the configured policy: seat threshold, other approver roles, four-eyes off', () => {
    const lines: PlanLine[] = [{ ...E3_LINE, quantity: 400, source: { ...E3_LINE.source, totalUnits: 400, consumedUnits: 390 } }];
    const big = pickedPlanState({ ...FABRIKAM_PLAN, lines });
    const options = { approvalPolicy: { ...DEFAULT_APPROVAL_POLICY, approverRoles: ['billing-agent'] as const, fourEyes: false, accountAdminAboveSeats: 300 } };
    const drawn = visibleText(planCard(big, options));
    assert.match(drawn, /Who can approve: \nan Account admin\./);
    assert.match(drawn, /it buys 400 licences, more than 300/);
    assert.match(drawn, /Four-eyes is off: the person the plan is proposed for may approve it too\./);
    assert.match(drawn, /A Billing agent can reject it\./);
    const small = visibleText(planCard(pickedPlanState({ ...FABRIKAM_PLAN, lines: [E3_LINE] }), { approvalPolicy: { ...options.approvalPolicy, accountAdminAboveSeats: null } }));
    assert.match(small, /Who can approve: \na Billing agent\./);
  });

  it('fits a long plan with hostile text into one Teams message, the first lines in full', () => {
    const hostileLine: PlanLine = {
      ...VISIO_CHOSEN_LINE, reason: HOSTILE, warnings: [HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE],
      ignoredPlans: Array.from({ length: 40 }, (_, i) => `PLAN_${i}_${HOSTILE.slice(0, 100)}`), lostPlans: Array.from({ length: 40 }, () => HOSTILE.slice(0, 200)),
      offers: Array.from({ length: 6 }, () => ({ ...VISIO_CHOSEN_LINE.offers[0], title: HOSTILE })),
    };
    const plan: Plan = { ...FABRIKAM_PLAN, lines: Array.from({ length: 60 }, () => hostileLine), warnings: Array.from({ length: 20 }, () => HOSTILE) };
    const drawn = planCard(pickedPlanState(plan), OPTIONS);
    assertValidCard(drawn);
    const bytes = Buffer.byteLength(JSON.stringify(drawn));
    assert.ok(bytes < 24_000, `${bytes} bytes`);
    walk(drawn, (o) => { if (o.type === 'TextBlock') assert.doesNotMatch(String(o.text), /click me|evil\.example/); });
    assert.match(visibleText(drawn), /more lines are not shown; the plan hash below covers every line\./);
    assert.deepEqual(verbs(drawn), ['move.plan.approve', 'move.plan.reject']);
  });

  it('draws ten ordinary lines in full', () => {
    const plan: Plan = { ...FABRIKAM_PLAN, lines: Array.from({ length: 10 }, () => E3_LINE) };
    const drawn = planCard(pickedPlanState(plan), OPTIONS);
    assertValidCard(drawn);
    const shown = visibleText(drawn);
    assert.equal(shown.match(/Why: /g)?.length, 8, 'eight lines in full');
    assert.match(shown, /Lines after the first 8 are shown in short/);
    assert.equal(shown.match(/Quantity: /g)?.length, 10, 'every line is listed');
  });
});
