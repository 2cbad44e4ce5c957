/**
 * Names an outbound call for telemetry without its data: which service (by the configured base URLs, so the local
 * sandbox, which serves them all on one host, is told apart by path) and the operation as a path template
 * (`GET /v1/customers/:id/carts`). Ids, domains, mail addresses and query strings never reach an attribute, so a
 * metric keeps a handful of series per operation and a span shows no customer data.
 */

export type OutboundService = 'partner-center' | 'partner-api' | 'graph' | 'login' | 'other';

/** The base URLs the bot calls (bot/config.ts: PARTNER_CENTER_BASE_URL, GRAPH_BASE_URL, LOGIN_BASE_URL...). */
export interface OutboundServiceEndpoints {
  partnerCenterBaseUrl: string;
  graphBaseUrl: string;
  loginBaseUrl: string;
  partnerApiBaseUrl?: string;
}

export interface OutboundOperation {
  service: OutboundService;
  /** `METHOD /path/:id/template`, relative to the service's base URL (`:id` stays as is in a URL, unlike `{id}`). */
  operation: string;
  /** Origin and templated path (no query): what the span shows as its URL. */
  url: string;
  /** The host called, or `unknown` for a URL that does not parse. */
  host: string;
}

const MAX_SEGMENTS = 12;
/** A path word: an API version, a resource or action name (`customers`, `$batch`, `.well-known`, `oauth2`). */
const WORD = /^(?:v\d+(?:\.\d+)?|oauth2|\.well-known|\$?[A-Za-z][A-Za-z_-]{0,47})$/;
/** An OData key segment: `name(...)`, e.g. `pricesheets(Market='US',...)`. */
const KEYED = /^(\$?[A-Za-z][A-Za-z_-]{0,47})\(.*\)$/;

export class OutboundOperations {
  /** Longest base first, so `{sandbox}/graph/` wins over the sandbox's root. */
  private readonly bases: Array<{ origin: string; path: string; service: OutboundService }>;

  constructor(endpoints: OutboundServiceEndpoints) {
    const listed: Array<[string | undefined, OutboundService]> = [
      [endpoints.partnerCenterBaseUrl, 'partner-center'], [endpoints.graphBaseUrl, 'graph'],
      [endpoints.loginBaseUrl, 'login'], [endpoints.partnerApiBaseUrl, 'partner-api'],
    ];
    this.bases = listed.flatMap(([base, service]) => {
      const url = base ? parse(base) : null;
      return url ? [{ origin: url.origin, path: url.pathname.replace(/\/+$/, ''), service }] : [];
    }).sort((a, b) => b.path.length - a.path.length);
  }

  describe(method: string, url: string): OutboundOperation {
    const parsed = parse(url);
    if (!parsed) return { service: 'other', operation: `${method} (invalid url)`, url: '(invalid url)', host: 'unknown' };
    // On a tie (the sandbox serves Partner Center and the Partner API at one root) the first listed wins.
    const base = this.bases.find((b) => b.origin === parsed.origin && (parsed.pathname === b.path || parsed.pathname.startsWith(`${b.path}/`)));
    const relative = base ? parsed.pathname.slice(base.path.length) : parsed.pathname;
    const template = templatePath(relative);
    return {
      service: base?.service ?? 'other',
      operation: `${method} ${template}`,
      url: `${parsed.origin}${base?.path ?? ''}${template === '/' && base?.path ? '' : template}`,
      host: parsed.hostname,
    };
  }
}

/** `/v1/customers/2f3a.../carts` → `/v1/customers/:id/carts`. */
export function templatePath(pathname: string): string {
  const segments = pathname.split('/').filter((s) => s !== '');
  const shown = segments.slice(0, MAX_SEGMENTS).map(templateSegment);
  if (segments.length > MAX_SEGMENTS) shown.push('…');
  return `/${shown.join('/')}`;
}

function templateSegment(raw: string): string {
  let segment: string;
  try {
    segment = decodeURIComponent(raw);
  } catch {
    return ':id';
  }
  if (WORD.test(segment)) return segment;
  const keyed = KEYED.exec(segment);
  return keyed ? `${keyed[1]}(:key)` : ':id';
}

function parse(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
