/**
 * Graph JSON batching (`POST /$batch`, at most 20 requests each) for bulk work such as licence changes
 * on thousands of users. Larger work is split into batches of 20; sub-requests are independent (no
 * `dependsOn`: "a batch should be either fully sequential or fully parallel").
 *
 * Retries — each sub-request is judged on its own, because a 200 batch can hold 429s:
 * - a sub-response 429 means Graph did not run it: it is queued again and sent no earlier than its own
 *   `Retry-After` (or a jittered backoff), in a later batch;
 * - a whole batch answered 429 likewise ran nothing: all of it is queued again;
 * - when the outcome is unknown (no answer, a 5xx for the batch or a sub-request — 500, 502, 503 or 504,
 *   after its own `Retry-After` when it gives one — or a sub-response missing) a sub-request is sent again
 *   only if it is `idempotent` — GETs, and requests the caller marks so (assignLicense with the same
 *   add/remove sets the same final licence state however often it runs). A non-idempotent one is reported
 *   with status null ("outcome unknown") for a missing answer, or with its 5xx, and never re-sent.
 * - every sub-request is sent at most `maxAttempts` times; then its last status is its outcome.
 * - no token (TokenRequestError, MissingRefreshTokenError): nothing was sent; `run` throws it.
 */
import { ResponseType, type Client } from '@microsoft/microsoft-graph-client';
import type { CallContext } from '../../move/ports';
import { parseRetryAfter, type HttpMethod } from '../http/outboundHttp';
import { MissingRefreshTokenError, TokenRequestError, type TokenMode } from '../identity/tokenProvider';
import { OutboundCallOptions, type GraphClientFactory } from './graphClientFactory';
import { toGraphError } from './graphError';

export const MAX_BATCH_SIZE = 20;

/** Sub-response statuses after which an idempotent sub-request is sent again: the service failed, maybe before doing it. */
const RETRIED_SERVER_ERRORS: ReadonlySet<number> = new Set([500, 502, 503, 504]);

export interface BatchItem {
  /** Unique (case-insensitively) among the items of one run. */
  id: string;
  method: Exclude<HttpMethod, 'HEAD' | 'OPTIONS'>;
  /** Relative to the version root, e.g. `/users/{id}/assignLicense`. */
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Sending it twice has the effect of sending it once (GETs always are). */
  idempotent?: boolean;
}

export interface BatchOutcome {
  id: string;
  /** The sub-response's status; null when the outcome is unknown and the request could not be re-sent. */
  status: number | null;
  headers: Record<string, string>;
  body: unknown;
  /** How many times the sub-request was sent. */
  attempts: number;
}

export interface GraphBatchOptions {
  graph: GraphClientFactory;
  /** Times a sub-request may be sent in all. Default 5. */
  maxAttempts?: number;
  /** Default 20 (Graph's maximum). */
  batchSize?: number;
  /** Backoff base when no Retry-After is given. Default 1 s. */
  baseDelayMs?: number;
  /** A longer Retry-After is not waited out: the 429 is reported. Default 120 s. */
  maxRetryAfterMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Epoch milliseconds. */
  now?: () => number;
  random?: () => number;
}

interface Pending {
  item: BatchItem;
  attempts: number;
  notBefore: number;
}

const subResponseSchema = (value: unknown): value is { id: string; status: number; headers?: Record<string, string>; body?: unknown } =>
  typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string'
  && typeof (value as { status?: unknown }).status === 'number';

export class GraphBatch {
  private readonly maxAttempts: number;
  private readonly batchSize: number;
  private readonly baseDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: GraphBatchOptions) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.batchSize = Math.min(MAX_BATCH_SIZE, Math.max(1, options.batchSize ?? MAX_BATCH_SIZE));
    this.baseDelayMs = options.baseDelayMs ?? 1000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /** Runs every item in `tenantId`; the outcomes come back in the items' order. */
  async run(tenantId: string, mode: TokenMode, items: readonly BatchItem[], step: string, ctx: CallContext): Promise<BatchOutcome[]> {
    checkItems(items);
    const client = this.options.graph.forTenant(tenantId, mode);
    const outcomes = new Map<string, BatchOutcome>();
    let pending: Pending[] = items.map((item) => ({ item, attempts: 0, notBefore: 0 }));
    while (pending.length > 0) {
      const now = this.now();
      const ready = pending.filter((p) => p.notBefore <= now);
      if (ready.length === 0) {
        await this.sleep(Math.max(1, Math.min(...pending.map((p) => p.notBefore)) - now));
        continue;
      }
      const chunk = ready.slice(0, this.batchSize);
      pending = pending.filter((p) => !chunk.includes(p));
      for (const p of chunk) p.attempts += 1;
      const again = await this.send(client, chunk, step, tenantId, ctx, outcomes);
      pending.push(...again);
    }
    return items.map((item) => outcomes.get(item.id.toLowerCase()) as BatchOutcome);
  }

  /** Sends one batch; records final outcomes and returns what must be sent again. */
  private async send(
    client: Client, chunk: Pending[], step: string, tenantId: string, ctx: CallContext, outcomes: Map<string, BatchOutcome>,
  ): Promise<Pending[]> {
    const writes = chunk.filter((p) => p.item.method !== 'GET').length;
    const request = client.api('/$batch')
      .responseType(ResponseType.RAW)
      .middlewareOptions([new OutboundCallOptions({
        step: `${step} ($batch of ${chunk.length})`,
        safeToRepeat: chunk.every((p) => isIdempotent(p.item)),
        cost: { reads: chunk.length - writes, writes },
        correlationId: ctx.correlationId,
      })]);
    let raw: Response;
    try {
      raw = await request.post({ requests: chunk.map((p) => toWire(p.item)) });
    } catch (error) {
      const failure = toGraphError(error, step, tenantId);
      // No token: nothing was sent, and sending again will not get one. The whole run fails, saying what to configure.
      if (failure instanceof TokenRequestError || failure instanceof MissingRefreshTokenError) throw failure;
      // No answer at all: a retry is only for what is safe to send twice.
      return this.unknownOutcome(chunk, outcomes, failure.message);
    }
    const body = await raw.json().catch(() => undefined) as { responses?: unknown[] } | undefined;
    if (raw.status === 429) {
      // The whole batch was throttled: nothing in it ran.
      const retryAfter = parseRetryAfter(raw.headers.get('retry-after'), this.now());
      return chunk.flatMap((p) => this.again(p, 429, retryAfter, outcomes, body));
    }
    if (!raw.ok || !Array.isArray(body?.responses)) {
      if (raw.status >= 400 && raw.status < 500) {
        // Refused as a whole (malformed batch, no access): nothing ran.
        for (const p of chunk) outcomes.set(p.item.id.toLowerCase(), final(p, raw.status, {}, body));
        return [];
      }
      return this.unknownOutcome(chunk, outcomes, `the batch answered HTTP ${raw.status}`);
    }
    const byId = new Map<string, { status: number; headers: Record<string, string>; body: unknown }>();
    for (const response of body.responses) {
      if (subResponseSchema(response)) byId.set(response.id.toLowerCase(), { status: response.status, headers: response.headers ?? {}, body: response.body });
    }
    const again: Pending[] = [];
    for (const p of chunk) {
      const sub = byId.get(p.item.id.toLowerCase());
      if (!sub) {
        again.push(...this.unknownOutcome([p], outcomes, 'the batch answer has no response for this request'));
      } else if (sub.status === 429) {
        again.push(...this.again(p, 429, parseRetryAfter(headerOf(sub.headers, 'retry-after'), this.now()), outcomes, sub.body, sub.headers));
      } else if (RETRIED_SERVER_ERRORS.has(sub.status) && isIdempotent(p.item)) {
        again.push(...this.again(p, sub.status, parseRetryAfter(headerOf(sub.headers, 'retry-after'), this.now()), outcomes, sub.body, sub.headers));
      } else {
        outcomes.set(p.item.id.toLowerCase(), final(p, sub.status, sub.headers, sub.body));
      }
    }
    return again;
  }

  /** Queue again (not run, or safe to repeat) unless attempts or the Retry-After cap say stop. */
  private again(
    p: Pending, status: number, retryAfterMs: number | null, outcomes: Map<string, BatchOutcome>, body: unknown,
    headers: Record<string, string> = {},
  ): Pending[] {
    if (p.attempts >= this.maxAttempts || (retryAfterMs !== null && retryAfterMs > this.maxRetryAfterMs)) {
      outcomes.set(p.item.id.toLowerCase(), final(p, status, headers, body));
      return [];
    }
    const delay = retryAfterMs ?? Math.floor(this.random() * this.baseDelayMs * 2 ** (p.attempts - 1));
    return [{ ...p, notBefore: this.now() + delay }];
  }

  private unknownOutcome(chunk: Pending[], outcomes: Map<string, BatchOutcome>, reason: string): Pending[] {
    const again: Pending[] = [];
    for (const p of chunk) {
      if (isIdempotent(p.item) && p.attempts < this.maxAttempts) {
        again.push({ ...p, notBefore: this.now() + Math.floor(this.random() * this.baseDelayMs * 2 ** (p.attempts - 1)) });
      } else {
        outcomes.set(p.item.id.toLowerCase(), final(p, null, {}, {
          error: { code: 'OutcomeUnknown', message: `${reason}; not sent again because it may have been applied` },
        }));
      }
    }
    return again;
  }
}

function isIdempotent(item: BatchItem): boolean {
  return item.method === 'GET' || item.idempotent === true;
}

function final(p: Pending, status: number | null, headers: Record<string, string>, body: unknown): BatchOutcome {
  return { id: p.item.id, status, headers, body, attempts: p.attempts };
}

function toWire(item: BatchItem) {
  const headers = { ...(item.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...item.headers };
  return {
    id: item.id,
    method: item.method,
    url: item.url,
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(item.body !== undefined ? { body: item.body } : {}),
  };
}

function headerOf(headers: Record<string, string>, name: string): string | null {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return String(value);
  return null;
}

function checkItems(items: readonly BatchItem[]): void {
  const ids = new Set<string>();
  for (const item of items) {
    const id = item.id.toLowerCase();
    if (!item.id || ids.has(id)) throw new Error(`Graph $batch: request ids must be unique and non-empty (${JSON.stringify(item.id)}).`);
    ids.add(id);
    if (!item.url.startsWith('/') || item.url.startsWith('//')) {
      throw new Error(`Graph $batch: ${item.id}: the url must be relative to the version root, like /users/{id}.`);
    }
  }
}
