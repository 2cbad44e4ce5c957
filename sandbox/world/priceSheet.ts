/**
 * The partner's new-commerce licence-based price sheet, generated from the sandbox catalog for a market and a
 * month, in the documented CSV layout (Learn "Get a price sheet", "Response example for new commerce"): the 18
 * documented columns, then `Segment` (seen in downloaded sheets, not in the Learn example). Dates are written as
 * the example writes them (`2/1/2019 12:00:00 AM`); the open end is `11/30/9999 11:59:59 PM` as in Learn's
 * Azure example.
 *
 * Prices are plausible, not Microsoft's: a USD monthly list price per product, converted at a fixed rate and
 * rounded to the currency's minor unit; `ERP Price` = list × months in the term (× 1.2 for a monthly term,
 * × 1.05 for an annual term billed monthly); `UnitPrice` (the partner's price) = 80 % of the ERP, as in Learn's
 * example (115.2 of 144). Each row is repeated for the Education segment at half price, before the Commercial
 * rows, so a client that ignores `Segment` reads the wrong price.
 */
import type { Catalog, CatalogProductDefinition, CatalogSkuDefinition, CatalogTerm } from './catalog';
import { CSP_REGIONS, cspRegionOf } from './cspRegions';

export const PRICE_SHEET_COLUMNS = [
  'ProductTitle', 'ProductId', 'SkuId', 'SkuTitle', 'Publisher', 'SkuDescription', 'UnitOfMeasure', 'TermDuration',
  'BillingPlan', 'Market', 'Currency', 'UnitPrice', 'PricingTierRangeMin', 'PricingTierRangeMax', 'EffectiveStartDate',
  'EffectiveEndDate', 'Tags', 'ERP Price', 'Segment',
] as const;

/** USD list price per seat per month (annual term), roughly the public US list prices. */
const LIST_PRICE_USD: Readonly<Record<string, number>> = {
  CFQ7TTC0LCHC: 22, // Microsoft 365 Business Premium
  CFQ7TTC0LDPB: 12.5, // Microsoft 365 Business Standard
  CFQ7TTC0LH18: 6, // Microsoft 365 Business Basic
  CFQ7TTC0LH16: 4, // Exchange Online (Plan 1)
  CFQ7TTC0LH1P: 8, // Exchange Online (Plan 2)
  CFQ7TTC0LF8R: 23, // Office 365 E3
  CFQ7TTC0LF8Q: 10, // Office 365 E1
  CFQ7TTC0LFLX: 33.75, // Microsoft 365 E3 (no Teams)
  CFQ7TTC0MZJF: 5.25, // Microsoft Teams Enterprise
  CFQ7TTC0LHSF: 14, // Power BI Pro
  CFQ7TTC0LFLS: 6, // Microsoft Entra ID P1
};
const DEFAULT_LIST_PRICE_USD = 10;

/** Currency and a fixed rate per USD; digits of the minor unit. */
interface CurrencyRule { code: string; perUsd: number; digits: number }
const USD: CurrencyRule = { code: 'USD', perUsd: 1, digits: 2 };
const EUR: CurrencyRule = { code: 'EUR', perUsd: 0.92, digits: 2 };
const BY_COUNTRY: Readonly<Record<string, CurrencyRule>> = {
  US: USD, CA: { code: 'CAD', perUsd: 1.36, digits: 2 }, KR: { code: 'KRW', perUsd: 1350, digits: 0 },
  GB: { code: 'GBP', perUsd: 0.79, digits: 2 }, CH: { code: 'CHF', perUsd: 0.88, digits: 2 }, DK: { code: 'DKK', perUsd: 6.9, digits: 2 },
  SE: { code: 'SEK', perUsd: 10.5, digits: 2 }, NO: { code: 'NOK', perUsd: 10.7, digits: 2 }, JP: { code: 'JPY', perUsd: 150, digits: 0 },
  AU: { code: 'AUD', perUsd: 1.52, digits: 2 }, NZ: { code: 'NZD', perUsd: 1.65, digits: 2 }, BR: { code: 'BRL', perUsd: 5, digits: 2 },
  IN: { code: 'INR', perUsd: 83, digits: 2 }, TW: { code: 'TWD', perUsd: 32, digits: 2 },
};
const BY_REGION: Readonly<Record<string, CurrencyRule>> = { Europe: EUR, Australia: BY_COUNTRY.AU as CurrencyRule, 'New Zealand': BY_COUNTRY.NZ as CurrencyRule };

/** The market's currency: a known country's own, its region's, else USD. Null when the country is unknown. */
export function currencyOfMarket(market: string): CurrencyRule | null {
  const country = market.toUpperCase();
  const region = cspRegionOf(country);
  if (!region) return null;
  return BY_COUNTRY[country] ?? BY_REGION[region] ?? USD;
}

/** Every market the sandbox prices: the countries of the CSP region table. */
export function knownMarkets(): string[] {
  return Object.values(CSP_REGIONS).flat();
}

const MONTHS: Record<CatalogTerm['duration'], number> = { P1M: 1, P1Y: 12, P3Y: 36 };
const BILLING_PLAN: Record<CatalogTerm['billingCycle'], string> = { monthly: 'Monthly', annual: 'Annual' };

/** The sheet for `market` and `month` (`YYYY-MM`) as CSV text (CRLF line ends, every field quoted, as in Learn). */
export function priceSheetCsv(catalog: Catalog, market: string, month: string): string {
  const currency = currencyOfMarket(market);
  if (!currency) throw new RangeError(`No currency for market ${market}.`);
  const start = sheetDate(`${month}-01`, '12:00:00 AM');
  const lines = [PRICE_SHEET_COLUMNS.map(quote).join(',')];
  for (const segment of ['Education', 'Commercial'] as const) {
    for (const product of catalog.products) {
      for (const sku of product.skus) {
        for (const term of sku.terms) lines.push(row(product, sku, term, market.toUpperCase(), currency, segment, start).map(quote).join(','));
      }
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

function row(
  product: CatalogProductDefinition, sku: CatalogSkuDefinition, term: CatalogTerm, market: string, currency: CurrencyRule,
  segment: 'Commercial' | 'Education', start: string,
): string[] {
  const listUsd = LIST_PRICE_USD[product.productId] ?? DEFAULT_LIST_PRICE_USD;
  const scale = 10 ** currency.digits;
  // List price per month in the currency's minor units, then the term's ERP and the partner's 80 %.
  const monthlyMinor = Math.round(listUsd * currency.perUsd * (segment === 'Education' ? 0.5 : 1) * scale);
  const premium = term.duration === 'P1M' ? 1.2 : term.duration === 'P1Y' && term.billingCycle === 'monthly' ? 1.05 : 1;
  const erpMinor = Math.round(monthlyMinor * MONTHS[term.duration] * premium);
  const unitMinor = Math.round(erpMinor * 0.8);
  return [
    product.title, product.productId, sku.catalogSkuId, sku.title, 'Microsoft Corporation', sku.description, '', term.duration,
    BILLING_PLAN[term.billingCycle], market, currency.code, decimal(unitMinor, currency.digits), '', '', start,
    '11/30/9999 11:59:59 PM', 'License', decimal(erpMinor, currency.digits), segment,
  ];
}

/** Minor units → the sheet's decimal text (`115.2`, `144`, `19440`): no trailing zeros, as in Learn's example. */
function decimal(minor: number, digits: number): string {
  if (digits === 0) return String(minor);
  const text = (minor / 10 ** digits).toFixed(digits);
  return text.replace(/\.?0+$/, '');
}

/** `YYYY-MM-DD` → `M/D/YYYY <time>`. */
function sheetDate(isoDay: string, time: string): string {
  const [year, month, day] = isoDay.split('-').map(Number);
  return `${month}/${day}/${year} ${time}`;
}

function quote(value: string): string {
  return `"${value.replace(/"/g, '""')}"`;
}
