import assert from 'node:assert/strict';
import { findAction } from '../support/fakeConnector';
import { Harness, users } from './harness';

const CONTOSO = 'contoso.onmicrosoft.com';
const TYPED = 'SPB, 25, 20, 2027-03-01, P1Y, monthly\nEXCHANGESTANDARD, 10, 7';

/**
 * When the bot cannot read the customer's tenant, the move stops for a person, at once, with the typed
 * inventory on the blocked card — over HTTP against the sandbox: Graph answering 403 in the customer tenant,
 * or the identity platform giving no token for a tenant without GDAP or consent.
 */
describe('no access to the customer tenant blocks the move and offers the typed inventory', function () {
  this.timeout(90_000);
  const h = new Harness();

  before(() => h.start());
  after(() => h.stop());
  beforeEach(async () => {
    await h.admin('POST', 'reset');
  });

  /** The last card sent to Megan that carries this verb for this move. */
  function lastAction(verb: string, moveId: string): any {
    for (const sent of [...h.connector.to(h.teams.personal(users.megan).id)].reverse()) {
      const action = findAction(sent.activity, verb);
      if (action?.data?.moveId === moveId) return action;
    }
    return null;
  }

  async function blockedAtInventory(command: string): Promise<string> {
    await h.teams.say(users.megan, command);
    const moveId = h.app.orchestrator.latestMoveFor(CONTOSO)!.moveId;
    await h.admin('POST', `customers/${CONTOSO}/accept`);
    await h.sweepUntil(moveId, 'blocked', 4);
    const state = h.app.orchestrator.get(moveId)!;
    assert.equal(state.blocked?.reason.code, 'no-customer-access');
    assert.equal(state.blocked?.fromStage, 'inventory');
    const failed = (await h.app.orchestrator.history(moveId)).filter((e) => e.type === 'StepFailed');
    assert.deepEqual(failed.map((e) => e.type === 'StepFailed' && [e.step, e.retryable]), [['inventory', false]], 'failed once, not retried every 15 minutes');
    assert.ok(lastAction('move.inventory.enter', moveId), 'the blocked card offers the typed inventory');
    return moveId;
  }

  // First: the bot has no token for Contoso cached yet (the later test's GDAP gives it one).
  it('no GDAP and no consent: the identity platform gives no token for the tenant (AADSTS): blocked at once', async () => {
    const moveId = await blockedAtInventory(`move ${CONTOSO} US direct no-gdap`);
    const state = h.app.orchestrator.get(moveId)!;
    assert.match(state.blocked?.reason.code === 'no-customer-access' ? state.blocked.reason.detail : '', /AADSTS\d+/);
    assert.match(state.blocked?.message ?? '', /approve the GDAP request or grant consent/);
  });

  it('Graph answers 403 in the customer tenant while reading the inventory: blocked at once; the typed inventory drafts the plan', async () => {
    await h.admin('POST', 'faults', { match: 'GET /graph/v1.0/subscribedSkus', status: 403, count: 10 });
    const moveId = await blockedAtInventory(`move ${CONTOSO} US direct`);
    const state = h.app.orchestrator.get(moveId)!;
    assert.match(state.blocked?.reason.code === 'no-customer-access' ? state.blocked.reason.detail : '', /Graph answered 403/);
    const faults = await h.admin('GET', 'faults');
    assert.equal(faults.faults[0].hits, 1, 'one refusal was enough: nothing was tried again');
    assert.match(h.connector.texts(h.teams.personal(users.megan).id).join('\n'), /cannot read the customer's licences/);

    await h.admin('DELETE', 'faults');
    const send = lastAction('move.inventory.enter', moveId);
    const { status } = await h.teams.click(users.megan, 'move.inventory.enter', { ...send.data, inventoryText: TYPED });
    assert.equal(status, 200);
    await h.sweepUntil(moveId, 'approval', 4);
    const after = h.app.orchestrator.get(moveId)!;
    assert.equal(after.inventory?.enteredBy?.name, 'Megan Bowen');
    assert.deepEqual(after.inventory?.lines.map((l) => [l.skuPartNumber, l.totalUnits, l.consumedUnits]), [['SPB', 25, 20], ['EXCHANGESTANDARD', 10, 7]]);
  });
});
