/** The few OData query features the sandbox's Graph supports: $select, $top + $skiptoken paging, $count. */
import { graphError } from '../../http/errors';
import type { SandboxRequest } from '../../http/types';
import { isRecord } from '../../util/jwt';

/** Graph accepts query options with or without the `$` prefix. */
export function queryOption(request: SandboxRequest, name: string): string | null {
  return request.query.get(`$${name}`) ?? request.query.get(name);
}

export function graphBase(request: SandboxRequest): string {
  return `${request.baseUrl}/graph/v1.0`;
}

export function odataContext(request: SandboxRequest, fragment: string): string {
  return `${graphBase(request)}/$metadata#${fragment}`;
}

/**
 * Projects a full entity onto `$select` (or onto the default property set when there is none).
 * Unknown properties are a 400, as in Graph.
 */
export function applySelect(request: SandboxRequest, entity: Record<string, unknown>, defaults: readonly string[], typeName: string): Record<string, unknown> {
  const selectText = queryOption(request, 'select');
  const wanted = selectText === null ? defaults : selectText.split(',').map((p) => p.trim()).filter(Boolean);
  const projected: Record<string, unknown> = {};
  if (typeof entity['@odata.type'] === 'string') projected['@odata.type'] = entity['@odata.type'];
  for (const property of wanted) {
    const key = Object.keys(entity).find((k) => k.toLowerCase() === property.toLowerCase());
    if (!key) throw graphError(request, 400, 'BadRequest', `Could not find a property named '${property.slice(0, 100)}' on type '${typeName}'.`);
    projected[key] = entity[key];
  }
  return projected;
}

export interface GraphPage<T> {
  items: T[];
  nextLink?: string;
}

/** `$top` (default/max per API) and an opaque `$skiptoken`; the nextLink keeps every other query option. */
export function pageOf<T>(request: SandboxRequest, items: readonly T[], defaultTop: number, maxTop: number): GraphPage<T> {
  const topText = queryOption(request, 'top');
  let top = defaultTop;
  if (topText !== null) {
    const parsed = Number(topText);
    if (!Number.isInteger(parsed) || parsed < 1) throw graphError(request, 400, 'Request_BadRequest', `Invalid value '${topText.slice(0, 20)}' for query option $top.`);
    if (parsed > maxTop) throw graphError(request, 400, 'Request_BadRequest', `Invalid page size specified: '${parsed}'. Must be between 1 and ${maxTop} inclusive.`);
    top = parsed;
  }
  const offset = decodeSkipToken(request);
  const page = items.slice(offset, offset + top);
  if (offset + page.length >= items.length) return { items: page };
  const next = new URLSearchParams();
  for (const [key, value] of request.query) if (key !== '$skiptoken' && key !== 'skiptoken') next.append(key, value);
  next.set('$skiptoken', Buffer.from(JSON.stringify({ o: offset + page.length }), 'utf8').toString('base64url'));
  return { items: page, nextLink: `${request.baseUrl}${request.path}?${next.toString().replace(/%24/g, '$')}` };
}

function decodeSkipToken(request: SandboxRequest): number {
  const token = queryOption(request, 'skiptoken');
  if (token === null) return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token.slice(0, 1024), 'base64url').toString('utf8'));
    if (isRecord(parsed) && Number.isInteger(parsed.o) && (parsed.o as number) >= 0) return parsed.o as number;
  } catch {
    // fall through
  }
  throw graphError(request, 400, 'Request_BadRequest', 'The $skiptoken is not valid.');
}

/** `$count=true` needs `ConsistencyLevel: eventual` (an advanced query); then `@odata.count` is returned. */
export function wantsCount(request: SandboxRequest): boolean {
  const count = queryOption(request, 'count');
  if (count === null || count.toLowerCase() === 'false') return false;
  if (count.toLowerCase() !== 'true') throw graphError(request, 400, 'Request_BadRequest', `Invalid value '${count.slice(0, 20)}' for $count.`);
  if ((request.header('consistencylevel') ?? '').toLowerCase() !== 'eventual') {
    throw graphError(request, 400, 'Request_BadRequest', '$count is not currently supported without the ConsistencyLevel: eventual header.');
  }
  return true;
}

export function collectionBody(request: SandboxRequest, contextFragment: string, page: GraphPage<unknown>, count?: number) {
  return {
    '@odata.context': odataContext(request, contextFragment),
    ...(count === undefined ? {} : { '@odata.count': count }),
    ...(page.nextLink ? { '@odata.nextLink': page.nextLink } : {}),
    value: page.items,
  };
}
