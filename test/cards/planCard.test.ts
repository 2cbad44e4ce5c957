import assert from 'node:assert/strict';
import { moveCard } from '../../cards/moveCard';
import { planCard } from '../../cards/planCard';
import type { Plan, PlanLine } from '../../move/model';
import { DEFAULT_APPROVAL_POLICY } from '../../move/policy';
import { assertValidCard, buttons, moveChecks, shownAtFirst, verbs, visibleText, walk } from './cardAssertions';
import { E3_LINE, FABRIKAM_PLAN, VISIO_BLOCKER, VISIO_CHOSEN_LINE, pickedPlanState } from './fabrikamFixtures';
import { HOSTILE, MOVE_ID, OPTIONS, PLAN_HASH, REJECTED_EVENTS, contosoState, stateOf } from './fixtures';

/** What the plan card shows before Details is opened or a ShowCard button is pressed. */
const firstSight = (card: object) => visibleText(shownAtFirst(card));

describe('planCard', () => {
  const state = contosoState('PlanProposed');
  const card = planCard(state, OPTIONS);

  it('is a valid move card for stage approval, with a compact header: customer, stage badge, waiting on whom', () => {
    assert.equal(state.stage, 'approval');
    assertValidCard(card, moveChecks(state));
    const shown = firstSight(card);
    assert.match(shown, /^Contoso Ltd \(contoso\.onmicrosoft\.com\)\nWaiting on an Account admin or a Billing agent other than Megan Bowen\nWaiting for approval\n/);
    let badge: Record<string, unknown> | undefined;
    walk(card.body[0], (o) => { if (o.type === 'Column' && o.style) badge = o; });
    assert.equal(badge?.style, 'warning', 'the stage badge says someone must act');
    // Who started the move, and when, is behind Details.
    assert.match(visibleText(card), /Started by: \nMegan Bowen, 3 Mar 2025, 09:00 UTC/);
  });

  it('has one table row per line: licence today → offers, seats against assigned, term, buy date and cost', () => {
    const shown = firstSight(card);
    assert.match(shown, /SPB\nSame offer\n→ Microsoft 365 Business Premium\n25\n20 assigned\n1 year, monthly\nat approval\nUSD 550\.00\nUSD 6,600\.00 for 1 year/);
    assert.match(shown, /EXCHANGESTANDARD\nSame offer\n→ Exchange Online \(Plan 1\)\n10\n7 assigned\n1 year, monthly\nat approval\nUSD 40\.00\nUSD 480\.00 for 1 year/);
    assert.match(shown, /Total: USD 590\.00 a month · USD 7,080\.00 committed\nGuide prices \(not your price sheet\)\./);
  });

  it('keeps the offer ids, the reasons, the original\'s end and term and the excluded licences behind Details', () => {
    const text = visibleText(card);
    const shown = firstSight(card);
    for (const detail of [/Microsoft 365 Business Premium \(CFQ7TTC0LCHC:0002\)/, /provisions the same Graph SKU/, /FLOW_FREE: Free viral SKU: nothing to buy\./,
      /Original: \nends 30 Sep 2025 · 1-year term, billed monthly/, /Original: \nends unknown · term unknown/, /2 lines, 35 licences in total \(2 same offer\)\./]) {
      assert.match(text, detail);
      assert.doesNotMatch(shown, detail);
    }
    assert.equal(text.match(/users keep their licences \(no reassignment\)/g)?.length, 2);
    assert.match(text, /The original's term is unknown \(Microsoft Graph does not report terms\)/);
  });

  it('says no licence is reassigned, the undo path, the proposer, who may approve (four-eyes) and the plan hash, behind Details', () => {
    const text = visibleText(card);
    assert.match(text, /No licence reassignment: every line buys the same offer/);
    assert.match(text, /the new subscriptions can be cancelled within 7 days of purchase for a prorated refund/);
    assert.match(text, /Proposed for: \nMegan Bowen, who started the move/);
    assert.match(text, /Who can approve: \nan Account admin or a Billing agent other than Megan Bowen\./);
    assert.match(text, /cannot approve it \(four-eyes\)/);
    assert.doesNotMatch(text, /Only an Account admin can approve it/);
    assert.ok(text.includes(PLAN_HASH));
    assert.ok(!firstSight(card).includes(PLAN_HASH));
    assert.doesNotMatch(firstSight(card), /four-eyes|Proposed for/);
  });

  it('has a comment box and Approve / Reject carrying the plan hash', () => {
    let comment: Record<string, unknown> | undefined;
    walk(card, (o) => { if (o.id === 'comment') comment = o; });
    assert.equal(comment?.type, 'Input.Text');
    assert.notEqual(comment?.isRequired, true);
    const decisions = (card.actions as Array<Record<string, unknown>>).filter((a) => a.type === 'Action.Execute') as ReturnType<typeof buttons>;
    assert.deepEqual(decisions.map((a) => [a.title, a.verb, a.style]), [['Approve', 'move.plan.approve', 'positive'], ['Reject', 'move.plan.reject', 'destructive']]);
    for (const action of decisions) assert.deepEqual(action.data, { moveId: MOVE_ID, version: state.version, planHash: PLAN_HASH });
  });

  it('once approved: "Approved by Adele Vance at …", no inputs and no decision buttons', () => {
    const approved = contosoState('PlanApproved');
    const drawn = planCard(approved, OPTIONS);
    assertValidCard(drawn, moveChecks(approved));
    const text = visibleText(drawn);
    assert.match(text, /Approved by Adele Vance at 4 Mar 2025, 16:40 UTC\./);
    assert.match(text, /Same offers and quantities as today\. Go ahead\./);
    assert.match(firstSight(drawn), /^Contoso Ltd \(contoso\.onmicrosoft\.com\)\nApproved\n/);
    assert.deepEqual(verbs(drawn), []);
    assert.equal(drawn.actions, undefined);
    walk(drawn, (o) => assert.ok(!String(o.type).startsWith('Input.'), `no ${String(o.type)}`));
  });

  it('once rejected: "Rejected by Alex Wilber …: comment" and what to do next', () => {
    const rejected = stateOf(REJECTED_EVENTS);
    const drawn = moveCard(rejected, OPTIONS);
    assertValidCard(drawn, moveChecks(rejected));
    const text = visibleText(drawn);
    assert.match(text, /Rejected by Alex Wilber at 4 Mar 2025, 15:00 UTC\n: \nThe customer wants annual billing, not monthly\./);
    assert.match(text, /start a new move \(move contoso\.onmicrosoft\.com\)/);
    assert.deepEqual(verbs(drawn), []);
    walk(drawn, (o) => assert.ok(!String(o.type).startsWith('Input.') && o.type !== 'Action.ShowCard', `no ${String(o.type)}`));
  });

  it('flags a quantity below the assigned licences in sight, and offers no Approve with it or with blockers', () => {
    const short = structuredClone(state.plan!);
    short.lines[0].quantity = 15;
    const seats = planCard({ ...state, plan: short }, OPTIONS);
    assertValidCard(seats, moveChecks(state));
    assert.match(firstSight(seats), /SPB: \nError: 15 is fewer than the 20 licences assigned today/);
    assert.match(firstSight(seats), /Approve is not offered while a line buys fewer seats than users are assigned/);
    assert.deepEqual(verbs(seats), ['move.plan.reject', 'move.plan.adjust'], 'the seats can still be raised');

    const blocked = { ...short, blockers: [{ ...VISIO_BLOCKER, skuPartNumber: 'SPE_E3', reason: 'Not sold in the US catalog and no equivalent covers it.' }] };
    const drawn = planCard({ ...state, plan: blocked }, OPTIONS);
    assertValidCard(drawn, moveChecks(state));
    const shown = firstSight(drawn);
    assert.match(shown, /Blockers: a person must resolve these\nSPE_E3: Not sold in the US catalog/);
    assert.match(shown, /Approve is not offered while the plan has blockers/);
    assert.deepEqual(verbs(drawn), ['move.plan.reject', 'move.plan.adjust']);
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

  it('labels each row\'s match kind (the part number when the plan has no friendly name) and lists every offer of an equivalent set', () => {
    const shown = firstSight(card);
    assert.match(shown, /\nSPE_E3\nEquivalent\n→ Microsoft 365 E3 \(no Teams\) \+ Microsoft Teams Enterprise\n50\n46 assigned\n1 year, annual\nat approval\n/);
    assert.match(shown, /\nVISIOCLIENT\nPicked by an Account admin\n→ Visio Plan 1\n5\n4 assigned\n1 month\nat approval\nUSD 25\.00\n/);
    assert.match(text, /Offers: \nMicrosoft 365 E3 \(no Teams\) \(CFQ7TTC0LFLX:0021\) \+ Microsoft Teams Enterprise \(CFQ7TTC0MZJF:0009\)/);
    assert.match(text, /Offers: \nVisio Plan 1 \(CFQ7TTC0QHGZ:0001\)/);
    assert.match(text, /together carry all 61 service plans/);
    assert.match(text, /Picked by Alex Wilber \(Account admin\) on 2026-11-25: "The customer only uses Visio in the browser\."/);
    assert.match(text, /2 lines, 55 licences in total \(1 equivalent, 1 picked by an Account admin\)\./);
  });

  it('lists ignored plans behind Details, and the picked line\'s lost plans in sight, in attention style, once', () => {
    assert.match(text, /Not carried, no user has them on: \nKAIZALA_O365_P3, SWAY/);
    assert.doesNotMatch(firstSight(card), /KAIZALA/);
    let lost: Record<string, unknown> | undefined;
    walk(shownAtFirst(card), (o) => {
      if (o.type === 'Container' && o.style === 'attention' && JSON.stringify(o).includes('VISIO_CLIENT_SUBSCRIPTION')) lost = o;
    });
    assert.ok(lost, 'the lost plans are in an attention container, in sight');
    assert.match(firstSight(card), /VISIOCLIENT: \nUsers lose VISIO_CLIENT_SUBSCRIPTION: check the customer agreed\./);
    assert.equal(text.match(/Users lose /g)?.length, 1);
  });

  it('shows the plan\'s warnings and that licences will be reassigned, behind Details', () => {
    assert.match(text, /Check before approving\nThe inventory was typed in by Megan Bowen/);
    assert.match(text, /Original: \nends unknown · 1-month term, billed monthly\nNew: \n1-month term, billed monthly · users move to the new licence/);
    assert.match(text, /Licences will be reassigned for SPE_E3 \(46 assigned\), VISIOCLIENT \(4 assigned\)\./);
    assert.match(text, /adds the new licence and removes the original in the same step/);
    assert.match(text, /not changed; the card lists them for you to fix/);
    assert.match(firstSight(card), /Details \(3 warnings\)/);
  });

  it('says only an Account admin may approve picked offers, and why, as the decider does', () => {
    assert.match(firstSight(card), /Waiting on an Account admin other than Megan Bowen/);
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

  it('fits a long plan with hostile text into one Teams message, the first lines in the table', () => {
    const hostileLine: PlanLine = {
      ...VISIO_CHOSEN_LINE, reason: HOSTILE, warnings: [HOSTILE, HOSTILE, HOSTILE, HOSTILE, HOSTILE],
      ignoredPlans: Array.from({ length: 40 }, (_, i) => `PLAN_${i}_${HOSTILE.slice(0, 100)}`), lostPlans: Array.from({ length: 40 }, () => HOSTILE.slice(0, 200)),
      offers: Array.from({ length: 6 }, () => ({ ...VISIO_CHOSEN_LINE.offers[0], title: HOSTILE })),
      source: { ...VISIO_CHOSEN_LINE.source, displayName: HOSTILE },
    };
    const plan: Plan = { ...FABRIKAM_PLAN, lines: Array.from({ length: 60 }, () => hostileLine), warnings: Array.from({ length: 20 }, () => HOSTILE) };
    const drawn = planCard(pickedPlanState(plan), OPTIONS);
    assertValidCard(drawn);
    const bytes = Buffer.byteLength(JSON.stringify(drawn));
    assert.ok(bytes < 24_000, `${bytes} bytes`);
    walk(drawn, (o) => { if (o.type === 'TextBlock') assert.doesNotMatch(String(o.text), /click me|evil\.example/); });
    assert.match(visibleText(drawn), /more lines are not shown; the plan hash in Details covers every line\./);
    assert.deepEqual(verbs(drawn), ['move.plan.approve', 'move.plan.reject', 'move.plan.adjust']);
  });

  it('draws ten ordinary lines: every one in the table with its price, and as many as fit can be changed', () => {
    const plan: Plan = { ...FABRIKAM_PLAN, lines: Array.from({ length: 10 }, (_, i) => ({ ...E3_LINE, source: { ...E3_LINE.source, skuId: `sku-${i}` } })) };
    const drawn = planCard(pickedPlanState(plan), OPTIONS);
    assertValidCard(drawn);
    const shown = firstSight(drawn);
    assert.equal(shown.match(/\n1 year, annual\n/g)?.length, 10, 'every line has its row');
    assert.equal(shown.match(/\nUSD 1,950\.00\n/g)?.length, 10, 'every row has its price');
    assert.match(shown, /Total: USD 19,500\.00 a month · USD 234,000\.00 committed/);
    const ids = new Set<string>();
    walk(drawn, (o) => { if (typeof o.id === 'string' && o.id.startsWith('quantity_')) ids.add(o.id); });
    assert.ok(ids.size >= 6, `${ids.size} lines can be changed`);
    if (ids.size < 10) assert.match(visibleText(drawn), new RegExp(`Lines after the first ${ids.size} keep what the bot drew`));
  });
});
