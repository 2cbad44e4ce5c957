/** Wraps Partner Center handlers: token check, business faults → PartnerFD errors, request-id echo. */
import { partnerCenterError } from '../../http/errors';
import type { RouteHandler, SandboxRequest, SandboxResponse } from '../../http/types';
import { CommerceFault } from '../../world/commerce';
import type { SandboxWorld } from '../../world/world';
import { requirePartnerCenterToken, type AccessTokenClaims } from '../tokens';

export type PartnerCenterHandler = (request: SandboxRequest, token: AccessTokenClaims) => SandboxResponse;

export function partnerCenterRoute(world: SandboxWorld, handler: PartnerCenterHandler): RouteHandler {
  return (request) => {
    const token = requirePartnerCenterToken(world, request);
    try {
      return handler(request, token);
    } catch (error) {
      if (error instanceof CommerceFault) throw partnerCenterError(error.httpStatus, error.code, error.description, error.data);
      throw error;
    }
  };
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
