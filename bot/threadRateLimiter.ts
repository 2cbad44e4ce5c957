/**
 * Teams' per-bot, per-thread limits for sending (learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit):
 * 7 per second, 8 per 2 s, 60 per 30 s, 1,800 per hour. `waitMs` says how long to wait before the next send to a thread stays within all.
 */
const WINDOWS: ReadonlyArray<{ ms: number; max: number }> = [
  { ms: 1_000, max: 7 },
  { ms: 2_000, max: 8 },
  { ms: 30_000, max: 60 },
  { ms: 3_600_000, max: 1_800 },
];

export class ThreadRateLimiter {
  private readonly sent = new Map<string, number[]>();

  waitMs(thread: string, now: number): number {
    const times = this.prune(thread, now);
    let wait = 0;
    for (const window of WINDOWS) {
      const inWindow = times.filter((t) => t > now - window.ms);
      if (inWindow.length >= window.max) {
        const oldestThatMustLeave = inWindow[inWindow.length - window.max];
        wait = Math.max(wait, oldestThatMustLeave + window.ms - now + 1);
      }
    }
    return wait;
  }

  record(thread: string, now: number): void {
    const times = this.prune(thread, now);
    times.push(now);
    this.sent.set(thread, times);
  }

  private prune(thread: string, now: number): number[] {
    const times = (this.sent.get(thread) ?? []).filter((t) => t > now - WINDOWS[WINDOWS.length - 1].ms);
    if (times.length === 0) this.sent.delete(thread);
    else this.sent.set(thread, times);
    return times;
  }
}
