/**
 * move.followup.done: ticking a follow-up after the purchase from the move card (TestAdapter), a stale tick, who may
 * tick, and a tick from another organisation.
 */
import assert from 'node:assert/strict';
import { openFollowUps } from '../../move/followUps';
import type { MoveState } from '../../move/state';
import { REFUSALS } from '../../bot/actorResolver';
import { TestBot, assertCardResponse, assertMessageResponse, textOf, useTestBot } from './buildTestBot';
import { OTHER_TENANT, STAFF } from './fakes';
import { reassignmentBlocked } from './resolveWorld';

/** The Done buttons' data, in card order. */
function doneButtons(node: unknown, found: Array<Record<string, unknown>> = []): Array<Record<string, unknown>> {
  if (Array.isArray(node)) node.forEach((child) => doneButtons(child, found));
  else if (node && typeof node === 'object') {
    const object = node as Record<string, unknown>;
    if (object.type === 'Action.Execute' && object.verb === 'move.followup.done') found.push(object.data as Record<string, unknown>);
    Object.values(object).forEach((child) => doneButtons(child, found));
  }
  return found;
}

/** Bob was left without a usage location; Alex overrode, so the move goes on and Bob is to be moved by hand. */
async function afterOverride(t: TestBot): Promise<MoveState> {
  const blocked = await reassignmentBlocked(t);
  await t.say(STAFF.alex, 'override contoso.onmicrosoft.com Bob is a leaver; the customer removes his licence by hand.');
  const state = t.orchestrator.get(blocked.moveId)!;
  assert.equal(state.stage, 'watching-sources');
  return state;
}

describe('move.followup.done (done card)', () => {
  let t: TestBot;
  useTestBot((bot) => { t = bot; });

  it('the move card lists the follow-ups with a Done button each, and waits on their owners', async () => {
    const state = await afterOverride(t);
    const card = assertCardResponse(await t.click(STAFF.megan, 'move.refresh', { moveId: state.moveId }), state);
    const text = textOf(card);
    assert.match(text, /Move these users by hand to the new licences in Microsoft Entra: bob@contoso\.onmicrosoft\.com/);
    assert.match(text, /Owner: Alex Wilber or an Admin agent/);
    assert.match(text, /Waiting on .*Alex Wilber or an Admin agent.* \(follow-ups\)/);
    assert.doesNotMatch(text, /no one \(the bot watches\)/);
    assert.deepEqual(doneButtons(card), openFollowUps(state).map((task) => ({ moveId: state.moveId, version: state.version, taskId: task.id })));
  });

  it('records the tick once, with who; the answer shows it done; a second (stale) tick gets today\'s card and records nothing', async () => {
    const state = await afterOverride(t);
    const result = await t.click(STAFF.patti, 'move.followup.done', { moveId: state.moveId, version: state.version, taskId: 'move-users:1' });
    const after = t.orchestrator.get(state.moveId)!;
    assert.deepEqual(t.eventTypes(state.moveId).slice(-1), ['FollowUpDone']);
    assert.equal(t.store.eventsOf(state.moveId).at(-1)?.actor.name, 'Patti Fernandez');
    assert.match(textOf(assertCardResponse(result, after)), /✓ Move these users by hand .+ — done by Patti Fernandez/);

    const count = t.store.count();
    const stale = await t.click(STAFF.alex, 'move.followup.done', { moveId: state.moveId, version: state.version, taskId: 'move-users:1' });
    const card = assertCardResponse(stale, after);
    assert.match(textOf(card), /done by Patti Fernandez/);
    assert.equal(t.store.count(), count, 'nothing recorded twice');
    assert.ok(!doneButtons(card).some((b) => b.taskId === 'move-users:1'), 'no Done button on a ticked task');
  });

  it('refuses those who may not tick the task, and a task the move does not have, recording nothing', async () => {
    const state = await afterOverride(t);
    const count = t.store.count();
    const data = (taskId: string) => ({ moveId: state.moveId, version: state.version, taskId });
    assertMessageResponse(await t.click(STAFF.adele, 'move.followup.done', data('move-users:1')),
      'Only an Account admin, an Admin agent, a Sales agent or a Helpdesk agent can tick this follow-up done. Your roles: Billing agent.');
    assertMessageResponse(await t.click(STAFF.isaiah, 'move.followup.done', data('move-users:1')), /You have no Partner Center role/);
    assertMessageResponse(await t.click(STAFF.alex, 'move.followup.done', data('auto-renew:not-ours')), /This move has no follow-up "auto-renew:not-ours"/);
    assert.equal(t.store.count(), count);
  });

  it('refuses a tick from another organisation before anything is looked up or recorded', async () => {
    const state = await afterOverride(t);
    const count = t.store.count();
    const foreign = { ...t.personal(STAFF.alex), tenantId: OTHER_TENANT };
    const result = await t.click(STAFF.alex, 'move.followup.done', { moveId: state.moveId, version: state.version, taskId: 'move-users:1' }, foreign);
    assertMessageResponse(result, REFUSALS.foreignTenant);
    assert.equal(t.store.count(), count);
  });
});
