import assert from 'node:assert/strict';
import { findAction } from '../support/fakeConnector';
import { Harness, users } from './harness';

const CONTOSO = 'contoso.onmicrosoft.com';

/**
 * Cancelling over HTTP against the sandbox: Cancel asks for a confirmation and a reason (nothing happens before), an
 * empty reason gets the confirmation back, and once confirmed the move is cancelled and the GDAP request the customer
 * had not approved is withdrawn in Graph (terminated), so the customer's Global Admin can no longer approve it.
 */
describe('cancelling a move withdraws its pending GDAP request (sandbox)', function () {
  this.timeout(90_000);
  const h = new Harness();

  before(() => h.start());
  after(() => h.stop());

  async function gdapOfContoso(): Promise<Array<{ id: string; status: string }>> {
    const state = await h.admin('GET', 'state');
    return state.customers.find((c: { domain: string }) => c.domain === CONTOSO).gdap;
  }

  it('confirms with a reason, cancels, terminates the GDAP request and says what could not be withdrawn', async () => {
    await h.teams.say(users.megan, `move ${CONTOSO} US direct`);
    const moveId = h.app.orchestrator.latestMoveFor(CONTOSO)!.moveId;
    await h.sweepUntil(moveId, 'awaiting-acceptance');
    const relationshipId = h.app.orchestrator.get(moveId)!.invitation!.gdapRelationshipId!;
    assert.deepEqual((await gdapOfContoso()).map((r) => [r.id, r.status]), [[relationshipId, 'approvalPending']]);

    const version = h.app.orchestrator.get(moveId)!.version;
    const asked = await h.teams.click(users.megan, 'move.cancel', { moveId, version });
    assert.equal(asked.status, 200);
    const confirm = findAction({ attachments: [{ content: asked.body.value }] }, 'move.cancel.confirm');
    assert.ok(confirm, 'the confirmation has "Cancel the move"');
    assert.equal(h.app.orchestrator.get(moveId)!.stage, 'awaiting-acceptance', 'nothing cancelled by the Cancel button');

    const empty = await h.teams.click(users.megan, 'move.cancel.confirm', { ...confirm.data, cancelReason: '   ' });
    assert.match(JSON.stringify(empty.body.value), /Say why the move is cancelled/);
    assert.equal(h.app.orchestrator.get(moveId)!.version, version, 'an empty reason changes nothing');

    const done = await h.teams.click(users.megan, 'move.cancel.confirm', { ...confirm.data, cancelReason: 'The customer stays with its partner.' });
    assert.equal(done.status, 200);
    await h.app.outbox.idle();
    const state = h.app.orchestrator.get(moveId)!;
    assert.equal(state.stage, 'cancelled');
    assert.equal(state.cancelled?.reason, 'The customer stays with its partner.');
    assert.equal(state.withdrawal?.outcome, 'withdrawn');
    assert.deepEqual((await gdapOfContoso()).map((r) => [r.id, r.status]), [[relationshipId, 'terminated']]);

    const card = JSON.stringify(done.body.value);
    assert.match(card, /The customer stays with its partner\./);
    assert.match(card, /was withdrawn: their Global Admin can no longer approve it/);
    assert.match(card, /its link cannot be withdrawn \(it is one link for every customer\)/);

    // The customer's Global Admin approving now activates nothing, and a sweep does not withdraw twice.
    const approved = await h.admin('POST', `gdap/${CONTOSO}/approve`);
    assert.deepEqual(approved.approved, []);
    await h.app.orchestrator.sweep();
    const history = await h.app.orchestrator.history(moveId);
    assert.deepEqual(history.filter((e) => e.type === 'RequestsWithdrawn').map((e) => e.type === 'RequestsWithdrawn' && e.outcome), ['withdrawn']);
    const audit = history.find((e) => e.type === 'MoveCancelled');
    assert.equal(audit?.type === 'MoveCancelled' && audit.reason, 'The customer stays with its partner.');
  });
});
