import defaultRegionData from './data/csp-regions.json';

/**
 * The CSP same-region rule as data: which countries form each CSP regional market.
 * The table is operator-updatable (Microsoft changes markets); Partner Center's answer after
 * acceptance stays the final word.
 */
export interface RegionData {
  regions: Array<{ name: string; countries: string[]; tenantRegionScopes?: string[] }>;
}

export class RegionTable {
  private readonly regionByCountry = new Map<string, string>();
  private readonly scopesByRegion = new Map<string, Set<string>>();

  constructor(data: RegionData) {
    for (const region of data.regions) {
      for (const country of region.countries) this.regionByCountry.set(country.toUpperCase(), region.name);
      this.scopesByRegion.set(region.name, new Set((region.tenantRegionScopes ?? []).map((s) => s.toUpperCase())));
    }
  }

  static default(): RegionTable {
    return new RegionTable(defaultRegionData);
  }

  /** The CSP region of an ISO 3166-1 alpha-2 country code, or null when the table does not know it. */
  regionOf(country: string): string | null {
    return this.regionByCountry.get(country.trim().toUpperCase()) ?? null;
  }

  countries(): Array<{ code: string; region: string }> {
    return [...this.regionByCountry.entries()].map(([code, region]) => ({ code, region }));
  }

  /**
   * Whether a tenant's OpenID `tenant_region_scope` contradicts a region. It is coarse (US and CA are
   * both "NA"), so it can only flag an obvious mismatch, never prove a match; unknown scopes pass.
   */
  scopeContradicts(region: string, tenantRegionScope: string | null): boolean {
    if (!tenantRegionScope) return false;
    const allowed = this.scopesByRegion.get(region);
    if (!allowed || allowed.size === 0) return false;
    const knownScopes = new Set([...this.scopesByRegion.values()].flatMap((s) => [...s]));
    const scope = tenantRegionScope.toUpperCase();
    return knownScopes.has(scope) && !allowed.has(scope);
  }
}
