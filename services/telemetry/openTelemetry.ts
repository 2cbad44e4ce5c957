/**
 * AppTelemetry over an OpenTelemetry tracer and meter: Teams turns, move steps, outbound calls, moves by stage and
 * the log lines' trace ids. Provider-agnostic: azureMonitor.ts gives it the Azure Monitor distro's global
 * providers; the tests give it in-memory ones.
 */
import { isSpanContextValid, SpanKind, SpanStatusCode, trace, type Meter, type Tracer } from '@opentelemetry/api';
import type { AppTelemetry, TurnTraceContext } from './appTelemetry';
import { errorName, MoveSpans } from './moveSpans';
import { OutboundOperations, type OutboundServiceEndpoints } from './outboundOperation';
import { OutboundSpans } from './outboundSpans';
import { ATTR, lowCardinality, METRIC } from './telemetryNames';

export interface OpenTelemetryParts {
  tracer: Tracer;
  meter: Meter;
  /** The base URLs the bot calls, to name each call's service. */
  endpoints: OutboundServiceEndpoints;
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

export function createOpenTelemetry(parts: OpenTelemetryParts): AppTelemetry {
  const { tracer, meter } = parts;
  const moves = new MoveSpans(tracer, meter);
  const outbound = new OutboundSpans(tracer, meter, new OutboundOperations(parts.endpoints));
  let stopped = false;
  return {
    enabled: true,
    moves,
    outbound,
    traceTurn: (turn, work) => traceTurn(tracer, turn, work),
    observeMoves(stages) {
      // A stage once seen is reported as 0 when it empties: a gauge keeps a series' last value otherwise.
      const seen = new Set<string>();
      meter.createObservableGauge(METRIC.moves, { description: 'Moves in each stage' }).addCallback((result) => {
        const counts = new Map<string, number>([...seen].map((stage) => [stage, 0]));
        for (const stage of stages()) counts.set(lowCardinality(stage), (counts.get(lowCardinality(stage)) ?? 0) + 1);
        for (const [stage, count] of counts) {
          seen.add(stage);
          result.observe(count, { [ATTR.stage]: stage });
        }
      });
    },
    logFields: activeSpanFields,
    flush: () => parts.flush(),
    async shutdown() {
      if (stopped) return;
      stopped = true;
      await parts.shutdown();
    },
  };
}

/**
 * A turn's span: a server span of its own (Application Insights: a request), or inside the HTTP server span when
 * the HTTP instrumentation made one.
 */
function traceTurn<T>(tracer: Tracer, turn: TurnTraceContext, work: () => Promise<T>): Promise<T> {
  const activityType = lowCardinality(turn.activityType);
  const name = turn.name === null ? null : lowCardinality(turn.name);
  const kind = trace.getActiveSpan() ? SpanKind.INTERNAL : SpanKind.SERVER;
  const attributes = { [ATTR.turnActivityType]: activityType, ...(name ? { [ATTR.turnName]: name } : {}) };
  return tracer.startActiveSpan(`turn ${name ?? activityType}`, { kind, attributes }, async (span) => {
    try {
      return await work();
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorName(error) });
      span.setAttribute(ATTR.errorType, errorName(error));
      throw error;
    } finally {
      const requestId = turn.requestCorrelationId?.();
      if (requestId) span.setAttribute(ATTR.requestCorrelationId, requestId);
      span.end();
    }
  });
}

/** `trace_id`/`span_id` of the active span (the names Application Insights and OpenTelemetry's log bridges use). */
function activeSpanFields(): Record<string, string> {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (!spanContext || !isSpanContextValid(spanContext)) return {};
  return { trace_id: spanContext.traceId, span_id: spanContext.spanId, trace_flags: `0${spanContext.traceFlags.toString(16)}` };
}
