/**
 * `npm run bench -- pricesheet [--rows=N] [--runs=N]`: what reading a large new-commerce licence-based price sheet
 * costs (`services/partnerCenter/priceSheetParser.ts`, as `PriceSheetClient.download` calls it). A market's sheet
 * has tens of thousands of rows; this one has `--rows` (default 100,000, and 10,000 beside it for comparison when
 * no option is given).
 *
 * The sheet is generated, seeded, by ./priceSheetGenerator.ts; the zipped form is built with fflate, the library
 * the parser unzips with.
 *
 * Figures: decode + parse time (median of `--runs`, default 5, each after a forced GC) for the plain and the
 * zipped CSV; memory of one decode + parse in a fresh child process (peak RSS from the OS's high-water mark,
 * heap and external memory sampled during the parse, what the PriceBook keeps after a GC); the PriceBook's size;
 * and 10,000 `findPrice` lookups. Parsing is synchronous, so a timer cannot sample during it: the child samples
 * `process.memoryUsage()` on every 500th `Map.prototype.set` call (the parser adds each kept row to a Map).
 * Nothing passes or fails on time (docs/ARCHITECTURE.md §7).
 */
import { fork } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { findPrice, type PriceBook } from '../move/pricing';
import { createSeededRandom } from '../sandbox/util/ids';
import { PRICE_SHEET_COLUMNS } from '../sandbox/world/priceSheet';
import { decodePriceSheetBody, parsePriceSheetCsv, type ParsedPriceSheet, type PriceSheetPackaging } from '../services/partnerCenter/priceSheetParser';
import { generateSheet, MARKET, type OfferKey } from './priceSheetGenerator';
import { describeMachine, formatTable, integerOption, memory, parseOptions, progress } from './lib';

export const PRICESHEET_BENCHMARK_DESCRIPTION = 'decode + parse time, memory and lookups of a 100,000-row licence-based price sheet (csv and zip)';

const MONTH = '2026-12';
const LOOKUPS = 10_000;
const SAMPLE_EVERY = 500;
const MB = 2 ** 20;

export async function runPricesheetBenchmark(args: readonly string[]): Promise<void> {
  const options = parseOptions(args, ['rows', 'runs']);
  const sizes = options.has('rows') ? [integerOption(options, 'rows', 100_000, 1, 1_000_000)] : [10_000, 100_000];
  const runs = integerOption(options, 'runs', 5, 1, 50);
  const gcKind = typeof (globalThis as { gc?: unknown }).gc === 'function'
    ? 'global.gc (--expose-gc)'
    : 'gc obtained at run time by bench/lib.ts (v8.setFlagsFromString); NODE_OPTIONS=--expose-gc gives global.gc directly';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-pricesheet-'));
  const results: SizeResult[] = [];
  try {
    for (const rows of sizes) results.push(await measureSize(rows, runs, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const mb = (bytes: number) => (bytes / MB).toFixed(bytes < MB ? 2 : 1);
  const ms = (value: number) => value.toFixed(value < 10 ? 1 : 0);
  const out: string[] = [
    `Price sheet benchmark — ${describeMachine()}`,
    `Forced GC before each measurement: ${gcKind}`,
    `Sheet: market ${MARKET}, ${MONTH}, ${PRICE_SHEET_COLUMNS.length} columns (Learn's order + Segment), every field quoted, CRLF; `
      + 'segments Commercial/Education/Charity/Government (the parser keeps Commercial); decode + parse median of '
      + `${runs} run${runs > 1 ? 's' : ''}`,
    '',
    formatTable(['rows', 'csv MB', 'zip MB', 'generate ms', 'zip ms', 'prices (keys)', 'seat prices', 'skipped'], results.map((r) => [
      r.rows, mb(r.csvBytes), mb(r.zipBytes), ms(r.generateMs), ms(r.zipMs), r.priceKeys, r.seatPrices, skippedText(r.skipped),
    ])),
    '',
    formatTable(['rows', 'form', 'decode ms', 'parse ms', 'total ms', 'min ms', 'max ms', 'rows/s'], results.flatMap((r) => r.timings.map((t) => [
      r.rows, t.packaging, ms(t.decodeMs), ms(t.parseMs), ms(t.totalMs), ms(t.minMs), ms(t.maxMs), Math.round(r.rows / (t.totalMs / 1000)),
    ]))),
    '',
    'Memory of one decode + parse in a fresh process, over its baseline after a GC with the downloaded bytes in hand',
    '(peak RSS: the OS high-water mark; peaks of heap and external: sampled during the parse; PriceBook: heap it keeps after a GC):',
    formatTable(['rows', 'form', 'base RSS MB', 'peak RSS +MB', 'peak heap +MB', 'peak ext. +MB', 'PriceBook MB', 'samples'],
      results.flatMap((r) => r.memory.map((m) => [
        r.rows, m.packaging, mb(m.baseRss), mb(m.peakRss - m.baseRss), mb(m.peakHeap - m.baseHeap), mb(m.peakExternal - m.baseExternal),
        mb(m.bookHeap), m.samples,
      ]))),
    '',
    formatTable(['rows', 'lookups', 'median ms', 'min ms', 'found', 'not sold'], results.map((r) => [
      r.rows, LOOKUPS, ms(r.lookups.medianMs), ms(r.lookups.minMs), r.lookups.found, r.lookups.missing,
    ])),
    '',
    ...results.map(summaryLine),
    '',
  ];
  process.stdout.write(out.join('\n'));
}

interface Timing { packaging: PriceSheetPackaging; decodeMs: number; parseMs: number; totalMs: number; minMs: number; maxMs: number }

interface MemoryFigures {
  packaging: PriceSheetPackaging;
  baseRss: number;
  baseHeap: number;
  baseExternal: number;
  peakRss: number;
  peakHeap: number;
  peakExternal: number;
  /** Heap the PriceBook holds: heap used after a GC with it, minus after a GC without it. */
  bookHeap: number;
  samples: number;
  rows: number;
  priceKeys: number;
}

interface SizeResult {
  rows: number;
  csvBytes: number;
  zipBytes: number;
  generateMs: number;
  zipMs: number;
  priceKeys: number;
  seatPrices: number;
  skipped: ParsedPriceSheet['skipped'];
  timings: Timing[];
  memory: MemoryFigures[];
  lookups: { medianMs: number; minMs: number; found: number; missing: number };
}

async function measureSize(rows: number, runs: number, dir: string): Promise<SizeResult> {
  progress(`pricesheet: generating ${rows} rows`);
  let started = performance.now();
  const sheet = generateSheet(rows);
  const csv = Buffer.from(sheet.text, 'utf8');
  const generateMs = performance.now() - started;
  started = performance.now();
  const zip = zipSync({ [`pricesheet_${MARKET}_${MONTH.replace('-', '')}.csv`]: csv }, { level: 6 });
  const zipMs = performance.now() - started;

  const timings: Timing[] = [];
  let parsed: ParsedPriceSheet | null = null;
  for (const [packaging, bytes] of [['csv', csv], ['zip', zip]] as const) {
    progress(`pricesheet: ${rows} rows, ${packaging}: ${runs} timed decode + parse`);
    const decodes: number[] = [];
    const parses: number[] = [];
    const totals: number[] = [];
    for (let run = 0; run < runs; run += 1) {
      parsed = null;
      memory(); // a forced GC, so one run's garbage is not collected during the next
      const t0 = performance.now();
      const decoded = decodePriceSheetBody(bytes, 'bench');
      const t1 = performance.now();
      parsed = parsePriceSheetCsv(decoded.text, sheetOptions(), decoded.packaging);
      const t2 = performance.now();
      if (decoded.packaging !== packaging) throw new Error(`decoded as ${decoded.packaging}, expected ${packaging}`);
      if (parsed.rows !== rows) throw new Error(`parsed ${parsed.rows} rows of ${rows}`);
      decodes.push(t1 - t0);
      parses.push(t2 - t1);
      totals.push(t2 - t0);
    }
    timings.push({ packaging, decodeMs: median(decodes), parseMs: median(parses), totalMs: median(totals), minMs: Math.min(...totals), maxMs: Math.max(...totals) });
  }
  if (!parsed) throw new Error('no parse ran');
  const { book } = parsed;
  let seatPrices = 0;
  for (const list of book.prices.values()) seatPrices += list.length;
  if (book.prices.size !== sheet.commercialKeys.length) {
    throw new Error(`the PriceBook has ${book.prices.size} keys; the generator wrote ${sheet.commercialKeys.length} Commercial offers`);
  }

  const lookups = measureLookups(book, sheet.commercialKeys, runs);

  const memoryFigures: MemoryFigures[] = [];
  for (const [packaging, bytes] of [['csv', csv], ['zip', zip]] as const) {
    progress(`pricesheet: ${rows} rows, ${packaging}: memory of one decode + parse in a child process`);
    const file = path.join(dir, `sheet-${rows}.${packaging}`);
    writeFileSync(file, bytes);
    const figures = await memoryInChild(file);
    rmSync(file, { force: true });
    if (figures.rows !== rows || figures.priceKeys !== book.prices.size) throw new Error(`the child read ${figures.rows} rows, ${figures.priceKeys} keys`);
    memoryFigures.push(figures);
  }

  return {
    rows, csvBytes: csv.byteLength, zipBytes: zip.byteLength, generateMs, zipMs, priceKeys: book.prices.size, seatPrices,
    skipped: parsed.skipped, timings, memory: memoryFigures, lookups,
  };
}

function sheetOptions() {
  return { step: 'bench: read the price sheet', market: MARKET, month: MONTH, readAt: '2026-12-05T00:00:00.000Z' };
}

/** 10,000 lookups as the plan makes them: most for offers sold, some on a day within the month, some for offers not sold. */
function measureLookups(book: PriceBook, keys: readonly OfferKey[], runs: number): SizeResult['lookups'] {
  const random = createSeededRandom('bench-pricesheet-lookups');
  const queries = Array.from({ length: LOOKUPS }, (_, i) => {
    const key = keys[Math.floor(random() * keys.length)] as OfferKey;
    if (i % 10 === 9) return { ...key, productId: `CFQ7TTC1${key.productId.slice(8)}`, on: undefined };
    return { ...key, productId: i % 3 === 0 ? key.productId.toLowerCase() : key.productId, on: i % 10 === 8 ? '2026-12-20' : undefined };
  });
  const times: number[] = [];
  let found = 0;
  let missing = 0;
  for (let run = 0; run < runs; run += 1) {
    found = 0;
    missing = 0;
    const t0 = performance.now();
    for (const q of queries) {
      if (findPrice(book, q.productId, q.skuId, q.term, q.billing, q.on)) found += 1;
      else missing += 1;
    }
    times.push(performance.now() - t0);
  }
  return { medianMs: median(times), minMs: Math.min(...times), found, missing };
}

/** Forks this module (tsx's loader comes with `process.execArgv`) to measure one decode + parse from a clean process. */
function memoryInChild(file: string): Promise<MemoryFigures> {
  return new Promise((resolve, reject) => {
    const child = fork(__filename, [file], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let figures: MemoryFigures | null = null;
    child.on('message', (message) => { figures = message as MemoryFigures; });
    child.on('error', reject);
    child.on('exit', (code) => (figures ? resolve(figures) : reject(new Error(`the memory child exited with ${code} and no figures`))));
  });
}

/** In the child: the bytes as downloaded, a GC, then one decode + parse while memory is sampled. */
function childMain(file: string): void {
  const packaging: PriceSheetPackaging = file.endsWith('.zip') ? 'zip' : 'csv';
  let bytes: Uint8Array | null = readFileSync(file);
  memory();
  const base = process.memoryUsage();
  const peak = { rss: base.rss, heap: base.heapUsed, external: base.external, samples: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    peak.samples += 1;
    peak.rss = Math.max(peak.rss, usage.rss);
    peak.heap = Math.max(peak.heap, usage.heapUsed);
    peak.external = Math.max(peak.external, usage.external);
  };
  const originalSet = Map.prototype.set;
  let calls = 0;
  Map.prototype.set = function set(this: Map<unknown, unknown>, key: unknown, value: unknown) {
    calls += 1;
    if (calls % SAMPLE_EVERY === 0) sample();
    return originalSet.call(this, key, value);
  };
  let parsed: ParsedPriceSheet | null;
  try {
    parsed = decodeAndParse(bytes, sample);
  } finally {
    Map.prototype.set = originalSet;
  }
  const maxRss = process.resourceUsage().maxRSS * 1024;
  // The client drops the body and the text once the sheet is parsed; the PriceBook stays in the cache.
  bytes = null;
  memory();
  const kept = process.memoryUsage();
  const { rows } = parsed;
  const priceKeys = parsed.book.prices.size;
  parsed = null;
  memory();
  const released = process.memoryUsage();
  const figures: MemoryFigures = {
    packaging, baseRss: base.rss, baseHeap: base.heapUsed, baseExternal: base.external,
    peakRss: Math.max(peak.rss, maxRss), peakHeap: peak.heap, peakExternal: peak.external,
    bookHeap: kept.heapUsed - released.heapUsed, samples: peak.samples, rows, priceKeys,
  };
  process.send?.(figures, () => process.disconnect());
}

/** A function of its own, so the decoded text is no longer reachable from the caller's frame once it returns. */
function decodeAndParse(bytes: Uint8Array, sample: () => void): ParsedPriceSheet {
  const decoded = decodePriceSheetBody(bytes, 'bench');
  sample();
  const parsed = parsePriceSheetCsv(decoded.text, sheetOptions(), decoded.packaging);
  sample();
  return parsed;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] as number : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

function skippedText(skipped: ParsedPriceSheet['skipped']): string {
  return Object.entries(skipped).map(([reason, count]) => `${reason} ${count}`).join(', ') || 'none';
}

function summaryLine(r: SizeResult): string {
  const csv = r.timings.find((t) => t.packaging === 'csv') as Timing;
  const zip = r.timings.find((t) => t.packaging === 'zip') as Timing;
  const peak = Math.max(...r.memory.map((m) => m.peakRss - m.baseRss));
  const rate = r.rows / (csv.totalMs / 1000);
  return `pricesheet: ${r.rows} rows (${(r.csvBytes / MB).toFixed(1)} MB csv, ${(r.zipBytes / MB).toFixed(1)} MB zip): `
    + `parse ${csv.totalMs.toFixed(0)} ms csv / ${zip.totalMs.toFixed(0)} ms zip, ${(rate / 1000).toFixed(0)}k rows/s, `
    + `+${(peak / MB).toFixed(0)} MB peak RSS, 10k lookups ${r.lookups.medianMs.toFixed(0)} ms, `
    + `${r.priceKeys} prices`;
}

if (require.main === module) {
  const file = process.argv[2];
  if (!file || !process.send) {
    process.stderr.write('This module is a benchmark: run `npm run bench -- pricesheet`.\n');
    process.exit(2);
  }
  childMain(file);
}
