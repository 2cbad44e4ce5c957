import type { MoveOrchestrator } from '../move/orchestrator';
import type { Logger } from '../move/ports';

export interface SweepTimerOptions {
  /**
   * Runs before each sweep and must not throw (local mode: re-reads the sandbox's clock, so a sweep right
   * after `POST /_sandbox/clock` already sees the new time).
   */
  beforeSweep?: () => Promise<void>;
}

/** Runs the orchestrator's sweep every interval, never two at once. */
export class SweepTimer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** `soon()` was asked while a sweep ran: one more when it ends. */
  private again = false;

  constructor(
    private readonly orchestrator: MoveOrchestrator,
    private readonly intervalMs: number,
    private readonly log: Logger,
    /** Scale-out: only the instance holding the lease sweeps. */
    private readonly mayRun: () => boolean = () => true,
    private readonly options: SweepTimerOptions = {},
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => { void this.runOnce(); }, this.intervalMs);
    this.timer.unref();
  }

  /** One sweep now (skipped if one is already running). */
  runOnce(): Promise<void> {
    if (this.running) return this.running;
    if (!this.mayRun()) return Promise.resolve();
    this.running = (this.options.beforeSweep?.() ?? Promise.resolve())
      .then(() => this.orchestrator.sweep())
      .then((result) => { if (result.accepted || result.advanced) this.log.info(result, 'sweep'); })
      .catch((error: unknown) => { this.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'sweep failed; trying again next time'); })
      .finally(() => {
        this.running = null;
        if (this.again) {
          this.again = false;
          void this.runOnce();
        }
      });
    return this.running;
  }

  /**
   * A sweep as soon as possible, without waiting for the interval: now, or right after the one running (which
   * may have read the time before it changed). Only while the timer runs — tests that sweep themselves keep control.
   */
  soon(): void {
    if (!this.timer) return;
    if (this.running) this.again = true;
    else void this.runOnce();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.again = false;
    await this.running;
  }
}
