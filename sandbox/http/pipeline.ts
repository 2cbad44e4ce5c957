/**
 * What happens to every API request, whether it came over HTTP or inside a Graph `$batch`:
 * 0. it is counted by METHOD + route pattern (`GET /_sandbox/stats`) and its headers are kept (`GET /_sandbox/requests`);
 * 1. an injected fault with phase `before` (delay, then error — or only delay, then carry on);
 * 2. rate limits per throttling key (429 + `Retry-After`);
 * 3. the route's handler (token checks, business rules);
 * 4. an injected fault with phase `after`: the request has been carried out, the caller still sees the fault.
 * Admin routes (`/_sandbox`) skip steps 0, 1, 2 and 4.
 */
import type { SandboxControls } from '../control/controls';
import type { Fault } from '../control/faults';
import type { ThrottleBucket } from '../control/throttle';
import { peekBearerClaims } from '../api/tokens';
import type { SandboxWorld } from '../world/world';
import { errorForArea, serviceErrorFor } from './errors';
import type { RouteMatch } from './router';
import { withParams } from './request';
import { HttpError, MalformedBodyError, type ApiArea, type SandboxRequest, type SandboxResponse } from './types';

export interface Pipeline {
  /** Never throws: every failure becomes a response in the shape of the request's API. */
  execute(request: SandboxRequest, match: RouteMatch): Promise<SandboxResponse>;
}

export function createPipeline(world: SandboxWorld, controls: SandboxControls): Pipeline {
  return {
    async execute(request, match) {
      const area: ApiArea = match.kind === 'found' ? match.area : request.area;
      if (area === 'admin') return runRoute(request, match);
      controls.stats.record(request.method, match.kind === 'found' ? match.pattern : null);
      controls.requests.record(request, match.kind === 'found' ? match.pattern : null);

      const fault = controls.faults.pick(request.method, request.path);
      if (fault && fault.phase === 'before') {
        await controls.sleep(fault.delayMs);
        if (fault.status !== null) return faultResponse(area, request, fault);
      }
      if (match.kind === 'found') {
        const admission = controls.throttle.admit(throttleBuckets(world, request, area));
        if (!admission.ok) return throttledResponse(world, area, request, admission.retryAfterSeconds, admission.bucket);
      }
      const response = await runRoute(request, match);
      if (fault && fault.phase === 'after') {
        await controls.sleep(fault.delayMs);
        if (fault.status !== null) return faultResponse(area, request, fault);
      }
      return response;
    },
  };
}

async function runRoute(request: SandboxRequest, match: RouteMatch): Promise<SandboxResponse> {
  if (match.kind === 'notFound') {
    return errorForArea(request.area, request, 404, `No such resource: ${request.method} ${request.path.slice(0, 300)}`);
  }
  if (match.kind === 'methodNotAllowed') {
    const response = errorForArea(request.area, request, 405, `Method ${request.method} is not allowed here; use ${match.allowed.join(', ')}.`);
    return { ...response, headers: { Allow: match.allowed.join(', ') } };
  }
  const routed = withParams(request, match.area, match.params);
  try {
    return await match.handler(routed);
  } catch (error) {
    if (error instanceof HttpError) return error.response;
    if (error instanceof MalformedBodyError) return errorForArea(match.area, routed, 400, error.message);
    process.stderr.write(`${JSON.stringify({ level: 'error', msg: 'sandbox handler crashed', traceId: request.traceId, path: request.path, error: error instanceof Error ? error.stack : String(error) })}\n`);
    return errorForArea(match.area, routed, 500, 'The sandbox hit an internal error.');
  }
}

function faultResponse(area: ApiArea, request: SandboxRequest, fault: Fault): SandboxResponse {
  const status = fault.status ?? 503;
  const base = fault.body !== null ? { status, body: fault.body } : serviceErrorFor(area, request, status, fault.retryAfterSeconds);
  const headers: Record<string, string> = { ...(base.headers ?? {}), 'x-sandbox-fault': fault.id };
  if (fault.retryAfterSeconds !== null) headers['Retry-After'] = String(fault.retryAfterSeconds);
  return { status, body: base.body, headers };
}

function throttledResponse(world: SandboxWorld, area: ApiArea, request: SandboxRequest, retryAfterSeconds: number, bucket: ThrottleBucket): SandboxResponse {
  const base = serviceErrorFor(area, request, 429, retryAfterSeconds);
  const headers: Record<string, string> = { 'Retry-After': String(retryAfterSeconds) };
  if (area === 'graph') {
    // Graph's throttling headers: `<Scope>/<Limit>/<AppId>/<TenantId>` and the reason.
    const claims = peekBearerClaims(world, request);
    headers['x-ms-throttle-scope'] = `Application/ResourceUnit/${bucket.id}/${typeof claims?.tid === 'string' ? claims.tid : ''}`;
    headers['x-ms-throttle-information'] = 'ResourceUnitLimitExceeded';
  }
  return { ...base, headers };
}

const CUSTOMER_PATH = /^\/v1\/customers\/([^/]+)(?:\/|$)/i;

/** The throttling buckets a request counts against (none without a correctly signed token). */
function throttleBuckets(world: SandboxWorld, request: SandboxRequest, area: ApiArea): ThrottleBucket[] {
  if (area !== 'partnerCenter' && area !== 'graph') return [];
  const claims = peekBearerClaims(world, request);
  if (!claims) return [];
  if (area === 'graph') {
    // The $batch envelope is not counted; each of its requests is.
    if (/\/\$batch\/?$/i.test(request.path) || typeof claims.appid !== 'string') return [];
    return [{ key: 'graph-app', id: claims.appid.toLowerCase() }];
  }
  if (typeof claims.tid !== 'string') return [];
  const partner = claims.tid.toLowerCase();
  const buckets: ThrottleBucket[] = [{ key: 'partner', id: partner }];
  const customer = CUSTOMER_PATH.exec(request.path)?.[1];
  if (customer && customer.toLowerCase() !== 'relationshiprequests') {
    buckets.push({ key: 'partner-customer', id: `${partner}|${safeDecode(customer).toLowerCase()}` });
  }
  return buckets;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
