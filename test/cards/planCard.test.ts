import assert from 'node:assert/strict';
import { moveCard } from '../../cards/moveCard';
import { planCard } from '../../cards/planCard';
import { assertHeader, assertValidCard, buttons, moveChecks, verbs, visibleText, walk } from './cardAssertions';
import { MOVE_ID, PLAN_HASH, REJECTED_EVENTS, contosoState, stateOf } from './fixtures';

describe('planCard', () => {
  const state = contosoState('PlanProposed');
  const card = planCard(state);

  it('is a valid move card for stage approval', () => {
    assert.equal(state.stage, 'approval');
    assertValidCard(card, moveChecks(state));
    assertHeader(card, state, 'Waiting for approval');
  });

  it('has one row per line: source → offer, match, quantity, term, reason, no reassignment', () => {
    const text = visibleText(card);
    assert.ok(text.includes('SPB → Microsoft 365 Business Premium (CFQ7TTC0LCHC:0002)'));
    assert.ok(text.includes('EXCHANGESTANDARD → Exchange Online (Plan 1) (CFQ7TTC0LH16:0001)'));
    assert.equal(text.match(/same offer/g)?.length, 2);
    assert.ok(text.includes('25 licences (today 25, 20 assigned)'));
    assert.ok(text.includes('10 licences (today 10, 7 assigned)'));
    assert.equal(text.match(/1-year term, billed monthly/g)?.length, 2);
    assert.match(text, /provisions the same Graph SKU/);
    assert.equal(text.match(/No licence reassignment/g)?.length, 2);
    assert.match(text, /FLOW_FREE: Free viral SKU: nothing to buy\./);
  });

  it('names the proposer, the approvers (four-eyes) and the plan hash', () => {
    const text = visibleText(card);
    assert.match(text, /Proposed for: \nMegan Bowen, who started the move/);
    assert.match(text, /an Account admin or a Billing agent other than Megan Bowen/);
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
    const drawn = planCard(approved);
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
    const drawn = moveCard(rejected);
    assertValidCard(drawn, moveChecks(rejected));
    const text = visibleText(drawn);
    assert.match(text, /Rejected by Alex Wilber at 4 Mar 2025, 15:00 UTC\n: \nThe customer wants annual billing, not monthly\./);
    assert.match(text, /start a new move \(move contoso\.onmicrosoft\.com\)/);
    assert.deepEqual(verbs(drawn), []);
  });

  it('flags a quantity below the assigned licences and hides Approve when there are blockers', () => {
    const plan = structuredClone(state.plan!);
    plan.lines[0].quantity = 15;
    plan.blockers = [{ skuId: 'x', skuPartNumber: 'SPE_E3', reason: 'Not sold in the US catalog and no equivalent covers it.' }];
    const drawn = planCard({ ...state, plan });
    assertValidCard(drawn, moveChecks(state));
    const text = visibleText(drawn);
    assert.match(text, /Error: 15 is fewer than the 20 licences assigned today/);
    assert.match(text, /SPE_E3: Not sold in the US catalog/);
    assert.deepEqual(verbs(drawn), ['move.plan.reject']);
  });
});
