/**
 * Benchmark `sweep`: what one scheduler sweep costs when many moves wait for their customers to accept.
 *
 * The claim under test: with 2,000 moves waiting for acceptance and 20,000 customers, one sweep costs at
 * most `ceil(customers / page size)` Partner Center calls, because acceptance is detected from one paged
 * customer listing per sweep.
 *
 * Set-up, all in this process: the sandbox with `--customers` existing customers (fillers) and `--waiting`
 * prospect tenants (`prospect0001.onmicrosoft.com`…); the real outbound adapters (`createOutboundServices`
 * against `sandboxEndpoints`, with the sandbox's app registration and refresh token); a MoveOrchestrator
 * with the real decider, a file store in a temp folder (or `--store=memory`) and a no-op notifier. Each
 * waiting move is started with `startMove` and runs through pre-flight and invitation against the sandbox
 * (real decider, real HTTP) until it waits in `awaiting-acceptance`. Then the sweeps: before each, the given
 * share of the moves' customers accept through the sandbox admin API; the sweep is timed and the sandbox's
 * request counts (`/_sandbox/stats`) are read after it.
 *
 * Partner Center calls of a sweep, by kind: list pages (`GET /v1/customers`), single customer reads
 * (`GET /v1/customers/{id}`) — together the acceptance detection, compared with the bound — and "other PC":
 * the calls of moves that go on after acceptance inside the same `sweep()` (the sweep awaits them), such as
 * catalog reads for the plan. Graph and token calls are listed apart.
 *
 * Run: `npx tsx bench/sweep.ts [options]` or `npm run bench -- sweep [options]`.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MoveDecider } from '../move/decider';
import type { Actor, CatalogOffer } from '../move/model';
import { defaultOfferMap } from '../move/offerMap';
import { MoveOrchestrator } from '../move/orchestrator';
import type { CallContext, CustomerRecord, Logger, Notifier, PartnerCenter } from '../move/ports';
import { RegionTable } from '../move/regions';
import { actingAsCallerWhenSignedIn } from '../services/actingUser';
import { GraphInvitationMailer } from '../services/invitationMailer';
import { createOutboundServices, sandboxEndpoints } from '../services/outboundServices';
import { PartnerCenterClient } from '../services/partnerCenter/partnerCenterClient';
import { SkuCatalogLoader } from '../services/skuCatalog/skuCatalogLoader';
import { SKU_CATALOG_CSV_PATH } from '../sandbox/api/adminSkuCatalog';
import { startSandbox, type SandboxHandleWithWorld } from '../sandbox/server';
import { NAMED_CUSTOMERS } from '../sandbox/world/customers';
import {
  MEGAN_BOWEN_ID, PARTNER_COUNTRY, PARTNER_TENANT_ID, prospectDomain, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET,
  SANDBOX_REFRESH_TOKEN,
} from '../sandbox/world/constants';
import { FileMoveStore } from '../store/fileMoveStore';
import { MemoryMoveStore } from '../store/memoryMoveStore';
import { forEachLimited, integerOption, memory, parseOptions, progress, UsageError } from './lib';
import {
  formatStages, ms, printReport, SANDBOX_MAX_CUSTOMER_PAGE_SIZE, type CallCounts, type SweepOptions, type SweepRow, type WhatIf,
} from './sweepReport';

export const SWEEP_BENCHMARK_DESCRIPTION =
  'Partner Center calls, wall time and memory of one acceptance sweep (2,000 waiting moves, 20,000 customers).';

const OPTIONS = ['customers', 'waiting', 'accept', 'page-size', 'store', 'concurrency', 'routes', 'what-if', 'help'] as const;
/** Proposed changes the benchmark can imitate with a wrapper around the Partner Center port (not the shipped code). */
const WHAT_IFS = ['listing-only', 'cached-catalog'] as const;
const USAGE = `Usage: npm run bench -- sweep [options]   (or: npx tsx bench/sweep.ts [options])
  --customers=20000     existing customers of the partner in the sandbox (listed by GET /v1/customers)
  --waiting=2000        moves waiting for acceptance (one prospect tenant each)
  --accept=0,1,10,0,10  one sweep per entry: % of the initially waiting customers that accept before it
  --page-size=N         build the Partner Center client with customerPageSize N (default: what
                        createOutboundServices builds, i.e. the client's default)
  --store=file|memory   the move store: FileMoveStore in a temp folder (default) or in memory
  --concurrency=8       moves started at the same time during set-up
  --routes              also print each sweep's sandbox request counts by route
  --what-if=a,b         imitate a proposed change (not the shipped code), through a wrapper of the port:
                        listing-only   = acceptance recorded from the listing, no single customer read
                        cached-catalog = one catalog read per country for the run`;

/** The sandbox's largest `size` for `/v1/customers` (sandbox/api/partnerCenter/customers.ts): larger asks get 500. */


export async function runSweepBenchmark(args: readonly string[]): Promise<void> {
  const raw = parseOptions(args, OPTIONS);
  if (raw.has('help')) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const options = readOptions(raw);
  const namedResellers = NAMED_CUSTOMERS.filter((c) => c.relationship === 'reseller').length;
  const fillerCustomers = Math.max(0, options.customers - namedResellers);

  const baseline = memory();
  let started = performance.now();
  const sandbox = await startSandbox({ port: 0, fillerCustomers, prospectCustomers: options.waiting });
  const sandboxStartMs = performance.now() - started;
  const afterSandbox = memory();
  progress(`sandbox up in ${ms(sandboxStartMs)} ms with ${listedCustomers(sandbox)} customers and ${options.waiting} prospects`);

  const dataDir = options.store === 'file' ? await mkdtemp(path.join(os.tmpdir(), 'csp-move-bench-')) : null;
  try {
    const bench = buildBot(sandbox, options, dataDir);

    // Set-up: every move through pre-flight and invitation, for real, until it waits for acceptance.
    await clearStats(sandbox);
    started = performance.now();
    const actor: Actor = { id: MEGAN_BOWEN_ID, name: 'Megan Bowen', roles: ['sales-agent'] };
    const domains = Array.from({ length: options.waiting }, (_, i) => prospectDomain(i + 1));
    let startedCount = 0;
    await forEachLimited(domains, options.concurrency, async (customerDomain) => {
      const result = await bench.orchestrator.startMove({
        customerDomain, customerCountry: 'US', source: 'microsoft-direct', multiPartner: false, requestGdap: true, actor,
      });
      if (!result.ok) throw new Error(`starting the move for ${customerDomain} was refused: ${JSON.stringify(result.refusal.reason)}`);
      await result.settled;
      startedCount += 1;
      if (startedCount % 250 === 0) progress(`${startedCount}/${options.waiting} moves started`);
    });
    const setupMs = performance.now() - started;
    const setupCalls = await readStats(sandbox);
    const afterSetup = memory();
    const setupStages = stageCounts(bench.orchestrator);
    const waitingCount = setupStages.get('awaiting-acceptance') ?? 0;
    if (waitingCount !== options.waiting) {
      throw new Error(`only ${waitingCount} of ${options.waiting} moves reached awaiting-acceptance: ${formatStages(setupStages)}; `
        + `last problems: ${bench.problems.slice(-3).join(' | ') || 'none logged'}`);
    }
    progress(`${waitingCount} moves waiting for acceptance after ${ms(setupMs)} ms`);

    // The sweeps.
    const rows: SweepRow[] = [];
    let acceptedSoFar = 0;
    for (const [index, percent] of options.acceptPercents.entries()) {
      const wanted = Math.min(options.waiting - acceptedSoFar, Math.round((options.waiting * percent) / 100));
      const accepting = domains.slice(acceptedSoFar, acceptedSoFar + wanted);
      await forEachLimited(accepting, 16, async (domain) => { await admin(sandbox, 'POST', `customers/${domain}/accept`); });
      acceptedSoFar += accepting.length;

      const waitingBefore = stageCounts(bench.orchestrator).get('awaiting-acceptance') ?? 0;
      const listed = listedCustomers(sandbox);
      await clearStats(sandbox);
      bench.detection.ms = 0;
      started = performance.now();
      const outcome = await bench.orchestrator.sweep();
      const sweepMs = performance.now() - started;
      const calls = await readStats(sandbox);
      rows.push({
        sweep: index + 1,
        newlyAccepted: accepting.length,
        waitingBefore,
        listedCustomers: listed,
        bound: Math.ceil(listed / bench.effectivePageSize()),
        listPages: calls.listPages,
        customerReads: calls.customerReads,
        otherPartnerCenter: calls.otherPartnerCenter,
        graph: calls.graph,
        login: calls.login,
        recordedAcceptances: outcome.accepted,
        detectionMs: bench.detection.ms,
        sweepMs,
        memory: memory(),
        stages: stageCounts(bench.orchestrator),
        byRoute: calls.byRoute,
      });
      progress(`sweep ${index + 1}: ${accepting.length} accepted before it, ${ms(sweepMs)} ms`);
    }

    printReport({ options, sandboxStartMs, setupMs, setupCalls, baseline, afterSandbox, afterSetup, rows, bench });
  } finally {
    await sandbox.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

function readOptions(raw: Map<string, string>): SweepOptions {
  const acceptText = raw.get('accept') ?? '0,1,10,0,10';
  const acceptPercents = acceptText.split(',').map((part) => Number(part.trim()));
  if (acceptPercents.length === 0 || acceptPercents.some((p) => !Number.isFinite(p) || p < 0 || p > 100)) {
    throw new UsageError('--accept takes percentages from 0 to 100, one per sweep, e.g. 0,1,10,0,10.');
  }
  const store = raw.get('store') ?? 'file';
  if (store !== 'file' && store !== 'memory') throw new UsageError('--store must be file or memory.');
  return {
    customers: integerOption(raw, 'customers', 20_000, 1, 100_000),
    waiting: integerOption(raw, 'waiting', 2_000, 1, 9_999),
    acceptPercents,
    pageSize: raw.has('page-size') ? integerOption(raw, 'page-size', 100, 1, 10_000) : null,
    store,
    concurrency: integerOption(raw, 'concurrency', 8, 1, 64),
    routes: raw.has('routes'),
    whatIf: readWhatIfs(raw.get('what-if')),
  };
}

function readWhatIfs(text: string | undefined): ReadonlySet<WhatIf> {
  const names = (text ?? '').split(',').map((n) => n.trim()).filter((n) => n !== '');
  const unknown = names.filter((n) => !(WHAT_IFS as readonly string[]).includes(n));
  if (unknown.length > 0) throw new UsageError(`--what-if takes ${WHAT_IFS.join(', ')}; not ${unknown.join(', ')}.`);
  return new Set(names as WhatIf[]);
}

/** The orchestrator and the real adapters, as the bot's composition root builds them, minus Teams. */
function buildBot(sandbox: SandboxHandleWithWorld, options: SweepOptions, dataDir: string | null) {
  const problems: string[] = [];
  const log: Logger = {
    info: () => undefined,
    warn: (details, message) => { problems.push(`${message} ${JSON.stringify(details).slice(0, 300)}`); },
    error: (details, message) => { problems.push(`${message} ${JSON.stringify(details).slice(0, 300)}`); },
  };
  // Sees every outbound request, to learn the page size the client asks for (`/v1/customers?size=`).
  const requestedPageSizes = new Set<number>();
  const observingFetch: typeof fetch = (input, init) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
    if (/^\/v1\/customers\/?$/i.test(url.pathname) && url.searchParams.has('size')) requestedPageSizes.add(Number(url.searchParams.get('size')));
    return fetch(input, init);
  };
  const endpoints = sandboxEndpoints(sandbox.url);
  const outbound = createOutboundServices({
    endpoints, partnerTenantId: PARTNER_TENANT_ID, clientId: SANDBOX_CLIENT_ID, clientSecret: SANDBOX_CLIENT_SECRET,
    refreshToken: SANDBOX_REFRESH_TOKEN, http: { fetch: observingFetch }, logger: log,
  });
  const acting = actingAsCallerWhenSignedIn(outbound);
  // `--page-size`: the same client with another customerPageSize (createOutboundServices has no setting for it).
  const partnerCenter: PartnerCenter = options.pageSize === null ? acting.partnerCenter : new PartnerCenterClient({
    baseUrl: endpoints.partnerCenterBaseUrl, partnerTenantId: PARTNER_TENANT_ID, tokens: outbound.tokens, http: outbound.http,
    customerPageSize: options.pageSize, logger: log,
  });

  // Times the acceptance detection: the customer listing from its first page until the sweep stops reading
  // it, including the single customer reads made while it is open.
  const detection = { ms: 0 };
  // What-if `listing-only`: a single customer read of a customer the listing just returned is answered from
  // the listing (no country), as if findAcceptedCustomers recorded acceptance from the listing alone.
  const lastListing = new Map<string, CustomerRecord>();
  // What-if `cached-catalog`: one catalog read per country for the whole run.
  const catalogByCountry = new Map<string, Promise<CatalogOffer[]>>();
  const timedPartnerCenter: PartnerCenter = Object.assign(Object.create(partnerCenter) as PartnerCenter, {
    async *listCustomers(ctx: CallContext) {
      const started = performance.now();
      lastListing.clear();
      try {
        for await (const customer of partnerCenter.listCustomers(ctx)) {
          if (options.whatIf.has('listing-only')) lastListing.set(customer.tenantId.toLowerCase(), customer);
          yield customer;
        }
      } finally {
        detection.ms += performance.now() - started;
      }
    },
    getCustomer(tenantId: string, ctx: CallContext): Promise<CustomerRecord | null> {
      const listed = lastListing.get(tenantId.toLowerCase());
      return listed ? Promise.resolve(listed) : partnerCenter.getCustomer(tenantId, ctx);
    },
    catalogOffers(country: string, ctx: CallContext): Promise<CatalogOffer[]> {
      if (!options.whatIf.has('cached-catalog')) return partnerCenter.catalogOffers(country, ctx);
      const key = country.toUpperCase();
      let offers = catalogByCountry.get(key);
      if (!offers) {
        offers = partnerCenter.catalogOffers(country, ctx);
        offers.catch(() => catalogByCountry.delete(key));
        catalogByCountry.set(key, offers);
      }
      return offers;
    },
  });

  const notifier: Notifier = { moveChanged: async () => undefined };
  let idCounter = 0;
  const orchestrator = new MoveOrchestrator({
    store: dataDir ? new FileMoveStore(path.join(dataDir, 'moves')) : new MemoryMoveStore(),
    decider: new MoveDecider(RegionTable.default()),
    partnerCenter: timedPartnerCenter,
    customers: outbound.customerDirectory,
    partnerDirectory: acting.partnerDirectory,
    tenants: outbound.tenantLookup,
    notifier,
    clock: { now: () => new Date() },
    ids: { newId: () => repeatableGuid((idCounter += 1)) },
    log,
    settings: { partnerTenantId: PARTNER_TENANT_ID, partnerCountry: PARTNER_COUNTRY, term: 'P1Y', billing: 'monthly' },
    // The sandbox's own SKU table, read once over HTTP as a production bot reads Microsoft's.
    skuCatalog: new SkuCatalogLoader({ source: `${sandbox.url}${SKU_CATALOG_CSV_PATH}`, cacheDir: path.join(os.tmpdir(), 'csp-move-bench-skus'), logger: log }),
    offerMap: defaultOfferMap(),
    // No mailbox: the benchmark's moves send no invitation email.
    mailer: new GraphInvitationMailer(outbound),
  });
  return {
    orchestrator,
    detection,
    problems,
    requestedPageSizes,
    /** What the sandbox serves per page: the size asked for, capped at the sandbox's maximum. */
    effectivePageSize(): number {
      const asked = [...requestedPageSizes][0];
      if (asked === undefined) throw new Error('no customer listing was requested, so the page size is unknown');
      return Math.min(asked, SANDBOX_MAX_CUSTOMER_PAGE_SIZE);
    },
  };
}

/**
 * GUID-shaped like the bot's randomUUID ids, but repeatable from run to run. They must differ early on:
 * GDAP relationship names keep only the first 8 characters of the correlation id.
 */
function repeatableGuid(n: number): string {
  const hex = createHash('sha256').update(`bench-sweep/${n}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}


async function clearStats(sandbox: SandboxHandleWithWorld): Promise<void> {
  await admin(sandbox, 'DELETE', 'stats');
}

async function readStats(sandbox: SandboxHandleWithWorld): Promise<CallCounts> {
  const { requests } = (await admin(sandbox, 'GET', 'stats')) as { requests: Record<string, number> };
  const counts: CallCounts = { listPages: 0, customerReads: 0, otherPartnerCenter: 0, graph: 0, login: 0, byRoute: requests };
  for (const [key, count] of Object.entries(requests)) {
    const [, route = ''] = key.split(' ');
    if (key === 'GET /v1/customers') counts.listPages += count;
    else if (key === 'GET /v1/customers/:customerId') counts.customerReads += count;
    else if (route.startsWith('/graph/')) counts.graph += count;
    else if (route.startsWith('/login/')) counts.login += count;
    else counts.otherPartnerCenter += count;
  }
  return counts;
}

async function admin(sandbox: SandboxHandleWithWorld, method: 'GET' | 'POST' | 'DELETE', route: string): Promise<unknown> {
  const response = await fetch(`${sandbox.url}/_sandbox/${route}`, { method });
  const text = await response.text();
  if (!response.ok) throw new Error(`sandbox ${method} /_sandbox/${route}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** Customers `GET /v1/customers` lists now (read from the in-process world, without an API call). */
function listedCustomers(sandbox: SandboxHandleWithWorld): number {
  return sandbox.world.state.customers.filter((c) => c.relationshipToPartner === 'reseller').length;
}

/** Moves per stage; a blocked move counts under `blocked (<reason code>)`. */
function stageCounts(orchestrator: MoveOrchestrator): Map<string, number> {
  const counts = new Map<string, number>();
  for (const state of orchestrator.all()) {
    const key = state.stage === 'blocked' && state.blocked ? `blocked (${state.blocked.reason.code})` : state.stage;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

if (require.main === module) {
  runSweepBenchmark(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`${error instanceof UsageError ? `${error.message}\n${USAGE}` : error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}
