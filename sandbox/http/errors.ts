/**
 * Error bodies in each API's documented shape:
 * - Partner Center: `{code, description, data, source: "PartnerFD"}` (SDK ApiFault)
 * - Graph: `{error: {code, message, innerError: {date, request-id, client-request-id}}}`
 * - Entra token endpoint: `{error, error_description: "AADSTSnnnn: …", error_codes, timestamp, trace_id, correlation_id, error_uri}`
 * - Bot Framework token service (`/botframework`): `{error: {code, message}}`
 * - Sandbox admin API: `{error, message}`
 */
import { HttpError, type ApiArea, type SandboxRequest, type SandboxResponse } from './types';

export function partnerCenterError(status: number, code: number, description: string, data: string[] = []): HttpError {
  return new HttpError({ status, body: { code, description: description.slice(0, 1024), data, source: 'PartnerFD' } });
}

export function graphErrorResponse(request: SandboxRequest, status: number, code: string, message: string): SandboxResponse {
  return {
    status,
    body: {
      error: {
        code,
        message,
        innerError: {
          date: new Date().toISOString().replace(/\.\d{3}Z$/, ''),
          'request-id': request.traceId,
          'client-request-id': request.header('client-request-id') ?? request.traceId,
        },
      },
    },
  };
}

export function graphError(request: SandboxRequest, status: number, code: string, message: string): HttpError {
  return new HttpError(graphErrorResponse(request, status, code, message));
}

export function aadError(request: SandboxRequest, status: number, error: string, aadstsCode: number, description: string): HttpError {
  const correlationId = request.header('client-request-id') ?? request.traceId;
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
  return new HttpError({
    status,
    body: {
      error,
      error_description: `AADSTS${aadstsCode}: ${description} Trace ID: ${request.traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [aadstsCode],
      timestamp,
      trace_id: request.traceId,
      correlation_id: correlationId,
      error_uri: `${request.baseUrl}/login/error?code=${aadstsCode}`,
    },
  });
}

const BOT_FRAMEWORK_CODES: Record<number, string> = {
  404: 'NotFound', 405: 'MethodNotAllowed', 413: 'RequestEntityTooLarge', 429: 'TooManyRequests', 500: 'ServiceError',
  502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'GatewayTimeout',
};

/** The Bot Framework's public metadata routes document no error body; the sandbox uses `{error: {code, message}}`. */
export function botFrameworkErrorResponse(status: number, message: string): SandboxResponse {
  return { status, body: { error: { code: BOT_FRAMEWORK_CODES[status] ?? (status >= 500 ? 'ServiceError' : 'BadRequest'), message } } };
}

export function adminError(status: number, error: string, message: string): HttpError {
  return new HttpError({ status, body: { error, message } });
}

/** A generic error (unknown route, bad JSON, crash) in the shape of the API the path belongs to. */
export function errorForArea(area: ApiArea, request: SandboxRequest, status: number, message: string): SandboxResponse {
  switch (area) {
    case 'partnerCenter':
      // For errors without a documented code the sandbox uses the HTTP status as `code`.
      return partnerCenterError(status, status, message).response;
    case 'graph':
      return graphErrorResponse(request, status, graphCodeFor(status), message);
    case 'login':
      return { status, body: { error: status === 404 ? 'not_found' : status >= 500 ? 'server_error' : 'invalid_request', error_description: message } };
    case 'botFramework':
      return botFrameworkErrorResponse(status, message);
    case 'admin':
      return { status, body: { error: status === 404 ? 'not_found' : status >= 500 ? 'internal_error' : 'bad_request', message } };
  }
}

function graphCodeFor(status: number): string {
  if (status === 404) return 'BadRequest';
  if (status === 405) return 'Request_BadRequest';
  if (status === 413) return 'RequestEntityTooLarge';
  if (status >= 500) return 'InternalServerError';
  return 'BadRequest';
}

const SERVICE_MESSAGES: Record<number, string> = {
  500: 'The service encountered an internal error. Please retry the request.',
  502: 'The gateway received an invalid response from the service. Please retry the request.',
  503: 'The service is temporarily unavailable. Please retry the request later.',
  504: 'The service did not answer in time. Please retry the request.',
};
const GRAPH_SERVICE_CODES: Record<number, string> = { 500: 'generalException', 502: 'badGateway', 503: 'serviceNotAvailable', 504: 'gatewayTimeout' };

/**
 * The error body a service sends for a transient failure or throttling (injected faults, rate limits), in
 * the shape of the API the path belongs to. A 429 from Partner Center uses the documented throttling body
 * `{statusCode, message}` (learn.microsoft.com/partner-center/developer/api-throttling-guidance); Graph uses `TooManyRequests`; the token service `AADSTS90055`.
 */
export function serviceErrorFor(area: ApiArea, request: SandboxRequest, status: number, retryAfterSeconds: number | null): SandboxResponse {
  const wait = retryAfterSeconds ?? 1;
  const message = SERVICE_MESSAGES[status] ?? `The request failed with HTTP ${status}.`;
  switch (area) {
    case 'partnerCenter':
      if (status === 429) return { status, body: { statusCode: 429, message: `Rate limit is exceeded. Try again in ${wait} seconds.` } };
      // Undocumented codes: the HTTP status is the code (sandbox convention).
      return partnerCenterError(status, status, message).response;
    case 'graph':
      if (status === 429) return graphErrorResponse(request, status, 'TooManyRequests', `Too many requests. Please retry after ${wait} seconds.`);
      return graphErrorResponse(request, status, GRAPH_SERVICE_CODES[status] ?? graphCodeFor(status), message);
    case 'login':
      if (status === 429) return aadError(request, status, 'temporarily_unavailable', 90055, 'TenantThrottlingError - There are too many incoming requests. This exception is thrown for blocked tenants.').response;
      if (status >= 500) return aadError(request, status, 'temporarily_unavailable', 90033, 'A transient error has occurred. Please try again.').response;
      return aadError(request, status, 'invalid_request', 90014, message).response;
    case 'botFramework':
      return botFrameworkErrorResponse(status, status === 429 ? `Too many requests. Please retry after ${wait} seconds.` : message);
    case 'admin':
      return { status, body: { error: 'unavailable', message } };
  }
}
