/**
 * How every Partner Center call is made: the token, the standard headers (Authorization, Accept,
 * MS-RequestId, MS-CorrelationId, X-Locale), the shared retry helper, error mapping to PartnerCenterError,
 * response validation, and the `links.next` paging contract (the next URI verbatim plus every header of
 * `links.next.headers`, which is how `MS-ContinuationToken` travels).
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Logger } from '../../move/ports';
import type { CallContext } from '../../move/ports';
import { OutboundHttpError, parseRetryAfter, type HttpMethod, type OutboundHttp, type OutboundResponse } from '../http/outboundHttp';
import type { TokenMode, TokenProvider } from '../identity/tokenProvider';
import { PartnerCenterError, fixForPartnerCenterError, parsePartnerCenterErrorBody } from './partnerCenterError';
import { collectionSchema } from './partnerCenterWire';

export interface PartnerCenterTransportOptions {
  /** `https://api.partnercenter.microsoft.com` in production; `http://127.0.0.1:3979` locally. */
  baseUrl: string;
  /** The partner's own tenant: every Partner Center token is issued there. */
  partnerTenantId: string;
  tokens: TokenProvider;
  http: OutboundHttp;
  /** Makes MS-RequestId values; a GUID each call by default. */
  newRequestId?: () => string;
  /** Epoch milliseconds; turns a Retry-After date into seconds. */
  now?: () => number;
  logger?: Logger;
}

export interface PartnerCenterCall {
  step: string;
  method: HttpMethod;
  /** A path under the base URL (`/v1/...`) or an absolute URL on the same origin. */
  target: string;
  ctx: CallContext;
  mode?: TokenMode;
  body?: unknown;
  /** Use this MS-RequestId (else ctx.requestId, else a new one). */
  requestId?: string;
  /** The call is safe to repeat with the same MS-RequestId (cart create, checkout). */
  repeatableWithRequestId?: boolean;
  extraHeaders?: Array<{ key: string; value: string }>;
}

export interface PartnerCenterResult {
  response: OutboundResponse;
  requestId: string;
}

/** Safety net against a service that keeps handing out a next link. */
const MAX_PAGES = 10_000;

export class PartnerCenterTransport {
  private readonly baseUrl: string;
  private readonly baseOrigin: string;
  private readonly newRequestId: () => string;

  constructor(private readonly options: PartnerCenterTransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.baseOrigin = new URL(this.baseUrl).origin;
    this.newRequestId = options.newRequestId ?? randomUUID;
  }

  /** Makes the call; a non-2xx answer comes back as is, for the caller to map (or to treat 404 as "none"). */
  async send(call: PartnerCenterCall): Promise<PartnerCenterResult> {
    const requestId = call.requestId ?? call.ctx.requestId ?? this.newRequestId();
    const token = await this.options.tokens.getToken('partner-center', this.options.partnerTenantId, call.mode ?? 'app');
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'MS-RequestId': requestId,
      'MS-CorrelationId': call.ctx.correlationId,
      'X-Locale': 'en-US',
    };
    for (const { key, value } of call.extraHeaders ?? []) {
      if (key.toLowerCase() === 'authorization') continue; // a link never gets to choose our credentials
      headers[key] = value;
    }
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      const response = await this.options.http.send({
        method: call.method,
        url: this.resolve(call.target, call.step),
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        step: call.step,
        idempotencyKey: call.repeatableWithRequestId ? requestId : undefined,
      });
      return { response, requestId };
    } catch (error) {
      if (error instanceof OutboundHttpError) {
        throw new PartnerCenterError(call.step, null, null, error.message, requestId, call.ctx.correlationId,
          'the outcome is unknown: for a purchase, check the customer\'s orders before trying again');
      }
      throw error;
    }
  }

  /** Sends and returns the validated JSON of a 2xx answer; anything else becomes a PartnerCenterError. */
  async json<S extends z.ZodTypeAny>(call: PartnerCenterCall, schema: S): Promise<z.infer<S>> {
    const result = await this.send(call);
    if (!result.response.ok) throw this.toError(call, result);
    return this.parse(call, result, schema);
  }

  parse<S extends z.ZodTypeAny>(call: PartnerCenterCall, result: PartnerCenterResult, schema: S): z.infer<S> {
    const parsed = schema.safeParse(result.response.json());
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') || '(root)';
      throw new PartnerCenterError(call.step, result.response.status, null,
        `the answer does not have the documented shape (at ${where})`, result.requestId, call.ctx.correlationId, '');
    }
    return parsed.data;
  }

  toError(call: PartnerCenterCall, result: PartnerCenterResult): PartnerCenterError {
    const { response, requestId } = result;
    const { code, description, data } = parsePartnerCenterErrorBody(response.json(), response.status);
    const retryAfterMs = response.status === 429 ? parseRetryAfter(response.headers.get('retry-after'), (this.options.now ?? Date.now)()) : null;
    const fix = fixForPartnerCenterError(code, response.status)
      || (response.status === 429 ? 'Partner Center is throttling: try again after the Retry-After delay' : '');
    return new PartnerCenterError(call.step, response.status, code, description, requestId, call.ctx.correlationId,
      fix, data, retryAfterMs === null ? null : Math.ceil(retryAfterMs / 1000));
  }

  /**
   * Every item of a collection, page by page. Each page is its own call with its own MS-RequestId
   * (the headers guidance resets it after every answer); ctx.requestId is not reused across pages.
   */
  async *pages<S extends z.ZodTypeAny>(
    first: Omit<PartnerCenterCall, 'method'>,
    itemSchema: S,
  ): AsyncGenerator<z.infer<S>, void, undefined> {
    const pageSchema = collectionSchema(itemSchema);
    let call: PartnerCenterCall = { ...first, method: 'GET', requestId: this.newRequestId() };
    const seen = new Set<string>();
    for (let page = 1; ; page++) {
      const body = await this.json(call, pageSchema);
      for (const item of body.items) yield item;
      const next = body.links?.next;
      if (!next) return;
      const fingerprint = `${next.uri}\n${next.headers.map((h) => `${h.key}=${h.value}`).join('\n')}`;
      if (seen.has(fingerprint) || page >= MAX_PAGES) {
        throw new PartnerCenterError(call.step, null, null, 'the service keeps returning the same next page',
          call.requestId ?? '', call.ctx.correlationId, '');
      }
      seen.add(fingerprint);
      call = { ...call, target: next.uri, extraHeaders: next.headers, requestId: this.newRequestId() };
    }
  }

  /**
   * A next link's `uri` is used verbatim: relative ones are joined to the base URL (the SDK adds `/v1`
   * when a relative path lacks it); absolute ones must stay on the configured origin, since the bearer
   * token goes with them.
   */
  private resolve(target: string, step: string): string {
    if (/^https?:\/\//i.test(target)) {
      if (new URL(target).origin !== this.baseOrigin) {
        throw new Error(`${step}: refusing to follow a link to another host (${new URL(target).origin}).`);
      }
      return target;
    }
    const path = target.startsWith('/') ? target : `/${target}`;
    return /^\/v\d+\//i.test(path) ? `${this.baseUrl}${path}` : `${this.baseUrl}/v1${path}`;
  }
}

/** Encodes one path segment (ids from storage or the network never get to add path parts). */
export function segment(value: string): string {
  if (value === '' || value === '.' || value === '..') throw new Error(`Not a usable id: ${JSON.stringify(value)}.`);
  return encodeURIComponent(value);
}
