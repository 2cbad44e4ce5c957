/** Builds SandboxRequests, from node:http requests and from `$batch` sub-requests alike. */
import type { IncomingHttpHeaders } from 'node:http';
import { MalformedBodyError, type ApiArea, type SandboxRequest } from './types';

export interface RequestParts {
  area: ApiArea;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  remoteAddress: string | undefined;
  rawBody: string;
  params: Record<string, string>;
  traceId: string;
  baseUrl: string;
}

export function buildRequest(parts: RequestParts): SandboxRequest {
  const { headers, rawBody } = parts;
  const header = (name: string): string | undefined => {
    const value = headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    area: parts.area,
    method: parts.method,
    path: parts.path,
    query: parts.query,
    headers,
    params: parts.params,
    rawBody,
    remoteAddress: parts.remoteAddress,
    baseUrl: parts.baseUrl,
    traceId: parts.traceId,
    header,
    jsonBody() {
      if (rawBody.trim() === '') return undefined;
      try {
        return JSON.parse(rawBody) as unknown;
      } catch {
        throw new MalformedBodyError('The request body is not valid JSON.');
      }
    },
    formBody: () => new URLSearchParams(rawBody),
  };
}

/** The same request with another route's parameters (after the router matched it). */
export function withParams(request: SandboxRequest, area: ApiArea, params: Record<string, string>): SandboxRequest {
  return { ...request, area, params };
}
