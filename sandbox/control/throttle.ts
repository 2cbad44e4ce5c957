/**
 * Rate limits per throttling key (`/_sandbox/throttle`), counted in wall-clock time with a sliding window:
 * a request is admitted when fewer than `limit` requests of the same bucket were admitted in the last
 * `windowSeconds`. Refused requests do not count. Keys (learn.microsoft.com/partner-center/developer/api-throttling-guidance, learn.microsoft.com/graph/throttling):
 * - `partner`: every Partner Center call, one bucket per partner tenant (the token's `tid`);
 * - `partner-customer`: Partner Center calls under `/v1/customers/{id}[/...]`, one bucket per partner + customer;
 * - `graph-app`: every Graph call (each `$batch` sub-request, not the envelope), one bucket per app (`appid`).
 */
export type ThrottleKey = 'partner' | 'partner-customer' | 'graph-app';

export const THROTTLE_KEYS: readonly ThrottleKey[] = ['partner', 'partner-customer', 'graph-app'];

export interface ThrottleRule {
  key: ThrottleKey;
  limit: number;
  windowSeconds: number;
}

export interface ThrottleBucket {
  key: ThrottleKey;
  /** e.g. the partner tenant id, `{partner}|{customer}`, or the app id. */
  id: string;
}

export type Admission = { ok: true } | { ok: false; bucket: ThrottleBucket; rule: ThrottleRule; retryAfterSeconds: number };

export interface Throttle {
  set(rule: ThrottleRule): void;
  off(key: ThrottleKey): void;
  clear(): void;
  /** Each rule with the number of requests each bucket has in its current window. */
  list(): Array<ThrottleRule & { buckets: Array<{ id: string; inWindow: number }> }>;
  /** Admits the request into every bucket that has a rule, or refuses it (then counts nothing). */
  admit(buckets: readonly ThrottleBucket[]): Admission;
}

export class ThrottleDefinitionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ThrottleDefinitionError';
  }
}

const MAX_LIMIT = 100_000;
const MAX_WINDOW_SECONDS = 3600;

/** `{key, limit, windowSeconds}` or `{key, off: true}`. */
export function parseThrottleRequest(body: unknown): { key: ThrottleKey; rule: ThrottleRule | null } {
  const record = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
  const key = record?.key;
  if (typeof key !== 'string' || !(THROTTLE_KEYS as readonly string[]).includes(key)) {
    throw new ThrottleDefinitionError(`key must be one of ${THROTTLE_KEYS.join(', ')}.`);
  }
  const throttleKey = key as ThrottleKey;
  if (record!.off === true) return { key: throttleKey, rule: null };
  const { limit, windowSeconds } = record!;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ThrottleDefinitionError(`limit must be an integer from 1 to ${MAX_LIMIT} (or send {"key", "off": true}).`);
  }
  if (typeof windowSeconds !== 'number' || !Number.isFinite(windowSeconds) || windowSeconds <= 0 || windowSeconds > MAX_WINDOW_SECONDS) {
    throw new ThrottleDefinitionError(`windowSeconds must be a number above 0 and at most ${MAX_WINDOW_SECONDS}.`);
  }
  return { key: throttleKey, rule: { key: throttleKey, limit, windowSeconds } };
}

export function createThrottle(now: () => number = Date.now): Throttle {
  const rules = new Map<ThrottleKey, ThrottleRule>();
  // bucket "key|id" → admission times (ms), oldest first
  const windows = new Map<string, number[]>();

  const dropBucketsOf = (key: ThrottleKey) => {
    for (const name of [...windows.keys()]) if (name.startsWith(`${key}|`)) windows.delete(name);
  };
  const liveWindow = (name: string, rule: ThrottleRule, at: number): number[] => {
    const times = windows.get(name) ?? [];
    const since = at - rule.windowSeconds * 1000;
    let first = 0;
    while (first < times.length && times[first] <= since) first += 1;
    const live = first === 0 ? times : times.slice(first);
    windows.set(name, live);
    return live;
  };

  return {
    set(rule) {
      rules.set(rule.key, { ...rule });
      dropBucketsOf(rule.key);
    },
    off(key) {
      rules.delete(key);
      dropBucketsOf(key);
    },
    clear() {
      rules.clear();
      windows.clear();
    },
    list() {
      const at = now();
      return THROTTLE_KEYS.filter((key) => rules.has(key)).map((key) => {
        const rule = rules.get(key)!;
        const buckets = [...windows.keys()]
          .filter((name) => name.startsWith(`${key}|`))
          .map((name) => ({ id: name.slice(key.length + 1), inWindow: liveWindow(name, rule, at).length }))
          .filter((b) => b.inWindow > 0);
        return { ...rule, buckets };
      });
    },
    admit(buckets) {
      const at = now();
      const applicable = buckets.filter((b) => rules.has(b.key));
      for (const bucket of applicable) {
        const rule = rules.get(bucket.key)!;
        const live = liveWindow(`${bucket.key}|${bucket.id}`, rule, at);
        if (live.length >= rule.limit) {
          const freesAt = live[live.length - rule.limit] + rule.windowSeconds * 1000;
          return { ok: false, bucket, rule, retryAfterSeconds: Math.max(1, Math.ceil((freesAt - at) / 1000)) };
        }
      }
      for (const bucket of applicable) windows.get(`${bucket.key}|${bucket.id}`)!.push(at);
      return { ok: true };
    },
  };
}
