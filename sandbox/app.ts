/**
 * Wires the routes of every API area onto one router and turns node:http requests into SandboxRequests.
 * Every failure becomes a JSON error in the shape of the API the path belongs to; nothing a client sends
 * can crash the process.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { registerAdminRoutes } from './api/admin';
import { registerBotFrameworkAdminRoutes } from './api/adminBotFramework';
import { registerAdminControlRoutes } from './api/adminControls';
import { registerSkuCatalogRoute } from './api/adminSkuCatalog';
import { createBotFrameworkKeys, registerBotFrameworkRoutes } from './api/botFramework';
import { registerBatchRoute, type SubRequest } from './api/graph/batch';
import { registerGdapRoutes } from './api/graph/gdap';
import { registerGroupRoutes } from './api/graph/groups';
import { registerMemberRoutes } from './api/graph/members';
import { registerLicenseAssignmentRoutes } from './api/graph/licenseAssignment';
import { registerLicensingRoutes } from './api/graph/licensing';
import { registerMailRoutes } from './api/graph/mail';
import { registerUserRoutes } from './api/graph/users';
import { registerIdentityRoutes } from './api/identity';
import { registerAgreementRoutes } from './api/partnerCenter/agreements';
import { registerCatalogRoutes } from './api/partnerCenter/catalog';
import { registerCustomerRoutes } from './api/partnerCenter/customers';
import { registerOrderRoutes } from './api/partnerCenter/orders';
import { registerPriceSheetRoutes } from './api/partnerCenter/priceSheets';
import { registerTransferRoutes } from './api/partnerCenter/transfers';
import { registerWebhookRoutes } from './api/partnerCenter/webhooks';
import { createControls, type SandboxControls } from './control/controls';
import { errorForArea } from './http/errors';
import { createPipeline, type Pipeline } from './http/pipeline';
import { buildRequest } from './http/request';
import { areaOfPath, Router } from './http/router';
import type { ApiArea, SandboxRequest, SandboxResponse } from './http/types';
import { hashGuid } from './util/ids';
import type { SandboxWorld } from './world/world';

const MAX_BODY_BYTES = 1024 * 1024;
const HOST_HEADER_PATTERN = /^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

export interface SandboxApp {
  handle(req: IncomingMessage, res: ServerResponse): void;
  readonly controls: SandboxControls;
}

export function createSandboxApp(world: SandboxWorld, fallbackBaseUrl: () => string): SandboxApp {
  const router = new Router();
  const controls = createControls(world.seed);
  const pipeline = createPipeline(world, controls);
  // RSA keys are made once per app (about 0.2 s each) and survive `reset`.
  const botFrameworkKeys = createBotFrameworkKeys();
  registerIdentityRoutes(router, world, botFrameworkKeys);
  registerBotFrameworkRoutes(router, botFrameworkKeys);
  registerCustomerRoutes(router, world);
  registerAgreementRoutes(router, world);
  registerTransferRoutes(router, world);
  registerCatalogRoutes(router, world);
  registerOrderRoutes(router, world);
  registerPriceSheetRoutes(router, world);
  registerWebhookRoutes(router, world);
  registerBatchRoute(router, world, (sub) => runSubRequest(router, pipeline, sub));
  registerLicensingRoutes(router, world);
  registerLicenseAssignmentRoutes(router, world);
  registerMailRoutes(router, world);
  registerUserRoutes(router, world);
  registerGroupRoutes(router, world);
  registerMemberRoutes(router, world);
  registerGdapRoutes(router, world);
  registerAdminRoutes(router, world, controls);
  registerAdminControlRoutes(router, world, controls);
  registerSkuCatalogRoute(router);
  registerBotFrameworkAdminRoutes(router, botFrameworkKeys);

  let requestCounter = 0;
  const nextTraceId = () => hashGuid(world.seed, 'trace', String((requestCounter += 1)));

  return {
    controls,
    handle(req, res) {
      const traceId = nextTraceId();
      readBody(req)
        .then((body) => dispatch(router, pipeline, req, body, traceId, fallbackBaseUrl()))
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

/** A `$batch` sub-request goes through the same pipeline (faults, throttling, auth) as any other call. */
function runSubRequest(router: Router, pipeline: Pipeline, sub: SubRequest): Promise<SandboxResponse> {
  const match = router.match(sub.method, sub.path);
  const request = buildRequest({
    area: match.kind === 'found' ? match.area : areaOfPath(sub.path),
    method: sub.method,
    path: sub.path,
    query: sub.query,
    headers: sub.headers,
    remoteAddress: sub.parent.remoteAddress,
    rawBody: sub.rawBody,
    params: {},
    traceId: sub.traceId,
    baseUrl: sub.parent.baseUrl,
  });
  return pipeline.execute(request, match);
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

async function dispatch(router: Router, pipeline: Pipeline, req: IncomingMessage, body: string | BodyTooLargeError, traceId: string, fallbackBaseUrl: string) {
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
    headers: req.headers,
    remoteAddress: req.socket.remoteAddress,
    rawBody: typeof body === 'string' ? body : '',
    params: {},
    traceId,
    baseUrl: host && HOST_HEADER_PATTERN.test(host) ? `http://${host}` : fallbackBaseUrl,
  });
  const response = body instanceof BodyTooLargeError
    ? errorForArea(area, request, 413, `The request body exceeds ${MAX_BODY_BYTES} bytes.`)
    : await pipeline.execute(request, match);
  return { area, request, response };
}

function send(res: ServerResponse, area: ApiArea, request: SandboxRequest, response: SandboxResponse): void {
  // The caller may have given up during an injected delay.
  if (res.destroyed || res.writableEnded) return;
  const headers: Record<string, string> = { ...areaHeaders(area, request), ...(response.headers ?? {}) };
  if (response.bytes !== undefined) {
    headers['Content-Length'] = String(response.bytes.byteLength);
    res.writeHead(response.status, headers);
    res.end(Buffer.from(response.bytes.buffer, response.bytes.byteOffset, response.bytes.byteLength));
    return;
  }
  if (response.text !== undefined) {
    headers['Content-Length'] = String(Buffer.byteLength(response.text));
    res.writeHead(response.status, headers);
    res.end(response.text);
    return;
  }
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
    case 'botFramework':
      return {};
    case 'admin':
      return { 'Cache-Control': 'no-store' };
  }
}
