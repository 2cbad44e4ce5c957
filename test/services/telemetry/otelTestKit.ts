import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider, MetricReader, type DataPoint } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { AppTelemetry } from '../../../services/telemetry/appTelemetry';
import { MoveAttributesSpanProcessor } from '../../../services/telemetry/moveSpans';
import { createOpenTelemetry } from '../../../services/telemetry/openTelemetry';

/** Collects on demand (no interval). */
class OnDemandReader extends MetricReader {
  protected async onForceFlush(): Promise<void> {}
  protected async onShutdown(): Promise<void> {}
}

export const PRODUCTION_ENDPOINTS = {
  partnerCenterBaseUrl: 'https://api.partnercenter.microsoft.com', graphBaseUrl: 'https://graph.microsoft.com/',
  loginBaseUrl: 'https://login.microsoftonline.com', partnerApiBaseUrl: 'https://api.partner.microsoft.com',
};

/**
 * The bot's OpenTelemetry telemetry over in-memory providers (spans kept, metrics collected on demand), with the
 * async-hooks context manager the Node SDK registers in production. `close()` puts the global context back.
 */
export class OtelTestKit {
  readonly spans = new InMemorySpanExporter();
  private readonly reader = new OnDemandReader();
  private readonly tracerProvider = new BasicTracerProvider({ spanProcessors: [new MoveAttributesSpanProcessor(), new SimpleSpanProcessor(this.spans)] });
  private readonly meterProvider = new MeterProvider({ readers: [this.reader] });
  readonly telemetry: AppTelemetry;

  constructor() {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    this.telemetry = createOpenTelemetry({
      tracer: this.tracerProvider.getTracer('test'), meter: this.meterProvider.getMeter('test'), endpoints: PRODUCTION_ENDPOINTS,
      flush: async () => undefined, shutdown: async () => undefined,
    });
  }

  /** Another tracer of the same provider (as an instrumentation library would have). */
  tracer(name: string) {
    return this.tracerProvider.getTracer(name);
  }

  finished(name?: string): ReadableSpan[] {
    return this.spans.getFinishedSpans().filter((s) => name === undefined || s.name === name);
  }

  /** The data points of one metric, with their attributes. */
  async points(metric: string): Promise<Array<DataPoint<unknown>>> {
    const { resourceMetrics } = await this.reader.collect();
    return resourceMetrics.scopeMetrics.flatMap((s) => s.metrics).filter((m) => m.descriptor.name === metric)
      .flatMap((m) => m.dataPoints as Array<DataPoint<unknown>>);
  }

  async close(): Promise<void> {
    await this.tracerProvider.shutdown();
    await this.meterProvider.shutdown();
    context.disable();
  }
}
