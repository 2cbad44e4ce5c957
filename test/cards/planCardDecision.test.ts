/**
 * The plan card's standard: the decision at a glance — plans with price and timing that a billing agent can approve
 * in seconds. A table of the lines with prices, the totals, the overlap and the undo-by date in sight; everything
 * else behind Details; the inputs to change term, seats and dates while the plan can be decided.
 */
import assert from 'node:assert/strict';
import { planCard } from '../../cards/planCard';
import { MAX_ADJUSTABLE_LINES, lineInputIds, termValue } from '../../cards/planChoices';
import type { Plan, PlanLine } from '../../move/model';
import { termChoices } from '../../move/planPricing';
import { evolve } from '../../move/state';
import type { MoveState } from '../../move/state';
import { SYSTEM_ACTOR } from '../../move/model';
import { assertValidCard, moveChecks, shownAtFirst, visibleText, walk } from './cardAssertions';
import {
  E3_LINE, FABRIKAM_PLAN, FABRIKAM_PRICED_PLAN, PRICED_OFFERS, VISIO_CHOSEN_LINE, pickedPlanState, pricedPlanState,
} from './fabrikamFixtures';
import { ALEX, OPTIONS, PLAN, PLAN_HASH, contosoState, contosoUntil, stateOf } from './fixtures';

/** What a busy approver reads before opening Details: the budget of the standard. */
const FIRST_SIGHT_BUDGET = 900;

const firstSight = (card: object) => visibleText(shownAtFirst(card));

function find(card: unknown, test: (o: Record<string, unknown>) => boolean): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  walk(card, (o) => { if (test(o)) found.push(o); });
  return found;
}

/** The Action.ShowCard "Change term, seats or dates", if offered. */
function adjustArea(card: { actions?: unknown[] }): Record<string, unknown> | undefined {
  return (card.actions as Array<Record<string, unknown>> | undefined)?.find((a) => a.type === 'Action.ShowCard');
}

describe('planCard: the decision at a glance', () => {
  const state = pricedPlanState();
  const card = planCard(state, OPTIONS);
  const shown = firstSight(card);

  it('shows at most 900 characters before Details for Fabrikam (priced and as drawn before prices) and Contoso', () => {
    assertValidCard(card, moveChecks(state));
    for (const [name, drawn] of [['Fabrikam', card], ['Fabrikam before prices', planCard(pickedPlanState(), OPTIONS)], ['Contoso', planCard(contosoState('PlanProposed'), OPTIONS)]] as const) {
      const length = firstSight(drawn).length;
      assert.ok(length <= FIRST_SIGHT_BUDGET, `${name}: ${length} characters before Details`);
    }
  });

  it('puts the lines in a Table: a header row, then per line the friendly name, part number and match, offers, seats, term, buy date, cost', () => {
    const [table] = find(shownAtFirst(card), (o) => o.type === 'Table');
    assert.ok(table, 'a Table in sight');
    const rows = table.rows as unknown[];
    assert.equal(rows.length, 1 + FABRIKAM_PRICED_PLAN.lines.length);
    assert.equal(visibleText(rows[0]), 'Today → buy in CSP\nSeats\nTerm · buy on\nCost a month');
    assert.equal(visibleText(rows[1]), [
      'Microsoft 365 E3', 'SPE_E3', ' · ', 'Equivalent', '→ Microsoft 365 E3 (no Teams) + Microsoft Teams Enterprise',
      '50', '46 assigned', '1 year, annual', '11 Feb 2027', 'USD 1,950.00', 'USD 23,400.00 for 1 year',
    ].join('\n'));
    assert.equal(visibleText(rows[2]), ['Visio Plan 2', 'VISIOCLIENT', ' · ', 'Picked by an Account admin', '→ Visio Plan 1', '5', '4 assigned', '1 month', 'at approval', 'USD 30.00'].join('\n'));
  });

  it('then the totals, the price sheet, the overlap paid twice and the undo-by date, which is not small grey text', () => {
    assert.match(shown, /Total: USD 1,980\.00 a month · USD 23,430\.00 committed\n/);
    assert.match(shown, /Paid twice until the originals end: USD 448\.77 over 7 days\./);
    assert.match(shown, /Prices: your Partner Center price sheet, US, Nov 2026\./);
    assert.doesNotMatch(shown, /guide/i);
    const [undo] = find(card, (o) => o.type === 'TextRun' && String(o.text).startsWith('Undo'));
    assert.equal(undo.text, 'Undo for a prorated refund: by 18 Feb 2027 (Microsoft 365 E3); within 7 days of approval (Visio Plan 2).');
    assert.equal(undo.weight, 'Bolder');
    assert.equal(undo.isSubtle, undefined);
    assert.equal(undo.size, undefined);
    // The decision comes before the buttons' inputs: the table, the totals, then the comment.
    assert.ok(shown.indexOf('Microsoft 365 E3') < shown.indexOf('Total: ') && shown.indexOf('Undo') < shown.indexOf('Comment'));
  });

  it('dates the undo from the purchase: 7 days after a buy date, or after the approval once there is one', () => {
    const one = planCard(pickedPlanState({ ...FABRIKAM_PRICED_PLAN, lines: [FABRIKAM_PRICED_PLAN.lines[0]] }), OPTIONS);
    assert.match(firstSight(one), /Undo by 18 Feb 2027 for a prorated refund\./);
    const atApproval = planCard(pickedPlanState({ ...FABRIKAM_PRICED_PLAN, lines: [FABRIKAM_PRICED_PLAN.lines[1]] }), OPTIONS);
    assert.match(firstSight(atApproval), /Undo within 7 days of approval for a prorated refund\./);
    const approved = stateOf([...contosoUntil('PlanApproved')]);
    assert.match(firstSight(planCard(approved, OPTIONS)), /Undo by 11 Mar 2025 for a prorated refund\./);
  });

  it('says "guide prices (not your price sheet)" when there is no sheet price, with the plan\'s footnote', () => {
    const guide: Plan = {
      ...FABRIKAM_PRICED_PLAN,
      lines: FABRIKAM_PRICED_PLAN.lines.map((l) => ({ ...l, offers: l.offers.map(({ prices: _prices, ...offer }) => offer) })),
      pricing: { source: 'guide-price', problem: 'Partner Center refused the price sheet (403): the bot needs the Admin agent role.' },
    };
    const text = firstSight(planCard(pickedPlanState(guide), OPTIONS));
    assert.match(text, /Guide prices \(not your price sheet\)\./);
    assert.match(text, /Guide list prices: Partner Center refused the price sheet \(403\): the bot needs the Admin agent role\./);
    assert.match(text, /Total: USD 1,975\.00 a month · USD 23,425\.00 committed/);

    const mixed: Plan = { ...FABRIKAM_PRICED_PLAN, lines: [FABRIKAM_PRICED_PLAN.lines[0], { ...FABRIKAM_PRICED_PLAN.lines[1], offers: [VISIO_CHOSEN_LINE.offers[0]] }] };
    assert.match(firstSight(planCard(pickedPlanState(mixed), OPTIONS)), /Includes guide prices \(not your price sheet\) for Visio Plan 2\./);
  });

  it('shows what the priced offers of a line cost when one has no price, and says the total leaves it out', () => {
    const unpriced: Plan = {
      ...FABRIKAM_PRICED_PLAN,
      lines: [{ ...FABRIKAM_PRICED_PLAN.lines[0], offers: [PRICED_OFFERS.e3NoTeams, { ...PRICED_OFFERS.teams, prices: [], listPriceUsd: null }] }],
    };
    const text = firstSight(planCard(pickedPlanState(unpriced), OPTIONS));
    assert.match(text, /\nUSD 1,687\.50\nplus 1 offer without a price\n/);
    assert.match(text, /1 offer has no price and is not in the total: Microsoft Teams Enterprise\./);
  });

  it('says a warning several lines share once, naming the lines, and keeps warnings and alternatives behind Details', () => {
    const unknownTerm = PLAN.lines[1].warnings[0];
    const plan: Plan = {
      ...PLAN,
      lines: [
        { ...PLAN.lines[0], warnings: [unknownTerm, 'Also covering: Microsoft 365 E5.'] },
        { ...PLAN.lines[1], warnings: [unknownTerm] },
      ],
    };
    const drawn = planCard({ ...contosoState('PlanProposed'), plan }, OPTIONS);
    assertValidCard(drawn);
    const text = visibleText(drawn);
    assert.equal(text.split("The original's term is unknown").length - 1, 1, 'said once');
    assert.match(text, /SPB, EXCHANGESTANDARD: The original's term is unknown \(Microsoft Graph does not report terms\)/);
    assert.match(text, /SPB: Also covering: Microsoft 365 E5\./);
    assert.doesNotMatch(firstSight(drawn), /term is unknown|Also covering/);
    assert.match(firstSight(drawn), /Details \(2 warnings\)/);
  });

  it('keeps an original about to end in sight: it asks for a quick decision', () => {
    const soon: PlanLine = { ...E3_LINE, warnings: ['The original ends on 2025-03-12, in 7 days: approve soon so the new subscription starts before it.'] };
    const text = firstSight(planCard(pickedPlanState({ ...FABRIKAM_PLAN, lines: [soon] }), OPTIONS));
    assert.match(text, /The original ends on 2025-03-12, in 7 days: approve soon/);
  });

  it('keeps reasons, ignored plans, the hash, four-eyes, the proposer and the reassignment behind Details, hidden until pressed', () => {
    const [details] = find(card, (o) => o.id === 'planDetails');
    assert.equal(details.type, 'Container');
    assert.equal(details.isVisible, false);
    const [toggle] = find(card, (o) => o.type === 'Action.ToggleVisibility');
    assert.deepEqual(toggle.targetElements, ['planDetails']);
    assert.equal(toggle.title, 'Details (3 warnings)');
    const inside = visibleText(details);
    for (const detail of [/Why: \nEquivalent: SPE_E3 is not sold/, /Not carried, no user has them on: \nKAIZALA_O365_P3, SWAY/, /Plan hash: \nfab1e3a2c4d5e6f8/,
      /four-eyes/, /Proposed for: /, /Licences will be reassigned for SPE_E3 \(46 assigned\)/, /Undo path: /]) {
      assert.match(inside, detail);
      assert.doesNotMatch(shown, detail);
    }
  });

  it('offers "Change term, seats or dates" while the plan can be decided: per line the term, seats and buy date, then Redraw', () => {
    const area = adjustArea(card);
    assert.equal(area?.title, 'Change term, seats or dates');
    FABRIKAM_PRICED_PLAN.lines.forEach((line, i) => {
      const ids = lineInputIds(i);
      const [term] = find(area, (o) => o.id === ids.term);
      assert.equal(term.type, 'Input.ChoiceSet');
      assert.equal(term.style, 'compact');
      assert.equal(term.value, termValue(line));
      assert.deepEqual((term.choices as Array<{ value: string }>).map((c) => c.value), termChoices(line).map(termValue));
      const [seats] = find(area, (o) => o.id === ids.quantity);
      assert.deepEqual([seats.type, seats.value, seats.min], ['Input.Number', line.quantity, line.source.consumedUnits], 'never below the users assigned');
      const [buyOn] = find(area, (o) => o.id === ids.buyOn);
      assert.equal(buyOn.type, 'Input.Date');
      assert.equal(buyOn.value, line.buyOn ?? '');
      assert.match(String(buyOn.label), /empty = at approval/);
    });
    const [e3BuyOn] = find(area, (o) => o.id === lineInputIds(0).buyOn);
    assert.equal(e3BuyOn.max, '2027-02-18', 'not after the original ends');
    const [visioBuyOn] = find(area, (o) => o.id === lineInputIds(1).buyOn);
    assert.equal(visioBuyOn.max, undefined, 'no end known');
    assert.deepEqual(find(area, (o) => o.type === 'Input.ChoiceSet').find((c) => c.id === lineInputIds(1).term)?.choices, [
      { title: '1 month', value: 'P1M/monthly' }, { title: '1 year, monthly', value: 'P1Y/monthly' }, { title: '1 year, annual', value: 'P1Y/annual' },
    ], 'only what the price sheet sells Visio Plan 1 in');
    const [redraw] = find(area, (o) => o.type === 'Action.Execute');
    assert.deepEqual([redraw.title, redraw.verb, redraw.associatedInputs], ['Redraw the plan', 'move.plan.adjust', 'auto']);
    assert.deepEqual(redraw.data, { moveId: state.moveId, version: state.version, planHash: FABRIKAM_PRICED_PLAN.hash });
  });

  it(`offers inputs for at most ${MAX_ADJUSTABLE_LINES} lines, and none once the plan is decided`, () => {
    const many: Plan = { ...FABRIKAM_PLAN, lines: Array.from({ length: 12 }, (_, i) => ({ ...VISIO_CHOSEN_LINE, lostPlans: [], source: { ...VISIO_CHOSEN_LINE.source, skuId: `sku-${i}` } })) };
    const drawn = planCard(pickedPlanState(many), OPTIONS);
    assertValidCard(drawn);
    const quantities = find(adjustArea(drawn), (o) => String(o.id).startsWith('quantity_')).map((o) => o.id);
    assert.ok(quantities.length > 0 && quantities.length <= MAX_ADJUSTABLE_LINES, `${quantities.length} lines`);
    assert.deepEqual(quantities, quantities.map((_, i) => lineInputIds(i).quantity));

    const decided: MoveState[] = [
      stateOf([...contosoUntil('PlanApproved')]),
      stateOf([...contosoUntil('PlanProposed'), { type: 'PlanRejected', at: '2025-03-04T15:00:00Z', actor: ALEX, planHash: PLAN_HASH, comment: '' }]),
    ];
    for (const done of decided) {
      const doneCard = planCard(done, OPTIONS);
      assertValidCard(doneCard, moveChecks(done));
      assert.equal(adjustArea(doneCard), undefined);
      assert.deepEqual(find(doneCard, (o) => String(o.type).startsWith('Input.')), []);
    }
  });

  it('keeps the header to one row — customer, waiting on whom, stage badge — and shows a failed step under it', () => {
    assert.match(shown, /^fabrikam\.onmicrosoft\.com\nWaiting on an Account admin other than Megan Bowen\nWaiting for approval\n/);
    const failed = evolve(state, { type: 'StepFailed', at: '2025-03-05T10:06:00Z', actor: SYSTEM_ACTOR, step: 'notify', error: 'Teams answered 502.', retryable: true });
    const text = firstSight(planCard(failed, OPTIONS));
    assert.match(text, /Step failed: \nnotify \(at 5 Mar 2025, 10:06 UTC\)\nError: \nTeams answered 502\.\nRetrying automatically/);
  });

  it('draws colours only as container styles and named colours, so Teams light, dark and high contrast keep them readable', () => {
    const json = JSON.stringify(card);
    assert.doesNotMatch(json, /#[0-9a-f]{3,8}\b/i, 'no custom hex colours');
    for (const o of find(card, (x) => 'color' in x)) assert.ok(['Default', 'Good', 'Warning', 'Attention', 'Accent'].includes(String(o.color)), String(o.color));
    for (const o of find(card, (x) => 'style' in x && x.type !== 'Input.ChoiceSet' && !String(x.type).startsWith('Action.'))) {
      assert.ok(['emphasis', 'good', 'attention', 'warning', 'accent'].includes(String(o.style)), `${String(o.type)} style ${String(o.style)}`);
    }
  });
});
