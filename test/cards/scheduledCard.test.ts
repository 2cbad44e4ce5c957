import assert from 'node:assert/strict';
import { scheduledCard } from '../../cards/scheduledCard';
import { system } from '../move/fixtures';
import { assertValidCard, moveChecks, verbs, visibleText } from './cardAssertions';
import { scheduledContoso } from './scheduledFixtures';


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
