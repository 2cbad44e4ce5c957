/**
 * Microsoft Graph clients (`@microsoft/microsoft-graph-client` v3), one per (tenant, token mode), built
 * with a custom middleware chain:
 *
 *   BaseUrlAuthenticationHandler → OutboundHttpMiddleware
 *
 * Why not the library's default chain: its AuthenticationHandler adds the token only for known Graph
 * hosts or `customHosts`, and both checks look for `https://` only — against the local sandbox
 * (`http://127.0.0.1:3979/graph/`) it would strip the Authorization header. Our handler adds the token to
 * requests on the configured base URL's origin (and to no other host). The last middleware sends through
 * the shared OutboundHttp helper so Graph gets the same timeouts, retry rules and token buckets as
 * Partner Center (the library's RetryHandler would also repeat POSTs).
 *
 * A 401 `InvalidAuthenticationToken` (expired or revoked token) drops the cached token and sends the
 * request once more with a new one. That is safe for any method: Graph refused the call before doing it.
 * Per-request settings (step name, safe to repeat, throttling cost, the move's correlation id) travel as
 * `OutboundCallOptions`.
 *
 * Every request carries a `client-request-id` (Graph's id for tracing a call in its own logs): a new GUID per
 * request, set once, so the retries of the same call (OutboundHttp's, and the one after a refused token) send
 * the same id. Graph has no header for our correlation id: the move's is logged next to the request's id
 * (`logIds`) when OutboundHttp logs about the call.
 */
import { randomUUID } from 'node:crypto';
import {
  Client, GraphClientError, type AuthenticationProvider, type Context, type Middleware, type MiddlewareOptions,
} from '@microsoft/microsoft-graph-client';
import type { HttpMethod, OutboundHttp } from '../http/outboundHttp';
import { toFetchResponse } from '../http/outboundHttp';
import type { ThrottleTicket } from '../http/rateLimiter';
import type { TokenMode, TokenProvider } from '../identity/tokenProvider';
import { GraphError, toGraphError } from './graphError';

export interface GraphClientFactoryOptions {
  /** `https://graph.microsoft.com/` in production; `http://127.0.0.1:3979/graph/` for the sandbox. */
  baseUrl: string;
  tokens: TokenProvider;
  http: OutboundHttp;
  /** Default `v1.0`. */
  version?: string;
  /** The app (client id) the calls are made as: the key of the per-app throttling buckets. */
  appId?: string;
}

/** Per-request settings for OutboundHttpMiddleware: `request.middlewareOptions([new OutboundCallOptions(...)])`. */
export class OutboundCallOptions implements MiddlewareOptions {
  constructor(readonly settings: {
    /** Named in errors and logs instead of `Graph POST /path`. */
    step?: string;
    /** A POST that may be sent again when its outcome is unknown (every part of it is idempotent). */
    safeToRepeat?: boolean;
    /** Throttling cost: reads and writes this request stands for (a `$batch` counts its sub-requests). */
    cost?: { reads: number; writes: number };
    /** The move's correlation id (`CallContext.correlationId`), logged with the request's `client-request-id`. */
    correlationId?: string;
  }) {}
}

/** Graph's per-request tracing header. */
const CLIENT_REQUEST_ID = 'client-request-id';

/** An AuthenticationProvider backed by our TokenProvider, for one tenant and mode. */
export class TokenProviderAuthenticationProvider implements AuthenticationProvider {
  constructor(private readonly tokens: TokenProvider, private readonly tenantId: string, private readonly mode: TokenMode) {}

  getAccessToken(): Promise<string> {
    return this.tokens.getToken('graph', this.tenantId, this.mode);
  }

  /** Graph refused `token`: the next getAccessToken asks for a new one. */
  invalidate(token: string): boolean {
    if (!this.tokens.invalidate) return false;
    this.tokens.invalidate('graph', this.tenantId, this.mode, token);
    return true;
  }
}

/**
 * Adds `Authorization: Bearer` to requests on the configured origin only; strips it elsewhere. On a 401
 * `InvalidAuthenticationToken` it drops the token and sends the request once more with a new one.
 */
export class BaseUrlAuthenticationHandler implements Middleware {
  private next?: Middleware;

  constructor(private readonly provider: TokenProviderAuthenticationProvider | AuthenticationProvider, private readonly origin: string) {}

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('Graph middleware chain has no sender.');
    if (originOf(requestUrl(context)) !== this.origin) {
      setAuthorization(context, null);
      await this.next.execute(context);
      return;
    }
    const token = await this.token();
    setAuthorization(context, token);
    await this.next.execute(context);
    if (context.response?.status === 401 && 'invalidate' in this.provider && await isInvalidToken(context.response)) {
      if (!this.provider.invalidate(token)) return;
      setAuthorization(context, await this.token());
      await this.next.execute(context);
    }
  }

  setNext(next: Middleware): void {
    this.next = next;
  }

  private async token(): Promise<string> {
    try {
      return await this.provider.getAccessToken();
    } catch (error) {
      throw passThrough(error);
    }
  }
}

/** The last middleware: sends through OutboundHttp (timeouts, retries, buckets) and hands back a fetch Response. */
export class OutboundHttpMiddleware implements Middleware {
  constructor(private readonly http: OutboundHttp, private readonly appId = 'app', private readonly tenantId?: string) {}

  async execute(context: Context): Promise<void> {
    const url = requestUrl(context);
    const method = (context.options?.method ?? 'GET').toUpperCase() as HttpMethod;
    const body = context.options?.body;
    if (body !== undefined && body !== null && typeof body !== 'string') {
      throw passThrough(new Error('Graph request bodies must be JSON strings here.'));
    }
    const settings = (context.middlewareControl?.getMiddlewareOptions(OutboundCallOptions) as OutboundCallOptions | undefined)?.settings;
    const isWrite = method !== 'GET' && method !== 'HEAD' && method !== 'OPTIONS';
    const cost = settings?.cost ?? { reads: 1, writes: isWrite ? 1 : 0 };
    const clientRequestId = ensureClientRequestId(context);
    try {
      const response = await this.http.send({
        method,
        url,
        headers: Object.fromEntries(headersOf(context).entries()),
        body: body ?? undefined,
        step: settings?.step ?? `Graph ${method} ${new URL(url).pathname}`,
        safeToRepeat: settings?.safeToRepeat,
        throttle: this.throttle(cost),
        logIds: { clientRequestId, ...(settings?.correlationId ? { correlationId: settings.correlationId } : {}) },
      });
      context.response = toFetchResponse(response);
    } catch (error) {
      throw passThrough(error);
    }
  }

  /** Graph throttles per app (all tenants), per app + tenant, and counts identity writes per app + tenant. */
  private throttle(cost: { reads: number; writes: number }): ThrottleTicket[] {
    const total = Math.max(1, cost.reads + cost.writes);
    const tickets: ThrottleTicket[] = [{ scope: 'graph-app', key: this.appId, cost: total }];
    if (this.tenantId) {
      const pair = `${this.appId}|${this.tenantId}`;
      tickets.push({ scope: 'graph-app-tenant', key: pair, cost: total });
      if (cost.writes > 0) tickets.push({ scope: 'graph-tenant-write', key: pair, cost: cost.writes });
    }
    return tickets;
  }
}

export class GraphClientFactory {
  private readonly clients = new Map<string, Client>();
  private readonly baseUrl: string;
  private readonly version: string;
  private readonly base: URL;

  constructor(private readonly options: GraphClientFactoryOptions) {
    this.baseUrl = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
    this.base = new URL(this.baseUrl);
    this.version = options.version ?? 'v1.0';
  }

  /** The same factory acting through `tokens` (its own clients; the HTTP helper and buckets are shared). */
  withTokens(tokens: TokenProvider): GraphClientFactory {
    return new GraphClientFactory({ ...this.options, tokens });
  }

  /** The Graph client for a tenant and token mode (built once per instance). */
  forTenant(tenantId: string, mode: TokenMode): Client {
    const key = `${tenantId.toLowerCase()}|${mode}`;
    let client = this.clients.get(key);
    if (!client) {
      client = Client.initWithMiddleware({
        baseUrl: this.baseUrl,
        defaultVersion: this.version,
        middleware: [
          new BaseUrlAuthenticationHandler(new TokenProviderAuthenticationProvider(this.options.tokens, tenantId, mode), this.base.origin),
          new OutboundHttpMiddleware(this.options.http, this.options.appId, tenantId.toLowerCase()),
        ],
      });
      this.clients.set(key, client);
    }
    return client;
  }

  /**
   * A `@odata.nextLink` as a path the client accepts. The library only strips `https://` hosts from
   * absolute URLs, so links are made relative to base + version here; a link to any other place is refused.
   */
  relativeNextLink(nextLink: string, step: string, tenantId: string): string {
    const prefix = `${this.base.pathname}${this.version}/`;
    let parsed: URL;
    try {
      parsed = new URL(nextLink, this.baseUrl);
    } catch {
      throw new GraphError(step, tenantId, null, null, 'Graph returned an unreadable @odata.nextLink', '');
    }
    if (parsed.origin !== this.base.origin || !parsed.pathname.startsWith(prefix)) {
      throw new GraphError(step, tenantId, null, null, `Graph returned a @odata.nextLink outside ${this.baseUrl}${this.version}`, '');
    }
    // Keep the query exactly as sent (skip tokens are opaque).
    const queryAt = nextLink.indexOf('?');
    return `${parsed.pathname.slice(prefix.length)}${queryAt >= 0 ? nextLink.slice(queryAt) : ''}`;
  }

  /**
   * Every item of a Graph collection, following `@odata.nextLink` (with the same extra headers on every page;
   * each page is its own request, with its own `client-request-id`). `correlationId`: the move's, for the logs.
   */
  async *pages<T>(
    client: Client, path: string, step: string, tenantId: string, correlationId?: string, headers: Record<string, string> = {},
  ): AsyncGenerator<T> {
    let next: string | undefined = path;
    while (next !== undefined) {
      let page: { value?: T[]; '@odata.nextLink'?: string };
      try {
        const request = client.api(next).middlewareOptions([new OutboundCallOptions({ step, correlationId })]);
        for (const [name, value] of Object.entries(headers)) request.header(name, value);
        page = await request.get();
      } catch (error) {
        throw toGraphError(error, step, tenantId);
      }
      for (const item of page.value ?? []) yield item;
      const link = page['@odata.nextLink'];
      next = link ? this.relativeNextLink(link, step, tenantId) : undefined;
    }
  }
}

/**
 * The request's `client-request-id`: the one it already has (set by the caller, or by an earlier attempt of the
 * same call), else a new GUID, kept on the request so a second attempt sends it again.
 */
function ensureClientRequestId(context: Context): string {
  const headers = headersOf(context);
  const existing = headers.get(CLIENT_REQUEST_ID);
  if (existing) return existing;
  const id = randomUUID();
  headers.set(CLIENT_REQUEST_ID, id);
  context.options = { ...context.options, headers: Object.fromEntries(headers.entries()) };
  return id;
}

/** Errors raised inside the middleware reach the caller unchanged (the library would re-wrap them). */
function passThrough(error: unknown): GraphClientError {
  const wrapped = new GraphClientError(error instanceof Error ? error.message : String(error));
  wrapped.customError = error;
  return wrapped;
}

function requestUrl(context: Context): string {
  return typeof context.request === 'string' ? context.request : context.request.url;
}

function setAuthorization(context: Context, token: string | null): void {
  const headers = headersOf(context);
  if (token === null) headers.delete('Authorization');
  else headers.set('Authorization', `Bearer ${token}`);
  context.options = { ...context.options, headers: Object.fromEntries(headers.entries()) };
}

/** Graph's answer to an expired, revoked or otherwise unusable token. */
async function isInvalidToken(response: Response): Promise<boolean> {
  try {
    const body = await response.clone().json() as { error?: { code?: unknown } };
    return body?.error?.code === 'InvalidAuthenticationToken';
  } catch {
    return false;
  }
}

function headersOf(context: Context): Headers {
  return new Headers((context.options?.headers ?? {}) as ConstructorParameters<typeof Headers>[0]);
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
