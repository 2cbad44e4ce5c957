import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../move/ports';
import { SandboxFollowingClock } from '../../services/sandboxFollowingClock';

const DAY_MS = 86_400_000;
const REAL = Date.parse('2026-03-01T09:00:00.000Z');

/** A stand-in for the sandbox's `GET /_sandbox/clock`: answers what the test sets, and counts the reads. */
class FakeSandboxClock {
  offsetSeconds = 0;
  /** Answer with this status and no clock instead (e.g. 403, 500). */
  failWith: number | null = null;
  /** Answer 200 without offsetSeconds. */
  malformed = false;
  reads = 0;
  url = '';
  private server: Server | null = null;

  async start(): Promise<this> {
    // No `writeHead(...).end()` chaining: restify, loaded by other suites in the same run, patches writeHead to return nothing.
    this.server = createServer((request, response) => {
      const send = (status: number, body: string) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(body);
      };
      if (request.method !== 'GET' || request.url !== '/_sandbox/clock') {
        send(404, '');
        return;
      }
      this.reads += 1;
      if (this.failWith) {
        send(this.failWith, '{"error":{"code":"forbidden"}}');
        return;
      }
      const body = this.malformed ? { now: 'soon' } : { now: new Date(Date.now() + this.offsetSeconds * 1000).toISOString(), offsetSeconds: this.offsetSeconds };
      send(200, JSON.stringify(body));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  advanceDays(days: number): void {
    this.offsetSeconds += days * 86_400;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
    this.server = null;
  }
}

class RecordingLog implements Logger {
  readonly lines: Array<{ level: 'info' | 'warn' | 'error'; message: string; details: object }> = [];
  info(details: object, message: string): void { this.lines.push({ level: 'info', message, details }); }
  warn(details: object, message: string): void { this.lines.push({ level: 'warn', message, details }); }
  error(details: object, message: string): void { this.lines.push({ level: 'error', message, details }); }
  count(level: 'info' | 'warn' | 'error', pattern: RegExp): number {
    return this.lines.filter((l) => l.level === level && pattern.test(l.message)).length;
  }
}

describe('SandboxFollowingClock (local mode: the bot\'s time follows the sandbox\'s clock)', () => {
  let sandbox: FakeSandboxClock;
  let log: RecordingLog;
  let real: number;
  const clocks: SandboxFollowingClock[] = [];

  function follow(options: { intervalMs?: number; onAdvance?: (ms: number) => void; url?: string } = {}): SandboxFollowingClock {
    const clock = new SandboxFollowingClock({
      sandboxUrl: options.url ?? sandbox.url, log, realNow: () => real, intervalMs: options.intervalMs ?? 60_000, timeoutMs: 1_000,
      onAdvance: options.onAdvance,
    });
    clocks.push(clock);
    return clock;
  }

  beforeEach(async () => {
    sandbox = await new FakeSandboxClock().start();
    log = new RecordingLog();
    real = REAL;
  });

  afterEach(async () => {
    for (const clock of clocks.splice(0)) await clock.stop();
    await sandbox.close();
  });

  it('adds the sandbox\'s offset to real time, read once at start and again on refresh', async () => {
    sandbox.advanceDays(3);
    const advanced: number[] = [];
    const clock = follow({ onAdvance: (ms) => advanced.push(ms) });
    assert.equal(clock.now().getTime(), REAL, 'real time until the sandbox has been read');
    await clock.start();
    assert.equal(clock.now().toISOString(), new Date(REAL + 3 * DAY_MS).toISOString());

    sandbox.advanceDays(30);
    real += 1_000;
    assert.equal(clock.now().getTime(), REAL + 1_000 + 3 * DAY_MS, 'now() never waits for the sandbox: the last offset until the next read');
    await clock.refresh();
    assert.equal(clock.now().getTime(), REAL + 1_000 + 33 * DAY_MS);
    assert.equal(clock.offsetMilliseconds, 33 * DAY_MS);
    assert.deepEqual(advanced, [3 * DAY_MS, 30 * DAY_MS], 'each jump is reported once');
    assert.equal(log.count('info', /moved forward/), 2);

    await clock.refresh();
    assert.deepEqual(advanced, [3 * DAY_MS, 30 * DAY_MS], 'no jump, no report');
  });

  it('follows the sandbox\'s advances in seconds too', async () => {
    const clock = follow();
    await clock.start();
    sandbox.offsetSeconds = 90;
    await clock.refresh();
    assert.equal(clock.now().getTime(), REAL + 90_000);
  });

  it('never goes backwards: a sandbox reset keeps the bot\'s lead, and later advances still move it on', async () => {
    sandbox.advanceDays(10);
    const clock = follow();
    await clock.start();
    const before = clock.now().getTime();
    assert.equal(before, REAL + 10 * DAY_MS);

    sandbox.offsetSeconds = 0; // POST /_sandbox/reset
    await clock.refresh();
    assert.equal(clock.now().getTime(), before, 'the bot keeps its time');
    assert.equal(log.count('warn', /went back/), 1);

    sandbox.advanceDays(2);
    await clock.refresh();
    assert.equal(clock.now().getTime(), REAL + 12 * DAY_MS, 'the next advance moves the bot by as much');

    // The machine's clock set back (NTP): the bot's time holds until real time catches up.
    real -= 60_000;
    assert.equal(clock.now().getTime(), REAL + 12 * DAY_MS);
    real += 120_000;
    assert.equal(clock.now().getTime(), REAL + 60_000 + 12 * DAY_MS);
  });

  it('keeps the last offset while the sandbox cannot be reached, and says so once (not per read)', async () => {
    sandbox.advanceDays(5);
    const clock = follow();
    await clock.start();
    assert.equal(clock.offsetMilliseconds, 5 * DAY_MS);

    sandbox.failWith = 500;
    for (let i = 0; i < 3; i += 1) await clock.refresh();
    sandbox.failWith = null;
    sandbox.malformed = true;
    await clock.refresh();
    assert.equal(clock.now().getTime(), REAL + 5 * DAY_MS, 'the last offset is kept');
    assert.equal(log.count('warn', /cannot read the sandbox clock/), 1, log.lines.map((l) => l.message).join('\n'));

    sandbox.malformed = false;
    sandbox.advanceDays(1);
    await clock.refresh();
    assert.equal(log.count('info', /answers again/), 1);
    assert.equal(clock.now().getTime(), REAL + 6 * DAY_MS, 'and it follows again once the sandbox answers');

    sandbox.failWith = 403;
    await clock.refresh();
    assert.equal(log.count('warn', /cannot read the sandbox clock/), 2, 'a new outage is said again, once');
  });

  it('starts on real time when no sandbox answers at all, without throwing', async () => {
    const url = sandbox.url;
    await sandbox.close();
    const clock = follow({ url });
    await clock.start();
    await clock.refresh();
    assert.equal(clock.now().getTime(), REAL);
    assert.equal(log.count('warn', /cannot read the sandbox clock/), 1);
  });

  it('shares one read between concurrent refreshes', async () => {
    const clock = follow();
    await Promise.all([clock.refresh(), clock.refresh(), clock.refresh()]);
    assert.equal(sandbox.reads, 1);
  });

  it('re-reads on its own interval until stopped', async () => {
    const clock = follow({ intervalMs: 20 });
    await clock.start();
    sandbox.advanceDays(7);
    for (let i = 0; i < 100 && clock.offsetMilliseconds !== 7 * DAY_MS; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    assert.equal(clock.offsetMilliseconds, 7 * DAY_MS, 'the interval picked up the jump');

    await clock.stop();
    const reads = sandbox.reads;
    sandbox.advanceDays(1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(sandbox.reads, reads, 'no reads after stop()');
    assert.equal(clock.offsetMilliseconds, 7 * DAY_MS);
  });
});
