import assert from 'node:assert/strict';
import { productName, productNameWithPart, readablePartNumber } from '../../cards/productNames';
import type { Plan } from '../../move/model';
import { contosoPlan } from '../move/fixtures';

describe('product names on the cards', () => {
  const named: Plan = { ...contosoPlan(), lines: contosoPlan().lines.map((l) => ({ ...l, source: { ...l.source, displayName: l.source.skuPartNumber === 'SPB' ? 'Microsoft 365 Business Premium' : null } })) };

  it('uses the display name the plan recorded from Microsoft\'s SKU table, the part number only as secondary text', () => {
    const sku = named.lines[0].source;
    assert.equal(productName({ plan: named }, { skuId: sku.skuId }), 'Microsoft 365 Business Premium');
    assert.equal(productNameWithPart({ plan: named }, { skuPartNumber: 'SPB' }), 'Microsoft 365 Business Premium (SPB)');
  });

  it('names a new SKU by the offer that provisions it', () => {
    const offer = named.lines[1].offers[0];
    assert.equal(productName({ plan: named }, { skuId: offer.provisioningId }), offer.title);
  });

  it('makes a part number readable when nothing better is known, and leaves codes in capitals alone', () => {
    assert.equal(readablePartNumber('Microsoft_365_E3_(no_Teams)'), 'Microsoft 365 E3 (no Teams)');
    assert.equal(readablePartNumber('SPE_E3'), 'SPE_E3');
    assert.equal(productName({ plan: null }, { skuPartNumber: 'Microsoft_365_E3_(no_Teams)' }), 'Microsoft 365 E3 (no Teams)');
    assert.equal(productNameWithPart({ plan: null }, { skuPartNumber: 'Microsoft_365_E3_(no_Teams)' }), 'Microsoft 365 E3 (no Teams)');
    assert.equal(productName({ plan: null }, {}), 'Unknown product');
  });
});
