/**
 * Telemetry on or off, from configuration. Off (no APPLICATIONINSIGHTS_CONNECTION_STRING): NO_APP_TELEMETRY, and
 * neither the Azure Monitor distro nor the OpenTelemetry SDK is loaded. On: the distro is loaded now, lazily.
 */
import { NO_APP_TELEMETRY, type AppTelemetry } from './appTelemetry';
import type { AzureMonitorSettings } from './azureMonitor';

export type TelemetrySettings = Omit<AzureMonitorSettings, 'connectionString'> & { connectionString?: string };

export async function startTelemetry(settings: TelemetrySettings): Promise<AppTelemetry> {
  const { connectionString } = settings;
  if (!connectionString) return NO_APP_TELEMETRY;
  // require, not import(): loaded here and only here, as CommonJS, both compiled and under tsx.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startAzureMonitor } = require('./azureMonitor') as typeof import('./azureMonitor');
  return startAzureMonitor({ ...settings, connectionString });
}
