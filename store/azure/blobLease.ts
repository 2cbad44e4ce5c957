/**
 * One leader among several bot instances (scale-out mode, docs/ARCHITECTURE.md §3): the instance that holds a lease
 * on one blob runs the scheduler's sweep; the others wait.
 *
 * - `BlobLease`: the lease itself (`@azure/storage-blob` BlobLeaseClient) with a fixed lease id per
 *   instance: acquire / renew / release for 15-60 s at a time, as Azure allows.
 * - `LeaderElection`: what an instance runs. A background loop (timer unref'd, so it never keeps the
 *   process alive) tries to take the lease while it is not leader and renews it while it is. A renew
 *   that fails steps down at once; `isLeader()` also turns false on its own once the lease may have
 *   expired (measured from the start of the last successful request, less a safety margin), so a stuck
 *   loop never leaves two leaders. An instance that dies stops renewing: the lease expires on the
 *   server and another instance takes it at its next attempt. `stop()` releases, handing over at once.
 */
import { randomUUID } from 'node:crypto';
import type { BlobClient, ContainerClient } from '@azure/storage-blob';
import type { Logger } from '../../move/ports';
import { AzureStorageError, codeOf, describeAzureFailure, redactSecrets, statusOf } from './azureErrors';
import { ensureContainer } from './connection';

export const MIN_LEASE_SECONDS = 15;
export const MAX_LEASE_SECONDS = 60;

/** The lease operations LeaderElection needs; BlobLease implements them (tests may fake them). */
export interface LeaderLease {
  readonly leaseSeconds: number;
  /** true when this instance now holds the lease; false when another instance holds it. */
  acquire(signal?: AbortSignal): Promise<boolean>;
  /** Extends the lease; throws if this instance no longer holds it. */
  renew(signal?: AbortSignal): Promise<void>;
  /** Gives the lease up so another instance can take it at once; fine if it is not held. */
  release(signal?: AbortSignal): Promise<void>;
}

export class LeaseLostError extends Error {
  constructor(what: string, detail: string) {
    super(`The lease on ${what} was lost: ${detail}`);
    this.name = 'LeaseLostError';
  }
}

export class BlobLease implements LeaderLease {
  readonly leaseId: string;
  readonly leaseSeconds: number;
  private readonly what: string;

  /**
   * @param container the container that holds the lease blob (created by ensure())
   * @param blobName the blob whose lease elects the leader, e.g. `sweep-leader`
   * @param options leaseSeconds 15-60 (default 30); leaseId defaults to a random UUID per instance
   */
  constructor(private readonly container: ContainerClient, readonly blobName: string, options: { leaseSeconds?: number; leaseId?: string } = {}) {
    this.leaseSeconds = options.leaseSeconds ?? 30;
    if (!Number.isInteger(this.leaseSeconds) || this.leaseSeconds < MIN_LEASE_SECONDS || this.leaseSeconds > MAX_LEASE_SECONDS) {
      throw new RangeError(`A blob lease lasts ${MIN_LEASE_SECONDS}-${MAX_LEASE_SECONDS} whole seconds (Azure's limits), got ${String(options.leaseSeconds)}.`);
    }
    if (blobName.length === 0 || blobName.length > 1024) throw new RangeError('The lease blob name must be 1-1024 characters.');
    this.leaseId = options.leaseId ?? randomUUID();
    this.what = `blob ${container.containerName}/${blobName}`;
  }

  private get blob(): BlobClient {
    return this.container.getBlobClient(this.blobName);
  }

  /** Creates the container and the (empty) lease blob if they are missing. Idempotent. */
  async ensure(): Promise<void> {
    await ensureContainer(this.container);
    await this.createBlobIfMissing();
  }

  async acquire(signal?: AbortSignal): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.blob.getBlobLeaseClient(this.leaseId).acquireLease(this.leaseSeconds, { abortSignal: signal });
        return true;
      } catch (error) {
        const code = codeOf(error);
        if (statusOf(error) === 409 && code === 'LeaseAlreadyPresent') return false;
        if (code === 'BlobNotFound' && attempt === 0) {
          await this.createBlobIfMissing(); // deleted by hand, or ensure() never ran: make it and retry once
          continue;
        }
        throw describeAzureFailure('Taking the leader lease', this.what, error);
      }
    }
  }

  async renew(signal?: AbortSignal): Promise<void> {
    try {
      await this.blob.getBlobLeaseClient(this.leaseId).renewLease({ abortSignal: signal });
    } catch (error) {
      const status = statusOf(error);
      if (status === 409 || status === 412 || status === 404) throw new LeaseLostError(this.what, `${codeOf(error) ?? status}: another instance holds it, or the blob is gone.`);
      throw describeAzureFailure('Renewing the leader lease', this.what, error);
    }
  }

  async release(signal?: AbortSignal): Promise<void> {
    try {
      await this.blob.getBlobLeaseClient(this.leaseId).releaseLease({ abortSignal: signal });
    } catch (error) {
      const status = statusOf(error);
      if (status === 409 || status === 412 || status === 404) return; // not ours any more: nothing to give up
      throw describeAzureFailure('Releasing the leader lease', this.what, error);
    }
  }

  /** Whether any instance holds the lease now (the blob's lease state; for readiness, see bot/readiness.ts). */
  async isHeld(signal?: AbortSignal): Promise<boolean> {
    try {
      return (await this.blob.getProperties({ abortSignal: signal })).leaseState === 'leased';
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw describeAzureFailure('Reading the leader lease', this.what, error);
    }
  }

  private async createBlobIfMissing(): Promise<void> {
    try {
      await this.container.getBlockBlobClient(this.blobName).upload('', 0, { conditions: { ifNoneMatch: '*' } });
    } catch (error) {
      const status = statusOf(error);
      // 409: exists (BlobAlreadyExists) or exists with a lease on it; 412: exists (If-None-Match).
      if (status === 409 || status === 412) return;
      throw describeAzureFailure('Creating the leader lease blob (ensure)', this.what, error);
    }
  }
}

/** Cancels a scheduled callback. */
export type CancelTimer = () => void;

export interface LeaderElectionOptions {
  /** Time between attempts, to take the lease or renew it (default a third of the lease). */
  intervalMs?: number;
  /** isLeader() turns false this long before the lease could expire (default 2 s or a fifth of the lease, whichever is less). */
  safetyMarginMs?: number;
  /** Longest wait for one lease request before it counts as failed (default the interval, at most 10 s). */
  requestTimeoutMs?: number;
  /** Told whenever this instance becomes or stops being the leader (a throw is logged and ignored). */
  onChange?: (leader: boolean) => void;
  log?: Logger;
  /** Milliseconds now (default Date.now); injected by tests. */
  now?: () => number;
  /** Runs `callback` after `ms` (default an unref'd setTimeout); injected by tests. */
  schedule?: (callback: () => void, ms: number) => CancelTimer;
}

export class LeaderElection {
  private readonly intervalMs: number;
  private readonly leaseMs: number;
  private readonly safetyMarginMs: number;
  private readonly requestTimeoutMs: number;
  private readonly now: () => number;
  private readonly schedule: (callback: () => void, ms: number) => CancelTimer;
  private holding = false;
  /** Set by every successful acquire/renew, cleared by release: the server may still have our lease. */
  private mayHoldOnServer = false;
  private validUntil = 0;
  private running = false;
  private cancelTimer: CancelTimer | undefined;
  /** The attempt in flight; attempts never overlap. */
  private current: Promise<boolean> = Promise.resolve(false);

  constructor(readonly lease: LeaderLease, private readonly options: LeaderElectionOptions = {}) {
    this.leaseMs = lease.leaseSeconds * 1000;
    this.intervalMs = options.intervalMs ?? Math.floor(this.leaseMs / 3);
    this.safetyMarginMs = options.safetyMarginMs ?? Math.min(2000, Math.floor(this.leaseMs / 5));
    this.requestTimeoutMs = options.requestTimeoutMs ?? Math.min(this.intervalMs, 10_000);
    if (!(this.intervalMs > 0) || this.intervalMs + this.requestTimeoutMs >= this.leaseMs - this.safetyMarginMs) {
      throw new RangeError(
        `Leader election: an attempt every ${this.intervalMs} ms with a ${this.requestTimeoutMs} ms timeout cannot renew a ${this.leaseMs} ms lease in time ` +
          `(with a ${this.safetyMarginMs} ms margin). Use a shorter interval or a longer lease.`,
      );
    }
    this.now = options.now ?? Date.now;
    this.schedule = options.schedule ?? defaultSchedule;
  }

  /** Makes a first attempt, then keeps trying (or renewing) in the background until stop(). */
  async start(): Promise<boolean> {
    if (this.running) return this.isLeader();
    this.running = true;
    const leader = await this.runOnce();
    this.scheduleNext();
    return leader;
  }

  /** Whether this instance holds the lease right now (false once it may have expired unrenewed). */
  isLeader(): boolean {
    if (this.holding && this.now() >= this.validUntil) this.setHolding(false, 'the lease was not renewed in time');
    return this.holding;
  }

  /** One attempt now (take or renew), after any attempt in flight. Resolves to isLeader(). */
  runOnce(): Promise<boolean> {
    this.current = this.current.then(() => this.attempt());
    return this.current;
  }

  /** Stops the loop and releases the lease if held, so another instance can take it at once. */
  async stop(): Promise<void> {
    this.running = false;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    await this.current;
    this.setHolding(false, 'stopping');
    if (!this.mayHoldOnServer) return;
    this.mayHoldOnServer = false;
    try {
      await this.withTimeout((signal) => this.lease.release(signal));
    } catch (error) {
      // The lease then simply expires; another instance takes it after at most one lease period.
      this.options.log?.warn({ err: errorText(error) }, 'could not release the leader lease; it will expire');
    }
  }

  private async attempt(): Promise<boolean> {
    const startedAt = this.now();
    const wasLeader = this.isLeader();
    try {
      const held = await this.withTimeout(async (signal) => {
        if (!wasLeader) return this.lease.acquire(signal);
        await this.lease.renew(signal);
        return true;
      });
      if (held) {
        this.mayHoldOnServer = true;
        // The server's lease started no earlier than our request did.
        this.validUntil = startedAt + this.leaseMs - this.safetyMarginMs;
        this.setHolding(true, wasLeader ? 'renewed' : 'acquired');
      }
    } catch (error) {
      if (wasLeader) this.setHolding(false, `renewing failed: ${errorText(error)}`);
      else this.options.log?.warn({ err: errorText(error) }, 'could not try to take the leader lease; trying again');
    }
    return this.isLeader();
  }

  /** Runs one lease request, failing it (and aborting it) when it takes longer than requestTimeoutMs. */
  private async withTimeout<T>(request: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let cancel: CancelTimer | undefined;
    const timedOut = new Promise<never>((_resolve, reject) => {
      cancel = this.schedule(() => {
        const error = new Error(`the lease request got no answer within ${this.requestTimeoutMs} ms`);
        controller.abort(error);
        reject(error);
      }, this.requestTimeoutMs);
    });
    try {
      return await Promise.race([request(controller.signal), timedOut]);
    } finally {
      cancel?.();
    }
  }

  private scheduleNext(): void {
    if (!this.running) return;
    this.cancelTimer = this.schedule(() => {
      void this.runOnce().finally(() => this.scheduleNext());
    }, this.intervalMs);
  }

  private setHolding(holding: boolean, reason: string): void {
    if (this.holding === holding) return;
    this.holding = holding;
    if (!holding) this.validUntil = 0;
    this.options.log?.info({ leader: holding, reason }, holding ? 'this instance is now the leader' : 'this instance stepped down as leader');
    try {
      this.options.onChange?.(holding);
    } catch (error) {
      this.options.log?.warn({ err: errorText(error) }, 'the leader change handler failed');
    }
  }
}

function defaultSchedule(callback: () => void, ms: number): CancelTimer {
  const timer = setTimeout(callback, ms);
  timer.unref();
  return () => clearTimeout(timer);
}

function errorText(error: unknown): string {
  if (error instanceof AzureStorageError || error instanceof LeaseLostError) return error.message;
  return redactSecrets(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}
