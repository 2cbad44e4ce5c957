/**
 * What OutboundHttp tells telemetry about each call: one span per call (all its attempts), each attempt timed and
 * its answer seen (latency, 429s). The OpenTelemetry implementation is services/telemetry/outboundSpans.ts; without
 * APPLICATIONINSIGHTS_CONNECTION_STRING the no-op below is used and nothing is loaded.
 */
import type { OutboundResponse } from './outboundHttp';

/** The call as OutboundHttp knows it. The URL may carry ids and a query: the telemetry keeps only its shape. */
export interface OutboundCallTraceContext {
  method: string;
  url: string;
  /** What the call is for, in words (`Partner Center: create cart`). */
  step: string;
  /** The move's correlation id and the service's request ids, when the caller gave them. */
  logIds?: Readonly<Record<string, string>>;
}

/** Times one attempt and sees its answer (or its failure). */
export interface OutboundCallTrace {
  attempt(run: () => Promise<OutboundResponse>): Promise<OutboundResponse>;
}

export interface OutboundTelemetry {
  /** Runs a whole call (its attempts, their waits) inside its span; resolves or rejects as `work` does. */
  traceCall(call: OutboundCallTraceContext, work: (trace: OutboundCallTrace) => Promise<OutboundResponse>): Promise<OutboundResponse>;
}

const UNTRACED_CALL: OutboundCallTrace = Object.freeze({ attempt: (run: () => Promise<OutboundResponse>) => run() });

export const NO_OUTBOUND_TELEMETRY: OutboundTelemetry = Object.freeze({
  traceCall: (_call: OutboundCallTraceContext, work: (trace: OutboundCallTrace) => Promise<OutboundResponse>) => work(UNTRACED_CALL),
});
