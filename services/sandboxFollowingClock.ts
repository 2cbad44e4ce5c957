/**
 * Local mode only: the bot's domain time follows the sandbox's clock, so `POST /_sandbox/clock` moves the
 * bot's reminders, invitation expiries and scheduled purchases on too — a move's weeks pass in a minute.
 * Never built in production (bot/app.ts builds it only for `npm start`'s local mode, from SANDBOX_URL).
 *
 * It keeps the sandbox's offset from real time (`GET /_sandbox/clock` → `{now, offsetSeconds}`; the admin API
 * takes no credentials, it answers loopback callers only) and re-reads it on a short interval and on demand
 * (`refresh()`, e.g. before each sweep). `now()` is synchronous and never waits for the sandbox: it is real
 * time plus the offset last read. The bot's time never goes backwards: after a sandbox reset (offset back to
 * 0) the bot keeps its lead and moves on with the sandbox's later advances. A sandbox that cannot be reached
 * keeps the last offset; that is logged once, and again once it answers.
 */
import type { Clock, Logger } from '../move/ports';

export const SANDBOX_CLOCK_PATH = '/_sandbox/clock';
const DEFAULT_INTERVAL_MS = 2_000;
const DEFAULT_TIMEOUT_MS = 1_500;
const MS_PER_DAY = 86_400_000;

export interface SandboxFollowingClockOptions {
  /** The sandbox's root, e.g. `http://127.0.0.1:3979` (its clock is `{sandboxUrl}/_sandbox/clock`). */
  sandboxUrl: string;
  log: Logger;
  /** How often the sandbox's clock is read again (default 2 s). */
  intervalMs?: number;
  /** How long one read may take (real time; default 1.5 s). */
  timeoutMs?: number;
  /** Real time in milliseconds (default Date.now). */
  realNow?: () => number;
  fetch?: typeof fetch;
  /** Called when the bot's time has just jumped forward (the sandbox's clock was moved), e.g. to sweep at once. */
  onAdvance?: (advancedMs: number) => void;
}

export class SandboxFollowingClock implements Clock {
  private readonly url: string;
  private readonly intervalMs: number;
  private readonly timeoutMs: number;
  private readonly realNow: () => number;
  private readonly fetchImpl: typeof fetch;
  /** What the bot adds to real time; only ever grows. */
  private offsetMs = 0;
  /** The sandbox's own offset at the last good read (null before the first). */
  private sandboxOffsetMs: number | null = null;
  /** The latest time `now()` gave: never given less again (also if the real clock is set back). */
  private lastGiven = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | null = null;
  private reading: Promise<void> | null = null;
  /** The sandbox could not be read last time (logged once until it answers again). */
  private unreachable = false;

  constructor(private readonly options: SandboxFollowingClockOptions) {
    this.url = `${options.sandboxUrl.replace(/\/+$/, '')}${SANDBOX_CLOCK_PATH}`;
    this.intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.realNow = options.realNow ?? Date.now;
    this.fetchImpl = options.fetch ?? fetch;
  }

  now(): Date {
    this.lastGiven = Math.max(this.lastGiven, this.realNow() + this.offsetMs);
    return new Date(this.lastGiven);
  }

  /** How far ahead of real time the bot's time is (milliseconds). */
  get offsetMilliseconds(): number {
    return this.offsetMs;
  }

  /** Reads the sandbox's clock once (so the first sweep already has its time), then every interval. */
  async start(): Promise<void> {
    await this.refresh();
    if (this.timer) return;
    this.timer = setInterval(() => { void this.refresh(); }, this.intervalMs);
    // The clock alone never keeps the process alive.
    this.timer.unref();
  }

  /** Reads the sandbox's clock now; concurrent callers share one read. Never throws. */
  refresh(): Promise<void> {
    this.reading ??= this.read().finally(() => { this.reading = null; });
    return this.reading;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.reading;
  }

  private async read(): Promise<void> {
    let sandboxOffsetMs: number;
    try {
      sandboxOffsetMs = await this.readSandboxOffset();
    } catch (error) {
      if (!this.unreachable) {
        this.unreachable = true;
        this.options.log.warn({ url: this.url, err: error instanceof Error ? error.message : String(error), offsetDays: this.offsetMs / MS_PER_DAY },
          'cannot read the sandbox clock; the bot keeps its last offset until the sandbox answers');
      }
      return;
    }
    if (this.unreachable) {
      this.unreachable = false;
      this.options.log.info({ url: this.url }, 'the sandbox clock answers again');
    }
    this.follow(sandboxOffsetMs);
  }

  private async readSandboxOffset(): Promise<number> {
    const response = await this.fetchImpl(this.url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(this.timeoutMs) });
    const text = await response.text();
    if (!response.ok) throw new Error(`HTTP ${response.status} ${text.slice(0, 200)}`);
    const body = JSON.parse(text) as { offsetSeconds?: unknown };
    // The sandbox's own offset, not `now` minus our time: exact, whatever the request's latency.
    if (typeof body?.offsetSeconds !== 'number' || !Number.isFinite(body.offsetSeconds)) throw new Error('the answer has no offsetSeconds');
    return Math.round(body.offsetSeconds * 1000);
  }

  /** Moves the bot's offset on by however far the sandbox's moved since the last read; never back. */
  private follow(sandboxOffsetMs: number): void {
    const previous = this.sandboxOffsetMs ?? 0;
    this.sandboxOffsetMs = sandboxOffsetMs;
    const advancedMs = sandboxOffsetMs - previous;
    if (advancedMs < 0) {
      this.options.log.warn({ sandboxOffsetDays: sandboxOffsetMs / MS_PER_DAY, botOffsetDays: this.offsetMs / MS_PER_DAY },
        'the sandbox clock went back (reset?); the bot\'s time never goes back: it stays ahead and follows the sandbox\'s next advances');
      return;
    }
    if (advancedMs === 0) return;
    this.offsetMs += advancedMs;
    this.options.log.info({ now: this.now().toISOString(), offsetDays: this.offsetMs / MS_PER_DAY, advancedSeconds: advancedMs / 1000 },
      'the sandbox clock moved forward; the bot\'s time follows');
    this.options.onAdvance?.(advancedMs);
  }
}
