import assert from 'node:assert/strict';
import {
  billingPeriodsInTerm, decimalToMicros, findPrice, formatMoney, guidePrice, lineBillingCharge, lineMonthlyCost, lineTermCost,
  minorUnitDigits, overlapCost, overlapDays, planTotals, priceKey, type PriceBook, type SeatPrice,
} from '../../move/pricing';

function seat(overrides: Partial<SeatPrice> = {}): SeatPrice {
  return {
    productId: 'CFQ7TTC0LCHC', skuId: '0002', termDuration: 'P1Y', billingCycle: 'annual', currency: 'USD',
    termPriceMicros: 211_200_000, erpTermPriceMicros: 264_000_000, source: 'price-sheet', effectiveFrom: '2026-12-01', effectiveTo: null,
    ...overrides,
  };
}

describe('move pricing', () => {
  describe('decimalToMicros', () => {
    it('reads the sheet decimals exactly, and refuses what is not a plain decimal', () => {
      assert.equal(decimalToMicros('115.2'), 115_200_000);
      assert.equal(decimalToMicros(' 144 '), 144_000_000);
      assert.equal(decimalToMicros('0.045'), 45_000);
      assert.equal(decimalToMicros('-3'), -3_000_000);
      assert.equal(decimalToMicros('0.0000005'), 1, 'the seventh decimal rounds half away from zero');
      assert.equal(decimalToMicros('0.0000004'), 0);
      assert.equal(decimalToMicros('1.9999995'), 2_000_000, 'the rounding carries into the units');
      for (const bad of ['', '1,5', '1e3', 'abc', '1.2.3', '12 000', '999999999999']) assert.equal(decimalToMicros(bad), null, bad);
      assert.equal(decimalToMicros('9000000000'), 9_000_000_000_000_000);
    });
  });

  describe('terms, billing periods and currencies', () => {
    it('counts invoices per term and refuses combinations Partner Center does not sell', () => {
      assert.equal(billingPeriodsInTerm('P1M', 'monthly'), 1);
      assert.equal(billingPeriodsInTerm('P1Y', 'monthly'), 12);
      assert.equal(billingPeriodsInTerm('P1Y', 'annual'), 1);
      assert.equal(billingPeriodsInTerm('P3Y', 'annual'), 3);
      assert.equal(billingPeriodsInTerm('P3Y', 'triennial'), 1);
      assert.throws(() => billingPeriodsInTerm('P1M', 'annual'), RangeError);
      assert.throws(() => billingPeriodsInTerm('P1Y', 'triennial'), RangeError);
    });

    it('knows the minor unit of zero- and three-decimal currencies', () => {
      assert.equal(minorUnitDigits('usd'), 2);
      assert.equal(minorUnitDigits('KRW'), 0);
      assert.equal(minorUnitDigits('JPY'), 0);
      assert.equal(minorUnitDigits('KWD'), 3);
    });
  });

  describe('line costs', () => {
    it('spreads a P1Y term price over twelve months and charges it once a year or monthly', () => {
      const annual = seat();
      assert.deepEqual(lineTermCost(annual, 10), { currency: 'USD', minor: 211_200 });
      assert.deepEqual(lineMonthlyCost(annual, 10), { currency: 'USD', minor: 17_600 });
      assert.deepEqual(lineBillingCharge(annual, 10), { currency: 'USD', minor: 211_200 });
      const monthly = seat({ billingCycle: 'monthly', termPriceMicros: 221_760_000 });
      assert.deepEqual(lineBillingCharge(monthly, 10), { currency: 'USD', minor: 18_480 });
    });

    it('rounds once, half away from zero, to the minor unit', () => {
      // 10.005 / month → 1 seat: 1000.5 cents → 1001.
      const odd = seat({ termDuration: 'P1M', billingCycle: 'monthly', termPriceMicros: 10_005_000 });
      assert.equal(lineMonthlyCost(odd, 1).minor, 1001);
      // 100 / 12 = 8.3333… a month: 3 seats = 25.00 exactly (no rounding of the per-seat price first).
      assert.equal(lineMonthlyCost(seat({ termPriceMicros: 100_000_000 }), 3).minor, 2500);
      // P3Y: 36 months.
      assert.equal(lineMonthlyCost(seat({ termDuration: 'P3Y', termPriceMicros: 360_000_000 }), 1).minor, 1000);
      // KRW has no minor unit: 237,600 KRW a year → 19,800 a month.
      assert.deepEqual(lineMonthlyCost(seat({ currency: 'krw', termPriceMicros: 237_600 * 1_000_000 }), 1), { currency: 'KRW', minor: 19_800 });
    });

    it('refuses fractional or negative seats', () => {
      assert.throws(() => lineTermCost(seat(), 1.5), RangeError);
      assert.throws(() => lineTermCost(seat(), -1), RangeError);
      assert.equal(lineTermCost(seat(), 0).minor, 0);
    });
  });

  describe('planTotals', () => {
    it('totals per currency, never across currencies, as the sum of the rounded lines', () => {
      const third = seat({ termDuration: 'P1M', billingCycle: 'monthly', termPriceMicros: 3_333_333 });
      const totals = planTotals([
        { price: third, seats: 1 }, // 3.333333 → 3.33
        { price: third, seats: 1 }, // 3.33 again: the total is 6.66, not round(6.666666) = 6.67
        { price: seat({ currency: 'EUR', termPriceMicros: 120_000_000 }), seats: 2 },
        { price: null, seats: 5 },
        { price: guidePrice({ productId: 'X', skuId: '1', listPriceUsd: 4 }, 'P1Y', 'annual'), seats: 1 },
      ]);
      assert.equal(totals.unpricedLines, 1);
      assert.deepEqual(totals.byCurrency.map((t) => t.currency), ['EUR', 'USD']);
      const usd = totals.byCurrency[1]!;
      assert.deepEqual(usd.monthly, { currency: 'USD', minor: 333 + 333 + 400 });
      assert.deepEqual(usd.term, { currency: 'USD', minor: 333 + 333 + 4800 });
      assert.equal(usd.lines, 3);
      assert.deepEqual(usd.sources, ['guide-price', 'price-sheet']);
      assert.deepEqual(totals.byCurrency[0]!.monthly, { currency: 'EUR', minor: 2000 });
      assert.deepEqual(totals.byCurrency[0]!.term, { currency: 'EUR', minor: 24_000 });
    });

    it('is empty for a plan without lines', () => {
      assert.deepEqual(planTotals([]), { byCurrency: [], unpricedLines: 0 });
    });
  });

  describe('overlap', () => {
    it('counts whole UTC days from the purchase up to the original end, never negative', () => {
      assert.equal(overlapDays('2026-12-31T00:00:00Z', '2026-12-01T15:30:00Z'), 30);
      assert.equal(overlapDays('2026-12-31', '2026-12-31T23:59:59Z'), 0);
      assert.equal(overlapDays('2026-11-30', '2026-12-01'), 0, 'the original ended first');
      assert.equal(overlapDays('2027-01-01T02:00:00+05:00', '2026-12-31'), 0, 'an offset is placed on UTC first');
      assert.equal(overlapDays('2026-12-10T00:00:00', '2026-12-01'), 9, 'no offset reads as UTC');
      assert.equal(overlapDays(null, '2026-12-01'), null);
      assert.equal(overlapDays('soon', '2026-12-01'), null);
    });

    it('costs days × seats × the daily price on a 365-day year, rounded once', () => {
      // 211.20 a year per seat; 30 days × 10 seats: 211.2 × 10 × 30 / 365 = 173.589… → 173.59.
      const result = overlapCost(seat(), 10, '2026-12-31', '2026-12-01');
      assert.deepEqual(result, { days: 30, cost: { currency: 'USD', minor: 17_359 } });
      // P1M: the monthly price × 12 / 365 a day; 12 a month, 1 seat, 365 days → 144.00 exactly.
      const monthly = seat({ termDuration: 'P1M', billingCycle: 'monthly', termPriceMicros: 12_000_000 });
      assert.deepEqual(overlapCost(monthly, 1, '2027-12-01', '2026-12-01')?.cost, { currency: 'USD', minor: 14_400 });
      // P3Y: the term spread over 3 × 365 days.
      const triennial = seat({ termDuration: 'P3Y', billingCycle: 'triennial', termPriceMicros: 1_095_000_000 });
      assert.deepEqual(overlapCost(triennial, 2, '2026-12-11', '2026-12-01')?.cost, { currency: 'USD', minor: 2000 });
      assert.deepEqual(overlapCost(seat(), 10, '2026-11-01', '2026-12-01'), { days: 0, cost: { currency: 'USD', minor: 0 } });
      assert.equal(overlapCost(seat(), 10, null, '2026-12-01'), null);
    });
  });

  describe('price book lookups and guide prices', () => {
    const book = (prices: SeatPrice[]): PriceBook => {
      const map = new Map<string, SeatPrice[]>();
      for (const p of prices) {
        const key = priceKey(p.productId, p.skuId, p.termDuration, p.billingCycle);
        map.set(key, [...(map.get(key) ?? []), p]);
      }
      return { market: 'US', month: '2026-12', prices: map, readAt: '2026-12-05T00:00:00.000Z' };
    };

    it('finds by product, SKU, term and billing (ids case-insensitive), the price in effect on a day', () => {
      const before = seat({ effectiveFrom: '2026-12-01', effectiveTo: '2026-12-14', termPriceMicros: 200_000_000 });
      const after = seat({ effectiveFrom: '2026-12-15', termPriceMicros: 211_200_000 });
      const prices = book([before, after, seat({ billingCycle: 'monthly', termPriceMicros: 221_760_000 })]);
      assert.equal(findPrice(prices, 'cfq7ttc0lchc', '0002', 'P1Y', 'annual')?.termPriceMicros, 211_200_000, 'latest by default');
      assert.equal(findPrice(prices, 'CFQ7TTC0LCHC', '0002', 'P1Y', 'annual', '2026-12-14')?.termPriceMicros, 200_000_000, 'the end day is included');
      assert.equal(findPrice(prices, 'CFQ7TTC0LCHC', '0002', 'P1Y', 'annual', '2026-12-20T10:00:00Z')?.termPriceMicros, 211_200_000);
      assert.equal(findPrice(prices, 'CFQ7TTC0LCHC', '0002', 'P1Y', 'monthly')?.termPriceMicros, 221_760_000);
      assert.equal(findPrice(prices, 'CFQ7TTC0LCHC', '0002', 'P1M', 'monthly'), null);
      assert.equal(findPrice(prices, 'CFQ7TTC0LCHC', '0002', 'P1Y', 'annual', '2026-11-30'), null, 'nothing in effect before the month');
    });

    it('makes a guide price from the offer map (USD a month) for any sold term, labelled as such', () => {
      const guide = guidePrice({ productId: 'P', skuId: 'S', listPriceUsd: 22 }, 'P3Y', 'annual');
      assert.equal(guide?.source, 'guide-price');
      assert.equal(guide?.currency, 'USD');
      assert.equal(guide?.termPriceMicros, 22 * 36 * 1_000_000);
      assert.equal(guide?.effectiveFrom, null);
      assert.equal(guidePrice({ productId: 'P', skuId: 'S', listPriceUsd: null }, 'P1Y', 'annual'), null);
      assert.throws(() => guidePrice({ productId: 'P', skuId: 'S', listPriceUsd: 5 }, 'P1M', 'annual'), RangeError);
    });
  });

  it('formats money with the code first and the minor unit of the currency', () => {
    assert.equal(formatMoney({ currency: 'USD', minor: 123_456_789 }), 'USD 1,234,567.89');
    assert.equal(formatMoney({ currency: 'USD', minor: 5 }), 'USD 0.05');
    assert.equal(formatMoney({ currency: 'KRW', minor: 1_250_000 }), 'KRW 1,250,000');
    assert.equal(formatMoney({ currency: 'KWD', minor: 1234 }), 'KWD 1.234');
    assert.equal(formatMoney({ currency: 'EUR', minor: -1999 }), 'EUR -19.99');
  });
});
