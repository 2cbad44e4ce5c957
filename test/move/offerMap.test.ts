import assert from 'node:assert/strict';
import { defaultOfferMap, normaliseOfferMap, offerMapProblems } from '../../move/offerMap';

describe('offer map', () => {
  it('ships the reference mapping: offers with their Graph SKU, and the preferred E3 pair', () => {
    const map = defaultOfferMap();
    assert.equal(map.offer('CFQ7TTC0LFLX', '0001')?.skuPartNumber, 'SPE_E3');
    assert.equal(map.offer('cfq7ttc0lflx', '0021')?.confirmed, false, 'UNCONFIRMED ids are marked');
    assert.deepEqual(map.preferredFor('05E9A617-0261-4CEE-BB44-138D3EF5D965')[0].offers, ['CFQ7TTC0LFLX:0021', 'CFQ7TTC0MZJF:0009']);
    for (const o of map.data.offers) assert.deepEqual(offerMapProblems({ offers: [o] }), [], o.offer);
  });

  it('an operator\'s entries replace the shipped ones', () => {
    const custom = normaliseOfferMap({
      offers: [{ offer: 'CFQ7TTC0MZJF:0009', title: 'Microsoft Teams Enterprise', graphSkuId: '7E31C0D9-9551-471D-836F-32EE72BE4A01', listPriceUsd: 8.55 }],
      preferred: [{ graphSkuId: '05e9a617-0261-4cee-bb44-138d3ef5d965', offers: ['CFQ7TTC0LFLZ:0002'], note: 'We sell E5.' }],
    });
    const map = defaultOfferMap().withOverrides(custom);
    assert.equal(map.offer('CFQ7TTC0MZJF', '0009')?.listPriceUsd, 8.55);
    assert.deepEqual(map.preferredFor('05e9a617-0261-4cee-bb44-138d3ef5d965').map((p) => p.note), ['We sell E5.']);
    assert.equal(map.preferredFor('06ebc4ee-1bb5-47dd-8120-11324bc54e06').length, 1, 'other preferences stay');
  });

  it('names every problem of a bad operator file', () => {
    assert.match(offerMapProblems([]).join(), /JSON object/);
    assert.match(offerMapProblems('x').join(), /JSON object/);
    const problems = offerMapProblems({ offers: [{ offer: 'E3', graphSkuId: 'nope' }], preferred: [{ graphSkuId: 'x', offers: [] }] });
    assert.equal(problems.length, 5);
    assert.match(problems.join('\n'), /offers\[0\]\.offer must be "productId:skuId"/);
    assert.match(problems.join('\n'), /preferred\[0\]\.offers must list/);
  });
});
