import assert from 'node:assert/strict';
import { LeaderElection, type CancelTimer, type LeaderLease } from '../../store/azure/blobLease';

/** A lease in memory: one holder at a time, expiring on the fake clock. */
class FakeLease implements LeaderLease {
  readonly leaseSeconds = 15;
  failNext: Error | undefined;
  releases = 0;
  constructor(private readonly world: { holder?: string; expiresAt: number }, private readonly id: string, private readonly now: () => number) {}

  async acquire(): Promise<boolean> {
    this.throwIfFailing();
    if (this.world.holder && this.world.holder !== this.id && this.world.expiresAt > this.now()) return false;
    this.world.holder = this.id;
    this.world.expiresAt = this.now() + this.leaseSeconds * 1000;
    return true;
  }

  async renew(): Promise<void> {
    this.throwIfFailing();
    if (this.world.holder !== this.id) throw new Error('lease lost');
    this.world.expiresAt = this.now() + this.leaseSeconds * 1000;
  }

  async release(): Promise<void> {
    this.releases++;
    if (this.world.holder === this.id) this.world.holder = undefined;
  }

  private throwIfFailing(): void {
    const error = this.failNext;
    this.failNext = undefined;
    if (error) throw error;
  }
}

/** A fake clock with timers that run when the test advances it. */
class FakeTime {
  private time = 1_000_000;
  private timers: Array<{ at: number; callback: () => void }> = [];
  now = (): number => this.time;
  schedule = (callback: () => void, ms: number): CancelTimer => {
    const timer = { at: this.time + ms, callback };
    this.timers.push(timer);
    return () => { this.timers = this.timers.filter((t) => t !== timer); };
  };
  get pending(): number {
    return this.timers.length;
  }
  /** Advances the clock, running due timers and letting their promises settle. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((x, y) => x.at - y.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    this.time = target;
  }
}

describe('LeaderElection (fake lease and clock)', () => {
  let time: FakeTime;
  let world: { holder?: string; expiresAt: number };

  beforeEach(() => {
    time = new FakeTime();
    world = { expiresAt: 0 };
  });

  function election(id: string, changes: boolean[] = []): { election: LeaderElection; lease: FakeLease } {
    const lease = new FakeLease(world, id, time.now);
    return { lease, election: new LeaderElection(lease, { now: time.now, schedule: time.schedule, onChange: (leader) => changes.push(leader) }) };
  }

  it('elects one of two, renews every third of the lease, and stops (releasing) on stop()', async () => {
    const changes: boolean[] = [];
    const a = election('a', changes);
    const b = election('b');
    assert.equal(await a.election.start(), true);
    assert.equal(await b.election.start(), false);
    for (let i = 0; i < 10; i++) {
      await time.advance(5000);
      assert.equal(a.election.isLeader(), true);
      assert.equal(b.election.isLeader(), false);
    }
    await a.election.stop();
    assert.equal(a.lease.releases, 1);
    assert.deepEqual(changes, [true, false]);
    await time.advance(5000);
    assert.equal(b.election.isLeader(), true, 'the other takes over at its next attempt');
    await b.election.stop();
    assert.equal(time.pending, 0, 'no timer left behind');
  });

  it('steps down at once when a renew fails, and takes the lease back if nobody else did', async () => {
    const changes: boolean[] = [];
    const a = election('a', changes);
    await a.election.start();
    a.lease.failNext = new Error('503 Server Busy');
    await time.advance(5000);
    assert.equal(a.election.isLeader(), false);
    await time.advance(5000);
    assert.equal(a.election.isLeader(), true);
    assert.deepEqual(changes, [true, false, true]);
    await a.election.stop();
  });

  it('steps down when a renew hangs past its timeout, and stop() does not hang with it', async () => {
    const lease = new FakeLease(world, 'a', time.now);
    const hanging = new LeaderElection(
      { leaseSeconds: 15, acquire: () => lease.acquire(), renew: () => new Promise<void>(() => undefined), release: () => lease.release() },
      { now: time.now, schedule: time.schedule },
    );
    assert.equal(await hanging.start(), true);
    await time.advance(9_999); // the renew started at 5 s and times out at 10 s
    assert.equal(hanging.isLeader(), true);
    await time.advance(1);
    assert.equal(hanging.isLeader(), false);
    await hanging.stop();
  });

  it('stops claiming leadership before the lease can expire even if its loop is stalled', async () => {
    const lease = new FakeLease(world, 'a', time.now);
    const stalled = new LeaderElection(lease, { now: time.now, schedule: () => () => undefined });
    assert.equal(await stalled.start(), true);
    await time.advance(12_999);
    assert.equal(stalled.isLeader(), true);
    await time.advance(1);
    assert.equal(stalled.isLeader(), false, 'false 2 s before the 15 s lease ends, with no renew at all');
    await stalled.stop();
    assert.equal(lease.releases, 1, 'the server may still hold its lease: released for a quick handover');
  });

  it('keeps trying to take the lease after errors, without throwing', async () => {
    const a = election('a');
    a.lease.failNext = new Error('ECONNREFUSED');
    assert.equal(await a.election.start(), false);
    await time.advance(5000);
    assert.equal(a.election.isLeader(), true);
    await a.election.stop();
  });

  it('refuses timings that cannot renew the lease in time', () => {
    const lease = new FakeLease(world, 'a', time.now);
    assert.throws(() => new LeaderElection(lease, { intervalMs: 12_000 }), /cannot renew a 15000 ms lease in time/);
    assert.throws(() => new LeaderElection(lease, { intervalMs: 0 }), /cannot renew/);
  });
});
