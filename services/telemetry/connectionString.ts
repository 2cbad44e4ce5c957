/**
 * Checks APPLICATIONINSIGHTS_CONNECTION_STRING before anything starts, so a pasted-wrong value is a startup problem
 * naming the setting and the fix, not telemetry silently lost. The value itself is never echoed.
 */

const SETTING = 'APPLICATIONINSIGHTS_CONNECTION_STRING';
const FIX = 'copy the connection string from the Application Insights resource (Overview → Connection String), like'
  + ' InstrumentationKey=<GUID>;IngestionEndpoint=https://<region>.in.applicationinsights.azure.com/;...,'
  + ' or leave it empty to turn telemetry off';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The endpoints a connection string may name (lowercase key → its usual spelling). */
const ENDPOINTS = [['ingestionendpoint', 'IngestionEndpoint'], ['liveendpoint', 'LiveEndpoint']] as const;

/**
 * The problem line (starting with the setting's name) or null. `httpAllowed`: local mode, where an endpoint on this
 * machine may be http; production wants https.
 */
export function connectionStringProblem(value: string, httpAllowed: boolean): string | null {
  const fields = new Map<string, string>();
  for (const part of value.split(';').map((p) => p.trim()).filter((p) => p !== '')) {
    const equals = part.indexOf('=');
    if (equals <= 0) return `${SETTING}: "key=value" pairs separated by ";" expected; ${FIX}`;
    fields.set(part.slice(0, equals).trim().toLowerCase(), part.slice(equals + 1).trim());
  }
  const key = fields.get('instrumentationkey');
  if (!key) return `${SETTING}: no InstrumentationKey in it; ${FIX}`;
  if (!GUID.test(key)) return `${SETTING}: its InstrumentationKey is not a GUID; ${FIX}`;
  for (const [name, label] of ENDPOINTS) {
    const endpoint = fields.get(name);
    if (endpoint === undefined) continue;
    const url = parseUrl(endpoint);
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) return `${SETTING}: its ${label} is not an http(s) URL; ${FIX}`;
    if (url.protocol === 'http:' && !httpAllowed) {
      return `${SETTING}: its ${label} must be https (http only in local mode); ${FIX}`;
    }
  }
  return null;
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
