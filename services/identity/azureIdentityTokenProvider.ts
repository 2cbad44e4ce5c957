/**
 * App-only tokens through any `@azure/identity` credential (client secret, certificate, managed identity,
 * workload identity...), one credential per tenant from a factory. App+User tokens (the secure application
 * model's refresh token) are not something `@azure/identity` offers, so they are delegated to another
 * TokenProvider — normally an OAuthClientTokenProvider configured with the refresh token.
 */
import {
  AuthenticationError, ClientCertificateCredential, ClientSecretCredential, CredentialUnavailableError,
  ManagedIdentityCredential, type ClientSecretCredentialOptions, type TokenCredential,
} from '@azure/identity';
import { AccessTokenCache } from './accessTokenCache';
import {
  MissingRefreshTokenError, TokenRequestError, aadstsCodeOf, fixForAadsts, scopeFor, shortDescription,
  type TokenMode, type TokenProvider, type TokenResource,
} from './tokenProvider';
import { assertSafeTenantSegment } from './tenantSegment';

/** Builds the credential used for app-only tokens in one tenant (the partner's or a customer's). */
export type CredentialFactory = (tenantId: string) => TokenCredential;

export interface AzureIdentityTokenProviderOptions {
  credentialFor: CredentialFactory;
  /** Serves `app+user`; without it an App+User request fails with what to configure. */
  appUser?: TokenProvider;
  /** Epoch milliseconds. */
  now?: () => number;
  refreshBeforeMs?: number;
}

export class AzureIdentityTokenProvider implements TokenProvider {
  private readonly credentials = new Map<string, TokenCredential>();
  private readonly cache: AccessTokenCache;

  constructor(private readonly options: AzureIdentityTokenProviderOptions) {
    this.cache = new AccessTokenCache(options.now ?? Date.now, options.refreshBeforeMs);
  }

  async getToken(resource: TokenResource, tenantId: string, mode: TokenMode): Promise<string> {
    assertSafeTenantSegment(tenantId);
    if (mode === 'app+user') {
      if (!this.options.appUser) throw new MissingRefreshTokenError(resource, tenantId);
      return this.options.appUser.getToken(resource, tenantId, mode);
    }
    return this.cache.get(resource, tenantId, mode, async () => {
      const scope = scopeFor(resource, mode);
      let token;
      try {
        token = await this.credential(tenantId).getToken(scope);
      } catch (error) {
        throw toTokenRequestError(error, resource, tenantId, mode);
      }
      if (!token) {
        throw new TokenRequestError(resource, tenantId, mode, null, null, null, 'the credential returned no token', '');
      }
      return { token: token.token, expiresAt: token.expiresOnTimestamp };
    });
  }

  /**
   * Drops the token and the tenant's credential: an @azure/identity credential keeps its own MSAL cache,
   * which would hand the refused token back; a new credential asks the token service again.
   */
  invalidate(resource: TokenResource, tenantId: string, mode: TokenMode, token: string): void {
    if (mode === 'app+user') {
      this.options.appUser?.invalidate?.(resource, tenantId, mode, token);
      return;
    }
    if (this.cache.drop(resource, tenantId, mode, token)) this.credentials.delete(tenantId.toLowerCase());
  }

  private credential(tenantId: string): TokenCredential {
    const key = tenantId.toLowerCase();
    let credential = this.credentials.get(key);
    if (!credential) {
      credential = this.options.credentialFor(tenantId);
      this.credentials.set(key, credential);
    }
    return credential;
  }
}

export function toTokenRequestError(error: unknown, resource: TokenResource, tenantId: string, mode: TokenMode): Error {
  if (error instanceof AuthenticationError) {
    const description = shortDescription(error.errorResponse.errorDescription || error.message);
    const code = aadstsCodeOf(description, error.errorResponse.errorCodes);
    return new TokenRequestError(resource, tenantId, mode, error.statusCode, error.errorResponse.error || null, code,
      description, fixForAadsts(code, mode));
  }
  if (error instanceof CredentialUnavailableError || error instanceof Error) {
    const description = shortDescription(error.message);
    const code = aadstsCodeOf(description);
    return new TokenRequestError(resource, tenantId, mode, null, null, code, description, fixForAadsts(code, mode));
  }
  return new TokenRequestError(resource, tenantId, mode, null, null, null, String(error), '');
}

/** The transport an @azure/identity credential sends through (`CommonClientOptions.httpClient`). */
export type IdentityHttpClient = NonNullable<ClientSecretCredentialOptions['httpClient']>;

/** Options shared by the credential factories below. */
export interface CredentialFactoryOptions {
  clientId: string;
  /** `https://login.microsoftonline.com` unless another cloud; @azure/identity (MSAL) requires https. */
  authorityHost?: string;
  /** Skip MSAL's instance discovery (needed for an authority MSAL does not know, e.g. a local stand-in). */
  disableInstanceDiscovery?: boolean;
  /** Replaces the credential's HTTP transport (tests; proxies). */
  httpClient?: IdentityHttpClient;
}

function commonOptions(options: CredentialFactoryOptions) {
  return {
    authorityHost: options.authorityHost,
    disableInstanceDiscovery: options.disableInstanceDiscovery,
    httpClient: options.httpClient,
  };
}

export function clientSecretCredentials(options: CredentialFactoryOptions & { clientSecret: string }): CredentialFactory {
  return (tenantId) => new ClientSecretCredential(tenantId, options.clientId, options.clientSecret, commonOptions(options));
}

export function clientCertificateCredentials(
  options: CredentialFactoryOptions & { certificatePath: string; certificatePassword?: string },
): CredentialFactory {
  return (tenantId) => new ClientCertificateCredential(tenantId, options.clientId,
    { certificatePath: options.certificatePath, certificatePassword: options.certificatePassword || undefined },
    commonOptions(options));
}

/**
 * A managed identity can only get tokens in its own tenant: customer tenants need a federated credential
 * on the app registration instead (not covered here), so this factory refuses other tenants.
 */
export function managedIdentityCredentials(options: { homeTenantId: string; clientId?: string }): CredentialFactory {
  return (tenantId) => {
    if (tenantId.toLowerCase() !== options.homeTenantId.toLowerCase()) {
      throw new Error(`A managed identity cannot get tokens for tenant ${tenantId}; `
        + 'use a client secret or certificate credential for customer tenants.');
    }
    return options.clientId ? new ManagedIdentityCredential({ clientId: options.clientId }) : new ManagedIdentityCredential();
  };
}
