import assert from 'node:assert/strict';
import { scheduledCard } from '../../cards/scheduledCard';
import type { MoveEvent } from '../../move/events';
import { defaultOfferMap } from '../../move/offerMap';
import { buildPlan } from '../../move/plan';
import { replay } from '../../move/state';
import { sandboxSkuCatalog } from '../support/skuCatalogs';
import { adele, CATALOG, contosoHistory, contosoInventory, megan, PARTNER_TENANT, system, T0 } from '../move/fixtures';
import { assertValidCard, moveChecks, verbs, visibleText } from './cardAssertions';

function scheduledContoso(extra: MoveEvent[] = []) {
  const plan = buildPlan(contosoInventory(), CATALOG, {
    term: 'P1Y', billing: 'monthly', partnerTenantId: PARTNER_TENANT, now: T0, skus: sandboxSkuCatalog(), offerMap: defaultOfferMap(), buyDaysBeforeEnd: 7,
  });
  return replay('mv-1', [
    ...contosoHistory('inventory'),
    { type: 'PlanProposed', at: '2026-11-24T10:02:00.000Z', actor: system, plan, proposer: megan, correlationId: 'corr-1' },
    { type: 'PlanApproved', at: '2026-11-24T10:10:00.000Z', actor: adele, planHash: plan.hash, comment: '', correlationId: 'corr-1' },
    ...extra,
  ]);
}

describe('scheduledCard (approved, waiting for the buy dates)', () => {
  it('lists each purchase with its date, the next one first marked, and offers Cancel', () => {
    const state = scheduledContoso();
    assert.equal(state.stage, 'scheduled');
    const card = scheduledCard(state);
    assertValidCard(card, moveChecks(state));
    const text = visibleText(card);
    assert.match(text, /22 Feb 2027[^]*Next[^]*25 May 2027[^]*Later/);
    assert.match(text, /Plan approved by: \nAdele Vance/);
    assert.match(text, /cancelled subscriptions are not refunded/);
    assert.deepEqual(verbs(card).sort(), ['move.cancel', 'move.refresh']);
  });

  it('marks a purchase made as bought and the next as next', () => {
    const at = '2027-02-22T01:00:00.000Z';
    const state = scheduledContoso([
      { type: 'PurchaseDue', at, actor: system, round: 0, buyOn: '2027-02-22', correlationId: 'corr-1' },
      { type: 'CartCreated', at, actor: system, customerId: 'c', cartId: 'cart-1', requestId: 'r', correlationId: 'corr-1' },
      { type: 'OrderPlaced', at, actor: system, orderIds: ['ord-1'], subscriptions: [], correlationId: 'corr-1' },
      { type: 'ProvisioningCompleted', at, actor: system, subscriptions: [], prepaidCheck: [], correlationId: 'corr-1' },
    ]);
    assert.equal(state.stage, 'scheduled');
    const text = visibleText(scheduledCard(state));
    assert.match(text, /22 Feb 2027[^]*Bought[^]*25 May 2027[^]*Next/);
    assert.match(text, /Next purchase: 25 May 2027\./);
  });
});
