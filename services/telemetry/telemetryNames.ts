/**
 * The names the bot's spans and metrics carry, in one place: what an operator queries in Application Insights
 * (`customDimensions["csp.move.correlation_id"]`, `customMetrics | where name == "csp.move.step_failures"`).
 */
export const ATTR = {
  moveId: 'csp.move.id',
  /** The move's correlation id; every span of a move carries it (also those of the calls its steps make). */
  moveCorrelationId: 'csp.move.correlation_id',
  moveStep: 'csp.move.step',
  /** `recorded`, `waiting` (nothing to do now) or `failed`. */
  stepOutcome: 'csp.move.step.outcome',
  /** The command that recorded the step's result (`RecordPreflight`...). */
  stepCommand: 'csp.move.step.command',
  stageFrom: 'csp.move.stage.from',
  stageTo: 'csp.move.stage.to',
  stage: 'csp.move.stage',
  errorKind: 'csp.error.kind',
  errorType: 'error.type',
  turnActivityType: 'csp.turn.activity_type',
  /** `command:<kind>`, `verb:<card verb>` or `invoke:<name>`: never what anyone typed. */
  turnName: 'csp.turn.name',
  /** The Teams request's own correlation id (bot/requestCorrelation.ts); its events carry it too. */
  requestCorrelationId: 'csp.request.correlation_id',
  outboundService: 'csp.outbound.service',
  outboundOperation: 'csp.outbound.operation',
  outboundOutcome: 'csp.outbound.outcome',
  outboundAttempts: 'csp.outbound.attempts',
  /** The correlation id the call was sent with (inside a step: the move's, also in `csp.move.correlation_id`). */
  outboundCorrelationId: 'csp.outbound.correlation_id',
  /** The service's request id (Partner Center `MS-RequestId`, Graph `client-request-id`). */
  outboundRequestId: 'csp.outbound.request_id',
} as const;

export const METRIC = {
  /** Observable gauge: moves per stage, counted at each collection. */
  moves: 'csp.moves',
  stageTransitions: 'csp.move.stage_transitions',
  stepFailures: 'csp.move.step_failures',
  /** Histogram (ms) per attempt, by service and operation. */
  outboundDuration: 'csp.outbound.duration',
  outboundThrottled: 'csp.outbound.throttled',
} as const;

/** The instrumentation scope of every span and metric of the bot. */
export const SCOPE = 'csp-move-assistant';

/** A name-like value (stage, error class, command) fit for a metric attribute; anything else becomes `other`. */
export function lowCardinality(value: string): string {
  return /^[A-Za-z][A-Za-z0-9_.:/-]{0,63}$/.test(value) ? value : 'other';
}
