/**
 * The bot's telemetry as the composition root sees it. Without APPLICATIONINSIGHTS_CONNECTION_STRING it is
 * NO_APP_TELEMETRY: no spans, no metrics, and no OpenTelemetry module is ever loaded (this file imports none).
 * With it, services/telemetry/azureMonitor.ts builds the OpenTelemetry one (openTelemetry.ts).
 */
import { NO_MOVE_TELEMETRY, type MoveTelemetry } from '../../move/ports';
import { NO_OUTBOUND_TELEMETRY, type OutboundTelemetry } from '../http/outboundTelemetry';

/** A Teams turn as its span names it: the activity's type and what was asked, never the text typed. */
export interface TurnTraceContext {
  /** `message`, `invoke`, `conversationUpdate`... (`other` for anything unexpected). */
  activityType: string;
  /** `command:<kind>`, `verb:<card verb>`, `invoke:<name>`, or null. */
  name: string | null;
  /** Read when the turn ends: the request's correlation id, once the bot gave it one. */
  requestCorrelationId?: () => string | undefined;
}

export interface AppTelemetry {
  /** True when spans and metrics leave the process. */
  readonly enabled: boolean;
  /** For the orchestrator: a span per step, stage transitions, step failures. */
  readonly moves: MoveTelemetry;
  /** For OutboundHttp: a span per Partner Center / Graph / sign-in call, latency and 429s. */
  readonly outbound: OutboundTelemetry;
  /** Runs one Teams turn inside its span. */
  traceTurn<T>(turn: TurnTraceContext, work: () => Promise<T>): Promise<T>;
  /** Counts the moves per stage at each metric collection (`stages` is read then). */
  observeMoves(stages: () => Iterable<string>): void;
  /** Fields for each log line: `trace_id` and `span_id` of the active span, if any (a pino mixin). */
  logFields(): Record<string, string>;
  /** Exports what is buffered now (spans, metrics) instead of at the next interval. */
  flush(): Promise<void>;
  /** Flushes and stops; nothing is recorded afterwards. */
  shutdown(): Promise<void>;
}

const NO_FIELDS: Record<string, string> = Object.freeze({}) as Record<string, string>;

export const NO_APP_TELEMETRY: AppTelemetry = Object.freeze({
  enabled: false,
  moves: NO_MOVE_TELEMETRY,
  outbound: NO_OUTBOUND_TELEMETRY,
  traceTurn: <T>(_turn: TurnTraceContext, work: () => Promise<T>): Promise<T> => work(),
  observeMoves: () => undefined,
  logFields: () => NO_FIELDS,
  flush: async () => undefined,
  shutdown: async () => undefined,
});
