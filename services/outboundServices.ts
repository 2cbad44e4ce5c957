/**
 * Builds every outbound adapter from one configuration, for the composition root. Production and the
 * local sandbox differ only in three base URLs (see `PRODUCTION_ENDPOINTS` and `sandboxEndpoints`).
 */
import type { Logger } from '../move/ports';
import type { Role } from '../move/model';
import type { CustomerDirectory, PartnerCenter, PartnerDirectory, TenantLookup } from '../move/ports';
import { CustomerGraphDirectory } from './graph/customerGraphDirectory';
import { GraphClientFactory } from './graph/graphClientFactory';
import { PartnerGraphDirectory } from './graph/partnerGraphDirectory';
import { OutboundHttp, type OutboundHttpOptions } from './http/outboundHttp';
import { AzureIdentityTokenProvider, type CredentialFactory } from './identity/azureIdentityTokenProvider';
import { OAuthClientTokenProvider } from './identity/oauthClientTokenProvider';
import type { TokenMode, TokenProvider } from './identity/tokenProvider';
import { PartnerCenterClient } from './partnerCenter/partnerCenterClient';
import { OpenIdTenantLookup } from './tenantLookup';

export interface OutboundEndpoints {
  /** Identity platform root: `{loginBaseUrl}/{tenant}/oauth2/v2.0/token`. */
  loginBaseUrl: string;
  /** Partner Center root: `{partnerCenterBaseUrl}/v1/...`. */
  partnerCenterBaseUrl: string;
  /** Graph root: `{graphBaseUrl}v1.0/...`. */
  graphBaseUrl: string;
}

export const PRODUCTION_ENDPOINTS: OutboundEndpoints = {
  loginBaseUrl: 'https://login.microsoftonline.com',
  partnerCenterBaseUrl: 'https://api.partnercenter.microsoft.com',
  graphBaseUrl: 'https://graph.microsoft.com/',
};

/** The local sandbox serves all three under one origin. */
export function sandboxEndpoints(origin = 'http://127.0.0.1:3979'): OutboundEndpoints {
  const root = origin.replace(/\/+$/, '');
  return { loginBaseUrl: `${root}/login`, partnerCenterBaseUrl: root, graphBaseUrl: `${root}/graph/` };
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
  /** userObjectId → roles; wins over Graph. */
  roleOverrides?: Readonly<Record<string, readonly Role[]>>;
  roleCacheTtlMs?: number;
  /** Token used in customer tenants: `app` (consent) or `app+user` (GDAP). Default `app`. */
  customerGraphMode?: TokenMode;
  gdapRoleDefinitionIds?: readonly string[];
  http?: OutboundHttpOptions;
  now?: () => number;
  logger?: Logger;
}

export interface OutboundServices {
  http: OutboundHttp;
  tokens: TokenProvider;
  partnerCenter: PartnerCenter;
  customerDirectory: CustomerDirectory;
  partnerDirectory: PartnerDirectory;
  tenantLookup: TenantLookup;
}

export function createOutboundServices(config: OutboundServicesConfig): OutboundServices {
  const http = new OutboundHttp({ logger: config.logger, ...config.http });
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
  const tokens: TokenProvider = config.credentialFor
    ? new AzureIdentityTokenProvider({ credentialFor: config.credentialFor, appUser: oauth?.hasRefreshToken ? oauth : undefined, now: config.now })
    : (oauth as OAuthClientTokenProvider);
  const graph = new GraphClientFactory({ baseUrl: config.endpoints.graphBaseUrl, tokens, http });
  return {
    http,
    tokens,
    partnerCenter: new PartnerCenterClient({
      baseUrl: config.endpoints.partnerCenterBaseUrl, partnerTenantId: config.partnerTenantId, tokens, http, now: config.now, logger: config.logger,
    }),
    customerDirectory: new CustomerGraphDirectory({ graph, mode: config.customerGraphMode }),
    partnerDirectory: new PartnerGraphDirectory({
      graph,
      partnerTenantId: config.partnerTenantId,
      roleOverrides: config.roleOverrides,
      roleCacheTtlMs: config.roleCacheTtlMs,
      gdapRoleDefinitionIds: config.gdapRoleDefinitionIds,
      now: config.now,
    }),
    tenantLookup: new OpenIdTenantLookup({ loginBaseUrl: config.endpoints.loginBaseUrl, http }),
  };
}
