/**
 * Access tokens for the outbound clients. Two resources (Partner Center, Microsoft Graph), a tenant
 * (the partner's own, or a customer's) and a mode: app-only, or App+User — the staff member's own
 * identity (Teams SSO token exchanged on-behalf-of) or the secure application model's refresh token.
 * Partner Center calls such as the reseller invitation link accept nothing but App+User.
 */
import { StepError, type StepErrorJudgement } from '../../move/ports';
import { isTransientStatus } from '../stepJudgement';

/**
 * `partner-api` is the Partner API at api.partner.microsoft.com (price sheets, foreign exchange rates): a
 * resource of its own, whose tokens api.partnercenter.microsoft.com tokens do not replace (Learn "Referrals API
 * authentication" asks for `resource=https://api.partner.microsoft.com`; a Microsoft Q&A answer on a 401 from
 * `/v1.0/sales/fxrates` names requesting the Partner Center audience instead as the cause).
 */
export type TokenResource = 'partner-center' | 'graph' | 'partner-api';
export type TokenMode = 'app' | 'app+user';

export interface TokenProvider {
  /** A bearer token for `resource` in `tenantId`. Implementations cache until shortly before expiry. */
  getToken(resource: TokenResource, tenantId: string, mode: TokenMode): Promise<string>;
  /**
   * The service refused `token` as expired or invalid (HTTP 401): forget it, so the next getToken asks
   * the token service again. Only that token is dropped; a newer one already cached is kept.
   */
  invalidate?(resource: TokenResource, tenantId: string, mode: TokenMode, token: string): void;
}

export const RESOURCE_HOSTS: Record<TokenResource, string> = {
  'partner-center': 'https://api.partnercenter.microsoft.com',
  graph: 'https://graph.microsoft.com',
  'partner-api': 'https://api.partner.microsoft.com',
};

/**
 * The v2.0 scope for a resource and mode. App-only always asks for `/.default` (the app's granted
 * permissions). App+User Partner Center asks for `user_impersonation`, the scope the secure application
 * model's consent grants; App+User Graph and the Partner API ask for `/.default` (the delegated permissions
 * consented; public price-sheet clients ask `https://api.partner.microsoft.com/.default`).
 */
export function scopeFor(resource: TokenResource, mode: TokenMode): string {
  if (resource === 'partner-center' && mode === 'app+user') return `${RESOURCE_HOSTS[resource]}/user_impersonation`;
  return `${RESOURCE_HOSTS[resource]}/.default`;
}

/**
 * The token service refused, or could not be reached. Never carries a secret. Worth trying again when it
 * did not answer, throttled or failed (`temporarily_unavailable`); a refusal waits for a person (the fix says
 * what to do). The customer-tenant adapters make a refusal for lack of access block the move (see
 * `NO_TENANT_ACCESS_AADSTS`).
 */
export class TokenRequestError extends StepError {
  constructor(
    readonly resource: TokenResource,
    readonly tenantId: string,
    readonly mode: TokenMode,
    /** HTTP status of the token endpoint, or null when it never answered. */
    readonly httpStatus: number | null,
    /** OAuth `error` (e.g. `invalid_client`), when given. */
    readonly oauthError: string | null,
    /** First AADSTS code (e.g. `AADSTS700016`), when given. */
    readonly aadstsCode: string | null,
    /** The token service's own description, first line only. */
    readonly description: string,
    /** What to do about it. */
    readonly fix: string,
    /** Default: retryable when the token service did not answer, throttled or failed; never blocking. */
    judgement?: StepErrorJudgement,
  ) {
    super(`Getting a ${mode === 'app' ? 'app-only' : 'App+User'} ${resource} token for tenant ${tenantId} failed: `
      + `${description}${fix ? ` — ${fix}` : ''}`,
    judgement ?? { retryable: isTransientStatus(httpStatus) || oauthError === 'temporarily_unavailable' });
    this.name = 'TokenRequestError';
  }
}

/**
 * App+User was asked for but nothing is configured to get it. Two ways exist; the message names both:
 * the staff member's own identity (Teams SSO + on-behalf-of) and the secure application model's refresh
 * token. `ssoUnavailable` says why the first is not usable here, when it is configured but not for this call.
 */
export class MissingRefreshTokenError extends StepError {
  constructor(readonly resource: TokenResource, readonly tenantId: string, readonly ssoUnavailable?: string) {
    super(`An App+User ${resource} token is needed (tenant ${tenantId}) but no delegated identity is available. `
      + 'Either (1) act as the staff member: configure Teams SSO (webApplicationInfo in the app manifest, an OAuth '
      + 'connection on the Azure Bot, the bot setting SSO_CONNECTION_NAME) with AZURE_CLIENT_SECRET or '
      + 'AZURE_CLIENT_CERTIFICATE_PATH for the on-behalf-of exchange, and call the services through forUser(ssoToken)'
      + `${ssoUnavailable ? ` (${ssoUnavailable})` : ''}; or (2) set PARTNER_CENTER_REFRESH_TOKEN to the refresh token `
      + 'obtained through the secure application model (one interactive, MFA-backed consent by a partner user in '
      + 'AdminAgents; see Partner Center "Enable the secure application model framework").', { retryable: false });
    this.name = 'MissingRefreshTokenError';
  }
}

/** The name the error is exported under as well: it covers both delegated options now. */
export { MissingRefreshTokenError as MissingDelegatedIdentityError };

/**
 * AADSTS codes that, for a token in a customer's tenant, mean the partner's app has no access there (no
 * consent, no active GDAP relationship): the move waits for the customer (or for the inventory typed in).
 */
export const NO_TENANT_ACCESS_AADSTS: ReadonlySet<string> = new Set([
  'AADSTS700016', // application not found in the directory
  'AADSTS65001', // consent missing
  'AADSTS500011', // resource principal not found in the tenant
  'AADSTS50020', // user from another tenant without access
  'AADSTS7000112', // application disabled in the tenant
]);

/**
 * What to do about an AADSTS code. The wording is for the partner's staff or operator; unknown codes get
 * no fix and the service's description speaks for itself.
 */
export function fixForAadsts(code: string | null, mode: TokenMode): string {
  if (code !== null && NO_TENANT_ACCESS_AADSTS.has(code)) {
    return "no access to the customer's tenant: approve the GDAP request or grant consent to the app in that tenant";
  }
  switch (code) {
    case 'AADSTS7000215':
    case 'AADSTS7000222':
      return 'the client secret is wrong or expired: create a new one for the app registration and update the configuration';
    case 'AADSTS90002':
    case 'AADSTS900023':
      return 'no such tenant: check the tenant id or domain';
    case 'AADSTS70008':
    case 'AADSTS700082':
    case 'AADSTS50173':
      return 'the refresh token has expired or was revoked: repeat the secure application model consent and update PARTNER_CENTER_REFRESH_TOKEN';
    case 'AADSTS50076':
    case 'AADSTS50079':
      return 'multi-factor authentication is required: repeat the secure application model consent with MFA';
    case 'AADSTS70011':
      return 'the requested scope is not valid for this app: check the API permissions of the app registration';
    case 'AADSTS700024':
    case 'AADSTS50058':
      return mode === 'app+user' ? 'the signed-in session is not usable: repeat the secure application model consent' : '';
    default:
      return '';
  }
}

/** First `AADSTSnnnn` code in a description, e.g. "AADSTS700016: Application with identifier ...". */
export function aadstsCodeOf(description: string, errorCodes?: unknown): string | null {
  const match = /AADSTS\d+/.exec(description);
  if (match) return match[0];
  if (Array.isArray(errorCodes) && typeof errorCodes[0] === 'number') return `AADSTS${errorCodes[0]}`;
  return null;
}

/** First line of a token-service description, bounded: these can run to trace and correlation ids. */
export function shortDescription(description: string): string {
  const firstLine = description.split(/\r?\n/)[0]?.trim() ?? '';
  return firstLine.length > 300 ? `${firstLine.slice(0, 297)}...` : firstLine;
}
