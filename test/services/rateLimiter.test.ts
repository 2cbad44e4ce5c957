import assert from 'node:assert/strict';
import { OutboundHttp } from '../../services/http/outboundHttp';
import { DEFAULT_RATE_LIMITS, RateLimiter, type ThrottleTicket } from '../../services/http/rateLimiter';
import { startLocalServer, type LocalServer } from './support/localServer';

/** A clock that only moves when the limiter sleeps (or the test says so). */
function fakeTime(start = 1_000_000) {
  const state = { now: start, slept: [] as number[] };
  return {
    state,
    now: () => state.now,
    sleep: async (ms: number) => { state.slept.push(ms); state.now += ms; },
  };
}

const partner = (key = 'partner-1', cost?: number): ThrottleTicket[] => [{ scope: 'partner', key, cost }];

describe('services/http RateLimiter (token buckets per throttling key)', () => {
  it('lets a burst through at once, then spaces calls at the refill rate', async () => {
    const time = fakeTime();
    // 10 per 10 s with a burst of 2: refill (10 - 2) / 10 s = 0.8 per second.
    const limiter = new RateLimiter({ limits: { partner: { limit: 10, windowSeconds: 10, burst: 2 } }, ...time });
    const waits = [];
    for (let i = 0; i < 4; i++) waits.push(await limiter.acquire(partner()));
    assert.deepEqual(waits, [0, 0, 1250, 1250]);
  });

  it('never lets more than `limit` calls into any window, whatever the arrival pattern', async () => {
    const time = fakeTime();
    const limit = { limit: 30, windowSeconds: 60 };
    const limiter = new RateLimiter({ limits: { 'partner-customer': limit }, ...time });
    const sent: number[] = [];
    for (let i = 0; i < 200; i++) {
      if (i % 7 === 0) time.state.now += 3_000; // idle gaps let the bucket fill again
      await limiter.acquire([{ scope: 'partner-customer', key: 'p|c' }]);
      sent.push(time.state.now);
    }
    for (const [i, at] of sent.entries()) {
      const inWindow = sent.slice(i).filter((t) => t < at + limit.windowSeconds * 1000).length;
      assert.ok(inWindow <= limit.limit, `${inWindow} calls in the 60 s from ${at}`);
    }
  });

  it('serves concurrent callers first come, first served, with separate buckets per key', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ limits: { partner: { limit: 2, windowSeconds: 2, burst: 1 } }, ...time, sleep: async () => {} });
    const waits = await Promise.all([limiter.acquire(partner('a')), limiter.acquire(partner('a')), limiter.acquire(partner('a')), limiter.acquire(partner('b'))]);
    assert.deepEqual(waits, [0, 2000, 4000, 0]);
  });

  it('charges a cost (a $batch of 20) and waits on the slowest of several buckets', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({
      limits: { 'graph-app': { limit: 100, windowSeconds: 10, burst: 10 }, 'graph-tenant-write': { limit: 10, windowSeconds: 10, burst: 5 } },
      ...time,
    });
    const tickets: ThrottleTicket[] = [
      { scope: 'graph-app', key: 'app', cost: 20 },
      { scope: 'graph-tenant-write', key: 'app|t1', cost: 20 },
    ];
    // graph-app: 10 short at 9/s → 1,112 ms; writes: 15 short at 0.5/s → 30 s.
    assert.equal(await limiter.acquire(tickets), 30_000);
  });

  it('pauses a key for Retry-After after a 429, without a burst afterwards', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ limits: { partner: { limit: 60, windowSeconds: 60, burst: 10 } }, ...time, sleep: async () => {} });
    limiter.pause(partner(), 57_000);
    const waits = await Promise.all([1, 2, 3].map(() => limiter.acquire(partner())));
    // 57 s of pause, then one token per 1.2 s (50 per 60 s refill); the pause refilled nothing.
    assert.deepEqual(waits, [58_200, 59_400, 60_600]);
  });

  it('turns a scope off with null, and has documented defaults below the published limits', async () => {
    const limiter = new RateLimiter({ limits: { partner: null }, sleep: async () => { throw new Error('must not wait'); } });
    for (let i = 0; i < 1000; i++) assert.equal(await limiter.acquire(partner()), 0);
    assert.equal(limiter.limitOf('partner'), null);
    assert.ok(DEFAULT_RATE_LIMITS.partner.limit / DEFAULT_RATE_LIMITS.partner.windowSeconds < 500 / 60);
    assert.ok(DEFAULT_RATE_LIMITS['graph-tenant-write'].limit / DEFAULT_RATE_LIMITS['graph-tenant-write'].windowSeconds < 3000 / 150);
    assert.throws(() => new RateLimiter({ limits: { partner: { limit: 0, windowSeconds: 1 } } }), /must be positive/);
  });

  it('forgets idle full buckets once there are too many (no unbounded growth)', async () => {
    const time = fakeTime();
    const limiter = new RateLimiter({ ...time, maxBuckets: 10 });
    for (let i = 0; i < 100; i++) {
      await limiter.acquire([{ scope: 'partner-customer', key: `p|customer-${i}` }]);
      time.state.now += 60_000;
    }
    const buckets = (limiter as unknown as { buckets: Map<string, unknown> }).buckets;
    assert.ok(buckets.size <= 10, `${buckets.size} buckets kept`);
  });
});

describe('services/http OutboundHttp with a RateLimiter', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('waits for the request\'s keys before every attempt, and pauses them on a 429', async () => {
    server = await startLocalServer((_req, i) => (i === 0 ? { status: 429, headers: { 'Retry-After': '3' } } : { status: 200 }));
    const time = fakeTime();
    const limiter = new RateLimiter({ limits: { partner: { limit: 100, windowSeconds: 100, burst: 1 } }, ...time });
    const httpSleeps: number[] = [];
    const http = new OutboundHttp({ limiter, sleep: async (ms) => { httpSleeps.push(ms); time.state.now += ms; }, now: time.now });
    const response = await http.send({ method: 'GET', url: server.url, step: 'test', throttle: partner() });
    assert.equal(response.status, 200);
    assert.deepEqual(httpSleeps, [3000], 'the retry waits Retry-After');
    // The 429 paused the bucket for those 3 s and left it empty: the retry waited for one refill (≈1.01 s).
    assert.deepEqual(time.state.slept, [1011]);
    assert.equal(server.received.length, 2);
  });
});
