/** Cards of a move whose plan was bought on several dates: each order's undo window, and originals that ended meanwhile. */
import assert from 'node:assert/strict';
import { adviceView } from '../../cards/doneCard';
import { undoText } from '../../cards/provisioningCard';
import type { OrderedSubscription, SourceAdvice } from '../../move/model';

const sub = (id: string, until: string | null): OrderedSubscription => ({
  subscriptionId: id, offerId: 'CFQ7TTC0LCHC:0002', title: 'Microsoft 365 Business Premium', quantity: 25, status: 'active', cancellationAllowedUntil: until,
});

describe('cards of a plan bought on several dates', () => {
  it('one order: its undo deadline; several: each line\'s, and the latest', () => {
    assert.match(undoText([sub('a', '2027-02-10T19:53:00Z')]), /For this order: until 10 Feb 2027, 19:53 UTC/);
    const text = undoText([sub('a', '2027-02-10T19:53:00Z'), sub('b', '2027-04-21T19:53:00Z')]);
    assert.match(text, /until the date on each subscription's line, the latest 21 Apr 2027, 19:53 UTC/);
    assert.doesNotMatch(text, /For this order/);
  });

  it('an original that ended while later purchases waited says so instead of "let it expire"', () => {
    const advice: SourceAdvice = { subscriptionId: 'sub-spb', skuPartNumber: 'SPB', totalLicenses: 25, expires: '2027-02-08T00:00:00Z', kind: 'let-expire', text: 'Let it expire.' };
    assert.match(adviceView(advice, { plan: null, sourcesEnded: [] }).expires, /Let it expire on 8 Feb 2027/);
    assert.equal(adviceView(advice, { plan: null, sourcesEnded: ['sub-spb'] }).expires, 'Ended (the bot saw it end).');
  });
});
