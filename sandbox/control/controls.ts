/**
 * Operational controls of one running sandbox: injected faults, rate limits, request counts and the latest
 * requests' headers. They live
 * beside the world (not in it) and are cleared by `POST /_sandbox/reset` together with the world.
 */
import { createFaultRegistry, type FaultRegistry } from './faults';
import { createRequestLog, type RequestLog } from './requestLog';
import { createRequestStats, type RequestStats } from './stats';
import { createThrottle, type Throttle } from './throttle';

export interface SandboxControls {
  readonly faults: FaultRegistry;
  readonly throttle: Throttle;
  /** Requests received, by METHOD + route pattern (`GET /_sandbox/stats`). */
  readonly stats: RequestStats;
  /** The latest requests with their headers (`GET /_sandbox/requests`). */
  readonly requests: RequestLog;
  /** Waits (wall-clock) for injected delays; the timer never keeps the process alive on its own. */
  sleep(milliseconds: number): Promise<void>;
  reset(): void;
}

export interface ControlOptions {
  /** Wall clock for rate limits. Default Date.now. */
  now?: () => number;
}

export function createControls(seed: string, options: ControlOptions = {}): SandboxControls {
  const faults = createFaultRegistry(seed);
  const throttle = createThrottle(options.now);
  const stats = createRequestStats();
  const requests = createRequestLog();
  return {
    faults,
    throttle,
    stats,
    requests,
    sleep: (milliseconds) => new Promise<void>((resolve) => {
      if (milliseconds <= 0) return resolve();
      setTimeout(resolve, milliseconds).unref();
    }),
    reset() {
      faults.clear();
      throttle.clear();
      stats.clear();
      requests.clear();
    },
  };
}
