/**
 * App+User tokens as the staff member: the Teams SSO token the bot obtains for the user (audience
 * `api://botid-{app id}`, see webApplicationInfo in the manifest) is exchanged on-behalf-of for a Partner
 * Center (`user_impersonation`) or Graph (`.default`) token with @azure/identity's `OnBehalfOfCredential`.
 *
 *   const tokens = obo.forUser(ssoToken);   // app → the app-only provider; app+user → on-behalf-of
 *
 * The SSO token itself is the user's; it never leaves this module except to the token service, and is
 * never logged. Per-user state (credentials and their tokens) is kept in a bounded LRU keyed by a SHA-256
 * of the assertion, so consecutive turns of the same user reuse the exchanged tokens.
 */
import { createHash } from 'node:crypto';
import { OnBehalfOfCredential, type TokenCredential } from '@azure/identity';
import { AccessTokenCache } from './accessTokenCache';
import { toTokenRequestError, type IdentityHttpClient } from './azureIdentityTokenProvider';
import { certificateAssertion } from './certificateAssertion';
import { assertSafeTenantSegment } from './tenantSegment';
import {
  TokenRequestError, scopeFor, type TokenMode, type TokenProvider, type TokenResource,
} from './tokenProvider';

/** The confidential client doing the exchange: the app registration named in webApplicationInfo. */
export interface OnBehalfOfClient {
  clientId: string;
  clientSecret?: string;
  /** PEM with the certificate and its private key. */
  certificatePath?: string;
  certificatePassword?: string;
  authorityHost?: string;
  disableInstanceDiscovery?: boolean;
  httpClient?: IdentityHttpClient;
}

export interface OnBehalfOfTokenProviderOptions {
  client: OnBehalfOfClient;
  /** Serves `app` mode for the per-user providers. */
  appOnly: TokenProvider;
  /** Epoch milliseconds. */
  now?: () => number;
  refreshBeforeMs?: number;
  /** Users whose exchanged tokens are kept. Default 200. */
  maxUsers?: number;
  /** Builds the credential; injected by tests. Default: OnBehalfOfCredential. */
  credentialFactory?: (tenantId: string, userAssertion: string, client: OnBehalfOfClient) => TokenCredential;
}

interface UserState {
  cache: AccessTokenCache;
  credentials: Map<string, TokenCredential>;
  assertion: string;
}

export class OnBehalfOfTokenProvider {
  private readonly users = new Map<string, UserState>();
  private readonly now: () => number;
  private readonly maxUsers: number;

  constructor(private readonly options: OnBehalfOfTokenProviderOptions) {
    const { client } = options;
    if (!client.clientId) throw new Error('OnBehalfOfTokenProvider: clientId is required.');
    if (!client.clientSecret && !client.certificatePath) {
      throw new Error('OnBehalfOfTokenProvider: the on-behalf-of exchange needs AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH.');
    }
    this.now = options.now ?? Date.now;
    this.maxUsers = Math.max(1, options.maxUsers ?? 200);
  }

  /**
   * A TokenProvider acting as the user whose Teams SSO token this is: `app+user` tokens are exchanged
   * on-behalf-of (in any tenant the user can reach: the partner's, or a customer's through GDAP),
   * `app` tokens come from the app-only provider.
   */
  forUser(userAssertion: string): TokenProvider {
    const assertion = userAssertion.trim();
    if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(assertion)) {
      throw new Error('forUser: the SSO token is not a JWT (expected the token the bot got from its OAuth connection).');
    }
    const state = this.stateFor(assertion);
    const appOnly = this.options.appOnly;
    return {
      getToken: async (resource: TokenResource, tenantId: string, mode: TokenMode): Promise<string> => {
        if (mode === 'app') return appOnly.getToken(resource, tenantId, mode);
        assertSafeTenantSegment(tenantId);
        return state.cache.get(resource, tenantId, mode, async () => {
          let token;
          try {
            token = await this.credential(state, tenantId).getToken(scopeFor(resource, mode));
          } catch (error) {
            throw withOnBehalfOfFix(toTokenRequestError(error, resource, tenantId, mode));
          }
          if (!token) {
            throw new TokenRequestError(resource, tenantId, mode, null, null, null, 'the on-behalf-of exchange returned no token', '');
          }
          return { token: token.token, expiresAt: token.expiresOnTimestamp };
        });
      },
      invalidate: (resource: TokenResource, tenantId: string, mode: TokenMode, token: string): void => {
        if (mode === 'app') {
          appOnly.invalidate?.(resource, tenantId, mode, token);
        } else if (state.cache.drop(resource, tenantId, mode, token)) {
          // The credential's MSAL cache would return the refused token again.
          state.credentials.delete(tenantId.toLowerCase());
        }
      },
    };
  }

  private stateFor(assertion: string): UserState {
    const key = createHash('sha256').update(assertion).digest('hex');
    let state = this.users.get(key);
    if (state) {
      this.users.delete(key); // re-inserted below: most recently used last
    } else {
      state = { cache: new AccessTokenCache(this.now, this.options.refreshBeforeMs), credentials: new Map(), assertion };
    }
    this.users.set(key, state);
    while (this.users.size > this.maxUsers) {
      const oldest = this.users.keys().next().value as string;
      this.users.delete(oldest);
    }
    return state;
  }

  private credential(state: UserState, tenantId: string): TokenCredential {
    const key = tenantId.toLowerCase();
    let credential = state.credentials.get(key);
    if (!credential) {
      credential = (this.options.credentialFactory ?? onBehalfOfCredential)(tenantId, state.assertion, this.options.client);
      state.credentials.set(key, credential);
    }
    return credential;
  }
}

/** The real credential: secret, plain PEM certificate, or (encrypted PEM) a signed client assertion. */
export function onBehalfOfCredential(tenantId: string, userAssertionToken: string, client: OnBehalfOfClient): TokenCredential {
  const common = {
    tenantId, clientId: client.clientId, userAssertionToken,
    authorityHost: client.authorityHost, disableInstanceDiscovery: client.disableInstanceDiscovery, httpClient: client.httpClient,
  };
  if (client.clientSecret) return new OnBehalfOfCredential({ ...common, clientSecret: client.clientSecret });
  if (client.certificatePath && !client.certificatePassword) {
    return new OnBehalfOfCredential({ ...common, certificatePath: client.certificatePath });
  }
  return new OnBehalfOfCredential({
    ...common,
    getAssertion: certificateAssertion({
      clientId: client.clientId, tenantId, certificatePath: client.certificatePath as string,
      certificatePassword: client.certificatePassword, authorityHost: client.authorityHost,
    }),
  });
}

/** The on-behalf-of failures have their own fixes; anything else keeps the generic one. */
export function fixForOnBehalfOf(code: string | null): string {
  switch (code) {
    case 'AADSTS500133':
      return 'the Teams SSO token has expired: get a fresh one from the bot\'s OAuth connection (each turn) and try again';
    case 'AADSTS50013':
    case 'AADSTS50027':
      return 'the Teams SSO token was not issued for this app: webApplicationInfo.id in the manifest and the OAuth '
        + 'connection\'s token exchange URL (api://botid-{id}) must name the app in AZURE_CLIENT_ID';
    case 'AADSTS65001':
      return 'the app\'s delegated permissions are not consented: an administrator must grant admin consent for '
        + 'Microsoft Partner Center user_impersonation and the Microsoft Graph delegated permissions';
    case 'AADSTS50076':
    case 'AADSTS50079':
      return 'multi-factor authentication is required: the staff member must sign in to Teams with MFA';
    case 'AADSTS50020':
      return 'the staff member has no access to that tenant: the customer must approve the GDAP relationship first';
    default:
      return '';
  }
}

function withOnBehalfOfFix(error: Error): Error {
  if (!(error instanceof TokenRequestError)) return error;
  const fix = fixForOnBehalfOf(error.aadstsCode);
  if (!fix) return error;
  return new TokenRequestError(error.resource, error.tenantId, error.mode, error.httpStatus, error.oauthError,
    error.aadstsCode, error.description, fix);
}
