/**
 * The new-commerce licence-based price sheet (`PricesheetView='updatedlicensebased'`) from bytes to a PriceBook.
 *
 * Columns — what is confirmed and where from:
 * - CONFIRMED (Microsoft): Learn "Get a price sheet" (learn.microsoft.com/partner-center/developer/get-a-price-sheet),
 *   section "Response example for new commerce" — read in the localized copies of the docs source (example dated
 *   Feb 2021; the English excerpt available showed only the Azure example) — shows the header
 *   `ProductTitle, ProductId, SkuId, SkuTitle, Publisher, SkuDescription, UnitOfMeasure, TermDuration, BillingPlan,
 *   Market, Currency, UnitPrice, PricingTierRangeMin, PricingTierRangeMax, EffectiveStartDate, EffectiveEndDate,
 *   Tags, ERP Price` and the row `Advanced Communications, CFQ7TTC0HDK0, 0001, …, P1Y, Annual, US, USD, 115.2, , ,
 *   2/1/2019 12:00:00 AM, 2/4/2021 8:35:31 PM, License, 144` (dates as `M/D/YYYY h:mm:ss AM`).
 * - THIRD-PARTY only: a `Segment` column (Commercial, Education, Charity, Government) and a leading
 *   `ChangeIndicator`, seen in public code that imports downloaded NCE price lists; ISO dates
 *   (`2024-05-01T00:00:00.0000000Z`) are seen there too; BillingPlan values `Monthly`, `Annual`, `Triennial`,
 *   `OneTime`. Treated as optional here.
 * - UNCONFIRMED: whether today's API file still has exactly this header (the current Learn page shows only the
 *   Azure consumption example), and column order. So columns are found by name, case-, space- and quote-
 *   insensitively, and only the ones a price needs are required.
 */
import { gunzipSync, inflateSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import type { BillingCycle, TermDuration } from '../../move/model';
import { StepError } from '../../move/ports';
import { decimalToMicros, priceKey, type PriceBook, type SeatPrice } from '../../move/pricing';

export type PriceSheetProblem = 'empty' | 'unreadable-archive' | 'unreadable-csv' | 'missing-columns';

/** The price sheet came but cannot be used. Names the step and the fix; retryable only when a new download can help. */
export class PriceSheetError extends StepError {
  constructor(
    readonly step: string,
    readonly problem: PriceSheetProblem,
    readonly detail: string,
    readonly fix: string,
  ) {
    super(`${step} failed: ${detail} — ${fix}`, { retryable: problem === 'unreadable-archive' || problem === 'empty' });
    this.name = 'PriceSheetError';
  }
}

/** How the body came: a plain CSV, a zip archive (the documented compressed form) or an HTTP-style stream. */
export type PriceSheetPackaging = 'csv' | 'zip' | 'gzip' | 'zlib';

/** More than any real sheet (about 40 MB per market uncompressed), less than what would hurt the process. */
const MAX_CSV_BYTES = 512 * 1024 * 1024;

/** Column key (lower case, letters and digits only) → role. */
const COLUMNS = {
  productid: 'productId', skuid: 'skuId', termduration: 'term', billingplan: 'billing', currency: 'currency',
  unitprice: 'unitPrice', erpprice: 'erpPrice', effectivestartdate: 'start', effectiveenddate: 'end', market: 'market',
  segment: 'segment',
} as const;
type Role = (typeof COLUMNS)[keyof typeof COLUMNS];
const REQUIRED: readonly Role[] = ['productId', 'skuId', 'term', 'billing', 'currency', 'unitPrice'];
const HEADER_NAMES: Record<Role, string> = {
  productId: 'ProductId', skuId: 'SkuId', term: 'TermDuration', billing: 'BillingPlan', currency: 'Currency',
  unitPrice: 'UnitPrice', erpPrice: 'ERP Price', start: 'EffectiveStartDate', end: 'EffectiveEndDate', market: 'Market',
  segment: 'Segment',
};

const TERMS = new Set<TermDuration>(['P1M', 'P1Y', 'P3Y']);
const BILLING: Record<string, BillingCycle> = { monthly: 'monthly', annual: 'annual', triennial: 'triennial' };
const MONTHS: Record<TermDuration, number> = { P1M: 1, P1Y: 12, P3Y: 36 };
const BILLING_MONTHS: Record<BillingCycle, number> = { monthly: 1, annual: 12, triennial: 36 };

/** Why rows were left out, for the log (a sheet always has some: one-time purchases, other segments). */
export type SkipReason = 'other-term' | 'other-billing-plan' | 'other-market' | 'other-segment' | 'unreadable' | 'duplicate';

export interface ParsedPriceSheet {
  book: PriceBook;
  packaging: PriceSheetPackaging;
  /** Data rows read (header excluded). */
  rows: number;
  skipped: Partial<Record<SkipReason, number>>;
  currencies: string[];
}

export interface ParseOptions {
  /** Names the call in errors ("Partner Center: read the price sheet for US (2025-06)"). */
  step: string;
  market: string;
  /** `YYYY-MM`. */
  month: string;
  /** Keep only this `Segment` when the sheet has the column (case-insensitive); null keeps all. Default `Commercial`. */
  segment?: string | null;
  readAt: string;
}

/** Bytes as downloaded → CSV text: unzips, inflates or decodes as the content shows (not as the headers claim). */
export function decodePriceSheetBody(bytes: Uint8Array, step: string): { text: string; packaging: PriceSheetPackaging } {
  if (bytes.byteLength === 0) throw new PriceSheetError(step, 'empty', 'Partner Center answered with an empty file', 'try again later; if it stays empty, download the sheet in Partner Center (Pricing) to compare');
  const [b0, b1, b2, b3] = bytes;
  try {
    if (b0 === 0x50 && b1 === 0x4b && b2 === 0x03 && b3 === 0x04) return { text: decodeText(unzipCsv(bytes, step)), packaging: 'zip' };
    if (b0 === 0x1f && b1 === 0x8b) return { text: decodeText(gunzipSync(bytes, { maxOutputLength: MAX_CSV_BYTES })), packaging: 'gzip' };
    if (b0 === 0x78 && (b1 === 0x01 || b1 === 0x5e || b1 === 0x9c || b1 === 0xda)) {
      return { text: decodeText(inflateSync(bytes, { maxOutputLength: MAX_CSV_BYTES })), packaging: 'zlib' };
    }
  } catch (error) {
    if (error instanceof PriceSheetError) throw error;
    throw new PriceSheetError(step, 'unreadable-archive', `the compressed sheet cannot be unpacked (${errorText(error)})`,
      'try again (the download may have been cut short)');
  }
  return { text: decodeText(bytes), packaging: 'csv' };
}

/**
 * The first `.csv` entry of a zip. fflate rather than node:zlib: zlib inflates a raw deflate stream but does not
 * read the zip container (local headers, central directory, ZIP64), and a hand-written reader is riskier than a
 * small, dependency-free, widely used library. Entries are filtered before they are inflated, and bounded.
 */
function unzipCsv(bytes: Uint8Array, step: string): Uint8Array {
  let tooLarge = false;
  const files = unzipSync(bytes, {
    filter: (file) => {
      if (!/\.csv$/i.test(file.name)) return false;
      if (file.originalSize > MAX_CSV_BYTES) tooLarge = true;
      return !tooLarge;
    },
  });
  const names = Object.keys(files).sort();
  const first = names[0];
  if (first === undefined) {
    throw new PriceSheetError(step, 'unreadable-archive', tooLarge ? 'the zipped sheet is larger than 512 MB' : 'the zip holds no .csv file',
      'download the sheet in Partner Center (Pricing) to see what it holds; the bot expects one CSV');
  }
  return files[first] as Uint8Array;
}

/** UTF-8 (BOM or not) or UTF-16 LE with its BOM (spreadsheet exports). */
function decodeText(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  return buffer.toString('utf8');
}

/** CSV text → PriceBook. Throws PriceSheetError for a file that is not CSV or lacks a needed column. */
export function parsePriceSheetCsv(text: string, options: ParseOptions, packaging: PriceSheetPackaging = 'csv'): ParsedPriceSheet {
  const { step } = options;
  const market = options.market.toUpperCase();
  const segment = options.segment === undefined ? 'commercial' : options.segment?.trim().toLowerCase() ?? null;
  const prices = new Map<string, SeatPrice[]>();
  const skipped: Partial<Record<SkipReason, number>> = {};
  const skip = (reason: SkipReason) => { skipped[reason] = (skipped[reason] ?? 0) + 1; };
  const currencies = new Set<string>();
  let at: Partial<Record<Role, number>> | null = null;
  let rows = 0;

  try {
    parse(text, {
      bom: true,
      // CRLF (as Learn's example) or LF, even mixed in one file.
      record_delimiter: ['\r\n', '\n'],
      relax_column_count: true,
      skip_empty_lines: true,
      // Rows are mapped as they are read and dropped, so a 40 MB sheet is never held as records.
      on_record: (record: string[]) => {
        if (at === null) {
          at = columnsOf(record, step);
          return null;
        }
        rows += 1;
        const reason = addRow(record, at, { market, segment, prices, currencies });
        if (reason) skip(reason);
        return null;
      },
    });
  } catch (error) {
    if (error instanceof PriceSheetError) throw error;
    throw new PriceSheetError(step, 'unreadable-csv', `the sheet is not a readable CSV (${errorText(error)})`,
      'try again; if it repeats, download the sheet in Partner Center (Pricing) and check it opens as CSV');
  }
  if (at === null) throw new PriceSheetError(step, 'empty', 'the sheet has no header row', 'try again later; the sheet may not be published yet this month');
  for (const list of prices.values()) list.sort((a, b) => (a.effectiveFrom ?? '').localeCompare(b.effectiveFrom ?? ''));
  return {
    book: { market, month: options.month, prices, readAt: options.readAt },
    packaging, rows, skipped, currencies: [...currencies].sort(),
  };
}

/** Header cells → role positions; every required column must be there. */
function columnsOf(header: string[], step: string): Partial<Record<Role, number>> {
  const at: Partial<Record<Role, number>> = {};
  header.forEach((cell, index) => {
    const key = cell.replace(/[^A-Za-z0-9]/g, '').toLowerCase() as keyof typeof COLUMNS;
    const role = COLUMNS[key];
    if (role !== undefined && at[role] === undefined) at[role] = index;
  });
  const missing = REQUIRED.filter((role) => at[role] === undefined);
  if (missing.length > 0) {
    const seen = header.slice(0, 30).map((h) => h.trim()).filter((h) => h !== '').join(', ').slice(0, 400);
    throw new PriceSheetError(step, 'missing-columns',
      `the sheet lacks the column${missing.length > 1 ? 's' : ''} ${missing.map((r) => HEADER_NAMES[r]).join(', ')} (it has: ${seen || 'nothing'})`,
      'Microsoft changed the licence-based price sheet format: update services/partnerCenter/priceSheetParser.ts; until then plans show guide prices');
  }
  return at;
}

interface RowTarget {
  market: string;
  segment: string | null;
  prices: Map<string, SeatPrice[]>;
  currencies: Set<string>;
}

/** Adds one row's price, or says why it was left out. */
function addRow(record: string[], at: Partial<Record<Role, number>>, target: RowTarget): SkipReason | null {
  const cell = (role: Role): string => (at[role] === undefined ? '' : (record[at[role] as number] ?? '').trim());
  const rowMarket = cell('market').toUpperCase();
  if (rowMarket !== '' && rowMarket !== target.market) return 'other-market';
  const rowSegment = cell('segment').toLowerCase();
  if (target.segment !== null && rowSegment !== '' && rowSegment !== target.segment) return 'other-segment';
  const term = cell('term').toUpperCase() as TermDuration;
  if (!TERMS.has(term)) return 'other-term';
  const billing = BILLING[cell('billing').toLowerCase()];
  if (billing === undefined || BILLING_MONTHS[billing] > MONTHS[term]) return 'other-billing-plan';
  const productId = cell('productId');
  const skuId = cell('skuId');
  const currency = cell('currency').toUpperCase();
  const unitPrice = decimalToMicros(cell('unitPrice'));
  if (productId === '' || skuId === '' || !/^[A-Z]{3}$/.test(currency) || unitPrice === null || unitPrice < 0) return 'unreadable';
  const erp = decimalToMicros(cell('erpPrice'));
  const price: SeatPrice = {
    productId, skuId, termDuration: term, billingCycle: billing, currency, termPriceMicros: unitPrice,
    erpTermPriceMicros: erp !== null && erp >= 0 ? erp : null, source: 'price-sheet',
    effectiveFrom: sheetDate(cell('start')), effectiveTo: sheetEndDate(cell('end')),
  };
  const key = priceKey(productId, skuId, term, billing);
  const list = target.prices.get(key) ?? [];
  if (list.some((p) => p.effectiveFrom === price.effectiveFrom)) return 'duplicate';
  list.push(price);
  target.prices.set(key, list);
  target.currencies.add(currency);
  return null;
}

/** `2/1/2019 12:00:00 AM`, `2024-05-01T00:00:00.0000000Z` or `2024-05-01` → `YYYY-MM-DD`; null when unreadable. */
export function sheetDate(value: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s|$)/.exec(value);
  if (us) return validDate(Number(us[3]), Number(us[1]), Number(us[2]));
  return null;
}

/** An end date; the sheets' "forever" (`11/30/9999 …`, `9999-12-31`) is open-ended (null). */
function sheetEndDate(value: string): string | null {
  const date = sheetDate(value);
  return date === null || date.startsWith('9999') ? null : date;
}

function validDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}
