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
import type { ThrottleTicket } from '../http/rateLimiter';
import type { TokenMode, TokenProvider, TokenResource } from '../identity/tokenProvider';
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
  /** `X-Locale` of every call. Default `en-US`. */
  locale?: string;
  logger?: Logger;
  /** The token audience. Default `partner-center`; `partner-api` for api.partner.microsoft.com (price sheets). */
  resource?: TokenResource;
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
  /** `bytes` keeps a binary body (a file stream such as a zipped price sheet); default `text`. */
  responseType?: 'text' | 'bytes';
  /** Per-attempt timeout, for calls that download large files. */
  timeoutMs?: number;
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
  private readonly locale: string;

  constructor(private readonly options: PartnerCenterTransportOptions) {
    this.locale = options.locale ?? 'en-US';
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.baseOrigin = new URL(this.baseUrl).origin;
    this.newRequestId = options.newRequestId ?? randomUUID;
  }

  /**
   * Makes the call; a non-2xx answer comes back as is, for the caller to map (or to treat 404 as "none").
   * A 401 means the token was refused before anything was done (expired, revoked): the token is dropped
   * and the call is sent once more with a new one, with the same MS-RequestId — whatever the method.
   */
  async send(call: PartnerCenterCall): Promise<PartnerCenterResult> {
    const requestId = call.requestId ?? call.ctx.requestId ?? this.newRequestId();
    const mode = call.mode ?? 'app';
    const tenantId = this.options.partnerTenantId;
    const tokens = this.options.tokens;
    const resource = this.options.resource ?? 'partner-center';
    let token = await tokens.getToken(resource, tenantId, mode);
    let response = await this.sendWith(call, requestId, token);
    if (response.status === 401 && tokens.invalidate) {
      tokens.invalidate(resource, tenantId, mode, token);
      this.options.logger?.warn({ step: call.step, requestId, correlationId: call.ctx.correlationId, mode },
        'Partner Center refused the token (401); retrying once with a new token');
      token = await tokens.getToken(resource, tenantId, mode);
      response = await this.sendWith(call, requestId, token);
    }
    return { response, requestId };
  }

  private async sendWith(call: PartnerCenterCall, requestId: string, token: string): Promise<OutboundResponse> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'MS-RequestId': requestId,
      'MS-CorrelationId': call.ctx.correlationId,
      'X-Locale': this.locale,
    };
    for (const { key, value } of call.extraHeaders ?? []) {
      if (key.toLowerCase() === 'authorization') continue; // a link never gets to choose our credentials
      headers[key] = value;
    }
    if (call.body !== undefined) headers['Content-Type'] = 'application/json';
    const url = this.resolve(call.target, call.step);
    try {
      return await this.options.http.send({
        method: call.method,
        url,
        headers,
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        step: call.step,
        idempotencyKey: call.repeatableWithRequestId ? requestId : undefined,
        throttle: this.throttleFor(url),
        logIds: { requestId, correlationId: call.ctx.correlationId },
        responseType: call.responseType,
        timeoutMs: call.timeoutMs,
      });
    } catch (error) {
      if (error instanceof OutboundHttpError) {
        throw new PartnerCenterError(call.step, null, null, error.message, requestId, call.ctx.correlationId,
          'the outcome is unknown: for a purchase, check the customer\'s orders before trying again');
      }
      throw error;
    }
  }

  /**
   * Partner Center throttles per partner tenant, and per partner + customer tenant on the routes under
   * `/customers/{id}` (api-throttling-guidance): every call draws from the partner bucket, customer calls
   * also from the pair's bucket.
   */
  throttleFor(url: string): ThrottleTicket[] {
    const partner = this.options.partnerTenantId;
    const tickets: ThrottleTicket[] = [{ scope: 'partner', key: partner }];
    const match = /\/customers\/([^/?#]+)/i.exec(new URL(url).pathname);
    const customer = match ? decodeURIComponent(match[1] as string) : undefined;
    if (customer && customer.toLowerCase() !== 'relationshiprequests') {
      tickets.push({ scope: 'partner-customer', key: `${partner}|${customer}` });
    }
    return tickets;
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
