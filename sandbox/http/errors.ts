/**
 * Error bodies in each API's documented shape:
 * - Partner Center: `{code, description, data, source: "PartnerFD"}` (SDK ApiFault)
 * - Graph: `{error: {code, message, innerError: {date, request-id, client-request-id}}}`
 * - Entra token endpoint: `{error, error_description: "AADSTSnnnn: …", error_codes, timestamp, trace_id, correlation_id, error_uri}`
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
