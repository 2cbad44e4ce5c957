/**
 * Readiness (`GET /readyz`): can this instance do its work now? Liveness (`/healthz`) only says the process
 * answers; readiness runs a few cheap checks — the move store answers a read, an outbound token can be had,
 * and (Azure Storage shared by several instances) some instance holds the sweep lease.
 *
 * Each check has a short timeout, and the whole report is cached for a few seconds with concurrent probes
 * sharing one run, so a probe storm costs the services one call per check per cache period at most (and a
 * token served from the token cache costs nothing). The answer is unauthenticated: it carries short fixed
 * reasons only, never an error's own text; the full error goes to the log when a check changes state.
 */
import type { Logger, MoveStore } from '../move/ports';
import { MissingRefreshTokenError, TokenRequestError, type TokenProvider } from '../services/identity/tokenProvider';

export interface CheckResult {
  ok: boolean;
  /** How long the check took (to the timeout when it got no answer). */
  ms: number;
  /** A short reason when not ok, or a short note (e.g. who holds the sweep lease). */
  detail?: string;
}

export interface ReadinessReport {
  status: 'ready' | 'not-ready';
  checks: Record<string, CheckResult>;
}

/** Resolves (optionally to a short note) when healthy; throws otherwise — a NotReady for a reason that may be shown. */
export type ReadinessCheck = (signal: AbortSignal) => Promise<string | void>;

/** A check's failure whose message is short, fixed wording, safe to answer to anyone. */
export class NotReady extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'NotReady';
  }
}

export interface ReadinessOptions {
  /** Per check (default 3 s). */
  timeoutMs?: number;
  /** How long a report is served again (default 5 s). */
  cacheMs?: number;
  log?: Logger;
  /** Milliseconds, for the cache (default Date.now). */
  now?: () => number;
}

export class Readiness {
  private readonly timeoutMs: number;
  private readonly cacheMs: number;
  private readonly now: () => number;
  private cached: { report: ReadinessReport; at: number } | null = null;
  private running: Promise<ReadinessReport> | null = null;
  /** Each check's last outcome, to log only changes (a failing probe every few seconds would flood the log). */
  private readonly lastOk = new Map<string, boolean>();

  constructor(private readonly checks: Readonly<Record<string, ReadinessCheck>>, private readonly options: ReadinessOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 3000;
    this.cacheMs = options.cacheMs ?? 5000;
    this.now = options.now ?? Date.now;
  }

  report(): Promise<ReadinessReport> {
    if (this.cached && this.now() - this.cached.at < this.cacheMs) return Promise.resolve(this.cached.report);
    this.running ??= this.evaluate().finally(() => { this.running = null; });
    return this.running;
  }

  private async evaluate(): Promise<ReadinessReport> {
    const names = Object.keys(this.checks);
    const results = await Promise.all(names.map((name) => this.run(name, this.checks[name]!)));
    const checks = Object.fromEntries(names.map((name, i) => [name, results[i]!]));
    const report: ReadinessReport = { status: results.every((r) => r.ok) ? 'ready' : 'not-ready', checks };
    this.cached = { report, at: this.now() };
    return report;
  }

  private async run(name: string, check: ReadinessCheck): Promise<CheckResult> {
    const started = performance.now();
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const error = new NotReady(`no answer within ${formatSeconds(this.timeoutMs)}`);
        controller.abort(error);
        reject(error);
      }, this.timeoutMs);
    });
    let result: CheckResult;
    let failure: unknown;
    try {
      const note = await Promise.race([check(controller.signal), timedOut]);
      result = { ok: true, ms: elapsed(started), ...(note ? { detail: note } : {}) };
    } catch (error) {
      failure = error;
      result = { ok: false, ms: elapsed(started), detail: error instanceof NotReady ? error.message : 'failed (see the bot\'s log)' };
    } finally {
      clearTimeout(timer);
    }
    this.logChange(name, result, failure);
    return result;
  }

  private logChange(name: string, result: CheckResult, failure: unknown): void {
    const before = this.lastOk.get(name);
    this.lastOk.set(name, result.ok);
    if (before === result.ok || (before === undefined && result.ok)) return;
    if (result.ok) this.options.log?.info({ check: name }, 'readiness check passes again');
    else this.options.log?.warn({ check: name, detail: result.detail, err: internalText(failure) }, 'readiness check failed');
  }
}

/** The move store answers a read: one stream that never exists (a point read, whatever the store). */
export function storeCheck(store: Pick<MoveStore, 'load'>): ReadinessCheck {
  return async () => {
    try {
      await store.load('readiness-probe');
    } catch (error) {
      throw new NotReady('the move store did not answer a read', { cause: error });
    }
  };
}

/**
 * An outbound token can be had: Partner Center App+User (the secure application model's refresh token, what
 * the sweeps use) when one is configured, else Graph app-only in the partner tenant (staff roles). A token
 * still in the token cache counts without a call.
 */
export function tokenCheck(tokens: TokenProvider, partnerTenantId: string, appUser: boolean): ReadinessCheck {
  return async () => {
    try {
      await (appUser ? tokens.getToken('partner-center', partnerTenantId, 'app+user') : tokens.getToken('graph', partnerTenantId, 'app'));
    } catch (error) {
      throw new NotReady(tokenReason(error), { cause: error });
    }
  };
}

function tokenReason(error: unknown): string {
  if (error instanceof MissingRefreshTokenError) return 'no delegated identity is configured';
  if (!(error instanceof TokenRequestError)) return 'could not get a token';
  if (error.httpStatus === null) return 'the token service could not be reached';
  // The OAuth error code (invalid_grant, invalid_client...) is a standard word that says what to fix; never the description.
  const code = error.oauthError && /^[a-z_]{1,40}$/.test(error.oauthError) ? ` (${error.oauthError})` : '';
  return error.retryable ? `the token service answered ${error.httpStatus}${code}` : `the token service refused${code}`;
}

export interface SweepLeaseView {
  /** Whether this instance holds the lease (LeaderElection.isLeader). */
  isLeader(): boolean;
  /** Whether any instance holds it now (BlobLease.isHeld: the blob's lease state). */
  isHeld(signal: AbortSignal): Promise<boolean>;
  /** A lease period: how long the lease may be free while it changes hands. */
  readonly leaseMs: number;
}

/**
 * Someone runs the sweep. With one instance on the file store that is always this one. With a shared store,
 * this instance or another must hold the lease; a lease free for less than one lease period is changing hands
 * (a leader stopped or died, the next attempt takes it), which would otherwise make every instance not ready at once.
 */
export function sweepCheck(lease: SweepLeaseView | null, now: () => number = Date.now): ReadinessCheck {
  let lastHeldAt = now(); // a just-started instance gets one lease period to see it taken
  return async (signal) => {
    if (!lease) return 'this instance (one instance on the file store)';
    if (lease.isLeader()) {
      lastHeldAt = now();
      return 'held by this instance';
    }
    let held: boolean;
    try {
      held = await lease.isHeld(signal);
    } catch (error) {
      throw new NotReady('the sweep lease could not be read', { cause: error });
    }
    if (held) {
      lastHeldAt = now();
      return 'held by another instance';
    }
    if (now() - lastHeldAt < lease.leaseMs) return 'changing hands';
    throw new NotReady('no instance holds the sweep lease');
  };
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function internalText(error: unknown): string | undefined {
  if (error === undefined) return undefined;
  const cause = error instanceof NotReady && error.cause !== undefined ? error.cause : error;
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
}
