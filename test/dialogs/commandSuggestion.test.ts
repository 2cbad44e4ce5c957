/** "Did you mean": edit distance, the command suggestion, the country suggestion and the closest customers. */
import assert from 'node:assert/strict';
import { closestCustomers } from '../../bot/commands/customerSuggestions';
import { suggestCountries } from '../../bot/intakeValidation';
import { countryOptions } from '../../bot/teamsEdge';
import { suggestCommand } from '../../dialogs/commandSuggestion';
import { closest, editDistance } from '../../move/closest';
import { RegionTable } from '../../move/regions';
import { replay } from '../../move/state';
import { contosoHistory } from '../move/fixtures';

describe('editDistance and closest', () => {
  it('counts insertions, deletions, substitutions and neighbour swaps as one edit each', () => {
    assert.equal(editDistance('mvoe', 'move'), 1);
    assert.equal(editDistance('stauts', 'status'), 1);
    assert.equal(editDistance('cancle', 'CANCEL'), 1);
    assert.equal(editDistance('list', 'list'), 0);
    assert.equal(editDistance('dance', 'cancel'), 2);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abcdefgh', 'zz', 2), 3, 'stops past the limit');
  });

  it('returns every candidate at the smallest distance within the limit', () => {
    assert.deepEqual(closest('heve', ['help', 'move', 'list'], 2), { distance: 2, matches: ['help', 'move'] });
    assert.deepEqual(closest('zzzzzz', ['help'], 2).matches, []);
  });
});

describe('suggestCommand', () => {
  it('corrects a typo of the command word and keeps the rest as typed', () => {
    assert.equal(suggestCommand('mvoe contoso.com KR'), 'move contoso.com KR');
    assert.equal(suggestCommand('stauts contoso.onmicrosoft.com'), 'status contoso.onmicrosoft.com');
    assert.equal(suggestCommand('<at>Bot</at> nofity here'), 'notify here');
    assert.equal(suggestCommand('overide contoso.com the customer said so'), 'override contoso.com the customer said so');
  });

  it('does not guess for a far word, an ambiguous one, a short one or a command', () => {
    for (const text of ['dance', 'heve', 'xyzzy plugh', 'mv contoso.com', 'move contoso.com', '']) assert.equal(suggestCommand(text), null, text);
  });
});

describe('suggestCountries', () => {
  const countries = countryOptions(RegionTable.default());
  const codes = (input: string) => suggestCountries(input, countries, 'United States').map((c) => c.code);

  it('finds the country meant by a code people use, a name, or a one-letter slip', () => {
    assert.deepEqual(codes('UK'), ['GB']);
    assert.deepEqual(codes('KO'), ['KR']);
    assert.deepEqual(codes('germ'), ['DE']);
    assert.deepEqual(codes('UX'), ['UM', 'US'], 'slips within the partner\'s own region');
    assert.deepEqual(codes('XX'), []);
  });
});

describe('closestCustomers', () => {
  const contoso = replay('mv-1', contosoHistory('invited'));

  it('matches a first label, another top-level domain or a typo, and nothing far', () => {
    assert.deepEqual(closestCustomers([contoso], 'contoso'), ['contoso.onmicrosoft.com']);
    assert.deepEqual(closestCustomers([contoso], 'contoso.com'), ['contoso.onmicrosoft.com']);
    assert.deepEqual(closestCustomers([contoso], 'contosso.onmicrosoft.com'), ['contoso.onmicrosoft.com']);
    assert.deepEqual(closestCustomers([contoso], 'fabrikam.com'), []);
    assert.deepEqual(closestCustomers([contoso], ''), []);
  });
});
