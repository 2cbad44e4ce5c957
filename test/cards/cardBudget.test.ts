/** Drawing a card within Teams' message size: the first fit that is small enough, else the last. */
import assert from 'node:assert/strict';
import { CARD_BUDGET_BYTES, expandWithinBudget } from '../../cards/cardBudget';

const TEMPLATE = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: '${text}', wrap: true }] };

function textOf(card: unknown): string {
  return (card as { body: Array<{ text: string }> }).body[0]!.text;
}

describe('card budget', () => {
  it('draws with the first fit whose card is within the budget, trying no more', () => {
    const tried: number[] = [];
    const card = expandWithinBudget(TEMPLATE, [CARD_BUDGET_BYTES, 1_000, 10], (size) => {
      tried.push(size);
      return { text: 'x'.repeat(size) };
    });
    assert.equal(textOf(card).length, 1_000);
    assert.deepEqual(tried, [CARD_BUDGET_BYTES, 1_000]);
    assert.ok(Buffer.byteLength(JSON.stringify(card)) <= CARD_BUDGET_BYTES);
  });

  it('keeps the first drawing when it fits, and the last when none does', () => {
    assert.equal(textOf(expandWithinBudget(TEMPLATE, [5, 1], (size) => ({ text: 'x'.repeat(size) }))), 'xxxxx');
    const last = expandWithinBudget(TEMPLATE, [CARD_BUDGET_BYTES * 2, CARD_BUDGET_BYTES + 1], (size) => ({ text: 'x'.repeat(size) }));
    assert.equal(textOf(last).length, CARD_BUDGET_BYTES + 1);
  });
});
