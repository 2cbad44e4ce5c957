/**
 * The sandbox's own clock: real time plus an offset that the admin API can move forward. Everything
 * time-dependent in the world (provisioning, expiry, GDAP end dates) reads this clock, never Date.now.
 */
export interface SandboxClock {
  now(): Date;
  nowIso(): string;
  /** Moves the clock forward; negative amounts are refused (time never runs backwards). */
  advance(milliseconds: number): void;
  readonly offsetMilliseconds: number;
  resetOffset(): void;
}

export function createSandboxClock(realNow: () => number = Date.now): SandboxClock {
  let offset = 0;
  return {
    now: () => new Date(realNow() + offset),
    nowIso: () => new Date(realNow() + offset).toISOString(),
    advance(milliseconds: number) {
      if (!Number.isFinite(milliseconds) || milliseconds < 0) throw new RangeError('The sandbox clock only moves forward.');
      offset += milliseconds;
    },
    get offsetMilliseconds() {
      return offset;
    },
    resetOffset() {
      offset = 0;
    },
  };
}

export const MS_PER_SECOND = 1000;
export const MS_PER_DAY = 24 * 60 * 60 * MS_PER_SECOND;

export function addMilliseconds(iso: string | Date, milliseconds: number): string {
  const base = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  return new Date(base + milliseconds).toISOString();
}

export function addDays(iso: string | Date, days: number): string {
  return addMilliseconds(iso, days * MS_PER_DAY);
}

/** Midnight UTC of the given instant: seeded dates look like real billing dates. */
export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}
