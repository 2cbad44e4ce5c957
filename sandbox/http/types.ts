/** Request/response types shared by every sandbox route, independent of node:http. */
import type { IncomingHttpHeaders } from 'node:http';

export type ApiArea = 'partnerCenter' | 'graph' | 'login' | 'botFramework' | 'admin';

export interface SandboxRequest {
  readonly area: ApiArea;
  readonly method: string;
  /** Path below the sandbox root, e.g. `/graph/v1.0/users`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly params: Readonly<Record<string, string>>;
  readonly rawBody: string;
  readonly remoteAddress: string | undefined;
  /** `http://127.0.0.1:3979`, without a trailing slash. */
  readonly baseUrl: string;
  /** Request trace id the sandbox invented for this call (used for MS-RequestId, request-id, trace_id). */
  readonly traceId: string;
  header(name: string): string | undefined;
  /** Parsed JSON body; an empty body is `undefined`; malformed JSON throws MalformedBodyError. */
  jsonBody(): unknown;
  formBody(): URLSearchParams;
}

export interface SandboxResponse {
  status: number;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, instead of `body` (e.g. a CSV download); its Content-Type goes in `headers`. */
  text?: string;
  /** Binary content sent as is (e.g. a zipped price sheet); its Content-Type goes in `headers`. */
  bytes?: Uint8Array;
  headers?: Record<string, string>;
}

export type RouteHandler = (request: SandboxRequest) => SandboxResponse | Promise<SandboxResponse>;

/** Thrown by handlers to answer with an error response already shaped for their API. */
export class HttpError extends Error {
  constructor(readonly response: SandboxResponse) {
    super(`HTTP ${response.status}`);
    this.name = 'HttpError';
  }
}

export class MalformedBodyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedBodyError';
  }
}

export function json(status: number, body: unknown, headers?: Record<string, string>): SandboxResponse {
  return { status, body, headers };
}

export function text(status: number, content: string, contentType: string): SandboxResponse {
  return { status, text: content, headers: { 'Content-Type': contentType } };
}
