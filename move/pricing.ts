/**
 * What a plan costs: the partner's seat prices (from the Partner Center price sheet, or the offer map's guide
 * price when the sheet has none), and the pure arithmetic on them — a line's monthly and term cost, its charge
 * per billing period, a plan's totals per currency, and the overlap cost of buying before the original
 * subscription ends. No I/O here; the price sheet is read by an adapter behind `PriceSheetSource`.
 *
 * Money math. A seat price is kept exact as an integer number of millionths of the currency's unit ("micros":
 * 115.2 USD = 115_200_000), which holds every price the sheet prints (they have at most a few decimals). A cost
 * is computed with BigInt from those integers and rounded ONCE, half away from zero, to the currency's minor
 * unit (cents; none for KRW or JPY; three decimals for BHD...). A plan's total is the sum of its lines' rounded
 * costs, so the totals always equal the sum of the amounts shown per line, as on an invoice.
 *
 * What a sheet price means. `UnitPrice` on the new-commerce licence-based sheet is per seat for the whole
 * TermDuration: Learn's "Get a price sheet" example for new commerce lists Advanced Communications, P1Y, Annual,
 * UnitPrice 115.2, ERP Price 144 — the ERP being 12 × the 12 USD monthly list price. Monthly cost is therefore
 * the term price / months in the term, whatever the billing plan. (For P3Y rows the same rule is assumed:
 * UNCONFIRMED by any example seen.)
 */
import type { BillingCycle, TermDuration } from './model';
import type { CallContext } from './ports';

/** Where a price came from: the partner's own price sheet, or the offer map's guide list price (USD). */
export type PriceSource = 'price-sheet' | 'guide-price';

export const PRICE_SOURCE_LABELS: Record<PriceSource, string> = {
  'price-sheet': 'your Partner Center price sheet',
  'guide-price': 'guide list price (not your price sheet)',
};

/** One seat's price of an offer for a term and billing plan. */
export interface SeatPrice {
  productId: string;
  skuId: string;
  termDuration: TermDuration;
  billingCycle: BillingCycle;
  /** ISO 4217 code, upper case. */
  currency: string;
  /** What the partner pays per seat for the whole term, in micros (millionths of the currency unit). */
  termPriceMicros: number;
  /** Estimated retail price per seat for the whole term, in micros; null when unknown. */
  erpTermPriceMicros: number | null;
  source: PriceSource;
  /** First day the price applies (YYYY-MM-DD, UTC); null for guide prices. */
  effectiveFrom: string | null;
  /** Last day it applies (YYYY-MM-DD, UTC, inclusive); null when open-ended or unknown. */
  effectiveTo: string | null;
}

/** An amount in the currency's minor unit (cents for USD, won for KRW). */
export interface Money {
  currency: string;
  minor: number;
}

/** A market's price sheet for one month, as the plan reads it. */
export interface PriceBook {
  /** ISO 3166 two-letter country code. */
  market: string;
  /** `YYYY-MM`. */
  month: string;
  /** Prices by `priceKey`; several when the price changed during the month, earliest start first. */
  prices: ReadonlyMap<string, readonly SeatPrice[]>;
  /** When the sheet was read (ISO 8601). */
  readAt: string;
}

/** The port: the partner's price sheet for a market and month. */
export interface PriceSheetSource {
  /**
   * The partner's prices in `market` for `month` (`YYYY-MM`; default the current month). Needs an App+User
   * identity in the Admin agent or Sales agent role. Failures are StepErrors (retryable when trying again can help).
   */
  priceBook(market: string, ctx: CallContext, options?: { month?: string }): Promise<PriceBook>;
}

const MICROS_PER_UNIT = 1_000_000n;
const DAYS_PER_YEAR = 365n;

/** `productId:skuId:term:billing`, ids upper-cased (Partner Center ids are case-insensitive). */
export function priceKey(productId: string, skuId: string, term: TermDuration, billing: BillingCycle): string {
  return `${productId.trim().toUpperCase()}:${skuId.trim().toUpperCase()}:${term}:${billing}`;
}

/**
 * The price in effect on `on` (YYYY-MM-DD; default: the latest-starting price of the month), or null when the
 * sheet has none for that offer, term and billing plan.
 */
export function findPrice(
  book: PriceBook, productId: string, skuId: string, term: TermDuration, billing: BillingCycle, on?: string,
): SeatPrice | null {
  const candidates = book.prices.get(priceKey(productId, skuId, term, billing));
  if (!candidates || candidates.length === 0) return null;
  if (on === undefined) return candidates[candidates.length - 1] ?? null;
  const day = on.slice(0, 10);
  const inEffect = candidates.filter((p) => (p.effectiveFrom === null || p.effectiveFrom <= day) && (p.effectiveTo === null || day <= p.effectiveTo));
  return inEffect[inEffect.length - 1] ?? null;
}

/**
 * The offer map's guide list price (USD per seat per month) as a seat price for a term. Guide prices know no
 * term premium or partner discount: they are an estimate, and the source says so.
 */
export function guidePrice(
  offer: { productId: string; skuId: string; listPriceUsd: number | null }, term: TermDuration, billing: BillingCycle,
): SeatPrice | null {
  if (offer.listPriceUsd === null || !Number.isFinite(offer.listPriceUsd) || offer.listPriceUsd < 0) return null;
  billingPeriodsInTerm(term, billing); // refuses impossible combinations
  const monthlyMicros = Math.round(offer.listPriceUsd * 1_000_000);
  return {
    productId: offer.productId, skuId: offer.skuId, termDuration: term, billingCycle: billing, currency: 'USD',
    termPriceMicros: monthlyMicros * monthsInTerm(term), erpTermPriceMicros: null, source: 'guide-price',
    effectiveFrom: null, effectiveTo: null,
  };
}

export function monthsInTerm(term: TermDuration): number {
  switch (term) {
    case 'P1M': return 1;
    case 'P1Y': return 12;
    case 'P3Y': return 36;
  }
}

/** How many invoices a term makes under a billing plan; throws for combinations Partner Center does not sell. */
export function billingPeriodsInTerm(term: TermDuration, billing: BillingCycle): number {
  const months = monthsInTerm(term);
  const perPeriod = billing === 'monthly' ? 1 : billing === 'annual' ? 12 : 36;
  if (perPeriod > months) throw new RangeError(`A ${term} term cannot be billed ${billing}.`);
  return months / perPeriod;
}

/** Digits after the decimal point of a currency's minor unit (ISO 4217); 2 unless listed. */
export function minorUnitDigits(currency: string): number {
  const code = currency.toUpperCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (THREE_DECIMAL.has(code)) return 3;
  return 2;
}

const ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'ISK', 'JPY', 'KMF', 'KRW', 'PYG', 'RWF', 'UGX', 'UYI', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMAL = new Set(['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

/** The cost of `seats` seats for one month (the term price spread evenly over the term's months). */
export function lineMonthlyCost(price: SeatPrice, seats: number): Money {
  return costOf(price, seats, 1n, BigInt(monthsInTerm(price.termDuration)));
}

/** The cost of `seats` seats for the whole term: the commitment. */
export function lineTermCost(price: SeatPrice, seats: number): Money {
  return costOf(price, seats, 1n, 1n);
}

/** What one invoice charges for `seats` seats under the price's billing plan (monthly, annual or triennial). */
export function lineBillingCharge(price: SeatPrice, seats: number): Money {
  return costOf(price, seats, 1n, BigInt(billingPeriodsInTerm(price.termDuration, price.billingCycle)));
}

export interface CurrencyTotal {
  currency: string;
  /** Sum of the lines' monthly costs. */
  monthly: Money;
  /** Sum of the lines' term costs (each line's commitment, whatever its term). */
  term: Money;
  lines: number;
  /** Which sources the total mixes (a guide price makes the total an estimate). */
  sources: PriceSource[];
}

export interface PlanTotals {
  /** One total per currency, by currency code. Totals in different currencies are never added together. */
  byCurrency: CurrencyTotal[];
  /** Lines without any price: the totals leave them out. */
  unpricedLines: number;
}

/** A plan's totals per currency; each line is rounded first, so a total is the sum of what the lines show. */
export function planTotals(lines: ReadonlyArray<{ price: SeatPrice | null; seats: number }>): PlanTotals {
  const totals = new Map<string, CurrencyTotal>();
  let unpricedLines = 0;
  for (const { price, seats } of lines) {
    if (!price) {
      unpricedLines += 1;
      continue;
    }
    const currency = price.currency.toUpperCase();
    const total = totals.get(currency) ?? { currency, monthly: { currency, minor: 0 }, term: { currency, minor: 0 }, lines: 0, sources: [] };
    total.monthly = { currency, minor: total.monthly.minor + lineMonthlyCost(price, seats).minor };
    total.term = { currency, minor: total.term.minor + lineTermCost(price, seats).minor };
    total.lines += 1;
    if (!total.sources.includes(price.source)) total.sources = [...total.sources, price.source].sort();
    totals.set(currency, total);
  }
  return { byCurrency: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)), unpricedLines };
}

/**
 * Whole days both subscriptions are paid for: from the new one's purchase day up to (not including) the day
 * the original one ends, counted on UTC calendar dates. 0 when the original ends first; null when a date is
 * missing or unreadable.
 */
export function overlapDays(originalEndsAt: string | null, newBoughtAt: string | null): number | null {
  const end = utcDay(originalEndsAt);
  const bought = utcDay(newBoughtAt);
  if (end === null || bought === null) return null;
  return Math.max(0, Math.round((end - bought) / 86_400_000));
}

/**
 * What the new subscription costs while the original one is still paid: overlap days × seats × the new seat
 * price per day. A day's price is the term price spread over the term's days on a 365-day year (leap days
 * ignored), so a P1Y seat costs term/365 a day and a P1M seat monthly × 12 / 365. This is an estimate of the
 * double payment, not Microsoft's proration rule (UNCONFIRMED). Null when a date is unknown.
 */
export function overlapCost(
  price: SeatPrice, seats: number, originalEndsAt: string | null, newBoughtAt: string | null,
): { days: number; cost: Money } | null {
  const days = overlapDays(originalEndsAt, newBoughtAt);
  if (days === null) return null;
  const months = BigInt(monthsInTerm(price.termDuration));
  // term × 12 / (months × 365) a day, × days.
  return { days, cost: costOf(price, seats, 12n * BigInt(days), months * DAYS_PER_YEAR) };
}

/** `USD 1,234.56`, `KRW 12,500`: code first, no locale (the card shows it as is). */
export function formatMoney(money: Money): string {
  const digits = minorUnitDigits(money.currency);
  const negative = money.minor < 0;
  const text = String(Math.abs(money.minor)).padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : '';
  return `${money.currency} ${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * A decimal as the price sheet prints it (`115.2`, `-3`, `0.045`) in micros; more than six decimals are rounded
 * half away from zero. Null for anything else (empty, `1,5`, `12e3`, thousands separators) or too large to be exact.
 */
export function decimalToMicros(text: string): number | null {
  const match = /^\s*(-)?(\d{1,12})(?:\.(\d+))?\s*$/.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  let micros = BigInt(whole as string) * MICROS_PER_UNIT + BigInt((fraction.slice(0, 6)).padEnd(6, '0'));
  if (fraction.length > 6 && Number(fraction[6]) >= 5) micros += 1n;
  // Beyond 9 billion units a number would lose precision: no price is that large.
  if (micros > BigInt(Number.MAX_SAFE_INTEGER)) return null;
  return Number(sign ? -micros : micros);
}

/** seats × termPrice × numerator / denominator, in the currency's minor unit, rounded once. */
function costOf(price: SeatPrice, seats: number, numerator: bigint, denominator: bigint): Money {
  if (!Number.isInteger(seats) || seats < 0) throw new RangeError(`Seats must be a whole number, 0 or more (got ${seats}).`);
  const currency = price.currency.toUpperCase();
  const scale = 10n ** BigInt(minorUnitDigits(currency));
  const minor = roundDivide(BigInt(price.termPriceMicros) * BigInt(seats) * numerator * scale, denominator * MICROS_PER_UNIT);
  return { currency, minor: Number(minor) };
}

/** n / d rounded half away from zero (d > 0). */
function roundDivide(n: bigint, d: bigint): bigint {
  const negative = n < 0n;
  const magnitude = negative ? -n : n;
  const rounded = (magnitude * 2n + d) / (2n * d);
  return negative ? -rounded : rounded;
}

/** Milliseconds of the UTC calendar day of an ISO date or date-time, or null. */
function utcDay(value: string | null): number | null {
  if (!value) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (!match) return null;
  // A date-time is placed on the UTC timeline (read as UTC when it has no offset), then cut to its UTC day.
  const text = value.trim();
  const hasOffset = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(text);
  const parsed = text.length > 10 ? new Date(hasOffset ? text : `${text}Z`) : new Date(`${text.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime())) return null;
  return Date.UTC(parsed.getUTCFullYear(), parsed.getUTCMonth(), parsed.getUTCDate());
}
