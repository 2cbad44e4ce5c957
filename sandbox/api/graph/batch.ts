/**
 * Graph JSON batching, `POST /graph/v1.0/$batch` (learn.microsoft.com/graph/json-batching): up to 20 requests with unique ids
 * (case-insensitive), relative URLs, a Content-Type header whenever there is a body, and optional `dependsOn`.
 * Each request runs through the same pipeline as a direct call (faults, `graph-app` rate limit, token checks),
 * so one of them can be 429 inside a 200 batch. A request whose dependency did not succeed gets 424.
 * Requests run one after the other in an order that respects `dependsOn` (then array order).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { graphError, graphErrorResponse } from '../../http/errors';
import type { Router } from '../../http/router';
import { json, type SandboxRequest, type SandboxResponse } from '../../http/types';
import { hashGuid } from '../../util/ids';
import { isRecord } from '../../util/jwt';
import type { SandboxWorld } from '../../world/world';
import { requireGraphToken } from '../tokens';

export const MAX_BATCH_REQUESTS = 20;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

export interface SubRequest {
  parent: SandboxRequest;
  method: string;
  /** Full sandbox path, e.g. `/graph/v1.0/users/{id}/assignLicense`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  traceId: string;
}

interface BatchItem {
  id: string;
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: unknown;
  dependsOn: string[];
}

export function registerBatchRoute(router: Router, world: SandboxWorld, run: (sub: SubRequest) => Promise<SandboxResponse>): void {
  router.add('graph', 'POST', '/graph/v1.0/$batch', async (request) => {
    requireGraphToken(world, request);
    const items = order(request, parseBatch(request));
    const statusById = new Map<string, number>();
    const responses: Array<{ id: string; status: number; headers: Record<string, string>; body?: unknown }> = [];
    for (const item of items) {
      const failed = item.dependsOn.find((dep) => !isSuccess(statusById.get(dep.toLowerCase())));
      const response = failed !== undefined
        ? graphErrorResponse(request, 424, 'FailedDependency', `The request depends on request '${failed}', which did not succeed.`)
        : await run(subRequestOf(request, item));
      statusById.set(item.id.toLowerCase(), response.status);
      const headers: Record<string, string> = { ...(response.headers ?? {}) };
      if (response.body !== undefined) headers['Content-Type'] = 'application/json; charset=utf-8';
      responses.push({ id: item.id, status: response.status, headers, ...(response.body === undefined ? {} : { body: response.body }) });
    }
    return json(200, { responses });
  });
}

function isSuccess(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300;
}

function parseBatch(request: SandboxRequest): BatchItem[] {
  const body = request.jsonBody();
  const bad = (message: string) => graphError(request, 400, 'BadRequest', message);
  if (!isRecord(body) || !Array.isArray(body.requests)) throw bad('The batch request body must be {"requests": [...]}.');
  if (body.requests.length === 0) throw bad('The batch request must contain at least one request.');
  if (body.requests.length > MAX_BATCH_REQUESTS) throw bad(`The batch contains ${body.requests.length} requests; the limit is ${MAX_BATCH_REQUESTS}.`);
  const seen = new Set<string>();
  return body.requests.map((raw, index): BatchItem => {
    if (!isRecord(raw)) throw bad(`Request ${index} of the batch is not an object.`);
    const { id, method, url, headers, dependsOn } = raw;
    if (typeof id !== 'string' || id.trim() === '' || id.length > 100) throw bad(`Request ${index} of the batch needs a non-empty string id.`);
    if (seen.has(id.toLowerCase())) throw bad(`Batch request ids must be unique; '${id}' appears more than once.`);
    seen.add(id.toLowerCase());
    if (typeof method !== 'string' || !METHODS.includes(method.toUpperCase())) throw bad(`Request '${id}': method must be one of ${METHODS.join(', ')}.`);
    if (typeof url !== 'string' || url.length === 0 || url.length > 2048) throw bad(`Request '${id}' needs a url.`);
    if (/^[a-z][a-z0-9+.-]*:/i.test(url)) throw bad(`Request '${id}': url must be relative to the version, e.g. /users.`);
    const parsedUrl = new URL(url.startsWith('/') ? url : `/${url}`, 'http://graph.invalid');
    const headerMap: Record<string, string> = {};
    if (headers !== undefined && headers !== null) {
      if (!isRecord(headers)) throw bad(`Request '${id}': headers must be an object.`);
      for (const [name, value] of Object.entries(headers).slice(0, 50)) {
        if (typeof value !== 'string') throw bad(`Request '${id}': header '${name.slice(0, 60)}' must be a string.`);
        headerMap[name.toLowerCase()] = value;
      }
    }
    if (raw.body !== undefined && !headerMap['content-type']) throw bad(`Write request id : ${id} does not contain Content-Type header or body.`);
    let deps: string[] = [];
    if (dependsOn !== undefined && dependsOn !== null) {
      if (!Array.isArray(dependsOn) || dependsOn.some((d) => typeof d !== 'string')) throw bad(`Request '${id}': dependsOn must be a list of request ids.`);
      deps = dependsOn as string[];
    }
    return { id, method: method.toUpperCase(), url: parsedUrl, headers: headerMap, body: raw.body, dependsOn: deps };
  });
}

/** Dependencies first (stable otherwise); unknown ids and cycles are refused like Graph refuses them. */
function order(request: SandboxRequest, items: BatchItem[]): BatchItem[] {
  const byId = new Map(items.map((item) => [item.id.toLowerCase(), item]));
  for (const item of items) {
    const unknown = item.dependsOn.find((dep) => !byId.has(dep.toLowerCase()));
    if (unknown !== undefined) throw graphError(request, 400, 'BadRequest', `Request '${item.id}' depends on '${unknown.slice(0, 100)}', which is not in the batch.`);
  }
  const done = new Set<string>();
  const visiting = new Set<string>();
  const ordered: BatchItem[] = [];
  const visit = (item: BatchItem) => {
    const key = item.id.toLowerCase();
    if (done.has(key)) return;
    if (visiting.has(key)) throw graphError(request, 400, 'BadRequest', `The dependsOn chain of request '${item.id}' is circular.`);
    visiting.add(key);
    for (const dep of item.dependsOn) visit(byId.get(dep.toLowerCase())!);
    visiting.delete(key);
    done.add(key);
    ordered.push(item);
  };
  items.forEach(visit);
  return ordered;
}

function subRequestOf(parent: SandboxRequest, item: BatchItem): SubRequest {
  const inner = item.url.pathname.replace(/^\/v1\.0(?=\/|$)/i, '');
  // The batch's own credentials and client-request-id apply to every request inside it.
  const headers: IncomingHttpHeaders = { ...item.headers };
  for (const name of ['authorization', 'client-request-id']) {
    const value = parent.header(name);
    if (value !== undefined) headers[name] = value;
  }
  let rawBody = '';
  if (item.body !== undefined) rawBody = typeof item.body === 'string' ? item.body : JSON.stringify(item.body);
  return {
    parent,
    method: item.method,
    // A nested $batch or an escape from /graph/v1.0 simply finds no route (404 inside the batch).
    path: /(^|\/)\.\.?(\/|$)/.test(inner) || /\/\$batch\/?$/i.test(inner) ? '/graph/v1.0/$invalid' : `/graph/v1.0${inner}`,
    query: item.url.searchParams,
    headers,
    rawBody,
    traceId: hashGuid(parent.traceId, 'batch', item.id),
  };
}
