import type { MoveOrchestrator } from '../move/orchestrator';
import type { Logger } from '../move/ports';

/** Runs the orchestrator's sweep every interval, never two at once. */
export class SweepTimer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly orchestrator: MoveOrchestrator,
    private readonly intervalMs: number,
    private readonly log: Logger,
    /** Scale-out: only the instance holding the lease sweeps. */
    private readonly mayRun: () => boolean = () => true,
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
    this.running = this.orchestrator.sweep()
      .then((result) => { if (result.accepted || result.advanced) this.log.info(result, 'sweep'); })
      .catch((error: unknown) => { this.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'sweep failed; trying again next time'); })
      .finally(() => { this.running = null; });
    return this.running;
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
