import assert from 'node:assert/strict';
import { deflateSync, gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { findPrice } from '../../move/pricing';
import { StepError } from '../../move/ports';
import {
  PriceSheetError, decodePriceSheetBody, parsePriceSheetCsv, sheetDate, type ParseOptions,
} from '../../services/partnerCenter/priceSheetParser';

const STEP = 'Partner Center: read the price sheet for US (2026-12)';
const OPTIONS: ParseOptions = { step: STEP, market: 'US', month: '2026-12', readAt: '2026-12-05T00:00:00.000Z' };

/** The header of Learn's "Response example for new commerce", plus Segment. */
const HEADER = '"ProductTitle","ProductId","SkuId","SkuTitle","Publisher","SkuDescription","UnitOfMeasure","TermDuration","BillingPlan","Market","Currency","UnitPrice","PricingTierRangeMin","PricingTierRangeMax","EffectiveStartDate","EffectiveEndDate","Tags","ERP Price","Segment"';
const LEARN_ROW = '"Advanced Communications","CFQ7TTC0HDK0","0001","Advanced Communications","Microsoft Corporation","Advanced meetings, calling, workflow integration, and management tools for IT.","","P1Y","Annual","US","USD","115.2","","","2/1/2019 12:00:00 AM","2/4/2021 8:35:31 PM","License","144","Commercial"';

function sheet(...rows: string[]): string {
  return [HEADER, ...rows].join('\r\n') + '\r\n';
}

function rowWith(fields: Partial<Record<'title' | 'product' | 'sku' | 'term' | 'billing' | 'market' | 'currency' | 'unit' | 'start' | 'end' | 'erp' | 'segment', string>>): string {
  const f = {
    title: 'Microsoft 365 Business Premium', product: 'CFQ7TTC0LCHC', sku: '0002', term: 'P1Y', billing: 'Annual', market: 'US',
    currency: 'USD', unit: '211.2', start: '12/1/2026 12:00:00 AM', end: '11/30/9999 11:59:59 PM', erp: '264', segment: 'Commercial',
    ...fields,
  };
  const cells = [f.title, f.product, f.sku, f.title, 'Microsoft Corporation', 'desc', '', f.term, f.billing, f.market, f.currency,
    f.unit, '', '', f.start, f.end, 'License', f.erp, f.segment];
  return cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(',');
}

describe('services price sheet parser', () => {
  it("reads Learn's new-commerce example row: term price, ERP, US-style dates, quoted commas", () => {
    const { book, rows, currencies } = parsePriceSheetCsv(sheet(LEARN_ROW), OPTIONS);
    assert.equal(rows, 1);
    assert.deepEqual(currencies, ['USD']);
    const price = findPrice(book, 'CFQ7TTC0HDK0', '0001', 'P1Y', 'annual');
    assert.deepEqual(price, {
      productId: 'CFQ7TTC0HDK0', skuId: '0001', termDuration: 'P1Y', billingCycle: 'annual', currency: 'USD',
      termPriceMicros: 115_200_000, erpTermPriceMicros: 144_000_000, source: 'price-sheet',
      effectiveFrom: '2019-02-01', effectiveTo: '2021-02-04',
    });
    assert.equal(book.market, 'US');
    assert.equal(book.month, '2026-12');
  });

  it('handles a BOM, CRLF and LF line ends, doubled quotes and line breaks inside quoted fields, unquoted fields', () => {
    const quoted = rowWith({ title: 'Tricky "quoted", title\r\nwith a break' });
    const unquoted = 'Exchange Online (Plan 1),CFQ7TTC0LH16,0001,Exchange Online (Plan 1),Microsoft Corporation,desc,,P1M,Monthly,US,USD,4.8,,,2026-12-01T00:00:00.0000000Z,,License,4.8,Commercial';
    const text = `\uFEFF${HEADER}\n${quoted}\r\n${unquoted}\n\n`;
    const { book, rows } = parsePriceSheetCsv(text, OPTIONS);
    assert.equal(rows, 2);
    assert.equal(findPrice(book, 'CFQ7TTC0LCHC', '0002', 'P1Y', 'annual')?.termPriceMicros, 211_200_000);
    const exchange = findPrice(book, 'CFQ7TTC0LH16', '0001', 'P1M', 'monthly');
    assert.equal(exchange?.termPriceMicros, 4_800_000);
    assert.equal(exchange?.effectiveFrom, '2026-12-01', 'ISO dates too');
    assert.equal(exchange?.effectiveTo, null, 'an empty end is open');
  });

  it('finds columns by name whatever their order, case or spacing; extra columns are ignored', () => {
    const text = 'changeindicator,SKUID,productid,Currency,unit price,ERPPrice,Term Duration,billing_plan,Extra\r\nUnchanged,0002,CFQ7TTC0LCHC,usd,10,12,P1M,monthly,x\r\n';
    const { book } = parsePriceSheetCsv(text, OPTIONS);
    const price = findPrice(book, 'CFQ7TTC0LCHC', '0002', 'P1M', 'monthly');
    assert.equal(price?.currency, 'USD');
    assert.equal(price?.erpTermPriceMicros, 12_000_000);
    assert.equal(price?.effectiveFrom, null, 'no date columns: dates unknown');
  });

  it('names the missing columns and the fix, as a StepError that waits for a person', () => {
    const text = '"ProductTitle","ProductId","SkuId","TermDuration","Currency"\r\n"x","P","S","P1Y","USD"\r\n';
    assert.throws(() => parsePriceSheetCsv(text, OPTIONS), (error: unknown) => {
      assert.ok(error instanceof PriceSheetError);
      assert.ok(error instanceof StepError);
      assert.equal(error.problem, 'missing-columns');
      assert.equal(error.retryable, false);
      assert.match(error.message, /^Partner Center: read the price sheet for US \(2026-12\) failed: the sheet lacks the columns BillingPlan, UnitPrice/);
      assert.match(error.message, /ProductTitle, ProductId, SkuId, TermDuration, Currency/, 'says what the sheet has');
      assert.match(error.fix, /priceSheetParser\.ts/);
      return true;
    });
  });

  it('keeps the Commercial segment by default, or the one asked for, or all', () => {
    const text = sheet(rowWith({ segment: 'Education', unit: '105.6' }), rowWith({}), rowWith({ product: 'ONLYEDU', segment: 'Education' }));
    const commercial = parsePriceSheetCsv(text, OPTIONS);
    assert.equal(findPrice(commercial.book, 'CFQ7TTC0LCHC', '0002', 'P1Y', 'annual')?.termPriceMicros, 211_200_000);
    assert.equal(findPrice(commercial.book, 'ONLYEDU', '0002', 'P1Y', 'annual'), null);
    assert.equal(commercial.skipped['other-segment'], 2);
    const education = parsePriceSheetCsv(text, { ...OPTIONS, segment: 'education' });
    assert.equal(findPrice(education.book, 'CFQ7TTC0LCHC', '0002', 'P1Y', 'annual')?.termPriceMicros, 105_600_000);
    const all = parsePriceSheetCsv(text, { ...OPTIONS, segment: null });
    assert.equal(all.skipped.duplicate, 1, 'the same offer and start twice: the first row wins');
  });

  it('skips rows it cannot use and says why: one-time, unknown terms, impossible combinations, other markets, bad prices', () => {
    const text = sheet(
      rowWith({ billing: 'OneTime' }),
      rowWith({ billing: 'None' }),
      rowWith({ term: 'P5Y' }),
      rowWith({ term: 'P1M', billing: 'Annual' }),
      rowWith({ market: 'CA' }),
      rowWith({ unit: 'n/a' }),
      rowWith({ currency: 'US$' }),
      rowWith({ product: '' }),
      '"short","row"',
      rowWith({ term: 'P3Y', billing: 'Triennial', unit: '633.6' }),
    );
    const { book, rows, skipped } = parsePriceSheetCsv(text, OPTIONS);
    assert.equal(rows, 10);
    assert.deepEqual(skipped, { 'other-billing-plan': 3, 'other-term': 2, 'other-market': 1, unreadable: 3 });
    assert.equal(book.prices.size, 1);
    assert.equal(findPrice(book, 'CFQ7TTC0LCHC', '0002', 'P3Y', 'triennial')?.termPriceMicros, 633_600_000);
  });

  it('keeps every price of a month in start order for lookups by day', () => {
    const text = sheet(rowWith({ start: '12/15/2026 12:00:00 AM', unit: '220' }), rowWith({ start: '12/1/2026 12:00:00 AM', end: '12/14/2026 11:59:59 PM' }));
    const { book } = parsePriceSheetCsv(text, OPTIONS);
    assert.equal(findPrice(book, 'CFQ7TTC0LCHC', '0002', 'P1Y', 'annual', '2026-12-10')?.termPriceMicros, 211_200_000);
    assert.equal(findPrice(book, 'CFQ7TTC0LCHC', '0002', 'P1Y', 'annual')?.termPriceMicros, 220_000_000);
  });

  it('refuses a file without a header row, and an unreadable CSV, with a typed error', () => {
    assert.throws(() => parsePriceSheetCsv('\r\n\r\n', OPTIONS), (e: unknown) => e instanceof PriceSheetError && e.problem === 'empty');
    assert.throws(() => parsePriceSheetCsv(`${HEADER}\r\n"unterminated,quote\r\n`, OPTIONS),
      (e: unknown) => e instanceof PriceSheetError && e.problem === 'unreadable-csv' && /not a readable CSV/.test(e.message));
    const empty = parsePriceSheetCsv(`${HEADER}\r\n`, OPTIONS);
    assert.equal(empty.book.prices.size, 0, 'a header without rows is an empty sheet, not an error');
  });

  describe('decodePriceSheetBody', () => {
    const csv = sheet(LEARN_ROW);

    it('unzips the documented zipped sheet, whatever the entry is called, ignoring other entries', () => {
      const zip = zipSync({ 'readme.txt': strToU8('not this'), 'sheets.csv': strToU8(`\uFEFF${csv}`) });
      const decoded = decodePriceSheetBody(zip, STEP);
      assert.equal(decoded.packaging, 'zip');
      const { book } = parsePriceSheetCsv(decoded.text, OPTIONS, decoded.packaging);
      assert.equal(findPrice(book, 'CFQ7TTC0HDK0', '0001', 'P1Y', 'annual')?.termPriceMicros, 115_200_000);
    });

    it('also takes gzip, zlib, plain UTF-8 and UTF-16 with a BOM', () => {
      assert.equal(decodePriceSheetBody(gzipSync(csv), STEP).packaging, 'gzip');
      assert.equal(decodePriceSheetBody(deflateSync(csv), STEP).text, csv);
      assert.deepEqual(decodePriceSheetBody(Buffer.from(csv), STEP), { text: csv, packaging: 'csv' });
      const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]);
      assert.equal(decodePriceSheetBody(utf16, STEP).text, csv);
    });

    it('gives a retryable typed error for an empty body or a broken archive, and a clear one for a zip without CSV', () => {
      assert.throws(() => decodePriceSheetBody(new Uint8Array(0), STEP), (e: unknown) => e instanceof PriceSheetError && e.problem === 'empty' && e.retryable);
      const zip = zipSync({ 'sheets.csv': strToU8(csv) });
      const truncated = zip.subarray(0, Math.floor(zip.byteLength / 2));
      assert.throws(() => decodePriceSheetBody(truncated, STEP), (e: unknown) => e instanceof PriceSheetError && e.problem === 'unreadable-archive' && e.retryable);
      const noCsv = zipSync({ 'sheets.xlsx': strToU8('binary') });
      assert.throws(() => decodePriceSheetBody(noCsv, STEP), (e: unknown) => e instanceof PriceSheetError && /holds no \.csv/.test(e.message));
    });
  });

  it('reads the dates the sheets print, and refuses impossible ones', () => {
    assert.equal(sheetDate('2/1/2019 12:00:00 AM'), '2019-02-01');
    assert.equal(sheetDate('12/31/2026'), '2026-12-31');
    assert.equal(sheetDate('2024-05-01T00:00:00.0000000Z'), '2024-05-01');
    assert.equal(sheetDate('2/30/2026 12:00:00 AM'), null);
    assert.equal(sheetDate('tomorrow'), null);
  });
});
