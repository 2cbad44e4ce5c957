/** `move.plan.adjust` on the plan card: staff change seats, term or date; the redrawn plan waits for approval again. */
import assert from 'node:assert/strict';
import { lineInputIds } from '../../cards/planChoices';
import type { MoveState } from '../../move/state';
import { assertCardResponse, assertMessageResponse, TestBot, useContosoAtApproval } from './buildTestBot';
import { STAFF } from './fakes';

describe('move.plan.adjust (changing the plan on its card)', () => {
  let t: TestBot;
  let move: MoveState;
  useContosoAtApproval((bot, atApproval) => { t = bot; move = atApproval; });

  const data = (inputs: Record<string, unknown>) => ({ moveId: move.moveId, version: move.version, planHash: move.plan!.hash, ...inputs });

  it('redraws the plan with the new quantity, term and date, and the old plan\'s Approve buys nothing', async () => {
    const line = move.plan!.lines[0];
    const ids = lineInputIds(0);
    const card = assertCardResponse(await t.click(STAFF.adele, 'move.plan.adjust', data({
      [ids.quantity]: String(line.quantity + 2), [ids.term]: 'P1Y/annual', [ids.buyOn]: '',
    })), t.orchestrator.get(move.moveId)!);
    const after = t.orchestrator.get(move.moveId)!;
    assert.equal(after.stage, 'approval');
    assert.notEqual(after.plan!.hash, move.plan!.hash);
    assert.deepEqual([after.plan!.lines[0].quantity, after.plan!.lines[0].billingCycle], [line.quantity + 2, 'annual']);
    assert.ok(JSON.stringify(card).includes(after.plan!.hash), 'the card shows the redrawn plan');
    await t.click(STAFF.alex, 'move.plan.approve', { moveId: move.moveId, version: after.version, planHash: move.plan!.hash });
    assert.equal(t.orchestrator.get(move.moveId)!.stage, 'approval', 'an approval of the plan shown before the change buys nothing');
    assert.equal(t.partnerCenter.orderCount, 0);
  });

  it('says what is wrong with a value and changes nothing', async () => {
    const ids = lineInputIds(0);
    const events = t.store.count();
    assertMessageResponse(await t.click(STAFF.adele, 'move.plan.adjust', data({ [ids.quantity]: 'lots' })), /the quantity must be a whole number of licences\. Nothing was changed\./);
    assertMessageResponse(await t.click(STAFF.adele, 'move.plan.adjust', data({ [ids.quantity]: '1' })), /fewer than the \d+ licences assigned today/);
    assertMessageResponse(await t.click(STAFF.adele, 'move.plan.adjust', data({ [ids.term]: 'P9Y/weekly' })), /pick a term and billing the card lists/);
    assert.equal(t.store.count(), events);
  });
});
