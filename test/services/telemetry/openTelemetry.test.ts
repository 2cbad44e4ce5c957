import assert from 'node:assert/strict';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { OutboundHttp, OutboundHttpError } from '../../../services/http/outboundHttp';
import { OtelTestKit } from './otelTestKit';

const MOVE = { moveId: 'mv-1', correlationId: '7d0f6a43-2f0e-4a8c-9a51-0d1f0e3c9b11', step: 'preflight' };
const GUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

describe('telemetry over OpenTelemetry (in-memory providers)', () => {
  let kit: OtelTestKit;
  beforeEach(() => { kit = new OtelTestKit(); });
  afterEach(() => kit.close());

  describe('move steps', () => {
    it('makes a span per step with the move\'s ids, the step and how it ended', async () => {
      const value = await kit.telemetry.moves.traceStep(MOVE, async (step) => {
        step.recorded('RecordPreflight');
        return 'done';
      });
      assert.equal(value, 'done');
      const [span] = kit.finished('move step preflight');
      assert.equal(span.kind, SpanKind.INTERNAL);
      assert.deepEqual(span.attributes, {
        'csp.move.id': 'mv-1', 'csp.move.correlation_id': MOVE.correlationId, 'csp.move.step': 'preflight',
        'csp.move.step.command': 'RecordPreflight', 'csp.move.step.outcome': 'recorded',
      });
      assert.equal(span.status.code, SpanStatusCode.UNSET);
    });

    it('says a step with nothing to do waited', async () => {
      await kit.telemetry.moves.traceStep({ ...MOVE, step: 'approval' }, async () => false);
      assert.equal(kit.finished('move step approval')[0].attributes['csp.move.step.outcome'], 'waiting');
    });

    it('marks a failed step as an error and counts it by step, kind and error class, never its message', async () => {
      await kit.telemetry.moves.traceStep(MOVE, async (step) => step.failed({ kind: 'blocked', errorType: 'GraphError' }));
      await kit.telemetry.moves.traceStep(MOVE, async (step) => step.failed({ kind: 'blocked', errorType: 'GraphError' }));
      const [span] = kit.finished('move step preflight');
      assert.equal(span.status.code, SpanStatusCode.ERROR);
      assert.equal(span.attributes['csp.move.step.outcome'], 'failed');
      assert.equal(span.attributes['csp.error.kind'], 'blocked');
      const [failures] = await kit.points('csp.move.step_failures');
      assert.equal(failures.value, 2);
      assert.deepEqual(failures.attributes, { 'csp.move.step': 'preflight', 'csp.error.kind': 'blocked', 'error.type': 'GraphError' });
    });

    it('ends the span and rethrows when the work throws', async () => {
      await assert.rejects(kit.telemetry.moves.traceStep(MOVE, async () => { throw new TypeError('store is down for contoso.com'); }), TypeError);
      const [span] = kit.finished('move step preflight');
      assert.equal(span.status.code, SpanStatusCode.ERROR);
      assert.equal(span.status.message, 'TypeError');
      assert.equal(span.attributes['csp.move.step.outcome'], 'error');
    });

    it('gives every span started inside a step the move\'s ids, and nests it under the step', async () => {
      await kit.telemetry.moves.traceStep(MOVE, async () => {
        await kit.tracer('other').startActiveSpan('Azure Table append', async (span) => span.end());
      });
      const [child] = kit.finished('Azure Table append');
      const [step] = kit.finished('move step preflight');
      assert.equal(child.attributes['csp.move.correlation_id'], MOVE.correlationId);
      assert.equal(child.attributes['csp.move.id'], 'mv-1');
      assert.equal(child.parentSpanContext?.spanId, step.spanContext().spanId);
    });

    it('counts stage transitions by stage, and moves by stage at collection', async () => {
      kit.telemetry.moves.stageChanged(null, 'preflight');
      kit.telemetry.moves.stageChanged('preflight', 'invitation');
      const transitions = await kit.points('csp.move.stage_transitions');
      assert.deepEqual(transitions.map((p) => [p.attributes, p.value]), [
        [{ 'csp.move.stage.from': 'none', 'csp.move.stage.to': 'preflight' }, 1],
        [{ 'csp.move.stage.from': 'preflight', 'csp.move.stage.to': 'invitation' }, 1],
      ]);
      let stages = ['approval', 'approval', 'watching-sources'];
      kit.telemetry.observeMoves(() => stages);
      assert.deepEqual((await kit.points('csp.moves')).map((p) => [p.attributes['csp.move.stage'], p.value]), [['approval', 2], ['watching-sources', 1]]);
      stages = ['closed'];
      assert.deepEqual((await kit.points('csp.moves')).map((p) => [p.attributes['csp.move.stage'], p.value]),
        [['approval', 0], ['watching-sources', 0], ['closed', 1]], 'a stage that emptied says 0, not its last count');
    });
  });

  describe('outbound calls (through OutboundHttp)', () => {
    const CUSTOMER = 'https://api.partnercenter.microsoft.com/v1/customers/2f3a1c5e-9b7d-4e21-8c4f-6a0b1d2e3f40?size=10';
    const answers = (...statuses: number[]) => {
      const queue = [...statuses];
      return async () => new Response(queue[0] === 204 ? null : '{}', { status: queue.shift() ?? 500, headers: { 'retry-after': '0' } });
    };

    it('makes one client span per call, named by its path template, with the call\'s ids and its attempts', async () => {
      const http = new OutboundHttp({ fetch: answers(429, 200), sleep: async () => undefined, telemetry: kit.telemetry.outbound });
      const response = await http.send({
        method: 'GET', url: CUSTOMER, step: 'Partner Center: read the customer', logIds: { correlationId: MOVE.correlationId, requestId: 'req-1' },
      });
      assert.equal(response.status, 200);
      const [span] = kit.finished();
      assert.equal(span.kind, SpanKind.CLIENT);
      assert.equal(span.name, 'GET /v1/customers/:id');
      assert.deepEqual(span.attributes, {
        'csp.outbound.service': 'partner-center', 'csp.outbound.operation': 'GET /v1/customers/:id', 'http.request.method': 'GET',
        'url.full': 'https://api.partnercenter.microsoft.com/v1/customers/:id', 'server.address': 'api.partnercenter.microsoft.com',
        'csp.outbound.correlation_id': MOVE.correlationId, 'csp.outbound.request_id': 'req-1',
        'http.response.status_code': 200, 'csp.outbound.attempts': 2,
      });
    });

    it('records each attempt\'s latency by service, operation and outcome, and counts the 429s, with no ids', async () => {
      const http = new OutboundHttp({ fetch: answers(429, 429, 200), sleep: async () => undefined, telemetry: kit.telemetry.outbound });
      await http.send({ method: 'GET', url: CUSTOMER, step: 'Partner Center: read the customer' });
      const latency = await kit.points('csp.outbound.duration');
      assert.deepEqual(latency.map((p) => [p.attributes['csp.outbound.outcome'], (p.value as { count: number }).count]), [['throttled', 2], ['ok', 1]]);
      for (const point of latency) assert.doesNotMatch(JSON.stringify(point.attributes), GUID);
      const [throttled] = await kit.points('csp.outbound.throttled');
      assert.equal(throttled.value, 2);
      assert.deepEqual(throttled.attributes, { 'csp.outbound.service': 'partner-center', 'csp.outbound.operation': 'GET /v1/customers/:id' });
    });

    it('marks a call that got no answer as an error of its class', async () => {
      const http = new OutboundHttp({
        fetch: async () => { throw new TypeError('fetch failed'); }, sleep: async () => undefined, maxAttempts: 2, telemetry: kit.telemetry.outbound,
      });
      await assert.rejects(http.send({ method: 'GET', url: 'https://graph.microsoft.com/v1.0/users/megan@contoso.com', step: 'Graph: read user' }), OutboundHttpError);
      const [span] = kit.finished();
      assert.equal(span.name, 'GET /v1.0/users/:id');
      assert.equal(span.status.code, SpanStatusCode.ERROR);
      assert.equal(span.attributes['error.type'], 'OutboundHttpError');
      assert.equal(span.attributes['csp.outbound.attempts'], 2);
      const latency = await kit.points('csp.outbound.duration');
      assert.deepEqual(latency.map((p) => p.attributes['csp.outbound.outcome']), ['network']);
    });
  });

  describe('Teams turns', () => {
    it('makes a request span named by the command, with the request\'s correlation id read when the turn ends', async () => {
      let requestId: string | undefined;
      await kit.telemetry.traceTurn({ activityType: 'message', name: 'command:move', requestCorrelationId: () => requestId }, async () => {
        requestId = 'c0ffee00-0000-4000-8000-000000000001';
      });
      const [span] = kit.finished('turn command:move');
      assert.equal(span.kind, SpanKind.SERVER);
      assert.deepEqual(span.attributes, {
        'csp.turn.activity_type': 'message', 'csp.turn.name': 'command:move', 'csp.request.correlation_id': 'c0ffee00-0000-4000-8000-000000000001',
      });
    });

    it('is an inner span when an HTTP server span is already active, and an error when the turn throws', async () => {
      await kit.tracer('http').startActiveSpan('POST /api/messages', { kind: SpanKind.SERVER }, async (server) => {
        await assert.rejects(kit.telemetry.traceTurn({ activityType: 'invoke', name: 'verb:move.plan.approve' }, async () => { throw new RangeError('x'); }));
        server.end();
      });
      const [turn] = kit.finished('turn verb:move.plan.approve');
      const [server] = kit.finished('POST /api/messages');
      assert.equal(turn.kind, SpanKind.INTERNAL);
      assert.equal(turn.parentSpanContext?.spanId, server.spanContext().spanId);
      assert.equal(turn.status.code, SpanStatusCode.ERROR);
      assert.equal(turn.attributes['error.type'], 'RangeError');
    });
  });

  describe('log correlation', () => {
    it('gives the active span\'s trace and span ids to each log line, and nothing outside a span', async () => {
      assert.deepEqual(kit.telemetry.logFields(), {});
      let fields: Record<string, string> = {};
      await kit.telemetry.moves.traceStep(MOVE, async () => { fields = kit.telemetry.logFields(); });
      const [span] = kit.finished('move step preflight');
      assert.deepEqual(fields, { trace_id: span.spanContext().traceId, span_id: span.spanContext().spanId, trace_flags: '01' });
    });
  });
});
