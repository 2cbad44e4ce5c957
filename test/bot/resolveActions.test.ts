/**
 * The verbs that resolve a blocked move, through the real MoveBot with TestAdapter: an Account admin picks
 * offers for a licence with no equivalent (move.offers.choose), staff type the inventory the bot cannot read
 * (move.inventory.enter). Exact invoke responses, what was recorded, and refusals that record nothing.
 */
import assert from 'node:assert/strict';
import { offerInputIds } from '../../cards/common';
import { TestBot, assertCardResponse, assertMessageResponse, cardIn, findAction, textOf, useTestBot } from './buildTestBot';
import { STAFF } from './fakes';
import { E3, EXO_OFFER, SPB_OFFER, actionIn, blockedOnE3, pickData, unreadableTenant } from './resolveWorld';

const TYPED = 'SPB, 25, 20, 2027-03-01, P1Y, monthly\nEXCHANGESTANDARD, 10, 7';

describe('move.offers.choose (blocked card)', () => {
  let t: TestBot;
  useTestBot((bot) => { t = bot; });

  it('the blocked card carries the candidates and "Use these offers" for SPE_E3', async () => {
    const state = await blockedOnE3(t);
    const card = assertCardResponse(await t.click(STAFF.alex, 'move.refresh', { moveId: state.moveId }), state);
    const action = findAction(card, 'move.offers.choose');
    assert.deepEqual(action?.data, { moveId: state.moveId, version: state.version, sourceSkuId: E3 });
    const megans = assertCardResponse(await t.click(STAFF.megan, 'move.refresh', { moveId: state.moveId }), state);
    assert.equal(findAction(megans, 'move.offers.choose'), undefined, 'drawn for Megan (Sales agent): only an Account admin picks offers');
    const text = textOf(card);
    assert.ok(text.includes(`Microsoft 365 Business Premium (${SPB_OFFER})`));
    assert.ok(text.includes(`Exchange Online (Plan 1) (${EXO_OFFER})`));
    assert.match(text, /Only an Account admin can pick offers/);
  });

  it('lets Alex (Account admin) pick: the plan is drafted again, the answer is the plan card, and only an Account admin may approve it', async () => {
    const state = await blockedOnE3(t);
    const result = await t.click(STAFF.alex, 'move.offers.choose', pickData(state));

    const after = t.orchestrator.get(state.moveId)!;
    assert.equal(after.stage, 'approval');
    assert.deepEqual(t.eventTypes(state.moveId).slice(-2), ['OfferChosen', 'PlanProposed']);
    assert.deepEqual(after.offerChoices.map((c) => [c.sourceSkuId, c.by.name, c.reason, c.offers.map((o) => o.title)]),
      [[E3, 'Alex Wilber', 'The customer agreed to Business Premium for these two users.', ['Microsoft 365 Business Premium']]]);
    const card = assertCardResponse(result, after);
    const text = textOf(card);
    assert.match(text, /SPE_E3\n · \nPicked by an Account admin/);
    assert.equal(text.match(/Users lose /g)?.length, 1, 'the lost plans are said once, in attention style');
    assert.match(text, /Who can approve: \nan Account admin other than Megan Bowen\./);
    assert.match(text, /Only an Account admin can approve it, because offers were picked by hand for SPE_E3\./);

    // The decider says the same as the card.
    const refused = await t.click(STAFF.adele, 'move.plan.approve', { moveId: after.moveId, version: after.version, planHash: after.plan!.hash });
    assertMessageResponse(refused, 'Only an Account admin can approve this plan (offers were picked by hand for SPE_E3). Your roles: Billing agent.');
    assert.equal(t.store.count('PlanApproved'), 0);
  });

  it('redraws every posted copy of the blocked card, so no one picks on a card that no longer applies', async () => {
    const state = await blockedOnE3(t);
    const blockedPosts = t.poster.posts.filter((p) => p.op === 'send' && findAction(cardIn(p.activity), 'move.offers.choose'));
    assert.equal(blockedPosts.length, 1, 'the blocked card went to Megan\'s chat');
    await t.click(STAFF.alex, 'move.offers.choose', pickData(state));
    const updates = t.poster.posts.filter((p) => p.op === 'update' && p.activityId === blockedPosts[0].activityId);
    assert.equal(updates.length, 1);
    assert.equal(findAction(cardIn(updates[0].activity), 'move.offers.choose'), undefined, 'the copy no longer has the form');
  });

  it('tells Megan (Sales agent) that only an Account admin can pick, and records nothing', async () => {
    const state = await blockedOnE3(t);
    const before = t.store.count();
    const result = await t.click(STAFF.megan, 'move.offers.choose', pickData(state));
    assertMessageResponse(result, 'Only an Account admin can pick offers for a licence with no equivalent (users may lose service plans). Your roles: Sales agent.');
    assert.equal(t.store.count(), before);
  });

  it('says what is missing when no offer is picked or no reason given, and records nothing', async () => {
    const state = await blockedOnE3(t);
    const before = t.store.count();
    assertMessageResponse(await t.click(STAFF.alex, 'move.offers.choose', pickData(state, '')),
      'Picking offers for SPE_E3: choose one to three offers in the list, say why, then select "Use these offers". Only an Account admin can do this. Nothing was recorded.');
    assertMessageResponse(await t.click(STAFF.alex, 'move.offers.choose', pickData(state, SPB_OFFER, '   ')),
      'Picking offers for SPE_E3: say why these offers are right (it goes on the record and on the plan card), then select "Use these offers" again. Nothing was recorded.');
    assertMessageResponse(await t.click(STAFF.alex, 'move.offers.choose', { ...pickData(state), sourceSkuId: undefined }),
      /^Picking offers: the card did not say which licence/);
    // The decider's own checks: a short reason, an offer the card did not list, too many offers.
    assertMessageResponse(await t.click(STAFF.alex, 'move.offers.choose', pickData(state, SPB_OFFER, 'ok')), /^Say why these offers are right \(at least a sentence\)/);
    assertMessageResponse(await t.click(STAFF.alex, 'move.offers.choose', pickData(state, 'CFQ7TTC0FAKE:0001')), /^Pick from the offers the card lists for SPE_E3/);
    assertMessageResponse(await t.click(STAFF.alex, 'move.offers.choose', pickData(state, ['A:1', 'B:1', 'C:1', 'D:1'])), 'Pick one to 3 offers for SPE_E3.');
    assert.equal(t.store.count(), before);
    assert.equal(offerInputIds(E3).offers, `offers-${E3}`, 'the ids the card gives its inputs');
  });

  it('answers a stale card (drawn before the move changed, or clicked twice) with the current card, and picks once', async () => {
    const state = await blockedOnE3(t);
    const old = await t.click(STAFF.alex, 'move.offers.choose', { ...pickData(state), version: state.version - 1 });
    assertCardResponse(old, state);
    assert.equal(t.store.count('OfferChosen'), 0);

    await t.click(STAFF.alex, 'move.offers.choose', pickData(state));
    const again = await t.click(STAFF.alex, 'move.offers.choose', pickData(state));
    const card = assertCardResponse(again, t.orchestrator.get(state.moveId)!);
    assert.ok(findAction(card, 'move.plan.approve'), 'the plan card of today');
    assert.equal(t.store.count('OfferChosen'), 1);
  });
});

describe('move.inventory.enter (typed inventory)', () => {
  let t: TestBot;
  useTestBot((bot) => { t = bot; });

  async function blockedAtInventory() {
    unreadableTenant(t, true);
    const moveId = await t.startContoso(STAFF.megan);
    const state = await t.acceptAndSweep(moveId);
    assert.equal(state.blocked?.reason.code, 'no-customer-access');
    assert.equal(state.blocked?.fromStage, 'inventory');
    return state;
  }

  it('the blocked card has the form; Megan types the licences and the plan is drafted from them', async () => {
    const state = await blockedAtInventory();
    const send = actionIn(await t.click(STAFF.megan, 'move.refresh', { moveId: state.moveId }), 'move.inventory.enter');
    assert.deepEqual(send?.data, { moveId: state.moveId, version: state.version });

    const result = await t.click(STAFF.megan, 'move.inventory.enter', { ...send!.data, inventoryText: TYPED });
    const after = t.orchestrator.get(state.moveId)!;
    assert.equal(after.stage, 'approval');
    assert.equal(after.inventory?.enteredBy?.name, 'Megan Bowen');
    assert.deepEqual(after.inventory?.lines.map((l) => [l.skuPartNumber, l.totalUnits, l.consumedUnits]), [['SPB', 25, 20], ['EXCHANGESTANDARD', 10, 7]]);
    const text = textOf(assertCardResponse(result, after));
    assert.match(text, /The inventory was typed in by Megan Bowen/);
    assert.match(text, /ends 1 Mar 2027 · 1-year term, billed monthly/);
    assert.match(text, /ends unknown · term unknown/);
  });

  it('refuses Isaiah (no role) and Lynne (Helpdesk agent) as the decider words it, and records nothing', async () => {
    const state = await blockedAtInventory();
    const before = t.store.count();
    assertMessageResponse(await t.click(STAFF.isaiah, 'move.inventory.enter', { moveId: state.moveId, version: state.version, inventoryText: TYPED }),
      'You have no Partner Center role, so you cannot see or change moves. Only an Account admin, an Admin agent or a Sales agent can type in an inventory. To get a role, ask your Global Administrator to add you to the SalesAgents or AdminAgents group (or, to approve plans, to give you the Billing Administrator role).');
    assertMessageResponse(await t.click(STAFF.lynne, 'move.inventory.enter', { moveId: state.moveId, version: state.version, inventoryText: TYPED }),
      'Only an Account admin, an Admin agent or a Sales agent can type in an inventory. Your roles: Helpdesk agent.');
    assert.equal(t.store.count(), before);
  });

  it('says what to fix for an empty box or wrong lines, and records nothing', async () => {
    const state = await blockedAtInventory();
    const before = t.store.count();
    assertMessageResponse(await t.click(STAFF.megan, 'move.inventory.enter', { moveId: state.moveId, version: state.version, inventoryText: '  \n ' }),
      'Typing the inventory: the box is empty. Type one licence per line, like "SPE_E3, 50, 46, 2027-02-18, P1Y, annual", then select "Send the inventory". Nothing was recorded.');
    assertMessageResponse(await t.click(STAFF.megan, 'move.inventory.enter', { moveId: state.moveId, version: state.version }), /^Typing the inventory: the box is empty/);
    const wrong = assertMessageResponse(await t.click(STAFF.megan, 'move.inventory.enter', {
      moveId: state.moveId, version: state.version, inventoryText: 'SPB, lots, 20\nNOT_A_SKU, 1, 1',
    }), /^Nothing was recorded\. Fix these lines and send again:/);
    assert.match(wrong, /Line 1 \("SPB, lots, 20"\): licences "lots" must be a whole number/);
    assert.match(wrong, /Line 2 \("NOT_A_SKU, 1, 1"\): "NOT_A_SKU" is not a licence in Microsoft's SKU table/);
    assertMessageResponse(await t.click(STAFF.megan, 'move.inventory.enter', { moveId: state.moveId, version: state.version, inventoryText: 'x'.repeat(20_000) }),
      /^Typing the inventory: that is more than 10000 characters/);
    assert.equal(t.store.count(), before);
  });

  it('answers a second submission, once the inventory is in, with the current card', async () => {
    const state = await blockedAtInventory();
    await t.click(STAFF.megan, 'move.inventory.enter', { moveId: state.moveId, version: state.version, inventoryText: TYPED });
    const again = await t.click(STAFF.patti, 'move.inventory.enter', { moveId: state.moveId, version: state.version, inventoryText: TYPED });
    const card = assertCardResponse(again, t.orchestrator.get(state.moveId)!);
    assert.match(textOf(card), /Today → buy in CSP/, 'the plan card');
    assert.equal(t.store.count('InventoryTaken'), 1);
  });

  it('works from the progress card while reading keeps failing, even after more failures changed the card\'s version', async () => {
    unreadableTenant(t, false);
    const moveId = await t.startContoso(STAFF.megan);
    const failing = await t.acceptAndSweep(moveId);
    assert.equal(failing.stage, 'inventory');
    assert.ok(failing.lastFailure);
    const send = actionIn(await t.click(STAFF.patti, 'move.refresh', { moveId }), 'move.inventory.enter');
    assert.ok(send, 'the progress card offers the form');
    // The sweep tries again meanwhile and fails again: the card Patti typed on is now older.
    t.clock.advance(60_000);
    await t.sweep();
    assert.ok(t.orchestrator.get(moveId)!.version > failing.version);

    const result = await t.click(STAFF.patti, 'move.inventory.enter', { ...send.data, inventoryText: TYPED });
    const after = t.orchestrator.get(moveId)!;
    assertCardResponse(result, after);
    assert.equal(after.stage, 'approval');
    assert.equal(after.inventory?.enteredBy?.name, 'Patti Fernandez');
  });
});
