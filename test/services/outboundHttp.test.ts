import assert from 'node:assert/strict';
import { OutboundHttp, OutboundHttpError, parseRetryAfter } from '../../services/http/outboundHttp';
import { recordingSleep, startLocalServer, type LocalServer } from './support/localServer';

describe('services/http OutboundHttp', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('retries a GET on 503 and returns the first success', async () => {
    server = await startLocalServer((_req, i) => (i < 2 ? { status: 503 } : { status: 200, body: { ok: true } }));
    const { sleep, delays } = recordingSleep();
    const http = new OutboundHttp({ sleep, random: () => 0.5, baseDelayMs: 100 });
    const response = await http.send({ method: 'GET', url: `${server.url}/x`, step: 'test' });
    assert.equal(response.status, 200);
    assert.deepEqual(response.json(), { ok: true });
    assert.equal(response.attempts, 3);
    assert.equal(server.received.length, 3);
    // Full jitter: random 0.5 × 100·2^(n-1)
    assert.deepEqual(delays, [50, 100]);
  });

  it("keeps a binary body intact with responseType 'bytes', and still reads an error body as JSON", async () => {
    const zipMagic = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0xff, 0x00, 0x80]);
    const binary = new OutboundHttp({ fetch: async () => new Response(zipMagic, { status: 200 }) });
    const response = await binary.send({ method: 'GET', url: 'https://example.invalid/sheet', step: 'test', responseType: 'bytes' });
    assert.deepEqual([...(response.bodyBytes ?? [])], [...zipMagic]);
    const refusal = new OutboundHttp({ fetch: async () => new Response('{"code":403,"description":"no"}', { status: 403 }) });
    const refused = await refusal.send({ method: 'GET', url: 'https://example.invalid/sheet', step: 'test', responseType: 'bytes' });
    assert.deepEqual(refused.json(), { code: 403, description: 'no' });
    assert.equal(refused.bodyText, '{"code":403,"description":"no"}');
  });

  it('waits exactly Retry-After seconds on 429', async () => {
    server = await startLocalServer((_req, i) => (i === 0 ? { status: 429, headers: { 'Retry-After': '7' } } : { status: 200 }));
    const { sleep, delays } = recordingSleep();
    const response = await new OutboundHttp({ sleep }).send({ method: 'GET', url: server.url, step: 'test' });
    assert.equal(response.status, 200);
    assert.deepEqual(delays, [7000]);
  });

  it('waits until a Retry-After HTTP date, measured with the injected clock', async () => {
    const now = Date.parse('2026-03-01T10:00:00Z');
    server = await startLocalServer((_req, i) => (i === 0
      ? { status: 503, headers: { 'Retry-After': 'Sun, 01 Mar 2026 10:00:30 GMT' } }
      : { status: 204 }));
    const { sleep, delays } = recordingSleep();
    const response = await new OutboundHttp({ sleep, now: () => now }).send({ method: 'GET', url: server.url, step: 'test' });
    assert.equal(response.status, 204);
    assert.deepEqual(delays, [30_000]);
  });

  it('gives up after maxAttempts and returns the last answer', async () => {
    server = await startLocalServer(() => ({ status: 500, body: { code: 'boom' } }));
    const { sleep } = recordingSleep();
    const response = await new OutboundHttp({ sleep, maxAttempts: 3 }).send({ method: 'GET', url: server.url, step: 'test' });
    assert.equal(response.status, 500);
    assert.equal(response.attempts, 3);
    assert.equal(server.received.length, 3);
  });

  it('does not wait out a Retry-After longer than the cap', async () => {
    server = await startLocalServer(() => ({ status: 429, headers: { 'Retry-After': '3600' } }));
    const { sleep, delays } = recordingSleep();
    const response = await new OutboundHttp({ sleep, maxRetryAfterMs: 60_000 }).send({ method: 'GET', url: server.url, step: 'test' });
    assert.equal(response.status, 429);
    assert.equal(server.received.length, 1);
    assert.deepEqual(delays, []);
  });

  it('never retries a POST without an idempotency key', async () => {
    server = await startLocalServer(() => ({ status: 503 }));
    const { sleep } = recordingSleep();
    const response = await new OutboundHttp({ sleep }).send({ method: 'POST', url: server.url, body: '{}', step: 'test' });
    assert.equal(response.status, 503);
    assert.equal(server.received.length, 1);
  });

  it('does not retry 4xx answers other than 429', async () => {
    server = await startLocalServer(() => ({ status: 409 }));
    const { sleep } = recordingSleep();
    const response = await new OutboundHttp({ sleep }).send({ method: 'GET', url: server.url, step: 'test' });
    assert.equal(response.status, 409);
    assert.equal(server.received.length, 1);
  });

  it('retries a POST that carries its idempotency key, sending the same key every time', async () => {
    server = await startLocalServer((_req, i) => (i < 2 ? { status: 502 } : { status: 201, body: { id: 'cart-1' } }));
    const { sleep } = recordingSleep();
    const response = await new OutboundHttp({ sleep }).send({
      method: 'POST', url: server.url, body: '{}', step: 'test',
      headers: { 'MS-RequestId': 'key-123' }, idempotencyKey: 'key-123',
    });
    assert.equal(response.status, 201);
    assert.deepEqual(server.received.map((r) => r.headers['ms-requestid']), ['key-123', 'key-123', 'key-123']);
  });

  it('refuses an idempotency key that is not actually sent', async () => {
    server = await startLocalServer(() => ({ status: 200 }));
    await assert.rejects(
      new OutboundHttp().send({ method: 'POST', url: server.url, step: 'create cart', idempotencyKey: 'k', headers: {} }),
      /create cart: idempotency key is not among the request headers/);
    assert.equal(server.received.length, 0);
  });

  it('retries a POST marked safe to repeat (token requests)', async () => {
    server = await startLocalServer((_req, i) => (i === 0 ? { status: 500 } : { status: 200 }));
    const { sleep } = recordingSleep();
    const response = await new OutboundHttp({ sleep }).send({ method: 'POST', url: server.url, step: 'token', safeToRepeat: true });
    assert.equal(response.status, 200);
    assert.equal(server.received.length, 2);
  });

  it('times out a call that never answers and names the step', async () => {
    server = await startLocalServer(() => ({ status: 200, hang: true }));
    const { sleep } = recordingSleep();
    const http = new OutboundHttp({ sleep, timeoutMs: 50, maxAttempts: 2 });
    await assert.rejects(http.send({ method: 'GET', url: `${server.url}/slow?secret=x`, step: 'Slow step' }), (error: unknown) => {
      assert.ok(error instanceof OutboundHttpError);
      assert.equal(error.kind, 'timeout');
      assert.equal(error.attempts, 2);
      assert.match(error.message, /^Slow step: no answer in time/);
      assert.doesNotMatch(error.message, /secret=x/);
      return true;
    });
    assert.equal(server.received.length, 2);
  });

  it('does not repeat a timed-out POST', async () => {
    server = await startLocalServer(() => ({ status: 200, hang: true }));
    const http = new OutboundHttp({ sleep: recordingSleep().sleep, timeoutMs: 50 });
    await assert.rejects(http.send({ method: 'POST', url: server.url, step: 'create' }), OutboundHttpError);
    assert.equal(server.received.length, 1);
  });

  it('retries network errors and reports them after the last attempt', async () => {
    const closed = await startLocalServer(() => ({ status: 200 }));
    const url = closed.url;
    await closed.close();
    const { sleep, delays } = recordingSleep();
    await assert.rejects(new OutboundHttp({ sleep, maxAttempts: 3 }).send({ method: 'GET', url, step: 'net' }), (error: unknown) => {
      assert.ok(error instanceof OutboundHttpError);
      assert.equal(error.kind, 'network');
      assert.equal(error.attempts, 3);
      return true;
    });
    assert.equal(delays.length, 2);
  });
});

describe('services/http parseRetryAfter', () => {
  const now = Date.parse('2026-03-01T10:00:00Z');
  it('reads delta-seconds', () => assert.equal(parseRetryAfter('57', now), 57_000));
  it('reads an HTTP date', () => assert.equal(parseRetryAfter('Sun, 01 Mar 2026 10:01:00 GMT', now), 60_000));
  it('never goes negative for a past date', () => assert.equal(parseRetryAfter('Sun, 01 Mar 2026 09:00:00 GMT', now), 0));
  it('ignores garbage and absence', () => {
    assert.equal(parseRetryAfter('soon', now), null);
    assert.equal(parseRetryAfter(null, now), null);
    assert.equal(parseRetryAfter('', now), null);
  });
});
