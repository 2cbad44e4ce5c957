import assert from 'node:assert/strict';
import { parseTypedInventory } from '../../move/typedInventory';
import { unavailableSkuCatalog } from '../../move/skuCatalog';
import { sandboxSkuCatalog } from '../support/skuCatalogs';

const NOW = '2026-11-24T09:00:00.000Z';

describe('typed inventory', () => {
  it('reads part numbers and GUIDs with licences, assigned users, end date, term and billing', () => {
    const { inventory, problems } = parseTypedInventory('SPE_E3, 50, 46, 2027-02-18, P1Y, annual\n# a comment\n\ncbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46, 25, 20', sandboxSkuCatalog(), NOW);
    assert.deepEqual(problems, []);
    const [e3, spb] = inventory!.lines;
    assert.equal(e3.skuPartNumber, 'SPE_E3');
    assert.equal(e3.totalUnits, 50);
    assert.equal(e3.consumedUnits, 46);
    assert.equal(e3.subscriptions[0].nextLifecycleDateTime, '2027-02-18T00:00:00.000Z');
    assert.deepEqual(e3.subscriptions[0].term, { termDuration: 'P1Y', billingCycle: 'annual' });
    assert.ok(e3.servicePlans.some((p) => p.name === 'TEAMS1'), 'service plans come from the SKU table');
    assert.equal(e3.usage, null, 'which plans users have on is unknown');
    assert.equal(spb.skuPartNumber, 'SPB');
    assert.equal(spb.subscriptions[0].term, null, 'no term typed: unknown, never guessed');
    assert.equal(spb.subscriptions[0].nextLifecycleDateTime, null);
  });

  const bad: Array<[string, RegExp]> = [
    ['', /one licence per line/],
    ['E9_ULTRA, 5, 5', /not a licence in Microsoft's SKU table/],
    ['SPE_E3, fifty, 46', /licences "fifty" must be a whole number/],
    ['SPE_E3, 50, -1', /assigned "-1" must be a whole number/],
    ['SPE_E3, 50, 46, 2027-02-30', /not a real date/],
    ['SPE_E3, 50, 46, P1Y', /both the term and the billing cycle/],
    ['SPE_E3, 50, 46, weekly', /neither an end date/],
    ['SPE_E3, 50', /expected 3 to 6 comma-separated values/],
    ['SPE_E3, 50, 46\nSPE_E3, 10, 10', /Line 2: SPE_E3 is listed twice/],
  ];
  for (const [text, message] of bad) {
    it(`refuses ${JSON.stringify(text)} with a message naming the line`, () => {
      const { inventory, problems } = parseTypedInventory(text, sandboxSkuCatalog(), NOW);
      assert.equal(inventory, null);
      assert.match(problems.join('\n'), message);
    });
  }

  it('reports every bad line at once', () => {
    const { problems } = parseTypedInventory('E9, 1, 1\nSPB, x, 1\nSPE_E3, 1, 1', sandboxSkuCatalog(), NOW);
    assert.equal(problems.length, 2);
    assert.match(problems[0], /^Line 1/);
    assert.match(problems[1], /^Line 2/);
  });

  it('without the SKU table, names the problem and still takes GUIDs', () => {
    const skus = unavailableSkuCatalog('https://example.invalid/x.csv', 'Reading the SKU table failed.');
    assert.match(parseTypedInventory('SPE_E3, 5, 5', skus, NOW).problems[0], /cannot be checked: Reading the SKU table failed/);
    assert.equal(parseTypedInventory('05e9a617-0261-4cee-bb44-138d3ef5d965, 5, 5', skus, NOW).problems.length, 0);
  });
});
