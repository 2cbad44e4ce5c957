/**
 * Per-instance cache of access tokens keyed by (resource, tenant, mode). A token is served until
 * `refreshBeforeMs` before it expires; concurrent misses for the same key share one token request.
 */
import type { TokenMode, TokenResource } from './tokenProvider';

export interface CachedToken {
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export class AccessTokenCache {
  private readonly tokens = new Map<string, { token: string; renewAt: number }>();
  private readonly inFlight = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly now: () => number,
    /** Renew this long before expiry so a token never expires mid-call. Default 5 minutes. */
    private readonly refreshBeforeMs = 5 * 60_000,
  ) {}

  async get(
    resource: TokenResource,
    tenantId: string,
    mode: TokenMode,
    fetchToken: () => Promise<CachedToken>,
  ): Promise<string> {
    const key = `${resource}|${tenantId.toLowerCase()}|${mode}`;
    const cached = this.tokens.get(key);
    if (cached && this.now() < cached.renewAt) return cached.token;

    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = fetchToken().finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    const fresh = await pending;
    // A short-lived token (shorter than twice the margin) is renewed at half its remaining life instead.
    const now = this.now();
    const margin = Math.min(this.refreshBeforeMs, Math.max(0, fresh.expiresAt - now) / 2);
    this.tokens.set(key, { token: fresh.token, renewAt: fresh.expiresAt - margin });
    return fresh.token;
  }

  /** Forgets `token` if it is still the cached one for the key (a newer token is kept). */
  drop(resource: TokenResource, tenantId: string, mode: TokenMode, token: string): boolean {
    const key = `${resource}|${tenantId.toLowerCase()}|${mode}`;
    if (this.tokens.get(key)?.token !== token) return false;
    this.tokens.delete(key);
    return true;
  }

  clear(): void {
    this.tokens.clear();
  }
}
