/**
 * Lets the real @azure/identity credentials (and MSAL inside them) talk to a local http token service.
 *
 * @azure/identity refuses an `authorityHost` that is not https, and MSAL refuses OpenID metadata whose
 * endpoints are not https. Both are checks on URLs, not on the transport. The credentials accept a custom
 * transport through the documented `httpClient` option (CommonClientOptions), so this bridge plays the
 * part of a TLS-terminating proxy: the credential is configured with `https://login.bridge.test` as its
 * authority (and `disableInstanceDiscovery`), the bridge sends each request to the local http origin, and
 * rewrites the local origin in answers (metadata endpoints) back to the https one. Everything else —
 * metadata discovery, the token request, caching, error parsing — is the credential's real code path.
 */
import type { IdentityHttpClient } from '../../../services/identity/azureIdentityTokenProvider';

export const BRIDGE_AUTHORITY = 'https://login.bridge.test';

type PipelineRequest = Parameters<IdentityHttpClient['sendRequest']>[0];
type PipelineResponse = Awaited<ReturnType<IdentityHttpClient['sendRequest']>>;
type HttpHeaders = PipelineResponse['headers'];

export interface BridgedRequest {
  method: string;
  /** The URL the credential asked for (https, on the bridge authority). */
  url: string;
  body: string;
}

/** `localRoot` is where `BRIDGE_AUTHORITY` points to, e.g. `http://127.0.0.1:1234/login`. */
export function httpsAuthorityBridge(localRoot: string): { httpClient: IdentityHttpClient; requests: BridgedRequest[] } {
  const root = localRoot.replace(/\/+$/, '');
  const requests: BridgedRequest[] = [];
  const httpClient: IdentityHttpClient = {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      if (!request.url.startsWith(BRIDGE_AUTHORITY)) throw new Error(`The bridge only serves ${BRIDGE_AUTHORITY}, not ${request.url}.`);
      const body = typeof request.body === 'string' ? request.body : request.body === undefined ? '' : String(request.body);
      requests.push({ method: request.method, url: request.url, body });
      const headers: Record<string, string> = {};
      for (const [name, value] of request.headers) headers[name] = value;
      const response = await fetch(`${root}${request.url.slice(BRIDGE_AUTHORITY.length)}`, {
        method: request.method,
        headers,
        body: request.method === 'GET' || request.method === 'HEAD' ? undefined : body,
      });
      const text = (await response.text()).split(root).join(BRIDGE_AUTHORITY);
      return { request, status: response.status, headers: toHttpHeaders(response.headers), bodyAsText: text };
    },
  };
  return { httpClient, requests };
}

function toHttpHeaders(source: Headers): HttpHeaders {
  const map = new Map<string, { name: string; value: string }>();
  source.forEach((value, name) => map.set(name.toLowerCase(), { name, value }));
  const headers: HttpHeaders = {
    get: (name) => map.get(name.toLowerCase())?.value,
    has: (name) => map.has(name.toLowerCase()),
    set: (name, value) => { map.set(name.toLowerCase(), { name, value: String(value) }); },
    delete: (name) => { map.delete(name.toLowerCase()); },
    toJSON: (options) => Object.fromEntries([...map.values()].map(({ name, value }) => [options?.preserveCase ? name : name.toLowerCase(), value])),
    [Symbol.iterator]: function* () {
      for (const { name, value } of map.values()) yield [name.toLowerCase(), value] as [string, string];
    },
  };
  return headers;
}
