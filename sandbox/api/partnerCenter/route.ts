/**
 * Wraps Partner Center handlers: token check, business faults → PartnerFD errors, and idempotency of POSTs by
 * `MS-RequestId` (learn.microsoft.com/partner-center/developer/headers: "If there's a timeout, the retry call should include the same value"):
 * a successful POST is stored under partner + method + path (which names the customer) + MS-RequestId, and a
 * repeat answers with the stored result without doing anything again. Failures are not stored (the doc tells
 * callers to use a new id after a business failure), so a repeat after a failure runs again.
 */
import { partnerCenterError } from '../../http/errors';
import type { RouteHandler, SandboxRequest, SandboxResponse } from '../../http/types';
import { CommerceFault } from '../../world/commerce';
import type { SandboxWorld } from '../../world/world';
import { requirePartnerCenterToken, type AccessTokenClaims } from '../tokens';

export type PartnerCenterHandler = (request: SandboxRequest, token: AccessTokenClaims) => SandboxResponse;

const MAX_STORED_RESULTS = 10_000;
const REQUEST_ID = /^[\w.\-:{}]{1,128}$/;

export function partnerCenterRoute(world: SandboxWorld, handler: PartnerCenterHandler): RouteHandler {
  return (request) => {
    const token = requirePartnerCenterToken(world, request);
    const key = idempotencyKey(request, token);
    const stored = key ? world.state.idempotentResults.get(key) : undefined;
    if (stored) return { status: stored.status, body: stored.body, headers: stored.headers ? { ...stored.headers } : undefined };
    let response: SandboxResponse;
    try {
      response = handler(request, token);
    } catch (error) {
      if (error instanceof CommerceFault) throw partnerCenterError(error.httpStatus, error.code, error.description, error.data);
      throw error;
    }
    if (key && response.status >= 200 && response.status < 300) remember(world, key, response);
    return response;
  };
}

function idempotencyKey(request: SandboxRequest, token: AccessTokenClaims): string | undefined {
  if (request.method !== 'POST') return undefined;
  const requestId = request.header('ms-requestid')?.trim();
  if (!requestId || !REQUEST_ID.test(requestId)) return undefined;
  return `${token.tid.toLowerCase()}|POST ${request.path.toLowerCase().replace(/\/+$/, '')}|${requestId.toLowerCase()}`;
}

function remember(world: SandboxWorld, key: string, response: SandboxResponse): void {
  const results = world.state.idempotentResults;
  // The body is stored as JSON text and parsed back, so later changes to the world never alter a replay.
  results.set(key, {
    status: response.status,
    body: response.body === undefined ? undefined : JSON.parse(JSON.stringify(response.body)),
    headers: response.headers ? { ...response.headers } : undefined,
  });
  if (results.size > MAX_STORED_RESULTS) results.delete(results.keys().next().value as string);
}

/** App+User (delegated) only operations refuse app-only tokens. Code and wording are the sandbox's (UNCONFIRMED). */
export function requireAppPlusUser(token: AccessTokenClaims, operation: string): void {
  if (token.idtyp !== 'user') {
    throw partnerCenterError(403, 403, `${operation} requires App+User authentication; app-only tokens are not supported for this operation.`);
  }
}

/** `country` query parameter: required, two letters, and in the partner's CSP region (else 2030). */
export function requireSellableCountry(world: SandboxWorld, request: SandboxRequest): string {
  const country = request.query.get('country');
  if (!country) throw partnerCenterError(400, 400, 'The country parameter is required.');
  if (!/^[A-Za-z]{2}$/.test(country)) throw partnerCenterError(400, 400, `The country '${country.slice(0, 20)}' is not a valid ISO 3166 two-letter code.`);
  const upper = country.toUpperCase();
  if (!world.partnerSellableCountries.includes(upper)) throw partnerCenterError(403, 2030, 'Partner is not onboarded to sell in country');
  return upper;
}
