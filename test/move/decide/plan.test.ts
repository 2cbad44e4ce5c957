/** move/decide/plan.ts: the offers an Account admin picks for a licence the plan found no equivalent for. */
import assert from 'node:assert/strict';
import type { MoveCommand } from '../../../move/commands';
import type { PlannedOffer } from '../../../move/model';
import { adele, alex, contosoHistory } from '../fixtures';
import { given, recorded } from '../givenWhenThen';
import { at, E3, E5, inventoryLine, moveHolding } from './sandboxLicences';

describe('decider: offers picked by hand (ChooseOffer)', () => {
  const blockedByE5 = () => moveHolding([inventoryLine(E5, 10)], 'proposed');
  const choose = (over: Partial<Extract<MoveCommand, { type: 'ChooseOffer' }>> = {}): MoveCommand => ({
    type: 'ChooseOffer', actor: alex, at: at(90), sourceSkuId: E5.skuId, offerIds: ['CFQ7TTC0LFLX:0021', 'CFQ7TTC0MZJF:0009'],
    reason: 'The customer accepts losing the E5 security plans.', ...over,
  });
  /** An offer the blocked plan lists for SPE_E5, by `productId:skuId`. */
  const candidate = (id: string): PlannedOffer => {
    const offer = given(blockedByE5()).state.plan?.blockers[0].candidates.find((c) => `${c.productId}:${c.skuId}` === id);
    assert.ok(offer, `the plan lists ${id} for SPE_E5`);
    return offer;
  };

  it('records an Account admin\'s pick and sends the move back to drafting the plan', () => {
    const { state } = given(blockedByE5()).when(choose()).then([{
      type: 'OfferChosen', ...recorded(alex, at(90)), sourceSkuId: E5.skuId, skuPartNumber: 'SPE_E5',
      offers: [candidate('CFQ7TTC0LFLX:0021'), candidate('CFQ7TTC0MZJF:0009')], reason: 'The customer accepts losing the E5 security plans.',
    }]);
    assert.equal(state.stage, 'plan');
    assert.equal(state.offerChoices[0].by.name, alex.name);
    assert.deepEqual(state.offerChoices[0].offers.map((o) => o.title), ['Microsoft 365 E3 (no Teams)', 'Microsoft Teams Enterprise']);
  });

  it('refuses anyone but an Account admin, offers the card did not list, a missing reason, and a move that is not blocked for it', () => {
    given(blockedByE5()).when(choose({ actor: adele })).refused('not-allowed');
    given(blockedByE5()).when(choose({ offerIds: ['CFQ7TTC0XXXX:0001'] })).refused('invalid-input', /Pick from the offers the card lists/);
    given(blockedByE5()).when(choose({ offerIds: [] })).refused('invalid-input');
    given(blockedByE5()).when(choose({ reason: 'ok' })).refused('invalid-input');
    given(blockedByE5()).when(choose({ sourceSkuId: E3.skuId })).refused('invalid-input');
    given(contosoHistory('proposed')).when(choose()).refused('wrong-stage');
  });
});
