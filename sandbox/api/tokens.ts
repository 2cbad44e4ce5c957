/**
 * Access tokens: issuing (for the token endpoint) and checking (for Partner Center and Graph routes).
 * Token lifetimes use wall-clock time, not the sandbox clock, so advancing the sandbox clock by days does
 * not invalidate tokens that clients such as @azure/identity have cached by wall-clock expiry.
 */
import { GRAPH_APP_ID, GRAPH_RESOURCE, PARTNER_API_RESOURCE, PARTNER_CENTER_RESOURCE, SANDBOX_APP_DISPLAY_NAME, SANDBOX_CLIENT_ID } from '../world/constants';
import { hashGuid } from '../util/ids';
import { signJwt, verifyJwt, type JwtClaims } from '../util/jwt';
import type { SandboxWorld } from '../world/world';
import { graphError, graphErrorResponse, partnerCenterError } from '../http/errors';
import { HttpError, type SandboxRequest } from '../http/types';

const KEY_ID = 'sandbox-hs256';

export type TokenResource = typeof PARTNER_CENTER_RESOURCE | typeof GRAPH_RESOURCE | typeof PARTNER_API_RESOURCE;

export interface AccessTokenClaims {
  aud: string;
  iss: string;
  tid: string;
  appid: string;
  idtyp: 'app' | 'user';
  oid: string;
  iat: number;
  exp: number;
  upn?: string;
  scp?: string;
  roles?: string[];
}

const APP_ROLES: Record<TokenResource, string[]> = {
  [GRAPH_RESOURCE]: [
    'Organization.Read.All', 'Directory.Read.All', 'User.Read.All', 'LicenseAssignment.ReadWrite.All',
    'DelegatedAdminRelationship.ReadWrite.All', 'Mail.Send', 'GroupMember.Read.All', 'RoleManagement.Read.Directory',
  ],
  [PARTNER_CENTER_RESOURCE]: [],
  [PARTNER_API_RESOURCE]: [],
};
const USER_SCOPES: Record<TokenResource, string> = {
  [GRAPH_RESOURCE]: 'DelegatedAdminRelationship.ReadWrite.All Directory.Read.All LicenseAssignment.ReadWrite.All Mail.Send Organization.Read.All User.Read.All',
  [PARTNER_CENTER_RESOURCE]: 'user_impersonation',
  [PARTNER_API_RESOURCE]: 'user_impersonation',
};

export interface IssueTokenInput {
  resource: TokenResource;
  tenantId: string;
  /** Absent for app-only (client credentials) tokens. */
  user?: { objectId: string; userPrincipalName: string; displayName: string };
  /** Default: the world's `settings.tokenLifetimeSeconds`. 0 issues a token that is already expired. */
  lifetimeSeconds?: number;
}

export function issueAccessToken(world: SandboxWorld, request: SandboxRequest, input: IssueTokenInput): string {
  const issuedAt = Math.floor(Date.now() / 1000);
  const lifetime = input.lifetimeSeconds ?? world.settings.tokenLifetimeSeconds;
  const base = {
    aud: input.resource,
    iss: `${request.baseUrl}/login/${input.tenantId}/v2.0`,
    iat: issuedAt,
    nbf: issuedAt,
    exp: issuedAt + lifetime,
    tid: input.tenantId,
    appid: SANDBOX_CLIENT_ID,
    azp: SANDBOX_CLIENT_ID,
    app_displayname: SANDBOX_APP_DISPLAY_NAME,
    ver: '1.0',
    uti: request.traceId,
  };
  // A permission withdrawn through /_sandbox/permissions is left out of the tokens issued from then on.
  const granted = (names: readonly string[]) => names.filter((name) => !world.permissions.isWithdrawn(name));
  const claims = input.user
    ? { ...base, idtyp: 'user', oid: input.user.objectId, sub: input.user.objectId, upn: input.user.userPrincipalName, unique_name: input.user.userPrincipalName, name: input.user.displayName, scp: granted(USER_SCOPES[input.resource].split(' ')).join(' '), amr: ['pwd', 'mfa'] }
    : { ...base, idtyp: 'app', oid: servicePrincipalId(world, input.tenantId), sub: servicePrincipalId(world, input.tenantId), roles: granted(APP_ROLES[input.resource]) };
  return signJwt(claims, world.signingSecret, KEY_ID);
}

/** The app's service principal in a tenant (the `oid` of app-only tokens). */
export function servicePrincipalId(world: SandboxWorld, tenantId: string): string {
  return hashGuid(world.seed, 'servicePrincipal', tenantId.toLowerCase());
}

type TokenProblem = { ok: false; reason: string; expired?: boolean };
type TokenCheck = { ok: true; claims: AccessTokenClaims } | TokenProblem;

function checkBearer(world: SandboxWorld, request: SandboxRequest, resource: TokenResource): TokenCheck {
  const header = request.header('authorization');
  if (!header) return { ok: false, reason: 'Access token is empty.' };
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return { ok: false, reason: 'The Authorization header must use the Bearer scheme.' };
  const verified = verifyJwt(match[1], world.signingSecret);
  if (!verified.ok) return { ok: false, reason: verified.reason };
  const claims = verified.claims;
  const { aud, tid, appid, idtyp, oid, exp, iat, iss } = claims;
  if (typeof aud !== 'string' || typeof tid !== 'string' || typeof appid !== 'string' || typeof oid !== 'string' || typeof exp !== 'number' || typeof iat !== 'number' || typeof iss !== 'string' || (idtyp !== 'app' && idtyp !== 'user')) {
    return { ok: false, reason: 'IDX14100: JWT is not well formed.' };
  }
  const audiences = resource === GRAPH_RESOURCE ? [GRAPH_RESOURCE, `${GRAPH_RESOURCE}/`, GRAPH_APP_ID] : [resource, `${resource}/`];
  if (!audiences.includes(aud)) return { ok: false, reason: `Invalid audience '${aud}'; expected '${resource}'.` };
  if (exp * 1000 <= Date.now()) return { ok: false, reason: 'Lifetime validation failed, the token is expired.', expired: true };
  return {
    ok: true,
    claims: {
      aud, iss, tid, appid, idtyp, oid, iat, exp,
      upn: typeof claims.upn === 'string' ? claims.upn : undefined,
      scp: typeof claims.scp === 'string' ? claims.scp : undefined,
      roles: Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string') : undefined,
    },
  };
}

/** `WWW-Authenticate` as Entra-protected APIs send it with a 401. */
function challenge(reason: string, expired: boolean | undefined): Record<string, string> {
  const description = expired ? 'The access token expired' : reason.replace(/["\\]/g, "'");
  return { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"` };
}

/** Partner Center accepts tokens for its own audience issued in the partner tenant. */
export function requirePartnerCenterToken(world: SandboxWorld, request: SandboxRequest): AccessTokenClaims {
  return requirePartnerTenantToken(world, request, PARTNER_CENTER_RESOURCE);
}

/**
 * The Partner API (api.partner.microsoft.com) accepts tokens for its own audience issued in the partner tenant;
 * a Partner Center token is refused (401), as the real service refuses it. Errors use Partner Center's shape.
 */
export function requirePartnerApiToken(world: SandboxWorld, request: SandboxRequest): AccessTokenClaims {
  return requirePartnerTenantToken(world, request, PARTNER_API_RESOURCE);
}

/** A token for `resource` issued in the partner tenant; anything else is Partner Center's 401 (its `code` is UNCONFIRMED). */
function requirePartnerTenantToken(world: SandboxWorld, request: SandboxRequest, resource: typeof PARTNER_CENTER_RESOURCE | typeof PARTNER_API_RESOURCE): AccessTokenClaims {
  const check = checkBearer(world, request, resource);
  if (!check.ok) {
    const error = partnerCenterError(401, 401, `Authorization failed: ${check.reason}`);
    error.response.headers = challenge(check.reason, check.expired);
    throw error;
  }
  if (!world.isPartnerTenant(check.claims.tid)) {
    throw partnerCenterError(401, 401, `Authorization failed: the token was issued in tenant ${check.claims.tid}, which is not a Partner Center partner tenant.`);
  }
  return check.claims;
}

/** Graph: the token's `tid` decides which tenant is read; the app must still have access to it. */
export function requireGraphToken(world: SandboxWorld, request: SandboxRequest): AccessTokenClaims {
  const check = checkBearer(world, request, GRAPH_RESOURCE);
  if (!check.ok) {
    const response = graphErrorResponse(request, 401, 'InvalidAuthenticationToken', check.reason);
    response.headers = challenge(check.reason, check.expired);
    throw new HttpError(response);
  }
  const tenant = world.findTenant(check.claims.tid);
  if (!tenant || tenant.tenantId !== check.claims.tid) {
    throw graphError(request, 401, 'InvalidAuthenticationToken', `The tenant ${check.claims.tid} of the token does not exist.`);
  }
  if (!world.appHasAccessTo(tenant.tenantId)) {
    // Access was withdrawn (GDAP ended or terminated) after the token was issued.
    throw graphError(request, 403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.');
  }
  return check.claims;
}

/**
 * The claims of a correctly signed bearer token, expired or not (for throttling keys, which are counted
 * before the route checks the token). Null when there is no usable token.
 */
export function peekBearerClaims(world: SandboxWorld, request: SandboxRequest): JwtClaims | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.header('authorization') ?? '');
  if (!match) return null;
  const verified = verifyJwt(match[1], world.signingSecret);
  return verified.ok ? verified.claims : null;
}
