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
 * the shared OutboundHttp helper so Graph gets the same timeouts and retry rules as Partner Center (the
 * library's RetryHandler would also repeat POSTs).
 */
import {
  Client, GraphClientError, type AuthenticationProvider, type Context, type Middleware,
} from '@microsoft/microsoft-graph-client';
import type { HttpMethod, OutboundHttp } from '../http/outboundHttp';
import { toFetchResponse } from '../http/outboundHttp';
import type { TokenMode, TokenProvider } from '../identity/tokenProvider';
import { GraphError, toGraphError } from './graphError';

export interface GraphClientFactoryOptions {
  /** `https://graph.microsoft.com/` in production; `http://127.0.0.1:3979/graph/` for the sandbox. */
  baseUrl: string;
  tokens: TokenProvider;
  http: OutboundHttp;
  /** Default `v1.0`. */
  version?: string;
}

/** An AuthenticationProvider backed by our TokenProvider, for one tenant and mode. */
export class TokenProviderAuthenticationProvider implements AuthenticationProvider {
  constructor(private readonly tokens: TokenProvider, private readonly tenantId: string, private readonly mode: TokenMode) {}

  getAccessToken(): Promise<string> {
    return this.tokens.getToken('graph', this.tenantId, this.mode);
  }
}

/** Adds `Authorization: Bearer` to requests on the configured origin only; strips it elsewhere. */
export class BaseUrlAuthenticationHandler implements Middleware {
  private next?: Middleware;

  constructor(private readonly provider: AuthenticationProvider, private readonly origin: string) {}

  async execute(context: Context): Promise<void> {
    const headers = headersOf(context);
    if (originOf(requestUrl(context)) === this.origin) {
      try {
        headers.set('Authorization', `Bearer ${await this.provider.getAccessToken()}`);
      } catch (error) {
        throw passThrough(error);
      }
    } else {
      headers.delete('Authorization');
    }
    context.options = { ...context.options, headers: Object.fromEntries(headers.entries()) };
    if (!this.next) throw new Error('Graph middleware chain has no sender.');
    await this.next.execute(context);
  }

  setNext(next: Middleware): void {
    this.next = next;
  }
}

/** The last middleware: sends through OutboundHttp (timeouts, retries) and hands back a fetch Response. */
export class OutboundHttpMiddleware implements Middleware {
  constructor(private readonly http: OutboundHttp) {}

  async execute(context: Context): Promise<void> {
    const url = requestUrl(context);
    const method = (context.options?.method ?? 'GET').toUpperCase() as HttpMethod;
    const body = context.options?.body;
    if (body !== undefined && body !== null && typeof body !== 'string') {
      throw passThrough(new Error('Graph request bodies must be JSON strings here.'));
    }
    try {
      const response = await this.http.send({
        method,
        url,
        headers: Object.fromEntries(headersOf(context).entries()),
        body: body ?? undefined,
        step: `Graph ${method} ${new URL(url).pathname}`,
      });
      context.response = toFetchResponse(response);
    } catch (error) {
      throw passThrough(error);
    }
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
          new OutboundHttpMiddleware(this.options.http),
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

  /** Every item of a Graph collection, following `@odata.nextLink`. */
  async *pages<T>(client: Client, path: string, step: string, tenantId: string, requestId?: string): AsyncGenerator<T> {
    let next: string | undefined = path;
    while (next !== undefined) {
      let page: { value?: T[]; '@odata.nextLink'?: string };
      try {
        const request = client.api(next);
        if (requestId) request.header('client-request-id', requestId);
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

/** Graph's `client-request-id` wants a GUID; other correlation ids are not sent there. */
export function graphRequestId(correlationId: string): string | undefined {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(correlationId) ? correlationId : undefined;
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
