/**
 * OutboundHttp's telemetry over OpenTelemetry: a client span per call (all attempts; Application Insights shows it
 * as an HTTP dependency), each attempt's latency in a histogram by service and operation, and the 429s counted.
 * The URL is the call's path template: no ids, no query.
 */
import { SpanKind, SpanStatusCode, type Attributes, type Counter, type Histogram, type Meter, type Tracer } from '@opentelemetry/api';
import type { OutboundResponse } from '../http/outboundHttp';
import type { OutboundCallTrace, OutboundCallTraceContext, OutboundTelemetry } from '../http/outboundTelemetry';
import { errorName } from './moveSpans';
import type { OutboundOperations } from './outboundOperation';
import { ATTR, METRIC } from './telemetryNames';

export class OutboundSpans implements OutboundTelemetry {
  private readonly duration: Histogram;
  private readonly throttled: Counter;

  constructor(private readonly tracer: Tracer, meter: Meter, private readonly operations: OutboundOperations) {
    this.duration = meter.createHistogram(METRIC.outboundDuration, {
      unit: 'ms', description: 'Partner Center, Graph and sign-in latency per attempt, by service and operation',
    });
    this.throttled = meter.createCounter(METRIC.outboundThrottled, { description: 'Answers 429 (throttled), by service and operation' });
  }

  traceCall(call: OutboundCallTraceContext, work: (trace: OutboundCallTrace) => Promise<OutboundResponse>): Promise<OutboundResponse> {
    const op = this.operations.describe(call.method, call.url);
    const series: Attributes = { [ATTR.outboundService]: op.service, [ATTR.outboundOperation]: op.operation };
    const attributes: Attributes = {
      ...series, 'http.request.method': call.method, 'url.full': op.url, 'server.address': op.host,
      ...idsOf(call.logIds),
    };
    return this.tracer.startActiveSpan(op.operation, { kind: SpanKind.CLIENT, attributes }, async (span) => {
      let attempts = 0;
      const trace: OutboundCallTrace = {
        attempt: async (run) => {
          attempts += 1;
          const started = performance.now();
          try {
            const response = await run();
            this.duration.record(performance.now() - started, { ...series, [ATTR.outboundOutcome]: outcomeOf(response.status) });
            if (response.status === 429) this.throttled.add(1, series);
            return response;
          } catch (error) {
            const timedOut = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
            this.duration.record(performance.now() - started, { ...series, [ATTR.outboundOutcome]: timedOut ? 'timeout' : 'network' });
            throw error;
          }
        },
      };
      try {
        const response = await work(trace);
        span.setAttribute('http.response.status_code', response.status);
        if (response.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${response.status}` });
        return response;
      } catch (error) {
        span.setAttribute(ATTR.errorType, errorName(error));
        span.setStatus({ code: SpanStatusCode.ERROR, message: errorName(error) });
        throw error;
      } finally {
        span.setAttribute(ATTR.outboundAttempts, attempts);
        span.end();
      }
    });
  }
}

/**
 * The call's own ids (OutboundRequest.logIds, never secrets): the correlation id it was sent with and the service's
 * request id. The move's ids come from the step the call runs in (MoveAttributesSpanProcessor).
 */
function idsOf(logIds: Readonly<Record<string, string>> | undefined): Attributes {
  if (!logIds) return {};
  const ids: Attributes = {};
  if (logIds.correlationId) ids[ATTR.outboundCorrelationId] = logIds.correlationId;
  const requestId = logIds.requestId ?? logIds.clientRequestId;
  if (requestId) ids[ATTR.outboundRequestId] = requestId;
  return ids;
}

function outcomeOf(status: number): string {
  if (status === 429) return 'throttled';
  if (status >= 500) return 'server-error';
  if (status >= 400) return 'client-error';
  return 'ok';
}
