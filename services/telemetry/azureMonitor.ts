/**
 * Starts the Azure Monitor OpenTelemetry distro (@azure/monitor-opentelemetry) and gives the bot's telemetry over
 * its providers. Loaded only when APPLICATIONINSIGHTS_CONNECTION_STRING is set (startTelemetry.ts imports it
 * lazily): the distro and the OpenTelemetry SDK cost startup time (docs/PERFORMANCE.md).
 *
 * What the distro is told: every trace kept (a move's steps are few and each one matters; OTEL_TRACES_SAMPLER and
 * OTEL_TRACES_SAMPLER_ARG override it), Live Metrics off (it keeps a connection polling every second), the Azure SDK
 * instrumentation on (Table and Blob storage, the Bot Framework connector), the Node HTTP and database ones off: each
 * Teams turn is a request span of its own (openTelemetry.ts) and OutboundHttp traces Partner Center, Graph and sign-in
 * (they go through fetch, which the HTTP instrumentation does not see); the bot uses no database.
 */
import path from 'node:path';
import { context, metrics, propagation, trace } from '@opentelemetry/api';
import { shutdownAzureMonitor, useAzureMonitor, type AzureMonitorOpenTelemetryOptions } from '@azure/monitor-opentelemetry';
import type { AppTelemetry } from './appTelemetry';
import { MoveAttributesSpanProcessor } from './moveSpans';
import type { OutboundServiceEndpoints } from './outboundOperation';
import { createOpenTelemetry } from './openTelemetry';
import { SCOPE } from './telemetryNames';

type AzureMonitorExporterOptions = NonNullable<AzureMonitorOpenTelemetryOptions['azureMonitorExporterOptions']>;

export interface AzureMonitorSettings {
  /** APPLICATIONINSIGHTS_CONNECTION_STRING, checked by bot/config.ts. */
  connectionString: string;
  endpoints: OutboundServiceEndpoints;
  /**
   * The exporter's own options over the defaults (which keep what could not be sent on disk and send it later).
   * Tests: `disableOfflineStorage` (nothing written, no replay timer) and `tlsOptions` (trust the local receiver).
   */
  exporterOptions?: Omit<AzureMonitorExporterOptions, 'connectionString'>;
  /**
   * Let the exporter poll Azure Monitor's settings service (default true, as the distro does). Off in tests,
   * whose only traffic must go to the loopback receiver.
   */
  remoteSettings?: boolean;
}

export function startAzureMonitor(settings: AzureMonitorSettings): AppTelemetry {
  useAzureMonitor({
    azureMonitorExporterOptions: { ...settings.exporterOptions, connectionString: settings.connectionString },
    samplingRatio: 1,
    tracesPerSecond: 0,
    enableLiveMetrics: false,
    spanProcessors: [new MoveAttributesSpanProcessor()],
    instrumentationOptions: {
      http: { enabled: false }, azureSdk: { enabled: true },
      mongoDb: { enabled: false }, mySql: { enabled: false }, postgreSql: { enabled: false }, redis: { enabled: false }, redis4: { enabled: false },
    },
  });
  if (settings.remoteSettings === false) stopSettingsPolling();
  return createOpenTelemetry({
    tracer: trace.getTracer(SCOPE),
    meter: metrics.getMeter(SCOPE),
    endpoints: settings.endpoints,
    flush: flushProviders,
    async shutdown() {
      await flushProviders();
      await shutdownAzureMonitor();
      stopSettingsPolling();
      // Back to OpenTelemetry's no-op globals: a stopped bot records nothing, and a later start begins clean.
      trace.disable();
      metrics.disable();
      propagation.disable();
      context.disable();
    },
  });
}

/** Exports the spans and metrics buffered now (the distro's own flush is not public: through the global providers). */
async function flushProviders(): Promise<void> {
  const tracerProvider = trace.getTracerProvider() as { getDelegate?: () => unknown };
  const spans = (tracerProvider.getDelegate?.() ?? tracerProvider) as { forceFlush?: () => Promise<void> };
  await spans.forceFlush?.();
  await (metrics.getMeterProvider() as { forceFlush?: () => Promise<void> }).forceFlush?.();
}

/**
 * The exporter polls Azure Monitor's settings service (settings.sdk.monitor.azure.com) from a process-wide worker
 * that shutdownAzureMonitor leaves running; this stops it. Best effort: the worker lives in an internal module of
 * @azure/monitor-opentelemetry-exporter, and a version that moved it simply keeps polling.
 */
function stopSettingsPolling(): void {
  try {
    const distro = path.dirname(require.resolve('@azure/monitor-opentelemetry'));
    const exporter = path.dirname(require.resolve('@azure/monitor-opentelemetry-exporter', { paths: [distro] }));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const internal = require(path.join(exporter, '_configuration', 'configurationManager.js')) as {
      ConfigurationManager?: { getInstance?: () => { shutdown?: () => void } };
    };
    internal.ConfigurationManager?.getInstance?.().shutdown?.();
  } catch {
    // Nothing to stop in this version.
  }
}
