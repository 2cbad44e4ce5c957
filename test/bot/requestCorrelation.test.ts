import assert from 'node:assert/strict';
import { TestBot } from './buildTestBot';
import { STAFF } from './fakes';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('correlation ids of staff requests', () => {
  it('records a click\'s events under the request\'s own id, and the bot\'s steps under the move\'s', async () => {
    const t = new TestBot();
    const state = await t.contosoAtApproval(STAFF.megan);
    await t.click(STAFF.adele, 'move.plan.approve', { moveId: state.moveId, version: state.version, planHash: state.plan!.hash });
    const events = t.store.eventsOf(state.moveId);
    const approved = events.find((e) => e.type === 'PlanApproved')!;
    assert.match(approved.correlationId ?? '', UUID);
    assert.notEqual(approved.correlationId, state.correlationId);
    const cart = events.find((e) => e.type === 'CartCreated')!;
    assert.equal(cart.correlationId, state.correlationId, 'a step the bot runs carries the move\'s id');

  });
});
