/**
 * Builds every outbound adapter from one configuration, for the composition root. Production and the
 * local sandbox differ only in their base URLs (see `PRODUCTION_ENDPOINTS` and `sandboxEndpoints`).
 *
 * Identity: app-only tokens come from the OAuth client (client secret) or an @azure/identity credential
 * (`credentialFor`, see appIdentityFromEnvironment). App+User comes from the staff member's own identity
 * — `forUser(ssoToken)` exchanges their Teams SSO token on-behalf-of — or, for work without a user at
 * hand (sweeps), from the secure application model's refresh token. One HTTP helper and one rate
 * limiter are shared by everything built here, including the per-user services.
 */
import type { Logger } from '../move/ports';
import type { Role } from '../move/model';
import type { CustomerDirectory, TenantLookup } from '../move/ports';
import { CustomerGraphDirectory } from './graph/customerGraphDirectory';
import { CustomerLicensing } from './graph/customerLicensing';
import { GraphClientFactory } from './graph/graphClientFactory';
import { GraphMailer } from './graph/graphMailer';
import { PartnerStaffDirectory } from './graph/partnerStaffDirectory';
import { PartnerGraphDirectory } from './graph/partnerGraphDirectory';
import { OutboundHttp, type OutboundHttpOptions } from './http/outboundHttp';
import { RateLimiter, type RateLimiterOptions } from './http/rateLimiter';
import { AzureIdentityTokenProvider, type CredentialFactory } from './identity/azureIdentityTokenProvider';
import { OAuthClientTokenProvider } from './identity/oauthClientTokenProvider';
import { OnBehalfOfTokenProvider, type OnBehalfOfClient } from './identity/onBehalfOfTokenProvider';
import { MissingRefreshTokenError, type TokenMode, type TokenProvider, type TokenResource } from './identity/tokenProvider';
import { PartnerCenterClient } from './partnerCenter/partnerCenterClient';
import { partnerCenterLocale } from './partnerCenter/partnerCenterLocale';
import type { CatalogSegment } from './partnerCenter/partnerCenterTypes';
import { PRODUCTION_PARTNER_API_BASE_URL, PriceSheetClient } from './partnerCenter/priceSheetClient';
import { defaultPartnerApiBaseUrl } from './partnerCenter/priceSheetSettings';
import { OpenIdTenantLookup } from './tenantLookup';

export interface OutboundEndpoints {
  /** Identity platform root: `{loginBaseUrl}/{tenant}/oauth2/v2.0/token`. */
  loginBaseUrl: string;
  /** Partner Center root: `{partnerCenterBaseUrl}/v1/...`. */
  partnerCenterBaseUrl: string;
  /** Graph root: `{graphBaseUrl}v1.0/...`. */
  graphBaseUrl: string;
  /**
   * Partner API root (price sheets): `{partnerApiBaseUrl}/v1.0/sales/...` (PARTNER_PRICES_BASE_URL). When not set:
   * production's host if Partner Center is production's, else the Partner Center root (the sandbox serves both).
   */
  partnerApiBaseUrl?: string;
}

export const PRODUCTION_ENDPOINTS: OutboundEndpoints = {
  loginBaseUrl: 'https://login.microsoftonline.com',
  partnerCenterBaseUrl: 'https://api.partnercenter.microsoft.com',
  graphBaseUrl: 'https://graph.microsoft.com/',
  partnerApiBaseUrl: PRODUCTION_PARTNER_API_BASE_URL,
};

/** The local sandbox serves them all under one origin. */
export function sandboxEndpoints(origin = 'http://127.0.0.1:3979'): OutboundEndpoints {
  const root = origin.replace(/\/+$/, '');
  return { loginBaseUrl: `${root}/login`, partnerCenterBaseUrl: root, graphBaseUrl: `${root}/graph/`, partnerApiBaseUrl: root };
}

export interface OutboundServicesConfig {
  endpoints: OutboundEndpoints;
  /** The partner's Entra tenant id. */
  partnerTenantId: string;
  /** The partner's multi-tenant app registration (also registered in Partner Center). */
  clientId: string;
  /** Needed by the OAuth client (app tokens without `credentialFor`, and every App+User refresh). */
  clientSecret?: string;
  /** Secure application model refresh token (PARTNER_CENTER_REFRESH_TOKEN); App+User calls fail without it. */
  refreshToken?: string;
  onRefreshTokenRotated?: (refreshToken: string) => void;
  /** App-only tokens through @azure/identity (certificate, managed identity...) instead of the OAuth client. */
  credentialFor?: CredentialFactory;
  /**
   * The confidential client for the on-behalf-of exchange of Teams SSO tokens (appIdentityFromEnvironment
   * gives it). Default: the client id and secret, when the login endpoint is https; `null` turns SSO off.
   */
  onBehalfOf?: OnBehalfOfClient | null;
  /** Why on-behalf-of is unavailable, for the error a missing delegated identity raises. */
  onBehalfOfUnavailable?: string | null;
  /**
   * Client-side token buckets: `'default'` (DEFAULT_RATE_LIMITS), `'off'`, or limits per scope. When not
   * set: `'default'` against https endpoints, `'off'` against the http sandbox (not Microsoft's limits).
   */
  rateLimits?: 'default' | 'off' | RateLimiterOptions['limits'];
  /** The limiter's clock and sleep (wall clock by default, whatever `now` says). */
  rateLimiterClock?: Pick<RateLimiterOptions, 'now' | 'sleep'>;
  /** userObjectId → roles; wins over Graph. */
  roleOverrides?: Readonly<Record<string, readonly Role[]>>;
  roleCacheTtlMs?: number;
  /** Token used in customer tenants: `app` (consent) or `app+user` (GDAP). Default `app`. */
  customerGraphMode?: TokenMode;
  gdapRoleDefinitionIds?: readonly string[];
  /** GDAP_ACCESS_GROUP: the partner security group (object id or display name) given GDAP access. Default `AdminAgents`. */
  gdapAccessGroup?: string;
  /** Sender of app-only mail (MAIL_SENDER_MAILBOX). */
  mailSenderMailbox?: string;
  catalogSegment?: CatalogSegment;
  /** `Segment` kept from the price sheet (when it has the column); null keeps all. Default `Commercial`. */
  priceSheetSegment?: string | null;
  /**
   * The partner's language (DEFAULT_LOCALE: `ko`, `en`, or a tag like `ko-KR`): every Partner Center call carries it
   * as `X-Locale`, with its region (`ko` → `ko-KR`, `en` → `en-US`; partnerCenterLocale.ts). Default `en-US`.
   */
  locale?: string;
  http?: OutboundHttpOptions;
  now?: () => number;
  logger?: Logger;
}

/** The services that act as one staff member (App+User = their Teams SSO token, on-behalf-of). */
export interface UserScopedServices {
  tokens: TokenProvider;
  partnerCenter: PartnerCenterClient;
  partnerDirectory: PartnerGraphDirectory;
  customerLicensing: CustomerLicensing;
  mailer: GraphMailer;
}

export interface OutboundServices extends UserScopedServices {
  http: OutboundHttp;
  limiter: RateLimiter | undefined;
  customerDirectory: CustomerDirectory;
  /** Who holds each staff role in the partner tenant (app-only: names on cards, @mentions). */
  staffDirectory: PartnerStaffDirectory;
  tenantLookup: TenantLookup;
  /**
   * The partner's price sheet (App+User: the secure application model's refresh token here; a staff member's
   * own with `priceSheet.withTokens(forUser(ssoToken).tokens)`, which shares the cache).
   */
  priceSheet: PriceSheetClient;
  /** True when `forUser` can exchange SSO tokens. */
  canActAsUser: boolean;
  /** The same services acting as the staff member whose Teams SSO token this is. */
  forUser(ssoToken: string): UserScopedServices;
}

export function createOutboundServices(config: OutboundServicesConfig): OutboundServices {
  const limiter = createLimiter(config);
  const locale = config.locale === undefined ? undefined : partnerCenterLocale(config.locale);
  const http = new OutboundHttp({ logger: config.logger, limiter, ...config.http });
  const oauth = config.clientSecret
    ? new OAuthClientTokenProvider({
      loginBaseUrl: config.endpoints.loginBaseUrl,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      refreshToken: config.refreshToken,
      onRefreshTokenRotated: config.onRefreshTokenRotated,
      http,
      now: config.now,
    })
    : undefined;
  if (!oauth && !config.credentialFor) {
    throw new Error('Outbound services: configure a client secret or an @azure/identity credential for the app.');
  }
  if (config.refreshToken && !oauth) {
    throw new Error('Outbound services: the refresh token (PARTNER_CENTER_REFRESH_TOKEN) needs the client secret to be redeemed.');
  }
  const appTokens: TokenProvider = config.credentialFor
    ? new AzureIdentityTokenProvider({ credentialFor: config.credentialFor, appUser: oauth?.hasRefreshToken ? oauth : undefined, now: config.now })
    : (oauth as OAuthClientTokenProvider);

  const { client: oboClient, unavailable } = onBehalfOfClient(config);
  const obo = oboClient ? new OnBehalfOfTokenProvider({ client: oboClient, appOnly: appTokens, now: config.now }) : undefined;
  const tokens = new DelegatedHint(appTokens,
    obo ? 'Teams SSO is configured: make this call through forUser(ssoToken) to act as the staff member' : unavailable ?? undefined);

  const graph = new GraphClientFactory({ baseUrl: config.endpoints.graphBaseUrl, tokens, http, appId: config.clientId });
  const partnerCenter = new PartnerCenterClient({
    baseUrl: config.endpoints.partnerCenterBaseUrl, partnerTenantId: config.partnerTenantId, tokens, http, now: config.now,
    logger: config.logger, catalogSegment: config.catalogSegment, locale,
  });
  const scoped = (userTokens: TokenProvider, userGraph: GraphClientFactory, userPartnerCenter: PartnerCenterClient): UserScopedServices => ({
    tokens: userTokens,
    partnerCenter: userPartnerCenter,
    partnerDirectory: new PartnerGraphDirectory({
      graph: userGraph,
      partnerTenantId: config.partnerTenantId,
      roleOverrides: config.roleOverrides,
      roleCacheTtlMs: config.roleCacheTtlMs,
      gdapRoleDefinitionIds: config.gdapRoleDefinitionIds,
      gdapAccessGroup: config.gdapAccessGroup,
      now: config.now,
    }),
    customerLicensing: new CustomerLicensing({ graph: userGraph, mode: config.customerGraphMode }),
    mailer: new GraphMailer({ graph: userGraph, partnerTenantId: config.partnerTenantId, mailbox: config.mailSenderMailbox }),
  });

  const appScoped = scoped(tokens, graph, partnerCenter);
  return {
    ...appScoped,
    http,
    limiter,
    // Same Graph client factory and token mode (CUSTOMER_GRAPH_MODE) for the directory and its licence calls.
    customerDirectory: new CustomerGraphDirectory({ graph, mode: config.customerGraphMode, licensing: appScoped.customerLicensing }),
    staffDirectory: new PartnerStaffDirectory({ graph, partnerTenantId: config.partnerTenantId, roleOverrides: config.roleOverrides, now: config.now }),
    tenantLookup: new OpenIdTenantLookup({ loginBaseUrl: config.endpoints.loginBaseUrl, http }),
    priceSheet: new PriceSheetClient({
      baseUrl: config.endpoints.partnerApiBaseUrl ?? defaultPartnerApiBaseUrl(config.endpoints.partnerCenterBaseUrl),
      partnerTenantId: config.partnerTenantId, tokens, http, segment: config.priceSheetSegment, locale,
      now: config.now, logger: config.logger,
    }),
    canActAsUser: obo !== undefined,
    forUser(ssoToken: string): UserScopedServices {
      if (!obo) throw new MissingRefreshTokenError('partner-center', config.partnerTenantId, unavailable ?? 'on-behalf-of is not configured');
      const userTokens = obo.forUser(ssoToken);
      return scoped(userTokens, graph.withTokens(userTokens), partnerCenter.withTokens(userTokens));
    },
  };
}

function createLimiter(config: OutboundServicesConfig): RateLimiter | undefined {
  const setting = config.rateLimits ?? (config.endpoints.partnerCenterBaseUrl.startsWith('https:') ? 'default' : 'off');
  if (setting === 'off') return undefined;
  return new RateLimiter({ limits: setting === 'default' ? undefined : setting, ...config.rateLimiterClock });
}

/** The explicit client, or one from the client id and secret when the token service is https (MSAL's rule). */
function onBehalfOfClient(config: OutboundServicesConfig): { client: OnBehalfOfClient | null; unavailable: string | null } {
  if (config.onBehalfOf !== undefined) {
    return { client: config.onBehalfOf, unavailable: config.onBehalfOf ? null : config.onBehalfOfUnavailable ?? 'on-behalf-of is turned off' };
  }
  if (!config.clientSecret) {
    return { client: null, unavailable: config.onBehalfOfUnavailable ?? 'on-behalf-of needs AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH' };
  }
  if (!config.endpoints.loginBaseUrl.startsWith('https:')) {
    return { client: null, unavailable: `the token service ${config.endpoints.loginBaseUrl} is not https, which @azure/identity refuses` };
  }
  return { client: { clientId: config.clientId, clientSecret: config.clientSecret, authorityHost: config.endpoints.loginBaseUrl }, unavailable: null };
}

/** Adds why on-behalf-of did not apply to the "no delegated identity" error. */
class DelegatedHint implements TokenProvider {
  constructor(private readonly inner: TokenProvider, private readonly hint: string | undefined) {}

  async getToken(resource: TokenResource, tenantId: string, mode: TokenMode): Promise<string> {
    try {
      return await this.inner.getToken(resource, tenantId, mode);
    } catch (error) {
      if (error instanceof MissingRefreshTokenError && this.hint && !error.ssoUnavailable) {
        throw new MissingRefreshTokenError(error.resource, error.tenantId, this.hint);
      }
      throw error;
    }
  }

  invalidate(resource: TokenResource, tenantId: string, mode: TokenMode, token: string): void {
    this.inner.invalidate?.(resource, tenantId, mode, token);
  }
}
