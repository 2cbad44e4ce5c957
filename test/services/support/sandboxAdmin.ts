/** The sandbox's admin API (`/_sandbox/...`) and raw calls for the services' sandbox tests. */
import assert from 'node:assert/strict';
import { call } from '../../sandbox/helpers';

export interface RawAnswer {
  status: number;
  headers: Headers;
  body: any;
}

export function sandboxClient(baseUrl: () => string) {
  function raw(method: string, path: string, options: { token?: string; json?: unknown; headers?: Record<string, string>; form?: Record<string, string> } = {}): Promise<RawAnswer> {
    return call({ url: baseUrl() }, path, { ...options, method });
  }

  async function admin(method: 'GET' | 'POST' | 'DELETE', path: string, json?: unknown): Promise<any> {
    const answer = await raw(method, `/_sandbox${path}`, { json });
    assert.ok(answer.status >= 200 && answer.status < 300, `${method} /_sandbox${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  return {
    raw,
    admin,
    reset: () => admin('POST', '/reset'),
    accept: (customer: string, acceptMca = true) => admin('POST', `/customers/${customer}/accept`, { acceptMca }),
    approveGdap: (customer: string) => admin('POST', `/gdap/${customer}/approve`),
    fault: (fault: Record<string, unknown>) => admin('POST', '/faults', fault),
    clearFaults: () => admin('DELETE', '/faults'),
    throttle: (rule: Record<string, unknown>) => admin('POST', '/throttle', rule),
    settings: (settings: Record<string, unknown>) => admin('POST', '/settings', settings),
    advanceSeconds: (seconds: number) => admin('POST', '/clock', { advanceSeconds: seconds }),
    state: (customer?: string) => admin('GET', `/state${customer ? `?customer=${customer}` : ''}`),
    token: async (body: { audience: 'partner-center' | 'graph'; tenantId?: string; userId?: string; expiresInSeconds?: number }): Promise<string> =>
      (await admin('POST', '/token', body)).access_token as string,
  };
}
