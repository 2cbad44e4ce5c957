/** Small HTTP helpers for the sandbox tests: tokens, JSON calls, admin calls. */
import { startSandbox, type SandboxHandle } from '../../sandbox/server';
import {
  GRAPH_RESOURCE, PARTNER_CENTER_RESOURCE, PARTNER_TENANT_ID, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET, SANDBOX_REFRESH_TOKEN,
} from '../../sandbox/world/constants';

export interface CallResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  method?: string;
  token?: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
  rawBody?: string;
}

export async function call<T = any>(sandbox: Pick<SandboxHandle, 'url'>, pathOrUrl: string, options: CallOptions = {}): Promise<CallResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...(options.headers ?? {}) };
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['Content-Type'] = 'application/json';
  } else if (options.form) {
    body = new URLSearchParams(options.form).toString();
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
  } else if (options.rawBody !== undefined) {
    body = options.rawBody;
    headers['Content-Type'] ??= 'application/json';
  }
  const url = pathOrUrl.startsWith('http') ? pathOrUrl : `${sandbox.url}${pathOrUrl}`;
  const response = await fetch(url, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: parseBody(text) as T };
}

/** JSON when it is JSON; otherwise the text (e.g. a CSV or an HTML error page), so a test can say what came. */
function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export type Resource = 'partnerCenter' | 'graph';

export function tokenRequest(resource: Resource, grant: 'client_credentials' | 'refresh_token'): Record<string, string> {
  const base = resource === 'partnerCenter' ? PARTNER_CENTER_RESOURCE : GRAPH_RESOURCE;
  const form: Record<string, string> = { grant_type: grant, client_id: SANDBOX_CLIENT_ID, client_secret: SANDBOX_CLIENT_SECRET, scope: `${base}/.default` };
  if (grant === 'refresh_token') form.refresh_token = SANDBOX_REFRESH_TOKEN;
  return form;
}

export async function getToken(sandbox: SandboxHandle, resource: Resource, options: { tenant?: string; grant?: 'client_credentials' | 'refresh_token' } = {}): Promise<string> {
  const tenant = options.tenant ?? PARTNER_TENANT_ID;
  const result = await call(sandbox, `/login/${tenant}/oauth2/v2.0/token`, { form: tokenRequest(resource, options.grant ?? 'client_credentials') });
  if (result.status !== 200) throw new Error(`token request failed: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body.access_token as string;
}

export function decodeJwt(token: string): Record<string, any> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

export async function advanceClock(sandbox: SandboxHandle, seconds: number): Promise<void> {
  const result = await call(sandbox, '/_sandbox/clock', { json: { advanceSeconds: seconds } });
  if (result.status !== 200) throw new Error(`clock advance failed: ${result.status}`);
}

export async function resetSandbox(sandbox: SandboxHandle): Promise<void> {
  const result = await call(sandbox, '/_sandbox/reset', { method: 'POST' });
  if (result.status !== 200) throw new Error(`reset failed: ${result.status}`);
}

/** Creates a GDAP relationship for a customer and locks it for approval; returns its id. */
export async function requestGdap(sandbox: SandboxHandle, graphToken: string, customerTenantId: string, displayName: string): Promise<string> {
  const created = await call(sandbox, '/graph/v1.0/tenantRelationships/delegatedAdminRelationships', {
    token: graphToken,
    json: {
      displayName,
      duration: 'P730D',
      customer: { tenantId: customerTenantId },
      accessDetails: { unifiedRoles: [{ roleDefinitionId: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b' }, { roleDefinitionId: '4d6ac14f-3453-41d0-bef9-a3e0c569773a' }] },
      autoExtendDuration: 'P180D',
    },
  });
  if (created.status !== 201) throw new Error(`GDAP create failed: ${created.status} ${JSON.stringify(created.body)}`);
  const locked = await call(sandbox, `/graph/v1.0/tenantRelationships/delegatedAdminRelationships/${created.body.id}/requests`, { token: graphToken, json: { action: 'lockForApproval' } });
  if (locked.status !== 201) throw new Error(`lockForApproval failed: ${locked.status} ${JSON.stringify(locked.body)}`);
  return created.body.id as string;
}

/** `POST /_sandbox/token`: a token without /login's tenant checks. */
export async function adminToken(
  sandbox: SandboxHandle,
  audience: 'partner-center' | 'graph' | string,
  options: { tenantId?: string; userId?: string; expiresInSeconds?: number } = {},
): Promise<string> {
  const result = await call(sandbox, '/_sandbox/token', { json: { audience, ...options } });
  if (result.status !== 200) throw new Error(`admin token failed: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body.access_token as string;
}

/** `POST /_sandbox/faults`; returns the fault id. */
export async function addFault(sandbox: SandboxHandle, fault: Record<string, unknown>): Promise<string> {
  const result = await call(sandbox, '/_sandbox/faults', { json: fault });
  if (result.status !== 201) throw new Error(`fault failed: ${result.status} ${JSON.stringify(result.body)}`);
  return result.body.id as string;
}

/** The NCE availability (catalogItemId) of Microsoft 365 Business Premium, P1Y annual. */
export async function businessPremiumAnnualItem(sandbox: SandboxHandle, pcToken: string): Promise<string> {
  const { body } = await call(sandbox, '/v1/products/CFQ7TTC0LCHC/skus/0002/availabilities?country=US', { token: pcToken });
  const availability = body.items.find((a: any) => a.terms[0].duration === 'P1Y' && a.terms[0].billingCycle === 'annual');
  return availability.catalogItemId as string;
}

/** Creates a one-line cart (40 × Business Premium P1Y annual) for a customer; returns the cart id. */
export async function createCart(sandbox: SandboxHandle, pcToken: string, customerId: string, requestId?: string): Promise<string> {
  const catalogItemId = await businessPremiumAnnualItem(sandbox, pcToken);
  const cart = await call(sandbox, `/v1/customers/${customerId}/carts`, {
    token: pcToken,
    json: { lineItems: [{ id: 0, catalogItemId, quantity: 40, billingCycle: 'annual', termDuration: 'P1Y' }] },
    headers: requestId ? { 'MS-RequestId': requestId } : {},
  });
  if (cart.status !== 201) throw new Error(`cart failed: ${cart.status} ${JSON.stringify(cart.body)}`);
  return cart.body.id as string;
}

/** Call inside a `describe`: one sandbox for the suite, reset before each test. */
export function useSandbox(receive: (sandbox: SandboxHandle) => void | Promise<void>): void {
  let sandbox: SandboxHandle | undefined;
  before(async () => {
    sandbox = await startSandbox({ port: 0 });
    await receive(sandbox);
  });
  after(async () => { await sandbox?.close(); });
  beforeEach(() => resetSandbox(sandbox!));
}

/** `useSandbox` with an app token and an App+User token for Partner Center. */
export function usePartnerCenterSandbox(receive: (sandbox: SandboxHandle, tokens: { appToken: string; userToken: string }) => void): void {
  useSandbox(async (sandbox) => receive(sandbox, {
    appToken: await getToken(sandbox, 'partnerCenter'),
    userToken: await getToken(sandbox, 'partnerCenter', { grant: 'refresh_token' }),
  }));
}
