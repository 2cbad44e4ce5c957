/**
 * `npm run bench -- plan`: how long drawing a plan takes when equivalents must be searched, over a SKU table in the
 * layout of Microsoft's licensing CSV with every SKU of the table sold. Without `--csv` the table is the project's
 * own data, the sandbox's hand-typed SKUs (sandbox/world/skus, as GET /_sandbox/sku-catalog.csv serves them): it runs
 * the same code but is small. The worst case for the search is Microsoft's whole table (`--csv=<path>` of the CSV
 * from learn.microsoft.com/entra/identity/users/licensing-service-plan-reference; a real catalog sells a few hundred).
 * Each tenant holds `--lines` licences (those of the suites below that the table has); the suites it holds are
 * withdrawn from the catalog, so each line needs the equivalent search (pairs, then triples).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { CatalogOffer, InventoryLine } from '../move/model';
import { defaultOfferMap } from '../move/offerMap';
import { buildPlan } from '../move/plan';
import { skuCatalogFrom, type SkuInfo } from '../move/skuCatalog';
import { skuCatalogCsv } from '../sandbox/api/adminSkuCatalog';
import { ALL_SKUS } from '../sandbox/world/skus';
import { parseLicensingCsv } from '../services/skuCatalog/licensingCsv';
import { skusMissingFromCsv } from '../services/skuCatalog/missingSkus';
import { describeMachine, formatTable, integerOption, memory, parseOptions, UsageError } from './lib';

export const PLAN_BENCHMARK_DESCRIPTION = 'time to draw plans that need the equivalent search, over the sandbox\'s SKU table or --csv=<Microsoft\'s>';

/** Suites customers hold, none of them sold in the benchmark's catalog. */
const HELD = ['SPE_E3', 'SPE_E5', 'ENTERPRISEPACK', 'O365_BUSINESS_PREMIUM', 'SPB', 'STANDARDPACK', 'EMS', 'O365_BUSINESS_ESSENTIALS', 'SPE_F1', 'ENTERPRISEPREMIUM'];

export async function runPlanBenchmark(args: readonly string[]): Promise<void> {
  const options = parseOptions(args, ['csv', 'lines', 'plans']);
  const csv = options.get('csv');
  if (csv !== undefined && !existsSync(csv)) throw new UsageError(`No SKU table at ${csv}: give --csv=<path of Microsoft's licensing CSV>.`);
  const table = csv === undefined
    ? { source: 'the sandbox\'s SKUs', note: ' (the project\'s data, sandbox/world/skus; --csv=<Microsoft\'s whole CSV> for the worst case)', read: () => skuCatalogCsv(ALL_SKUS) }
    : { source: csv, note: ` (${csv})`, read: () => readFileSync(csv, 'utf8') };
  const lines = integerOption(options, 'lines', HELD.length, 1, HELD.length);
  const plans = integerOption(options, 'plans', 20, 1, 10_000);

  const loadStart = performance.now();
  const rows = parseLicensingCsv(table.read());
  const skus = skuCatalogFrom(rows, { source: table.source, asOf: null, stale: false, problem: null }, skusMissingFromCsv());
  const loadMs = performance.now() - loadStart;
  const all = uniqueSkus(rows.map((r) => r.guid), skus.bySkuId);
  const held = HELD.slice(0, lines).map((p) => skus.byPartNumber(p)).filter((s): s is SkuInfo => Boolean(s));
  const heldIds = new Set(held.map((s) => s.skuId));
  const offers: CatalogOffer[] = all.filter((s) => !heldIds.has(s.skuId)).map((s, i) => ({
    productId: `BENCH${String(i).padStart(7, '0')}`, skuId: '0001', title: s.displayName, provisioningId: s.skuId,
    minimumQuantity: 1, maximumQuantity: 100_000, isTrial: false,
  }));
  const inventory = { takenAt: new Date().toISOString(), lines: held.map(lineFor) };

  const timings: number[] = [];
  let kinds = '';
  for (let i = 0; i < plans; i += 1) {
    const started = performance.now();
    const plan = buildPlan(inventory, offers, { term: 'P1Y', billing: 'annual', partnerTenantId: 'bench', now: inventory.takenAt, skus, offerMap: defaultOfferMap() });
    timings.push(performance.now() - started);
    kinds = `${plan.lines.filter((l) => l.match === 'equivalent').length} equivalent, ${plan.blockers.length} none`;
  }
  timings.sort((a, b) => a - b);
  const figures = memory();
  process.stdout.write([
    `Plan benchmark — ${describeMachine()}`,
    `SKU table${table.note}: ${skus.size} SKUs, ${rows.length} rows, parsed in ${loadMs.toFixed(0)} ms; catalog: ${offers.length} offers (every SKU but the ${held.length} held)`,
    `Tenant: ${held.length} licence lines (${held.map((s) => s.skuPartNumber).join(', ')}); result: ${kinds}`,
    formatTable(['plans', 'median ms', 'p95 ms', 'max ms', 'rss MB', 'heap MB'], [[
      plans, timings[Math.floor(plans / 2)].toFixed(1), timings[Math.min(plans - 1, Math.floor(plans * 0.95))].toFixed(1), timings[plans - 1].toFixed(1),
      figures.rssMb.toFixed(0), figures.heapUsedMb.toFixed(0),
    ]]),
    '',
  ].join('\n'));
}

function uniqueSkus(ids: readonly string[], find: (id: string) => SkuInfo | undefined): SkuInfo[] {
  return [...new Set(ids.map((id) => id.toLowerCase()))].map(find).filter((s): s is SkuInfo => Boolean(s));
}

function lineFor(sku: SkuInfo): InventoryLine {
  return {
    skuId: sku.skuId, skuPartNumber: sku.skuPartNumber, capabilityStatus: 'Enabled', appliesTo: 'User', totalUnits: 500, consumedUnits: 480,
    servicePlans: sku.servicePlans.map((p) => ({ id: p.id, name: p.name })),
    subscriptions: [{ id: `sub-${sku.skuId}`, skuId: sku.skuId, skuPartNumber: sku.skuPartNumber, status: 'Enabled', totalLicenses: 500, isTrial: false, createdDateTime: null, nextLifecycleDateTime: null, ownerTenantId: null }],
    usage: null,
  };
}
