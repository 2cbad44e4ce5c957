/**
 * The TenantLookup port over the identity platform's public OpenID metadata:
 * `GET {loginBaseUrl}/{domain-or-tenant}/v2.0/.well-known/openid-configuration` (no token needed).
 * The tenant id is the path segment of `issuer` before `v2.0` (or of `token_endpoint` before `oauth2`);
 * `tenant_region_scope` is the coarse region (`NA`, `EU`, `AS`, `WW`...). An unknown domain answers 400.
 */
import { z } from 'zod';
import { StepError, type TenantLookup } from '../move/ports';
import { OutboundHttpError, type OutboundHttp } from './http/outboundHttp';
import { isSafeTenantSegment } from './identity/tenantSegment';

export interface OpenIdTenantLookupOptions {
  /** `https://login.microsoftonline.com` in production; `http://127.0.0.1:3979/login` for the sandbox. */
  loginBaseUrl: string;
  http: OutboundHttp;
}

/** The input was not a domain or tenant id (not worth trying again), or the metadata service failed (worth it). */
export class TenantLookupError extends StepError {
  constructor(readonly reason: 'invalid-input' | 'service', message: string) {
    super(message, { retryable: reason === 'service' });
    this.name = 'TenantLookupError';
  }
}

const metadataSchema = z.object({
  issuer: z.string().nullish(),
  token_endpoint: z.string().nullish(),
  tenant_region_scope: z.string().nullish(),
});

/** Names that are not one tenant: the metadata answers for them but carries a placeholder. */
const MULTI_TENANT_ALIASES = new Set(['common', 'organizations', 'consumers', '{tenantid}']);

export class OpenIdTenantLookup implements TenantLookup {
  private readonly loginBaseUrl: string;

  constructor(private readonly options: OpenIdTenantLookupOptions) {
    this.loginBaseUrl = options.loginBaseUrl.replace(/\/+$/, '');
  }

  async resolve(domainOrTenantId: string): Promise<{ tenantId: string; regionScope: string | null } | null> {
    const name = normalise(domainOrTenantId);
    const step = `Tenant lookup for ${name}`;
    let response;
    try {
      response = await this.options.http.send({
        method: 'GET',
        url: `${this.loginBaseUrl}/${encodeURIComponent(name)}/v2.0/.well-known/openid-configuration`,
        headers: { Accept: 'application/json' },
        step,
      });
    } catch (error) {
      if (error instanceof OutboundHttpError) throw new TenantLookupError('service', error.message);
      throw error;
    }
    if (response.status === 400 || response.status === 404) return null; // no tenant answers for that name
    if (!response.ok) {
      throw new TenantLookupError('service', `${step}: the identity platform answered HTTP ${response.status}.`);
    }
    const parsed = metadataSchema.safeParse(response.json());
    if (!parsed.success) throw new TenantLookupError('service', `${step}: the OpenID metadata is not readable.`);
    const tenantId = segmentBefore(parsed.data.issuer, 'v2.0') ?? segmentBefore(parsed.data.token_endpoint, 'oauth2');
    if (!tenantId || MULTI_TENANT_ALIASES.has(tenantId.toLowerCase())) {
      throw new TenantLookupError('service', `${step}: the OpenID metadata names no tenant.`);
    }
    return { tenantId: tenantId.toLowerCase(), regionScope: parsed.data.tenant_region_scope || null };
  }
}

/** A domain name or a tenant id, lower-cased; anything that could leave the path segment is refused. */
function normalise(input: string): string {
  const value = input.trim().toLowerCase();
  if (value.length === 0 || value.length > 253) {
    throw new TenantLookupError('invalid-input', 'A domain name or tenant id of 1 to 253 characters is needed.');
  }
  if (!isSafeTenantSegment(value) || (!value.includes('.') && !/^[0-9a-f-]{32,40}$/.test(value))) {
    throw new TenantLookupError('invalid-input',
      `"${value.slice(0, 60)}" is not a domain name (like contoso.com) or a tenant id (a GUID).`);
  }
  if (value.split('.').some((label) => label.length > 63)) {
    throw new TenantLookupError('invalid-input', `"${value.slice(0, 60)}..." has a domain label longer than 63 characters.`);
  }
  return value;
}

/** The path segment just before `marker` in a URL, e.g. the tenant id in `.../{tenant}/v2.0`. */
function segmentBefore(url: string | null | undefined, marker: string): string | null {
  if (!url) return null;
  try {
    const segments = new URL(url).pathname.split('/').filter(Boolean);
    const at = segments.indexOf(marker);
    return at > 0 ? decodeURIComponent(segments[at - 1] as string) : null;
  } catch {
    return null;
  }
}
