/**
 * The latest API requests the sandbox received, with the headers they carried (`GET /_sandbox/requests`), so a
 * test can check what a client sends: Partner Center's `MS-RequestId` and `MS-CorrelationId`, Graph's
 * `client-request-id`, and that a retry repeats them. Recorded where requests are counted (every API request,
 * whatever its answer, each `$batch` sub-request too; admin routes never). Credentials (`Authorization`,
 * `Cookie`, `Proxy-Authorization`) are never kept. Holds the latest 500; cleared by `DELETE /_sandbox/requests`
 * and by `POST /_sandbox/reset`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ApiArea } from '../http/types';

export const REQUEST_LOG_SIZE = 500;
const SECRET_HEADERS: ReadonlySet<string> = new Set(['authorization', 'cookie', 'proxy-authorization']);
const MAX_VALUE_LENGTH = 500;

export interface RecordedRequest {
  /** 1 for the first request since the last clear. */
  sequence: number;
  area: ApiArea;
  method: string;
  /** The path as sent (no query string). */
  path: string;
  /** The route pattern it matched (as in `/_sandbox/stats`), or null. */
  route: string | null;
  /** Header names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
}

export interface RequestLog {
  record(request: { area: ApiArea; method: string; path: string; headers: IncomingHttpHeaders }, route: string | null): void;
  /** Oldest first. */
  list(): RecordedRequest[];
  clear(): void;
}

export function createRequestLog(size = REQUEST_LOG_SIZE): RequestLog {
  let entries: RecordedRequest[] = [];
  let sequence = 0;
  return {
    record(request, route) {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        const key = name.toLowerCase();
        if (value === undefined || SECRET_HEADERS.has(key)) continue;
        const text = Array.isArray(value) ? value.join(', ') : String(value);
        headers[key] = text.length > MAX_VALUE_LENGTH ? text.slice(0, MAX_VALUE_LENGTH) : text;
      }
      sequence += 1;
      entries.push({ sequence, area: request.area, method: request.method.toUpperCase(), path: request.path, route, headers });
      if (entries.length > size) entries = entries.slice(entries.length - size);
    },
    list() {
      return entries.map((e) => ({ ...e, headers: { ...e.headers } }));
    },
    clear() {
      entries = [];
      sequence = 0;
    },
  };
}
