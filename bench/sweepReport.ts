/** The sweep benchmark's report: the figures per sweep as a table on stdout. */
import { describeMachine, formatTable, type MemoryFigures } from './lib';

export const SANDBOX_MAX_CUSTOMER_PAGE_SIZE = 500;

export type WhatIf = 'listing-only' | 'cached-catalog';

export interface SweepOptions {
  customers: number;
  waiting: number;
  acceptPercents: number[];
  pageSize: number | null;
  store: 'file' | 'memory';
  concurrency: number;
  routes: boolean;
  whatIf: ReadonlySet<WhatIf>;
}

export interface SweepRow {
  sweep: number;
  newlyAccepted: number;
  waitingBefore: number;
  listedCustomers: number;
  bound: number;
  listPages: number;
  customerReads: number;
  otherPartnerCenter: number;
  graph: number;
  login: number;
  recordedAcceptances: number;
  detectionMs: number;
  sweepMs: number;
  memory: MemoryFigures;
  stages: Map<string, number>;
  byRoute: Record<string, number>;
}

export interface CallCounts {
  listPages: number;
  customerReads: number;
  otherPartnerCenter: number;
  graph: number;
  login: number;
  byRoute: Record<string, number>;
}

export function formatStages(stages: Map<string, number>): string {
  return [...stages.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([stage, n]) => `${stage} ${n}`).join(', ');
}

export function ms(value: number): string {
  return value.toFixed(0);
}

export function mb(value: number): string {
  return value.toFixed(0);
}

export function printReport(report: {
  options: SweepOptions;
  sandboxStartMs: number;
  setupMs: number;
  setupCalls: CallCounts;
  baseline: MemoryFigures;
  afterSandbox: MemoryFigures;
  afterSetup: MemoryFigures;
  rows: SweepRow[];
  bench: { requestedPageSizes: ReadonlySet<number>; effectivePageSize(): number; problems: readonly string[] };
}): void {
  const { options, rows, bench } = report;
  const asked = [...bench.requestedPageSizes].join(', ');
  const out: string[] = [];
  out.push(`Benchmark: sweep — ${new Date().toISOString().slice(0, 10)}`);
  out.push(`Machine: ${describeMachine()}`);
  out.push(`Customers listed at the start: ${rows[0]?.listedCustomers ?? '?'}; moves waiting for acceptance: ${options.waiting}; `
    + `store: ${options.store === 'file' ? 'FileMoveStore (temp folder)' : 'in memory'}`);
  if (options.whatIf.size > 0) out.push(`WHAT-IF (not the shipped code): ${[...options.whatIf].join(', ')}`);
  out.push(`Customer page size: asked ${asked || '?'}${options.pageSize === null ? ' (createOutboundServices default)' : ' (--page-size)'}, `
    + `served ${bench.effectivePageSize()} (sandbox maximum ${SANDBOX_MAX_CUSTOMER_PAGE_SIZE})`);
  out.push(`Set-up: sandbox start ${ms(report.sandboxStartMs)} ms; ${options.waiting} moves started through pre-flight and invitation in `
    + `${ms(report.setupMs)} ms (${report.setupCalls.listPages + report.setupCalls.customerReads + report.setupCalls.otherPartnerCenter} Partner Center, `
    + `${report.setupCalls.graph} Graph, ${report.setupCalls.login} identity calls)`);
  out.push(`Memory (process: bot and in-process sandbox): RSS ${mb(report.baseline.rssMb)} MB before the sandbox, `
    + `${mb(report.afterSandbox.rssMb)} MB with the sandbox, ${mb(report.afterSetup.rssMb)} MB with ${options.waiting} waiting moves `
    + `(heap used ${mb(report.afterSandbox.heapUsedMb)} → ${mb(report.afterSetup.heapUsedMb)} MB)`);
  out.push('');
  out.push(formatTable(
    ['sweep', 'accepted', 'waiting', 'listed', 'bound', 'list pages', 'cust. reads', 'detect calls', 'over bound', 'other PC', 'Graph', 'login',
      'detect ms', 'sweep ms', 'RSS MB', 'heap MB'],
    rows.map((r) => {
      const detect = r.listPages + r.customerReads;
      return [
        String(r.sweep), r.newlyAccepted, r.waitingBefore, r.listedCustomers, r.bound, r.listPages, r.customerReads, detect,
        Math.max(0, detect - r.bound), r.otherPartnerCenter, r.graph, r.login, ms(r.detectionMs), ms(r.sweepMs), mb(r.memory.rssMb),
        mb(r.memory.heapUsedMb),
      ];
    }),
  ));
  out.push('');
  out.push('accepted: customers who accepted through the admin API just before the sweep; waiting: moves in awaiting-acceptance when it');
  out.push('started; listed: customers GET /v1/customers returns; bound: ceil(listed / page size served); detect calls = list pages +');
  out.push('customer reads (findAcceptedCustomers); other PC: Partner Center calls of accepted moves going on inside sweep() (plan: catalog);');
  out.push('detect ms: from the first list page until the listing is left, single reads included; sweep ms: the whole sweep().');
  for (const r of rows) {
    out.push(`after sweep ${r.sweep}: ${r.recordedAcceptances} acceptances recorded; stages: ${formatStages(r.stages)}`);
    if (options.routes) {
      for (const [route, count] of Object.entries(r.byRoute)) out.push(`  ${String(count).padStart(6)}  ${route}`);
    }
  }
  if (bench.problems.length > 0) out.push(`warnings/errors logged by the bot: ${bench.problems.length}; first: ${bench.problems[0]}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

