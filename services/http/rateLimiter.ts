/**
 * Client-side token buckets per throttling key, waited on by OutboundHttp before each attempt goes out.
 * Partner Center throttles per partner tenant and per partner + customer tenant; Graph per app (and, for
 * the identity APIs a move uses, per app + tenant with a separate write quota). Staying under those limits
 * here means the services rarely answer 429 at all; when they still do, `pause` stops the whole bucket for
 * the `Retry-After` time so concurrent callers of the same key do not keep hammering it.
 *
 * A bucket of limit L per window W holds at most `burst` tokens and refills at (L - burst) / W per second,
 * so no window of length W can ever see more than L calls from this instance. Callers reserve tokens
 * (the balance may go negative) and wait until their reservation is covered: first come, first served.
 *
 * State is per instance (no module-level maps); several bot instances each have their own buckets, which
 * is one reason the defaults stay well below the documented limits.
 */

export type ThrottleScope = 'partner' | 'partner-customer' | 'graph-app' | 'graph-app-tenant' | 'graph-tenant-write';

export interface RateLimit {
  /** Calls (or cost units) allowed per window. */
  limit: number;
  windowSeconds: number;
  /** Tokens available at once after a quiet period. Default: a tenth of `limit` (at least 1). */
  burst?: number;
}

/**
 * Defaults, each below a documented limit (Partner Center: learn.microsoft.com/partner-center/developer/
 * api-throttling-guidance and the resource pages; Graph: learn.microsoft.com/graph/throttling-limits; the limits are
 * per service-side key, and every bot instance has its own buckets, hence the headroom):
 * - `partner`: 300 / 60 s. Partner Center documents 500 requests per minute per tenant for the subscription
 *   resource (learn.microsoft.com/partner-center/developer/subscription-resources), the only per-minute figure it
 *   publishes for the routes a move calls; 60 % of it leaves room for the partner's other tools and a second instance.
 * - `partner-customer`: 90 / 60 s. The lowest per partner+customer limit documented is 450 calls in
 *   5 minutes (validate migration) = 90 per minute.
 * - `graph-app`: 2,000 / 10 s. Graph's global per-app limit is 130,000 requests per 10 s (older text:
 *   2,000 per second); the identity per-app quota is 150,000 resource units per 20 s.
 * - `graph-app-tenant`: 1,000 / 10 s. The smallest identity app+tenant quota is 3,500 resource units per
 *   10 s (tenants under 50 users); our costliest read (`subscribedSkus`) costs 3 units: 3 × 1,000 < 3,500.
 * - `graph-tenant-write`: 2,400 / 150 s, i.e. 80 % of the documented identity write quota of 3,000 write
 *   units per 2 min 30 s per app+tenant (every POST/PATCH/DELETE, e.g. `assignLicense`, costs 1).
 */
export const DEFAULT_RATE_LIMITS: Readonly<Record<ThrottleScope, RateLimit>> = {
  partner: { limit: 300, windowSeconds: 60 },
  'partner-customer': { limit: 90, windowSeconds: 60 },
  'graph-app': { limit: 2_000, windowSeconds: 10 },
  'graph-app-tenant': { limit: 1_000, windowSeconds: 10 },
  'graph-tenant-write': { limit: 2_400, windowSeconds: 150 },
};

/** One bucket a call draws from: the scope's limit applies to each distinct `key` separately. */
export interface ThrottleTicket {
  scope: ThrottleScope;
  /** e.g. the partner tenant id, `partnerTenantId|customerTenantId`, or the app id. */
  key: string;
  /** Tokens the call costs (a Graph `$batch` costs one per sub-request). Default 1. */
  cost?: number;
}

export interface RateLimiterOptions {
  /** Overrides per scope; `null` turns a scope off. Missing scopes use DEFAULT_RATE_LIMITS. */
  limits?: Partial<Record<ThrottleScope, RateLimit | null>>;
  /** Epoch milliseconds. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Idle full buckets are dropped once there are more than this many. Default 10,000. */
  maxBuckets?: number;
}

interface Bucket {
  /** Tokens at time `at`; negative while reservations are outstanding. */
  tokens: number;
  /** Epoch ms from which refilling counts; in the future while the bucket is paused. */
  at: number;
  capacity: number;
  /** Tokens per millisecond. */
  rate: number;
}

interface Resolved {
  capacity: number;
  rate: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly limits = new Map<ThrottleScope, Resolved | null>();
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxBuckets: number;

  constructor(options: RateLimiterOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.maxBuckets = options.maxBuckets ?? 10_000;
    for (const scope of Object.keys(DEFAULT_RATE_LIMITS) as ThrottleScope[]) {
      const given = options.limits?.[scope];
      this.limits.set(scope, given === null ? null : resolve(scope, given ?? DEFAULT_RATE_LIMITS[scope]));
    }
  }

  /**
   * Reserves the tokens of every ticket and waits until all are covered. Returns the time waited (ms).
   * Reservations are taken at once, so a later caller never overtakes an earlier one on the same key.
   */
  async acquire(tickets: readonly ThrottleTicket[] | undefined): Promise<number> {
    if (!tickets || tickets.length === 0) return 0;
    const now = this.now();
    let wait = 0;
    for (const ticket of tickets) {
      const bucket = this.bucket(ticket, now);
      if (!bucket) continue;
      bucket.tokens -= Math.max(0, ticket.cost ?? 1);
      const ready = bucket.at + (bucket.tokens < 0 ? -bucket.tokens / bucket.rate : 0);
      wait = Math.max(wait, ready - now);
    }
    wait = Math.ceil(wait);
    if (wait > 0) await this.sleep(wait);
    return wait;
  }

  /** The service answered 429: nothing more goes out on these keys for `ms`, and no burst follows. */
  pause(tickets: readonly ThrottleTicket[] | undefined, ms: number): void {
    if (!tickets || ms <= 0) return;
    const now = this.now();
    for (const ticket of tickets) {
      const bucket = this.bucket(ticket, now);
      if (!bucket) continue;
      bucket.tokens = Math.min(bucket.tokens, 0);
      bucket.at = Math.max(bucket.at, now + ms);
    }
  }

  /** The limit in force for a scope (null when turned off). */
  limitOf(scope: ThrottleScope): { capacity: number; perSecond: number } | null {
    const resolved = this.limits.get(scope);
    return resolved ? { capacity: resolved.capacity, perSecond: resolved.rate * 1000 } : null;
  }

  private bucket(ticket: ThrottleTicket, now: number): Bucket | undefined {
    const limit = this.limits.get(ticket.scope);
    if (!limit) return undefined;
    const id = `${ticket.scope}\n${ticket.key.toLowerCase()}`;
    let bucket = this.buckets.get(id);
    if (!bucket) {
      if (this.buckets.size >= this.maxBuckets) this.prune(now);
      bucket = { tokens: limit.capacity, at: now, capacity: limit.capacity, rate: limit.rate };
      this.buckets.set(id, bucket);
      return bucket;
    }
    if (now > bucket.at) {
      bucket.tokens = Math.min(bucket.capacity, bucket.tokens + (now - bucket.at) * bucket.rate);
      bucket.at = now;
    }
    return bucket;
  }

  /** Drops buckets that are full again: forgetting them changes nothing. */
  private prune(now: number): void {
    for (const [id, bucket] of this.buckets) {
      if (now >= bucket.at && bucket.tokens + (now - bucket.at) * bucket.rate >= bucket.capacity) this.buckets.delete(id);
    }
  }
}

function resolve(scope: ThrottleScope, limit: RateLimit): Resolved {
  if (!(limit.limit > 0) || !(limit.windowSeconds > 0)) {
    throw new Error(`Rate limit for ${scope}: limit and windowSeconds must be positive numbers.`);
  }
  const burst = Math.min(limit.limit, Math.max(1, limit.burst ?? Math.ceil(limit.limit / 10)));
  // With burst = limit the refill would let 2 × limit through in one window; keep a positive rate anyway.
  const refill = Math.max(limit.limit - burst, limit.limit / 10);
  return { capacity: burst, rate: refill / (limit.windowSeconds * 1000) };
}
