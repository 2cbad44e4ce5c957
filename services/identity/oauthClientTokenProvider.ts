/**
 * A plain OAuth 2.0 client of the Microsoft identity platform v2.0 token endpoint
 * (`{loginBaseUrl}/{tenant}/oauth2/v2.0/token`):
 * - app-only: `client_credentials` with the client id and secret, scope `{resource}/.default`;
 * - App+User: `refresh_token` with the secure application model's refresh token, scope
 *   `https://api.partnercenter.microsoft.com/user_impersonation` (Graph: `https://graph.microsoft.com/.default`).
 * The login base URL is configurable so the local sandbox (`http://127.0.0.1:3979/login`) can stand in.
 */
import { z } from 'zod';
import { OutboundHttpError, type OutboundHttp } from '../http/outboundHttp';
import { AccessTokenCache, type CachedToken } from './accessTokenCache';
import {
  MissingRefreshTokenError, TokenRequestError, aadstsCodeOf, fixForAadsts, scopeFor, shortDescription,
  type TokenMode, type TokenProvider, type TokenResource,
} from './tokenProvider';
import { assertSafeTenantSegment } from './tenantSegment';

export interface OAuthClientTokenProviderOptions {
  /** `https://login.microsoftonline.com` in production; `http://127.0.0.1:3979/login` locally. */
  loginBaseUrl: string;
  /** The partner's multi-tenant app registration. */
  clientId: string;
  clientSecret: string;
  /** Secure application model refresh token (PARTNER_CENTER_REFRESH_TOKEN); needed only for App+User. */
  refreshToken?: string;
  /** Told when the token service rotates the refresh token, so it can be persisted (e.g. Key Vault). */
  onRefreshTokenRotated?: (refreshToken: string) => void;
  http: OutboundHttp;
  /** Epoch milliseconds. */
  now?: () => number;
  /** Renew a cached token this long before it expires. Default 5 minutes. */
  refreshBeforeMs?: number;
}

const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  // v2.0 sends a number; the old v1 endpoint sent a string.
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]),
  refresh_token: z.string().optional(),
});

const tokenErrorSchema = z.object({
  error: z.string().optional(),
  error_description: z.string().optional(),
  error_codes: z.array(z.number()).optional(),
});

export class OAuthClientTokenProvider implements TokenProvider {
  private readonly cache: AccessTokenCache;
  private readonly now: () => number;
  private readonly loginBaseUrl: string;
  /** The newest refresh token seen; the token service may rotate it on each use. */
  private currentRefreshToken: string | undefined;

  constructor(private readonly options: OAuthClientTokenProviderOptions) {
    if (!options.clientId) throw new Error('OAuthClientTokenProvider: clientId is required.');
    if (!options.clientSecret) throw new Error('OAuthClientTokenProvider: clientSecret is required.');
    this.now = options.now ?? Date.now;
    this.cache = new AccessTokenCache(this.now, options.refreshBeforeMs);
    this.loginBaseUrl = options.loginBaseUrl.replace(/\/+$/, '');
    this.currentRefreshToken = options.refreshToken || undefined;
  }

  /** True when App+User tokens can be obtained. */
  get hasRefreshToken(): boolean {
    return this.currentRefreshToken !== undefined;
  }

  async getToken(resource: TokenResource, tenantId: string, mode: TokenMode): Promise<string> {
    assertSafeTenantSegment(tenantId);
    if (mode === 'app+user' && !this.currentRefreshToken) throw new MissingRefreshTokenError(resource, tenantId);
    return this.cache.get(resource, tenantId, mode, () => this.requestToken(resource, tenantId, mode));
  }

  invalidate(resource: TokenResource, tenantId: string, mode: TokenMode, token: string): void {
    this.cache.drop(resource, tenantId, mode, token);
  }

  private async requestToken(resource: TokenResource, tenantId: string, mode: TokenMode): Promise<CachedToken> {
    const form = new URLSearchParams({ client_id: this.options.clientId, client_secret: this.options.clientSecret });
    if (mode === 'app') {
      form.set('grant_type', 'client_credentials');
      form.set('scope', scopeFor(resource, mode));
    } else {
      form.set('grant_type', 'refresh_token');
      form.set('refresh_token', this.currentRefreshToken ?? '');
      form.set('scope', scopeFor(resource, mode));
    }
    const fail = (status: number | null, oauthError: string | null, code: string | null, description: string) =>
      new TokenRequestError(resource, tenantId, mode, status, oauthError, code, description, fixForAadsts(code, mode));

    let response;
    try {
      response = await this.options.http.send({
        method: 'POST',
        url: `${this.loginBaseUrl}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: form.toString(),
        step: `Token for ${resource} (${mode})`,
        safeToRepeat: true,
      });
    } catch (error) {
      if (error instanceof OutboundHttpError) throw fail(null, null, null, error.message);
      throw error;
    }

    if (!response.ok) {
      const parsed = tokenErrorSchema.safeParse(response.json());
      const body = parsed.success ? parsed.data : {};
      const description = shortDescription(body.error_description ?? `HTTP ${response.status} from the token endpoint`);
      throw fail(response.status, body.error ?? null, aadstsCodeOf(description, body.error_codes), description);
    }
    const parsed = tokenResponseSchema.safeParse(response.json());
    if (!parsed.success) {
      throw fail(response.status, null, null, 'the token endpoint answered without a usable access_token');
    }
    if (mode === 'app+user' && parsed.data.refresh_token && parsed.data.refresh_token !== this.currentRefreshToken) {
      this.currentRefreshToken = parsed.data.refresh_token;
      this.options.onRefreshTokenRotated?.(parsed.data.refresh_token);
    }
    return { token: parsed.data.access_token, expiresAt: this.now() + parsed.data.expires_in * 1000 };
  }
}
