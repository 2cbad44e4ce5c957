/**
 * What a plan costs, line by line: each offer's seat price for the line's term and billing (the partner's price
 * sheet as read when the plan was drawn, else the offer map's guide price, labelled as such), the monthly and term
 * cost, and the overlap — the days the customer pays for both the original and the new subscription.
 * Pure: prices travel with the plan (`PlannedOffer.prices`), so a plan redrawn for another term needs no I/O.
 */
import type { BillingCycle, Plan, PlanLine, PlannedOffer, TermDuration } from './model';
import {
  findPrice, guidePrice, lineBillingCharge, lineMonthlyCost, lineTermCost, overlapCost, planTotals, priceKey,
  type Money, type PlanTotals, type PriceBook, type PriceSource, type SeatPrice,
} from './pricing';
import { dayOf, effectiveBuyOn } from './schedule';

/** Where the plan's prices came from, for the card's footnote. */
export type PlanPricing =
  | { source: 'price-sheet'; market: string; month: string; readAt: string }
  | { source: 'guide-price'; problem: string };

/** A term and billing plan Partner Center sells together. */
export interface TermChoice {
  termDuration: TermDuration;
  billingCycle: BillingCycle;
}

/** New-commerce licence-based terms and their billing plans, shortest first: what a line can offer when the sheet says nothing. */
export const STANDARD_TERMS: readonly TermChoice[] = [
  { termDuration: 'P1M', billingCycle: 'monthly' },
  { termDuration: 'P1Y', billingCycle: 'monthly' },
  { termDuration: 'P1Y', billingCycle: 'annual' },
  { termDuration: 'P3Y', billingCycle: 'monthly' },
  { termDuration: 'P3Y', billingCycle: 'annual' },
  { termDuration: 'P3Y', billingCycle: 'triennial' },
];

export interface OfferCost {
  offer: PlannedOffer;
  price: SeatPrice | null;
}

export interface LineCost {
  offers: OfferCost[];
  /** Null when an offer has no price, or the offers' prices are in different currencies. */
  monthly: Money | null;
  term: Money | null;
  /** What one invoice charges under the line's billing plan. */
  perInvoice: Money | null;
  /** Days both the original and the new subscription are paid, and what the new one costs meanwhile. */
  overlap: { days: number; cost: Money } | null;
  /** `guide-price` when any offer's price is only a guide. */
  source: PriceSource | null;
}

export interface PlanCost {
  lines: LineCost[];
  totals: PlanTotals;
  /** The overlap over all lines, per currency. */
  overlap: Money[];
}

/** The sheet's prices of one offer, every term and billing plan (attached to the plan's offers when it is drawn). */
export function offerPrices(book: PriceBook, offer: Pick<PlannedOffer, 'productId' | 'skuId'>): SeatPrice[] {
  const prices: SeatPrice[] = [];
  for (const choice of STANDARD_TERMS) {
    const price = findPrice(book, offer.productId, offer.skuId, choice.termDuration, choice.billingCycle);
    if (price) prices.push(price);
  }
  return prices;
}

/** An offer's seat price for a term and billing plan: its sheet price, else its guide price, else none. */
export function offerPrice(offer: PlannedOffer, termDuration: TermDuration, billingCycle: BillingCycle): SeatPrice | null {
  const key = priceKey(offer.productId, offer.skuId, termDuration, billingCycle);
  const sheet = (offer.prices ?? []).find((p) => priceKey(p.productId, p.skuId, p.termDuration, p.billingCycle) === key);
  return sheet ?? guidePrice(offer, termDuration, billingCycle);
}

/** The terms every offer of the line is sold in (per the sheet), or the standard ones when the sheet lists none. */
export function termChoices(line: Pick<PlanLine, 'offers'>): TermChoice[] {
  const listed = (offer: PlannedOffer) => new Set((offer.prices ?? []).map((p) => `${p.termDuration}:${p.billingCycle}`));
  const sets = line.offers.map(listed);
  if (sets.every((s) => s.size === 0)) return [...STANDARD_TERMS];
  return STANDARD_TERMS.filter((c) => sets.every((s) => s.size === 0 || s.has(`${c.termDuration}:${c.billingCycle}`)));
}

/** The day the line is bought if the plan is approved at `at`: its buy date, or that day. */
export function purchaseDay(line: Pick<PlanLine, 'buyOn'>, at: string): string {
  return effectiveBuyOn(line, at) ?? dayOf(at) ?? at.slice(0, 10);
}

export function lineCost(line: PlanLine, at: string): LineCost {
  const offers = line.offers.map((offer) => ({ offer, price: offerPrice(offer, line.termDuration, line.billingCycle) }));
  const priced = offers.map((o) => o.price).filter((p): p is SeatPrice => p !== null);
  const oneCurrency = priced.length === offers.length && priced.length > 0 && priced.every((p) => p.currency === priced[0].currency);
  const sum = (each: (price: SeatPrice) => Money | null): Money | null => {
    if (!oneCurrency) return null;
    let minor = 0;
    for (const price of priced) {
      const money = each(price);
      if (!money) return null;
      minor += money.minor;
    }
    return { currency: priced[0].currency, minor };
  };
  const day = purchaseDay(line, at);
  return {
    offers,
    monthly: sum((p) => lineMonthlyCost(p, line.quantity)),
    term: sum((p) => lineTermCost(p, line.quantity)),
    perInvoice: sum((p) => lineBillingCharge(p, line.quantity)),
    overlap: oneCurrency ? overlapOf(priced, line, day) : null,
    source: priced.length === 0 ? null : priced.some((p) => p.source === 'guide-price') ? 'guide-price' : 'price-sheet',
  };
}

/** The plan's cost if approved at `at` (each line bought on its date). */
export function planCost(plan: Pick<Plan, 'lines'>, at: string): PlanCost {
  const lines = plan.lines.map((line) => lineCost(line, at));
  const totals = planTotals(plan.lines.flatMap((line, i) => lines[i].offers.map((o) => ({ price: o.price, seats: line.quantity }))));
  const overlap = new Map<string, number>();
  for (const cost of lines) {
    if (cost.overlap) overlap.set(cost.overlap.cost.currency, (overlap.get(cost.overlap.cost.currency) ?? 0) + cost.overlap.cost.minor);
  }
  return { lines, totals, overlap: [...overlap].sort(([a], [b]) => a.localeCompare(b)).map(([currency, minor]) => ({ currency, minor })) };
}

function overlapOf(prices: readonly SeatPrice[], line: PlanLine, day: string): { days: number; cost: Money } | null {
  let days = 0;
  let minor = 0;
  for (const price of prices) {
    const overlap = overlapCost(price, line.quantity, line.source.endsAt, day);
    if (!overlap) return null;
    days = overlap.days;
    minor += overlap.cost.minor;
  }
  return { days, cost: { currency: prices[0].currency, minor } };
}
