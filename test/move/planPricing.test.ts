/** move/planPricing.ts: a plan priced from the sheet it was drawn with, a guide price where the sheet has none. */
import assert from 'node:assert/strict';
import type { Plan, PlanLine } from '../../move/model';
import { defaultOfferMap } from '../../move/offerMap';
import { buildPlan } from '../../move/plan';
import { lineCost, offerPrice, planCost, STANDARD_TERMS, termChoices } from '../../move/planPricing';
import { formatMoney, priceKey, type PriceBook, type SeatPrice } from '../../move/pricing';
import { sandboxSkuCatalog } from '../support/skuCatalogs';
import { CATALOG, contosoInventory, PARTNER_TENANT, T0 } from './fixtures';

function seat(productId: string, skuId: string, termDuration: SeatPrice['termDuration'], billingCycle: SeatPrice['billingCycle'], term: number): SeatPrice {
  return {
    productId, skuId, termDuration, billingCycle, currency: 'USD', termPriceMicros: Math.round(term * 1_000_000), erpTermPriceMicros: null,
    source: 'price-sheet', effectiveFrom: '2026-11-01', effectiveTo: null,
  };
}

/** Business Premium at 264 a year (22 a month) and Exchange Online (Plan 1) at 48 a year; only P1Y monthly and P1M for Exchange. */
function book(): PriceBook {
  const prices = [
    seat('CFQ7TTC0LCHC', '0002', 'P1Y', 'monthly', 264), seat('CFQ7TTC0LCHC', '0002', 'P1Y', 'annual', 264), seat('CFQ7TTC0LCHC', '0002', 'P1M', 'monthly', 26.4),
    seat('CFQ7TTC0LH16', '0001', 'P1Y', 'monthly', 48), seat('CFQ7TTC0LH16', '0001', 'P1M', 'monthly', 4.8),
  ];
  return { market: 'US', month: '2026-11', readAt: T0, prices: new Map(prices.map((p) => [priceKey(p.productId, p.skuId, p.termDuration, p.billingCycle), [p]])) };
}

function plan(prices?: { book: PriceBook } | { problem: string }, days = 7): Plan {
  return buildPlan(contosoInventory(), CATALOG, {
    term: 'P1Y', billing: 'monthly', partnerTenantId: PARTNER_TENANT, now: T0, skus: sandboxSkuCatalog(), offerMap: defaultOfferMap(), buyDaysBeforeEnd: days, prices,
  });
}

describe('plan pricing', () => {
  it('carries the sheet prices on the plan and says where they came from', () => {
    const priced = plan({ book: book() });
    assert.deepEqual(priced.pricing, { source: 'price-sheet', market: 'US', month: '2026-11', readAt: T0 });
    assert.equal(priced.lines[0].offers[0].prices?.length, 3);
    assert.equal(priced.hash, plan().hash, 'prices follow from the plan; the hash is about what is bought');
    assert.deepEqual(plan({ problem: 'no permission' }).pricing, { source: 'guide-price', problem: 'no permission' });
  });

  it('prices a line per month, per term and per invoice, and the days paid twice before the original ends', () => {
    const [spb] = plan({ book: book() }).lines; // 25 seats, bought 22 Feb 2027, original ends 1 Mar 2027
    const cost = lineCost(spb, T0);
    assert.equal(formatMoney(cost.monthly!), 'USD 550.00');
    assert.equal(formatMoney(cost.term!), 'USD 6,600.00');
    assert.equal(formatMoney(cost.perInvoice!), 'USD 550.00');
    assert.equal(cost.overlap?.days, 7);
    assert.equal(formatMoney(cost.overlap!.cost), 'USD 126.58'); // 25 × 264 × 7 / 365
    assert.equal(cost.source, 'price-sheet');
  });

  it('a plan bought at approval pays twice until each original ends', () => {
    const now = plan({ book: book() }, 3650);
    const cost = planCost(now, T0);
    assert.equal(cost.lines[0].overlap?.days, 97); // 24 Nov 2026 → 1 Mar 2027
    assert.equal(cost.lines[1].overlap?.days, 189); // → 1 Jun 2027
    assert.equal(cost.totals.byCurrency.length, 1);
    assert.equal(formatMoney(cost.totals.byCurrency[0].monthly), 'USD 590.00'); // 25 × 22 + 10 × 4
    assert.ok(cost.overlap[0].minor > planCost(plan({ book: book() }), T0).overlap[0].minor, 'buying a week ahead costs less');
  });

  it('falls back to the guide price, labelled, where the sheet has none', () => {
    const [spb] = plan().lines;
    const price = offerPrice(spb.offers[0], 'P1Y', 'monthly');
    assert.equal(price?.source ?? null, spb.offers[0].listPriceUsd === null ? null : 'guide-price');
    const line: PlanLine = { ...spb, offers: [{ ...spb.offers[0], listPriceUsd: 22, prices: [] }] };
    assert.equal(lineCost(line, T0).source, 'guide-price');
    assert.equal(lineCost({ ...line, offers: [{ ...line.offers[0], listPriceUsd: null }] }, T0).monthly, null);
  });

  it('offers the terms every offer of the line is sold in', () => {
    const [spb, exo] = plan({ book: book() }).lines;
    assert.deepEqual(termChoices(spb).map((c) => `${c.termDuration}/${c.billingCycle}`), ['P1M/monthly', 'P1Y/monthly', 'P1Y/annual']);
    assert.deepEqual(termChoices(exo).map((c) => `${c.termDuration}/${c.billingCycle}`), ['P1M/monthly', 'P1Y/monthly']);
    assert.deepEqual(termChoices(plan().lines[0]), [...STANDARD_TERMS]);
  });
});
