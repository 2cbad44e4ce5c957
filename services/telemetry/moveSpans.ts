/**
 * The orchestrator's telemetry over OpenTelemetry: one span per move step, the move's ids carried by every span
 * started inside it (MoveAttributesSpanProcessor: the step's HTTP calls, token requests, Azure SDK calls), a counter
 * of stage transitions and one of step failures. Only names and ids: error messages (which may name a customer)
 * stay in the log.
 */
import {
  context, createContextKey, SpanKind, SpanStatusCode, type Attributes, type Context, type Counter, type Meter, type Tracer,
} from '@opentelemetry/api';
import type { MoveStepTraceContext, MoveTelemetry, StepFailureTrace, StepTrace } from '../../move/ports';
import { ATTR, lowCardinality, METRIC } from './telemetryNames';

const MOVE_ATTRIBUTES = createContextKey('csp.move.attributes');

/** The move's ids, as set in the context by the step's span (undefined outside a step). */
export function moveAttributesOf(ctx: Context): Attributes | undefined {
  return ctx.getValue(MOVE_ATTRIBUTES) as Attributes | undefined;
}

/**
 * Copies the move's ids onto every span started inside a step, whoever starts it. Registered with the tracer
 * provider (azureMonitor.ts); shaped as OpenTelemetry's SpanProcessor without importing the SDK.
 */
export class MoveAttributesSpanProcessor {
  onStart(span: { setAttributes(attributes: Attributes): unknown }, parentContext: Context): void {
    const attributes = moveAttributesOf(parentContext);
    if (attributes) span.setAttributes(attributes);
  }

  onEnd(): void {}

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}

export class MoveSpans implements MoveTelemetry {
  private readonly transitions: Counter;
  private readonly failures: Counter;

  constructor(private readonly tracer: Tracer, meter: Meter) {
    this.transitions = meter.createCounter(METRIC.stageTransitions, { description: 'Moves entering a stage' });
    this.failures = meter.createCounter(METRIC.stepFailures, { description: 'Move steps that failed, by step and error kind' });
  }

  traceStep<T>(step: MoveStepTraceContext, work: (trace: StepTrace) => Promise<T>): Promise<T> {
    const stepName = lowCardinality(step.step);
    const ids: Attributes = { [ATTR.moveId]: step.moveId, [ATTR.moveCorrelationId]: step.correlationId, [ATTR.moveStep]: stepName };
    const parent = context.active().setValue(MOVE_ATTRIBUTES, ids);
    return this.tracer.startActiveSpan(`move step ${stepName}`, { kind: SpanKind.INTERNAL, attributes: ids }, parent, async (span) => {
      let outcome = 'waiting';
      const trace: StepTrace = {
        recorded: (command) => {
          outcome = 'recorded';
          span.setAttribute(ATTR.stepCommand, lowCardinality(command));
        },
        failed: (failure: StepFailureTrace) => {
          outcome = 'failed';
          const errorType = lowCardinality(failure.errorType);
          span.setAttributes({ [ATTR.errorKind]: failure.kind, [ATTR.errorType]: errorType });
          span.setStatus({ code: SpanStatusCode.ERROR, message: `${failure.kind} ${errorType}` });
          this.failures.add(1, { [ATTR.moveStep]: stepName, [ATTR.errorKind]: failure.kind, [ATTR.errorType]: errorType });
        },
      };
      try {
        return await work(trace);
      } catch (error) {
        // Not a step failure (those are recorded on the move): the store or the notifier threw.
        outcome = 'error';
        span.setStatus({ code: SpanStatusCode.ERROR, message: errorName(error) });
        span.setAttribute(ATTR.errorType, errorName(error));
        throw error;
      } finally {
        span.setAttribute(ATTR.stepOutcome, outcome);
        span.end();
      }
    });
  }

  stageChanged(from: string | null, to: string): void {
    this.transitions.add(1, { [ATTR.stageFrom]: from === null ? 'none' : lowCardinality(from), [ATTR.stageTo]: lowCardinality(to) });
  }
}

export function errorName(error: unknown): string {
  return error instanceof Error ? lowCardinality(error.name) : 'other';
}
