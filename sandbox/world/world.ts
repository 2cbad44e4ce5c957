/**
 * The sandbox world: seeded state plus the clock, the catalog and the id source. One object per running
 * sandbox (no module-level state); `reset()` rebuilds the seeded state and rewinds the clock offset.
 */
import { createSandboxClock, MS_PER_SECOND, type SandboxClock } from '../util/clock';
import { createIdSource, hashHex, type IdSource } from '../util/ids';
import { buildCatalog, type Catalog } from './catalog';
import {
  DEFAULT_PROVISIONING_DELAY_SECONDS, DEFAULT_SANDBOX_SEED, DEFAULT_TOKEN_LIFETIME_SECONDS, FILLER_CUSTOMER_COUNT, MAX_BULK_CUSTOMERS,
  PARTNER_TENANT_ID,
} from './constants';
import { createAppPermissions, type AppPermissions } from './appPermissions';
import { countriesInRegionOf } from './cspRegions';
import { hasActiveGdap } from './gdap';
import { buildSeedState, type SeedOptions } from './seed';
import type { CustomerAccount, Tenant, WorldState } from './types';
import { createWebhookRegistry, type WebhookRegistry } from './webhookRegistration';

export interface WorldOptions {
  seed?: string;
  /** How long a new subscription stays `pending` (sandbox-clock time). Default 2 s. */
  provisioningDelaySeconds?: number;
  /** Lifetime of issued access tokens (wall-clock seconds). Default 3599. */
  tokenLifetimeSeconds?: number;
  /** Existing customers besides the named ones (`filler001`…); those beyond 150 have no users. Default 150. */
  fillerCustomers?: number;
  /** Tenants that are not customers yet (`prospect0001.onmicrosoft.com`…, US, no users). Default 0. */
  prospectCustomers?: number;
}

/** Run-time knobs (`POST /_sandbox/settings`); `reset()` restores the values the world was created with. */
export interface WorldSettings {
  provisioningDelaySeconds: number;
  tokenLifetimeSeconds: number;
}

export interface SandboxWorld {
  readonly seed: string;
  /** From `settings.provisioningDelaySeconds`. */
  readonly provisioningDelayMs: number;
  readonly settings: WorldSettings;
  readonly clock: SandboxClock;
  readonly catalog: Catalog;
  /** HS256 key for the tokens this sandbox issues. */
  readonly signingSecret: string;
  readonly state: WorldState;
  readonly ids: IdSource;
  /** Countries the partner may sell in: those of its CSP region. */
  readonly partnerSellableCountries: readonly string[];
  /** The app registration's permissions an operator has withdrawn (`/_sandbox/permissions`). */
  readonly permissions: AppPermissions;
  /** The partner's Partner Center webhook registration (`/webhooks/v1/registration`). */
  readonly webhooks: WebhookRegistry;
  reset(): void;
  allTenants(): Tenant[];
  /** By tenant id or any of its domains, case-insensitive. */
  findTenant(domainOrTenantId: string): Tenant | undefined;
  findCustomer(domainOrTenantId: string): CustomerAccount | undefined;
  isPartnerTenant(tenantId: string): boolean;
  /** The partner's app may act in this tenant: its own tenant, or a customer with active GDAP or consent. */
  appHasAccessTo(tenantId: string): boolean;
}

export function createWorld(options: WorldOptions = {}): SandboxWorld {
  const seed = options.seed ?? DEFAULT_SANDBOX_SEED;
  const delaySeconds = options.provisioningDelaySeconds ?? DEFAULT_PROVISIONING_DELAY_SECONDS;
  if (!Number.isFinite(delaySeconds) || delaySeconds < 0) throw new RangeError('provisioningDelaySeconds must be >= 0');
  const tokenLifetimeSeconds = options.tokenLifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS;
  if (!Number.isInteger(tokenLifetimeSeconds) || tokenLifetimeSeconds < 1) throw new RangeError('tokenLifetimeSeconds must be a positive integer');
  const initialSettings: WorldSettings = { provisioningDelaySeconds: delaySeconds, tokenLifetimeSeconds };
  const settings: WorldSettings = { ...initialSettings };
  const seedOptions: SeedOptions = {
    fillerCustomers: bulkCount(options.fillerCustomers, FILLER_CUSTOMER_COUNT, 'fillerCustomers'),
    prospectCustomers: bulkCount(options.prospectCustomers, 0, 'prospectCustomers'),
  };
  const clock = createSandboxClock();
  const catalog = buildCatalog(seed);
  const permissions = createAppPermissions();
  const webhooks = createWebhookRegistry();

  let state = buildSeedState(seed, clock.now(), seedOptions);
  let ids = createIdSource(seed);
  let tenantIndex = indexTenants(state);

  const world: SandboxWorld = {
    seed,
    get provisioningDelayMs() {
      return settings.provisioningDelaySeconds * MS_PER_SECOND;
    },
    settings,
    clock,
    catalog,
    signingSecret: `sandbox-signing-key-${hashHex(32, seed, 'signing')}`,
    partnerSellableCountries: countriesInRegionOf(state.partner.tenant.countryLetterCode),
    permissions,
    webhooks,
    get state() {
      return state;
    },
    get ids() {
      return ids;
    },
    reset() {
      clock.resetOffset();
      Object.assign(settings, initialSettings);
      permissions.restore('all');
      webhooks.clear();
      state = buildSeedState(seed, clock.now(), seedOptions);
      ids = createIdSource(seed);
      tenantIndex = indexTenants(state);
    },
    allTenants: () => [state.partner.tenant, ...state.customers.map((c) => c.tenant)],
    findTenant: (key) => tenantIndex.tenants.get(key.trim().toLowerCase()),
    findCustomer: (key) => tenantIndex.customers.get(key.trim().toLowerCase()),
    isPartnerTenant: (tenantId) => tenantId.toLowerCase() === PARTNER_TENANT_ID,
    appHasAccessTo(tenantId) {
      if (world.isPartnerTenant(tenantId)) return true;
      const customer = world.findCustomer(tenantId);
      if (!customer) return false;
      return customer.appConsentGranted || hasActiveGdap(world, customer.tenant.tenantId);
    },
  };
  return world;
}

function bulkCount(value: number | undefined, fallback: number, name: string): number {
  const count = value ?? fallback;
  if (!Number.isInteger(count) || count < 0 || count > MAX_BULK_CUSTOMERS) throw new RangeError(`${name} must be an integer from 0 to ${MAX_BULK_CUSTOMERS}`);
  return count;
}

function indexTenants(state: WorldState) {
  const tenants = new Map<string, Tenant>();
  const customers = new Map<string, CustomerAccount>();
  const keysOf = (tenant: Tenant) => [tenant.tenantId, tenant.initialDomain, ...tenant.customDomains].map((k) => k.toLowerCase());
  for (const key of keysOf(state.partner.tenant)) tenants.set(key, state.partner.tenant);
  for (const customer of state.customers) {
    for (const key of keysOf(customer.tenant)) {
      tenants.set(key, customer.tenant);
      customers.set(key, customer);
    }
  }
  return { tenants, customers };
}
