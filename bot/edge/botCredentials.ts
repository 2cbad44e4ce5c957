import { ClientCertificateCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import {
  MicrosoftAppCredentials, ServiceClientCredentialsFactory, TokenCredentials,
  type ServiceClientCredentials,
} from 'botframework-connector';
import { z } from 'zod';
import type { BotIdentitySettings } from '../botIdentitySettings';

/**
 * The bot's own credential for its outbound calls to the Bot Connector (replies, card updates, channel
 * threads). botbuilder's default goes through MSAL, which refuses an http authority, so the local
 * sandbox could never stand in for the token service; this factory asks the identity platform's v2.0
 * token endpoint directly for a client secret (the request MSAL itself sends), and @azure/identity for a
 * certificate or a user-assigned managed identity. It answers botbuilder's questions (is authentication
 * on, is this our app id) from the validated configuration.
 */
export class BotCredentialsFactory extends ServiceClientCredentialsFactory {
  private readonly sources = new Map<string, BotTokenSource>();

  constructor(private readonly identity: BotIdentitySettings | null, private readonly nowMs: () => number = Date.now) {
    super();
  }

  async isValidAppId(appId: string): Promise<boolean> {
    return this.identity !== null && typeof appId === 'string' && appId.toLowerCase() === this.identity.appId;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return this.identity === null;
  }

  async createCredentials(appId: string, audience: string | undefined): Promise<ServiceClientCredentials> {
    if (!this.identity) return MicrosoftAppCredentials.Empty;
    if (!(await this.isValidAppId(appId))) throw new Error('The Bot Connector asked for credentials of another app id.');
    const scope = `${(audience || this.identity.oauthScope).replace(/\/+$/, '')}/.default`;
    let source = this.sources.get(scope);
    if (!source) {
      source = new BotTokenSource(this.identity, scope, this.nowMs);
      this.sources.set(scope, source);
    }
    const tokens = source;
    return { signRequest: async (request) => new TokenCredentials(await tokens.token()).signRequest(request) };
  }
}

const tokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]) });

/** One scope's token, cached until five minutes before it expires; concurrent callers share one request. */
class BotTokenSource {
  private cached: { token: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;
  private readonly credential: TokenCredential | null;

  constructor(private readonly identity: BotIdentitySettings, private readonly scope: string, private readonly nowMs: () => number) {
    const { credential, tenantId, appId, loginUrl } = identity;
    const authorityHost = loginUrl.slice(0, loginUrl.lastIndexOf('/'));
    this.credential = credential.kind === 'certificate'
      ? new ClientCertificateCredential(tenantId, appId, { certificatePath: credential.certificatePath, certificatePassword: credential.certificatePassword }, { authorityHost })
      : credential.kind === 'managed-identity' ? new ManagedIdentityCredential({ clientId: appId }) : null;
  }

  async token(): Promise<string> {
    if (this.cached && this.nowMs() < this.cached.renewAt) return this.cached.token;
    this.pending ??= this.fetchToken().finally(() => { this.pending = null; });
    return this.pending;
  }

  private async fetchToken(): Promise<string> {
    let token: string;
    let expiresAt: number;
    if (this.credential) {
      const answer = await this.credential.getToken(this.scope);
      if (!answer) throw new Error(`No Bot Framework token for ${this.identity.appId} (${this.identity.credential.kind}).`);
      token = answer.token;
      expiresAt = answer.expiresOnTimestamp;
    } else {
      ({ token, expiresAt } = await this.clientSecretToken());
    }
    this.cached = { token, renewAt: expiresAt - Math.min(5 * 60_000, Math.max(0, expiresAt - this.nowMs()) / 2) };
    return token;
  }

  private async clientSecretToken(): Promise<{ token: string; expiresAt: number }> {
    const { appId, credential, loginUrl } = this.identity;
    const secret = credential.kind === 'secret' ? credential.secret : '';
    const response = await fetch(`${loginUrl}/oauth2/v2.0/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: appId, client_secret: secret, scope: this.scope }).toString(),
      signal: AbortSignal.timeout(15_000),
    });
    const body: unknown = await response.json().catch(() => null);
    const parsed = tokenResponse.safeParse(body);
    if (!response.ok || !parsed.success) {
      const description = typeof (body as { error_description?: unknown } | null)?.error_description === 'string'
        ? (body as { error_description: string }).error_description.split(/\r?\n/)[0].slice(0, 300) : `HTTP ${response.status}`;
      throw new Error(`The bot could not get its Bot Framework token from ${loginUrl} (MicrosoftAppId ${appId}): ${description}. Check MicrosoftAppPassword and MicrosoftAppTenantId.`);
    }
    return { token: parsed.data.access_token, expiresAt: this.nowMs() + parsed.data.expires_in * 1000 };
  }
}
