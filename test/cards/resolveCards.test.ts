/**
 * The cards that let people resolve a blocked move (offers picked by an Account admin, the inventory typed
 * in, another reassignment pass) and the licence reassignment's own views.
 */
import assert from 'node:assert/strict';
import { blockedCard } from '../../cards/blockedCard';
import { offerInputIds } from '../../cards/common';
import { doneCard } from '../../cards/doneCard';
import { moveCard } from '../../cards/moveCard';
import { progressCard } from '../../cards/progressCard';
import { reassignmentCard } from '../../cards/reassignmentCard';
import { statusCard } from '../../cards/statusCard';
import type { MoveEvent } from '../../move/events';
import { TYPED_INVENTORY_EXAMPLE } from '../../move/typedInventory';
import { evolve } from '../../move/state';
import { assertValidCard, buttons, compactHeader, moveChecks, verbs, visibleText, walk } from './cardAssertions';
import {
  O365_E1, SPE_E3, VISIO, VISIO_BLOCKER, VISIO_PLAN1, inventoryFailingState, noAccessState, noEquivalentState, reassigningState,
  reassignmentIncompleteState, user,
} from './fabrikamFixtures';
import { ALEX, HOSTILE, OPTIONS } from './fixtures';

function inputs(card: unknown): Array<Record<string, unknown>> {
  const found: Array<Record<string, unknown>> = [];
  walk(card, (o) => { if (typeof o.type === 'string' && o.type.startsWith('Input.')) found.push(o); });
  return found;
}

describe('blocked card: a licence with no equivalent', () => {
  const state = noEquivalentState();
  const card = blockedCard(state);
  const text = visibleText(card);

  it('is a valid move card that explains the blocker, the missing plans and who may pick', () => {
    assert.equal(state.stage, 'blocked');
    assertValidCard(card, moveChecks(state));
    assert.match(text, /VISIOCLIENT\n: no equivalent offer/);
    assert.match(text, /missing: VISIO_CLIENT_SUBSCRIPTION/);
    assert.match(text, /Users would miss: \nVISIO_CLIENT_SUBSCRIPTION/);
    assert.match(text, /Only an Account admin can pick offers\. Users lose the service plans the picked offers lack/);
    assert.match(text, /An Account admin can pick offers for each licence below/);
  });

  it('offers the candidates as a compact multi-select, a reason box and "Use these offers" with the licence and version', () => {
    const ids = offerInputIds(VISIO);
    const [choice, reason] = inputs(card);
    assert.equal(choice.type, 'Input.ChoiceSet');
    assert.equal(choice.id, ids.offers);
    assert.equal(choice.isMultiSelect, true);
    assert.equal(choice.style, 'compact');
    assert.deepEqual((choice.choices as Array<{ value: string }>).map((c) => c.value), ['CFQ7TTC0QHGZ:0001', 'CFQ7TTC0LF8Q:0001']);
    assert.match(JSON.stringify(choice.choices), /Visio Plan 1 \(CFQ7TTC0QHGZ:0001\) · about \$5\.00 a licence a month/);
    assert.equal(reason.type, 'Input.Text');
    assert.equal(reason.id, ids.reason);
    assert.deepEqual(buttons(card).map((b) => [b.verb, b.title, b.data]), [
      ['move.offers.choose', 'Use these offers', { moveId: state.moveId, version: state.version, sourceSkuId: VISIO }],
    ]);
  });

  it('gives each licence its own form, and no form where nothing can be picked', () => {
    const other = { ...VISIO_BLOCKER, skuId: SPE_E3, skuPartNumber: 'SPE_E3', candidates: [O365_E1] };
    const none = { ...VISIO_BLOCKER, skuId: 'a403ebcc-fae0-4ca2-8c8c-7a907fd6c235', skuPartNumber: 'PROJECTPREMIUM', candidates: [] };
    const few = { ...VISIO_BLOCKER, skuId: 'x', skuPartNumber: 'MCOEV', kind: 'below-consumed' as const, reason: 'Only 3 licences in service but 4 assigned.', candidates: [] };
    const drawn = blockedCard(noEquivalentState([VISIO_BLOCKER, other, none, few]));
    assertValidCard(drawn);
    const ids = inputs(drawn).map((i) => i.id);
    assert.deepEqual(ids, [offerInputIds(VISIO).offers, offerInputIds(VISIO).reason, offerInputIds(SPE_E3).offers, offerInputIds(SPE_E3).reason]);
    assert.equal(new Set(ids).size, ids.length, 'input ids are unique on the card');
    assert.deepEqual(buttons(drawn).map((b) => b.data.sourceSkuId), [VISIO, SPE_E3]);
    const shown = visibleText(drawn);
    assert.match(shown, /PROJECTPREMIUM\n: no equivalent offer[\s\S]*No sold offer carries any of its service plans, so there is nothing to pick/);
    assert.match(shown, /MCOEV: Only 3 licences in service but 4 assigned\./);
  });

  it('clips hostile offer titles and reasons, and keeps them out of markdown', () => {
    const hostile = { ...VISIO_BLOCKER, reason: HOSTILE, missingPlans: [HOSTILE], candidates: Array.from({ length: 30 }, () => ({ ...VISIO_PLAN1, title: HOSTILE })) };
    const drawn = blockedCard(noEquivalentState([...Array.from({ length: 7 }, (_, i) => ({ ...hostile, skuId: `sku-${i}` })), hostile]));
    assertValidCard(drawn);
    walk(drawn, (o) => { if (o.type === 'TextBlock') assert.doesNotMatch(String(o.text), /click me|evil\.example/); });
    assert.match(visibleText(drawn), /3 more licences have no equivalent/);
  });
});

describe('typed inventory form', () => {
  it('is on the blocked card when access failed while reading the inventory', () => {
    const state = noAccessState();
    assert.equal(state.blocked?.fromStage, 'inventory');
    const card = moveCard(state, OPTIONS);
    assertValidCard(card, moveChecks(state));
    const text = visibleText(card);
    assert.match(text, /Type the inventory/);
    assert.ok(text.includes(`For example: ${TYPED_INVENTORY_EXAMPLE}`));
    assert.match(text, /<SKU part number or Graph skuId>, <licences>, <assigned>/);
    assert.match(text, /an Account admin says "override fabrikam\.onmicrosoft\.com" followed by the reason/);
    const [input] = inputs(card);
    assert.deepEqual([input.id, input.isMultiline, input.placeholder], ['inventoryText', true, TYPED_INVENTORY_EXAMPLE]);
    assert.deepEqual(buttons(card).map((b) => [b.verb, b.data]), [['move.inventory.enter', { moveId: state.moveId, version: state.version }]]);
  });

  it('is not on the blocked card when access failed at another step', () => {
    const state = noAccessState(false);
    const card = blockedCard(state);
    assertValidCard(card, moveChecks(state));
    assert.deepEqual(inputs(card), []);
    assert.deepEqual(verbs(card), []);
  });

  it('is on the progress card while reading the inventory keeps failing, and only then', () => {
    const failing = inventoryFailingState();
    const card = progressCard(failing, OPTIONS);
    assertValidCard(card, moveChecks(failing));
    assert.match(visibleText(card), /Type the inventory/);
    assert.deepEqual(verbs(card), ['move.inventory.enter', 'move.refresh', 'move.cancel']);
    for (const b of buttons(card).filter((b) => b.verb !== 'move.inventory.enter')) assert.equal(b.associatedInputs, 'none');
    const reading = progressCard({ ...failing, lastFailure: null }, OPTIONS);
    assert.deepEqual(inputs(reading), []);
    assert.deepEqual(verbs(reading), ['move.refresh', 'move.cancel']);
  });
});

describe('licence reassignment cards', () => {
  it('reassigning: moved so far (this pass and in total), the licences that move, users needing attention, Refresh and Download report', () => {
    const state = reassigningState();
    assert.equal(state.stage, 'reassigning-licenses');
    const card = moveCard(state, OPTIONS);
    assert.deepEqual(card, reassignmentCard(state));
    assertValidCard(card, moveChecks(state));
    const text = visibleText(card);
    assert.deepEqual(compactHeader(card), {
      customer: 'fabrikam.onmicrosoft.com', waiting: 'Waiting on the bot (nothing to do)', stage: 'Reassigning licences', style: 'accent',
    });
    assert.match(text, /2 users moved in this pass, 2 in total; 1 user needs attention\./);
    assert.match(text, /SPE_E3 → Microsoft 365 E3 \(no Teams\) \+ Microsoft Teams Enterprise \(46 assigned\)/);
    assert.match(text, /VISIOCLIENT → Visio Plan 1 \(4 assigned\)/);
    assert.match(text, /user003@fabrikam\.onmicrosoft\.com — Skipped: no usage location — No usage location: set the user's usage location/);
    // The report (every user, as a CSV file) goes to the clicker's personal chat.
    assert.deepEqual(verbs(card), ['move.refresh', 'move.report.download']);
    assert.match(text, /Download report \(CSV\)/);
  });

  it('blocked with users left: each user\'s outcome and what to do, the first 15, then where to see the rest; Try again', () => {
    const results = [user(1, 'moved'), ...Array.from({ length: 20 }, (_, i) => user(i + 2, i % 2 ? 'skipped-group' : 'failed'))];
    const state = reassignmentIncompleteState(results);
    const card = moveCard(state, OPTIONS);
    assertValidCard(card, moveChecks(state));
    const text = visibleText(card);
    assert.match(text, /20 users still hold the old licence/);
    assert.match(text, /Users still on the old licence: \n20/);
    assert.match(text, /user002@fabrikam\.onmicrosoft\.com — Failed — License assignment failed\./);
    assert.match(text, /user003@fabrikam\.onmicrosoft\.com — Skipped: licensed through a group — SPE_E3 comes from group g-sales/);
    assert.equal(text.match(/@fabrikam\.onmicrosoft\.com — /g)?.length, 15);
    assert.match(text, /and 5 more users — every user is in the report: `report fabrikam\.onmicrosoft\.com`/);
    assert.match(text, /an Account admin says "override fabrikam\.onmicrosoft\.com" followed by the reason/);
    assert.deepEqual(buttons(card).map((b) => [b.verb, b.title, b.data]), [
      ['move.reassignment.retry', 'Try again', { moveId: state.moveId, version: state.version }],
    ]);
  });

  it('done: how many users moved, and the users an override left on the original licence', () => {
    const state = reassignmentIncompleteState([user(1, 'moved'), user(2, 'moved'), user(3, 'skipped-usage-location')]);
    const overridden = ([
      { type: 'BlockOverridden', at: '2025-03-05T11:00:00Z', actor: ALEX, blockCode: 'reassignment-incomplete', reason: 'User 3 leaves the company this week.' },
      { type: 'SourceAdviceGiven', at: '2025-03-05T11:00:01Z', actor: ALEX, advice: [] },
      { type: 'MoveCompleted', at: '2025-03-05T11:00:01Z', actor: ALEX },
    ] as MoveEvent[]).reduce(evolve, state);
    const card = doneCard(overridden);
    assertValidCard(card, moveChecks(overridden));
    const text = visibleText(card);
    assert.match(text, /Licences reassigned: 2 users moved to the new licences\./);
    assert.match(text, /1 user was left on the original licence when Alex Wilber overrode on 5 Mar 2025: User 3 leaves the company this week\./);
    assert.match(text, /user003@fabrikam\.onmicrosoft\.com — Skipped: no usage location/);
    const clean = doneCard({ ...overridden, overrides: [] });
    assert.doesNotMatch(visibleText(clean), /left on the original licence/);
  });

  it('clips hostile user names and details, and stays small for thousands of users', () => {
    const results = Array.from({ length: 3_000 }, (_, i) => ({ ...user(i, i % 3 ? 'failed' : 'moved'), userPrincipalName: `${i}${HOSTILE}`, detail: HOSTILE }));
    for (const state of [reassigningState(results), reassignmentIncompleteState(results)]) {
      const card = moveCard(state, OPTIONS);
      assertValidCard(card, moveChecks(state));
      walk(card, (o) => { if (o.type === 'TextBlock') assert.doesNotMatch(String(o.text), /click me|evil\.example/); });
      assert.match(visibleText(card), /and 1985 more users — every user is in the report: `report fabrikam\.onmicrosoft\.com`/);
    }
  });

  it('the status card says on whom a blocked move waits', () => {
    const card = statusCard(reassignmentIncompleteState([user(1, 'failed')]), [], OPTIONS);
    assert.equal(compactHeader(card).waiting, 'Waiting on an Account admin, an Admin agent or a Sales agent (retry), an Account admin (override)');
    assert.equal(compactHeader(statusCard(noEquivalentState(), [], OPTIONS)).waiting, 'Waiting on an Account admin');
  });
});
