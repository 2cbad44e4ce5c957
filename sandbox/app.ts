/**
 * Wires the routes of every API area onto one router and turns node:http requests into SandboxRequests.
 * Every failure becomes a JSON error in the shape of the API the path belongs to; nothing a client sends
 * can crash the process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { registerAdminRoutes } from './api/admin';
import { registerGdapRoutes } from './api/graph/gdap';
import { registerLicensingRoutes } from './api/graph/licensing';
import { registerUserRoutes } from './api/graph/users';
import { registerIdentityRoutes } from './api/identity';
import { registerCatalogRoutes } from './api/partnerCenter/catalog';
import { registerCustomerRoutes } from './api/partnerCenter/customers';
import { registerOrderRoutes } from './api/partnerCenter/orders';
import { errorForArea } from './http/errors';
import { areaOfPath, Router } from './http/router';
import { HttpError, MalformedBodyError, type ApiArea, type SandboxRequest, type SandboxResponse } from './http/types';
import { hashGuid } from './util/ids';
import type { SandboxWorld } from './world/world';

const MAX_BODY_BYTES = 1024 * 1024;
const HOST_HEADER_PATTERN = /^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

export interface SandboxApp {
  handle(req: IncomingMessage, res: ServerResponse): void;
}

export function createSandboxApp(world: SandboxWorld, fallbackBaseUrl: () => string): SandboxApp {
  const router = new Router();
  registerIdentityRoutes(router, world);
  registerCustomerRoutes(router, world);
  registerCatalogRoutes(router, world);
  registerOrderRoutes(router, world);
  registerLicensingRoutes(router, world);
  registerUserRoutes(router, world);
  registerGdapRoutes(router, world);
  registerAdminRoutes(router, world);

  let requestCounter = 0;
  const nextTraceId = () => hashGuid(world.seed, 'trace', String((requestCounter += 1)));

  return {
    handle(req, res) {
      const traceId = nextTraceId();
      readBody(req)
        .then((body) => dispatch(router, req, body, traceId, fallbackBaseUrl()))
        .then(({ area, request, response }) => send(res, area, request, response))
        .catch((error: unknown) => {
          process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'sandbox request failed', traceId, error: String(error) })}\n`);
          if (!res.headersSent) {
            res.writeHead(500, { 'Content-Type': 'application/json; charset=utf-8' });
            res.end(JSON.stringify({ error: 'internal_error', message: 'The sandbox failed to answer.' }));
          } else {
            res.destroy();
          }
        });
    },
  };
}

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage): Promise<string | BodyTooLargeError> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? new BodyTooLargeError() : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function dispatch(router: Router, req: IncomingMessage, body: string | BodyTooLargeError, traceId: string, fallbackBaseUrl: string) {
  let url: URL;
  try {
    url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  } catch {
    url = new URL('http://sandbox.invalid/');
  }
  const method = (req.method ?? 'GET').toUpperCase();
  const match = router.match(method, url.pathname);
  const area: ApiArea = match.kind === 'found' ? match.area : areaOfPath(url.pathname);
  const host = req.headers.host;
  const request = buildRequest({
    area,
    method,
    path: url.pathname,
    query: url.searchParams,
    req,
    rawBody: typeof body === 'string' ? body : '',
    params: match.kind === 'found' ? match.params : {},
    traceId,
    baseUrl: host && HOST_HEADER_PATTERN.test(host) ? `http://${host}` : fallbackBaseUrl,
  });

  let response: SandboxResponse;
  if (body instanceof BodyTooLargeError) {
    response = errorForArea(area, request, 413, `The request body exceeds ${MAX_BODY_BYTES} bytes.`);
  } else if (match.kind === 'notFound') {
    response = errorForArea(area, request, 404, `No such resource: ${method} ${url.pathname.slice(0, 300)}`);
  } else if (match.kind === 'methodNotAllowed') {
    response = errorForArea(area, request, 405, `Method ${method} is not allowed here; use ${match.allowed.join(', ')}.`);
    response.headers = { Allow: match.allowed.join(', ') };
  } else {
    try {
      response = await match.handler(request);
    } catch (error) {
      if (error instanceof HttpError) response = error.response;
      else if (error instanceof MalformedBodyError) response = errorForArea(area, request, 400, error.message);
      else {
        process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'sandbox handler crashed', traceId, path: url.pathname, error: error instanceof Error ? error.stack : String(error) })}\n`);
        response = errorForArea(area, request, 500, 'The sandbox hit an internal error.');
      }
    }
  }
  return { area, request, response };
}

interface RequestParts {
  area: ApiArea;
  method: string;
  path: string;
  query: URLSearchParams;
  req: IncomingMessage;
  rawBody: string;
  params: Record<string, string>;
  traceId: string;
  baseUrl: string;
}

function buildRequest(parts: RequestParts): SandboxRequest {
  const { req, rawBody } = parts;
  const header = (name: string): string | undefined => {
    const value = req.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    area: parts.area,
    method: parts.method,
    path: parts.path,
    query: parts.query,
    headers: req.headers,
    params: parts.params,
    rawBody,
    remoteAddress: req.socket.remoteAddress,
    baseUrl: parts.baseUrl,
    traceId: parts.traceId,
    header,
    jsonBody() {
      if (rawBody.trim() === '') return undefined;
      try {
        return JSON.parse(rawBody) as unknown;
      } catch {
        throw new MalformedBodyError('The request body is not valid JSON.');
      }
    },
    formBody: () => new URLSearchParams(rawBody),
  };
}

function send(res: ServerResponse, area: ApiArea, request: SandboxRequest, response: SandboxResponse): void {
  const headers: Record<string, string> = { ...areaHeaders(area, request), ...(response.headers ?? {}) };
  if (response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(response.body);
  headers['Content-Type'] = 'application/json; charset=utf-8';
  headers['Content-Length'] = String(Buffer.byteLength(text));
  res.writeHead(response.status, headers);
  res.end(text);
}

/** Partner Center echoes MS-RequestId / MS-CorrelationId; Graph answers with request-id / client-request-id. */
function areaHeaders(area: ApiArea, request: SandboxRequest): Record<string, string> {
  const safe = (value: string | undefined) => (value && /^[\w.\-:]{1,128}$/.test(value) ? value : undefined);
  switch (area) {
    case 'partnerCenter':
      return {
        'MS-RequestId': safe(request.header('ms-requestid')) ?? request.traceId,
        'MS-CorrelationId': safe(request.header('ms-correlationid')) ?? request.traceId,
        'MS-CV': `${request.traceId.slice(0, 8)}.0`,
        'X-Locale': safe(request.header('x-locale')) ?? 'en-US',
      };
    case 'graph':
      return {
        'request-id': request.traceId,
        'client-request-id': safe(request.header('client-request-id')) ?? request.traceId,
        'OData-Version': '4.0',
      };
    case 'login':
      return {
        'x-ms-request-id': request.traceId,
        'client-request-id': safe(request.header('client-request-id')) ?? request.traceId,
        'Cache-Control': 'no-store, no-cache',
      };
    case 'admin':
      return { 'Cache-Control': 'no-store' };
  }
}
