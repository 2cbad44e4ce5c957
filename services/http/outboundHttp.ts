/**
 * The one outbound HTTP helper used by the Partner Center client, the Graph client (as its last
 * middleware), the token client and the tenant lookup. It owns the per-call timeout and the retry rules:
 *
 * - retry on 429, 500, 502, 503, 504, a network error or a timeout, at most `maxAttempts` attempts;
 * - wait `Retry-After` (seconds or HTTP date) when the server sends it, else jittered exponential backoff;
 * - never repeat a POST/PATCH unless the request says why that is safe (`idempotencyKey` sent in a header
 *   the server deduplicates on, or `safeToRepeat` for calls without side effects such as token requests);
 * - before every attempt (retries included) wait for the request's throttling keys in the shared
 *   RateLimiter (token buckets per partner, partner+customer, Graph app...), and pause those keys for the
 *   `Retry-After` time when the service still answers 429.
 *
 * Every attempt sends the same headers, so the ids they carry (Partner Center `MS-RequestId`, Graph
 * `client-request-id`) stay the same across the retries of one call. The request's `logIds` (those ids and
 * the move's correlation id) are named in every log line about the call.
 */
import type { Logger } from '../../move/ports';
import { NO_OUTBOUND_TELEMETRY, type OutboundCallTrace, type OutboundTelemetry } from './outboundTelemetry';
import type { RateLimiter, ThrottleTicket } from './rateLimiter';

export type HttpMethod = 'GET' | 'HEAD' | 'OPTIONS' | 'PUT' | 'DELETE' | 'POST' | 'PATCH';

export interface OutboundRequest {
  method: HttpMethod;
  url: string;
  headers?: Record<string, string>;
  /** Text, or bytes as they are to be sent (a file's range for an upload session). */
  body?: string | Uint8Array;
  /** What the call is for, in words ("Partner Center: create cart"); named in errors and logs. */
  step: string;
  /**
   * The idempotency key this request carries in one of its headers (Partner Center `MS-RequestId`).
   * Its presence is what allows a POST/PATCH to be retried; it must appear among the header values.
   */
  idempotencyKey?: string;
  /** A POST without side effects (an OAuth token request): retrying it cannot do anything twice. */
  safeToRepeat?: boolean;
  /** Overrides the helper's per-attempt timeout. */
  timeoutMs?: number;
  /**
   * `bytes`: keep the body as received (`bodyBytes`), for binary answers such as a zipped price sheet;
   * `bodyText` is then decoded as UTF-8 only when read. Default `text`.
   */
  responseType?: 'text' | 'bytes';
  /** The throttling keys this call draws from (see RateLimiter); waited on before every attempt. */
  throttle?: readonly ThrottleTicket[];
  /**
   * Ids that tie the call to a move and to the service's own logs (`correlationId`, `requestId`,
   * `clientRequestId`), named in every log line about it. Never secrets.
   */
  logIds?: Readonly<Record<string, string>>;
}

export interface OutboundResponse {
  status: number;
  ok: boolean;
  headers: Headers;
  bodyText: string;
  /** The body as received; only with `responseType: 'bytes'`. */
  bodyBytes?: Uint8Array;
  /** How many attempts it took (1 = no retry). */
  attempts: number;
  /** The body parsed as JSON; undefined when it is empty or not JSON. */
  json(): unknown;
}

export interface OutboundHttpOptions {
  /** Per-attempt timeout, including reading the body. Default 30 s. */
  timeoutMs?: number;
  /** Attempts in all, first one included. Default 4. */
  maxAttempts?: number;
  /** First backoff step; doubles each retry, full jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap of a computed backoff step. Default 30 s. */
  maxDelayMs?: number;
  /** A longer `Retry-After` than this is not waited out: the response is returned to the caller. Default 120 s. */
  maxRetryAfterMs?: number;
  /** Injected so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Epoch milliseconds; used to turn a `Retry-After` HTTP date into a delay. */
  now?: () => number;
  /** In [0, 1); the jitter source. */
  random?: () => number;
  fetch?: typeof fetch;
  logger?: Logger;
  /** Client-side token buckets; without one, calls go out unthrottled. */
  limiter?: RateLimiter;
  /** A span per call, latency and 429s counted (default: nothing). */
  telemetry?: OutboundTelemetry;
}

/** A call that never got an HTTP answer (network error or timeout) on its last attempt. */
export class OutboundHttpError extends Error {
  constructor(
    readonly step: string,
    readonly kind: 'timeout' | 'network',
    readonly method: string,
    /** Origin and path only: a query string may carry tokens of its own. */
    readonly target: string,
    readonly attempts: number,
    causeMessage: string,
  ) {
    super(`${step}: ${kind === 'timeout' ? 'no answer in time' : 'network error'} calling ${method} ${target}`
      + ` after ${attempts} attempt${attempts === 1 ? '' : 's'} (${causeMessage}).`);
    this.name = 'OutboundHttpError';
  }
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const IDEMPOTENT_METHODS = new Set<HttpMethod>(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
/** Statuses whose responses must not carry a body when rebuilt as a fetch Response. */
const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

export class OutboundHttp {
  private readonly timeoutMs: number;
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxRetryAfterMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly fetchImpl: typeof fetch;
  private readonly logger?: Logger;
  private readonly telemetry: OutboundTelemetry;
  readonly limiter?: RateLimiter;

  constructor(options: OutboundHttpOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 4);
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? 120_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.fetchImpl = options.fetch ?? fetch;
    this.logger = options.logger;
    this.limiter = options.limiter;
    this.telemetry = options.telemetry ?? NO_OUTBOUND_TELEMETRY;
  }

  async send(request: OutboundRequest): Promise<OutboundResponse> {
    const mayRetry = this.mayRetry(request);
    const call = { method: request.method, url: request.url, step: request.step, logIds: request.logIds };
    return this.telemetry.traceCall(call, (trace) => this.sendTraced(request, mayRetry, trace));
  }

  private async sendTraced(request: OutboundRequest, mayRetry: boolean, trace: OutboundCallTrace): Promise<OutboundResponse> {
    const target = describeTarget(request.url);
    for (let attempt = 1; ; attempt++) {
      const isLast = !mayRetry || attempt >= this.maxAttempts;
      let response: OutboundResponse;
      await this.limiter?.acquire(request.throttle);
      try {
        response = await trace.attempt(() => this.attempt(request, attempt));
      } catch (error) {
        const kind = isTimeout(error) ? 'timeout' : 'network';
        if (isLast) {
          this.logger?.info({ step: request.step, method: request.method, target, attempts: attempt, kind, ...request.logIds },
            'outbound call got no answer');
          throw new OutboundHttpError(request.step, kind, request.method, target, attempt, errorText(error));
        }
        const delay = this.backoff(attempt);
        this.logger?.warn({ step: request.step, method: request.method, target, attempt, kind, delayMs: delay, ...request.logIds },
          'outbound call failed; retrying');
        await this.sleep(delay);
        continue;
      }
      const retryAfter = RETRYABLE_STATUS.has(response.status)
        ? parseRetryAfter(response.headers.get('retry-after'), this.now()) : null;
      if (response.status === 429) this.limiter?.pause(request.throttle, retryAfter ?? this.backoff(attempt));
      const final = !RETRYABLE_STATUS.has(response.status) || isLast || (retryAfter !== null && retryAfter > this.maxRetryAfterMs);
      if (final) {
        // The ids let a failure in the service's own logs be found from ours (and the move from theirs).
        if (response.status >= 400) {
          this.logger?.info({ step: request.step, method: request.method, target, attempts: attempt, status: response.status, ...request.logIds },
            'outbound call answered with an error status');
        }
        return response;
      }
      const delay = retryAfter ?? this.backoff(attempt);
      this.logger?.warn({ step: request.step, method: request.method, target, attempt, status: response.status,
        delayMs: delay, ...request.logIds }, 'outbound call answered with a retryable status; retrying');
      await this.sleep(delay);
    }
  }

  private mayRetry(request: OutboundRequest): boolean {
    if (IDEMPOTENT_METHODS.has(request.method) || request.safeToRepeat) return true;
    const key = request.idempotencyKey;
    if (key === undefined) return false;
    // Guard against a key that is promised but not actually sent.
    if (!Object.values(request.headers ?? {}).includes(key)) {
      throw new Error(`${request.step}: idempotency key is not among the request headers; refusing to retry blindly.`);
    }
    return true;
  }

  private async attempt(request: OutboundRequest, attempt: number): Promise<OutboundResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), request.timeoutMs ?? this.timeoutMs);
    try {
      const res = await this.fetchImpl(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        signal: controller.signal,
        redirect: 'manual',
      });
      // Read the body inside the timeout so a stalled body cannot hang the caller.
      if (request.responseType === 'bytes') return makeBytesResponse(res.status, res.headers, new Uint8Array(await res.arrayBuffer()), attempt);
      const bodyText = await res.text();
      return makeResponse(res.status, res.headers, bodyText, attempt);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Full jitter: a random delay in [0, min(max, base·2^(attempt-1))). */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    return Math.floor(this.random() * ceiling);
  }
}

function makeResponse(status: number, headers: Headers, bodyText: string, attempts: number): OutboundResponse {
  return {
    status,
    ok: status >= 200 && status < 300,
    headers,
    bodyText,
    attempts,
    json() {
      if (bodyText.trim() === '') return undefined;
      try {
        return JSON.parse(bodyText) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}

/** A response whose body is kept as bytes; the text (for error bodies) is decoded once, when first read. */
function makeBytesResponse(status: number, headers: Headers, bodyBytes: Uint8Array, attempts: number): OutboundResponse {
  let text: string | undefined;
  const bodyText = () => (text ??= Buffer.from(bodyBytes.buffer, bodyBytes.byteOffset, bodyBytes.byteLength).toString('utf8'));
  return {
    status,
    ok: status >= 200 && status < 300,
    headers,
    get bodyText() { return bodyText(); },
    bodyBytes,
    attempts,
    json() {
      const value = bodyText();
      if (value.trim() === '') return undefined;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        return undefined;
      }
    },
  };
}

/** Rebuilds a fetch `Response` (for the Graph client's middleware chain) from a completed call. */
export function toFetchResponse(response: OutboundResponse): Response {
  const body = NULL_BODY_STATUS.has(response.status) ? null : response.bodyText;
  return new Response(body, { status: response.status, headers: response.headers });
}

/**
 * `Retry-After` as a delay in ms: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * null when absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - nowMs);
}

function describeTarget(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return '(invalid url)';
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  const causeCode = cause && typeof cause === 'object' && 'code' in cause ? String((cause as { code: unknown }).code) : '';
  return causeCode ? `${error.message}: ${causeCode}` : error.message;
}
