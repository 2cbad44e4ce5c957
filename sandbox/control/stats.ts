/**
 * Counts of the API requests the sandbox received (`GET /_sandbox/stats`), by METHOD + route pattern,
 * e.g. `GET /v1/customers` and `GET /v1/customers/:customerId`. Every request that reaches the pipeline
 * counts, whatever its answer (faulted, throttled, refused or served), and so does each `$batch` sub-request
 * (the envelope counts as `POST /graph/v1.0/$batch`). Admin routes (`/_sandbox`) are not counted.
 * Cleared by `DELETE /_sandbox/stats` and by `POST /_sandbox/reset`.
 */

/** The key of a request that matched no route. */
export const UNROUTED = '(no route)';

export interface RequestStats {
  record(method: string, routePattern: string | null): void;
  /** `{requests: {"GET /v1/customers": n, …} (sorted by key), total}`. */
  snapshot(): { requests: Record<string, number>; total: number };
  clear(): void;
}

export function createRequestStats(): RequestStats {
  const counts = new Map<string, number>();
  return {
    record(method, routePattern) {
      const key = `${method.toUpperCase()} ${routePattern ?? UNROUTED}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    snapshot() {
      const keys = [...counts.keys()].sort();
      let total = 0;
      const requests: Record<string, number> = {};
      for (const key of keys) {
        const count = counts.get(key) ?? 0;
        requests[key] = count;
        total += count;
      }
      return { requests, total };
    },
    clear() {
      counts.clear();
    },
  };
}
