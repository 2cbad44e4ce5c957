/**
 * Another licence-reassignment pass, from the blocked card (move.reassignment.retry) and from chat
 * (`retry <customer>`), and the approval policy reaching the cards from the edge's options.
 */
import assert from 'node:assert/strict';
import { TestBot, assertCardResponse, assertCardsValid, assertMessageResponse, cardIn, findAction, textOf, useTestBot, type TurnResult } from './buildTestBot';
import { STAFF } from './fakes';
import { blockedOnE3, fixBob, reassignmentBlocked } from './resolveWorld';

function replyTexts(result: TurnResult): string[] {
  return result.replies.map((r) => r.text ?? textOf(cardIn(r)));
}

describe('move.reassignment.retry (blocked card)', () => {
  let t: TestBot;
  useTestBot((bot) => { t = bot; });

  it('the blocked card lists Bob with what to do, the override line and Try again', async () => {
    const state = await reassignmentBlocked(t);
    const card = assertCardResponse(await t.click(STAFF.megan, 'move.refresh', { moveId: state.moveId }), state);
    const text = textOf(card);
    assert.match(text, /bob@contoso\.onmicrosoft\.com — Skipped: no usage location — No usage location \(a licence cannot be assigned without one\)\. Set the user's usage location in Microsoft Entra, then try again\./);
    assert.match(text, /1 user moved in this pass, 1 in total; 1 user needs attention\./);
    assert.match(text, /an Account admin says "override contoso\.onmicrosoft\.com" followed by the reason/);
    assert.deepEqual(findAction(card, 'move.reassignment.retry')?.data, { moveId: state.moveId, version: state.version });
  });

  it('draws no Try again for a Billing agent, who may not run the reassignment again', async () => {
    const state = await reassignmentBlocked(t);
    const card = assertCardResponse(await t.click(STAFF.adele, 'move.refresh', { moveId: state.moveId }), state);
    assert.equal(findAction(card, 'move.reassignment.retry'), undefined);
    assert.match(textOf(card), /bob@contoso\.onmicrosoft\.com/, 'the users who need attention are still listed');
  });

  it('runs another pass: once Bob has a usage location he moves and the move goes on, with the done card as the answer', async () => {
    const state = await reassignmentBlocked(t);
    fixBob(t);
    const result = await t.click(STAFF.megan, 'move.reassignment.retry', { moveId: state.moveId, version: state.version });

    const after = t.orchestrator.get(state.moveId)!;
    assert.equal(after.stage, 'watching-sources');
    assert.equal(after.reassignment.pass, 2);
    assert.equal(after.reassignment.movedTotal, 2);
    // Bob's change is recorded as it leaves for Graph, then with what Graph did.
    assert.deepEqual(t.eventTypes(state.moveId).slice(-5), ['ReassignmentResumed', 'LicencesReassigned', 'LicencesReassigned', 'ReassignmentFinished', 'SourceAdviceGiven']);
    assert.equal(t.store.eventsOf(state.moveId).find((e) => e.type === 'ReassignmentResumed')?.actor.name, 'Megan Bowen');
    const text = textOf(assertCardResponse(result, after));
    assert.match(text, /Licences reassigned: 2 users moved to the new licences over 2 passes\./);
  });

  it('blocks again, listing Bob, when nothing was fixed', async () => {
    const state = await reassignmentBlocked(t);
    const result = await t.click(STAFF.patti, 'move.reassignment.retry', { moveId: state.moveId, version: state.version });
    const after = t.orchestrator.get(state.moveId)!;
    assert.equal(after.blocked?.reason.code, 'reassignment-incomplete');
    const card = assertCardResponse(result, after);
    assert.match(textOf(card), /0 users moved in this pass \(pass 2, after a retry\), 1 in total; 1 user needs attention\./);
    assert.match(textOf(card), /bob@contoso\.onmicrosoft\.com — Skipped: no usage location/);
  });

  it('refuses Isaiah (no role) and Adele (Billing agent) as the decider words it, and records nothing', async () => {
    const state = await reassignmentBlocked(t);
    const before = t.store.count();
    assertMessageResponse(await t.click(STAFF.isaiah, 'move.reassignment.retry', { moveId: state.moveId, version: state.version }),
      'You have no Partner Center role, so you cannot see or change moves. Only an Account admin, an Admin agent or a Sales agent can run the reassignment again. To get a role, ask your Global Administrator to add you to the SalesAgents or AdminAgents group (or, to approve plans, to give you the Billing Administrator role).');
    assertMessageResponse(await t.click(STAFF.adele, 'move.reassignment.retry', { moveId: state.moveId, version: state.version }),
      'Only an Account admin, an Admin agent or a Sales agent can run the reassignment again. Your roles: Billing agent.');
    assert.equal(t.store.count(), before);
  });

  it('answers a stale card or a second click with the current card: one pass per click on the current card', async () => {
    const state = await reassignmentBlocked(t);
    assertCardResponse(await t.click(STAFF.megan, 'move.reassignment.retry', { moveId: state.moveId, version: state.version - 1 }), state);
    assert.equal(t.store.count('ReassignmentResumed'), 0);
    await t.click(STAFF.megan, 'move.reassignment.retry', { moveId: state.moveId, version: state.version });
    const again = await t.click(STAFF.alex, 'move.reassignment.retry', { moveId: state.moveId, version: state.version });
    assertCardResponse(again, t.orchestrator.get(state.moveId)!);
    assert.equal(t.store.count('ReassignmentResumed'), 1);
  });

  it('answers a card of a move that is not here, for every new verb, with a message', async () => {
    const gone = 'This card belongs to a move that does not exist here any more. Say `list` to see the moves.';
    for (const verb of ['move.reassignment.retry', 'move.offers.choose', 'move.inventory.enter']) {
      assertMessageResponse(await t.click(STAFF.alex, verb, { moveId: 'mv-unknown', version: 1, inventoryText: 'SPB, 1, 1', sourceSkuId: 'x' }), gone);
    }
    assert.equal(t.store.count(), 0);
  });

  it('posts the end of each pass once, not one line per batch', async () => {
    const state = await reassignmentBlocked(t);
    const texts = t.poster.posts.map((p) => p.activity.text ?? '').join('\n');
    assert.match(texts, /Licence reassignment pass finished: 1 moved, 1 user still on the old licence\./);
    assert.doesNotMatch(texts, /Licences reassigned:/);
    assert.ok(t.store.eventsOf(state.moveId).some((e) => e.type === 'LicencesReassigned'));
  });
});

describe('`retry <customer>` on a move blocked by the reassignment', () => {
  let t: TestBot;
  useTestBot((bot) => { t = bot; });

  it('runs another pass as the person asking, says what happened and shows the card', async () => {
    const state = await reassignmentBlocked(t);
    fixBob(t);
    const result = await t.say(STAFF.megan, 'retry contoso.onmicrosoft.com');
    assertCardsValid(result);
    const [said, card] = replyTexts(result);
    assert.equal(said, 'Licence reassignment, pass 2 for contoso.onmicrosoft.com: done, 1 moved; every user is on the new licences now.');
    assert.match(card, /Licences reassigned: 2 users moved/);
    assert.equal(t.store.eventsOf(state.moveId).find((e) => e.type === 'ReassignmentResumed')?.actor.name, 'Megan Bowen');
    assert.equal(t.orchestrator.get(state.moveId)!.stage, 'watching-sources');
  });

  it('says who is still on the old licence and what to do when nothing was fixed', async () => {
    await reassignmentBlocked(t);
    const result = await t.say(STAFF.patti, 'retry contoso.onmicrosoft.com');
    const [said, card] = replyTexts(result);
    assert.equal(said, 'Licence reassignment, pass 2 for contoso.onmicrosoft.com: 0 moved, 1 still on the old licence. Fix what the card lists for each, '
      + 'then say `retry contoso.onmicrosoft.com` again; or an Account admin may `override contoso.onmicrosoft.com <reason>` to go on.');
    assert.match(card, /bob@contoso\.onmicrosoft\.com — Skipped: no usage location/);
  });

  it('refuses Lynne (Helpdesk agent) with the decider\'s words and Isaiah (no role), recording nothing', async () => {
    const state = await reassignmentBlocked(t);
    const before = t.store.count();
    const lynne = await t.say(STAFF.lynne, 'retry contoso.onmicrosoft.com');
    assertCardsValid(lynne);
    assert.match(replyTexts(lynne)[0], /Licence reassignment not run again\nOnly an Account admin, an Admin agent or a Sales agent can run the reassignment again\. Your roles: Helpdesk agent\./);
    const isaiah = replyTexts(await t.say(STAFF.isaiah, 'retry contoso.onmicrosoft.com'));
    assert.equal(isaiah.length, 1);
    assert.match(isaiah[0], /^Nothing run again\nYou have no Partner Center role, so you cannot see or change moves\. Moves are started by /);
    assert.equal(t.store.count(), before);
    assert.equal(t.orchestrator.get(state.moveId)!.stage, 'blocked');
  });

  it('says a move blocked for another reason has no step to run again', async () => {
    await blockedOnE3(t);
    const [said, card] = replyTexts(await t.say(STAFF.megan, 'retry contoso.onmicrosoft.com'));
    assert.equal(said, 'The move of contoso.onmicrosoft.com is blocked, so there is no step to run again. The card says why and what can be done.');
    assert.match(card, /no equivalent offer/);
  });
});

describe('the approval policy reaches the cards', () => {
  it('names the approvers the configured policy requires, on the posted plan card and on status, as the decider enforces', async () => {
    const approvalPolicy = { approverRoles: ['billing-agent'] as const, fourEyes: false, accountAdminAboveSeats: 30 };
    const t = new TestBot({ approvalPolicy });
    const state = await t.contosoAtApproval(STAFF.megan);
    const posted = t.poster.posts.map((p) => cardIn(p.activity)).find((c) => findAction(c, 'move.plan.approve'));
    assert.ok(posted, 'the plan card was posted to Megan\'s chat');
    for (const text of [textOf(posted), textOf(cardIn((await t.say(STAFF.adele, 'status contoso.onmicrosoft.com')).replies[1]))]) {
      assert.match(text, /Who can approve: \nan Account admin\./);
      assert.match(text, /it buys 35 licences, more than 30/);
      assert.match(text, /Four-eyes is off/);
    }
    const refused = await t.click(STAFF.adele, 'move.plan.approve', { moveId: state.moveId, version: state.version, planHash: state.plan!.hash });
    assertMessageResponse(refused, 'Only an Account admin can approve this plan (it buys 35 licences, more than 30). Your roles: Billing agent.');
    assertCardResponse(await t.click(STAFF.alex, 'move.plan.approve', { moveId: state.moveId, version: state.version, planHash: state.plan!.hash }));
    assert.equal(t.store.count('PlanApproved'), 1);
  });
});
