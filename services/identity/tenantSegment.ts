/**
 * Tenant ids and domains end up as a URL path segment (token endpoint, OpenID metadata). Anything else
 * than letters, digits, dots and hyphens is refused before a request is built.
 */
const TENANT_SEGMENT = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;

export function isSafeTenantSegment(value: string): boolean {
  return TENANT_SEGMENT.test(value) && !value.includes('..');
}

export function assertSafeTenantSegment(value: string): void {
  if (!isSafeTenantSegment(value)) {
    throw new Error(`Not a tenant id or domain: ${JSON.stringify(value.slice(0, 80))}.`);
  }
}
