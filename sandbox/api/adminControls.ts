/**
 * Admin routes that steer how the sandbox answers rather than what the world holds: injected faults
 * (`/_sandbox/faults`), rate limits (`/_sandbox/throttle`), run-time settings (`/_sandbox/settings`),
 * access tokens for tests (`/_sandbox/token`), the request counts (`/_sandbox/stats`) and the latest requests'
 * headers (`/_sandbox/requests`); the app's API permissions (`/_sandbox/permissions`, api/adminPermissions.ts).
 */
import type { SandboxControls } from '../control/controls';
import { FaultDefinitionError } from '../control/faults';
import { parseThrottleRequest, ThrottleDefinitionError } from '../control/throttle';
import { adminError } from '../http/errors';
import type { Router } from '../http/router';
import { json, type SandboxRequest } from '../http/types';
import { isRecord } from '../util/jwt';
import { GRAPH_APP_ID, GRAPH_RESOURCE, PARTNER_API_RESOURCE, PARTNER_CENTER_RESOURCE } from '../world/constants';
import type { DirectoryUser } from '../world/types';
import type { SandboxWorld } from '../world/world';
import { adminOnly } from './admin';
import { registerPermissionRoutes } from './adminPermissions';
import { issueAccessToken, type TokenResource } from './tokens';

const MAX_TOKEN_LIFETIME_SECONDS = 86_400;
const MAX_PROVISIONING_DELAY_SECONDS = 30 * 86_400;

export function registerAdminControlRoutes(router: Router, world: SandboxWorld, controls: SandboxControls): void {
  router.add('admin', 'GET', '/_sandbox/faults', adminOnly(() => json(200, { faults: controls.faults.list() })));
  router.add('admin', 'POST', '/_sandbox/faults', adminOnly((request) => {
    try {
      const fault = controls.faults.add(request.jsonBody());
      return json(201, controls.faults.list().find((f) => f.id === fault.id));
    } catch (error) {
      if (error instanceof FaultDefinitionError) throw adminError(400, 'bad_request', error.message);
      throw error;
    }
  }));
  router.add('admin', 'DELETE', '/_sandbox/faults', adminOnly(() => {
    const removed = controls.faults.list().length;
    controls.faults.clear();
    return json(200, { removed });
  }));
  router.add('admin', 'DELETE', '/_sandbox/faults/:id', adminOnly((request) => {
    if (!controls.faults.remove(request.params.id)) throw adminError(404, 'not_found', `No fault '${request.params.id.slice(0, 100)}'.`);
    return json(200, { removed: 1 });
  }));

  router.add('admin', 'GET', '/_sandbox/throttle', adminOnly(() => json(200, { rules: controls.throttle.list() })));
  router.add('admin', 'POST', '/_sandbox/throttle', adminOnly((request) => {
    try {
      const { key, rule } = parseThrottleRequest(request.jsonBody());
      if (rule) controls.throttle.set(rule);
      else controls.throttle.off(key);
      return json(200, { rules: controls.throttle.list() });
    } catch (error) {
      if (error instanceof ThrottleDefinitionError) throw adminError(400, 'bad_request', error.message);
      throw error;
    }
  }));

  router.add('admin', 'GET', '/_sandbox/settings', adminOnly(() => json(200, { ...world.settings })));
  router.add('admin', 'POST', '/_sandbox/settings', adminOnly((request) => {
    changeSettings(world, request.jsonBody());
    return json(200, { ...world.settings });
  }));

  router.add('admin', 'POST', '/_sandbox/token', adminOnly((request) => json(200, testToken(world, request))));

  router.add('admin', 'GET', '/_sandbox/stats', adminOnly(() => json(200, controls.stats.snapshot())));
  router.add('admin', 'DELETE', '/_sandbox/stats', adminOnly(() => {
    const cleared = controls.stats.snapshot().total;
    controls.stats.clear();
    return json(200, { cleared });
  }));

  router.add('admin', 'GET', '/_sandbox/requests', adminOnly(() => json(200, { requests: controls.requests.list() })));
  router.add('admin', 'DELETE', '/_sandbox/requests', adminOnly(() => {
    const cleared = controls.requests.list().length;
    controls.requests.clear();
    return json(200, { cleared });
  }));

  registerPermissionRoutes(router, world);
}

function changeSettings(world: SandboxWorld, body: unknown): void {
  if (!isRecord(body)) throw adminError(400, 'bad_request', 'Send {"tokenLifetimeSeconds"?: n, "provisioningDelaySeconds"?: n}.');
  const unknown = Object.keys(body).filter((k) => k !== 'tokenLifetimeSeconds' && k !== 'provisioningDelaySeconds');
  if (unknown.length > 0) throw adminError(400, 'bad_request', `Unknown setting(s): ${unknown.slice(0, 5).join(', ')}.`);
  const { tokenLifetimeSeconds, provisioningDelaySeconds } = body;
  if (tokenLifetimeSeconds !== undefined && (typeof tokenLifetimeSeconds !== 'number' || !Number.isInteger(tokenLifetimeSeconds) || tokenLifetimeSeconds < 1 || tokenLifetimeSeconds > MAX_TOKEN_LIFETIME_SECONDS)) {
    throw adminError(400, 'bad_request', `tokenLifetimeSeconds must be an integer from 1 to ${MAX_TOKEN_LIFETIME_SECONDS}.`);
  }
  if (provisioningDelaySeconds !== undefined && (typeof provisioningDelaySeconds !== 'number' || !Number.isFinite(provisioningDelaySeconds) || provisioningDelaySeconds < 0 || provisioningDelaySeconds > MAX_PROVISIONING_DELAY_SECONDS)) {
    throw adminError(400, 'bad_request', `provisioningDelaySeconds must be a number from 0 to ${MAX_PROVISIONING_DELAY_SECONDS}.`);
  }
  if (tokenLifetimeSeconds !== undefined) world.settings.tokenLifetimeSeconds = tokenLifetimeSeconds;
  if (provisioningDelaySeconds !== undefined) world.settings.provisioningDelaySeconds = provisioningDelaySeconds;
}

/**
 * A token without the tenant checks of /login (Graph still refuses a customer tenant at call time without
 * GDAP or consent): `{audience, tenantId?, userId?, expiresInSeconds?}`.
 */
function testToken(world: SandboxWorld, request: SandboxRequest) {
  const body = request.jsonBody();
  if (!isRecord(body)) throw adminError(400, 'bad_request', 'Send {"audience": "partner-center" | "graph" | "partner-api" | <resource URL>, "tenantId"?, "userId"?, "expiresInSeconds"?}.');
  const resource = audienceOf(body.audience);
  const tenantKey = body.tenantId ?? world.state.partner.tenant.tenantId;
  if (typeof tenantKey !== 'string' || tenantKey.length > 256) throw adminError(400, 'bad_request', 'tenantId must be a tenant id or domain.');
  const tenant = world.findTenant(tenantKey);
  if (!tenant) throw adminError(404, 'not_found', `No tenant '${tenantKey}' in the sandbox world.`);
  let user: DirectoryUser | undefined;
  if (body.userId !== undefined && body.userId !== null) {
    if (typeof body.userId !== 'string' || body.userId.length > 256) throw adminError(400, 'bad_request', 'userId must be a user id or user principal name.');
    const wanted = body.userId.toLowerCase();
    const matches = (u: DirectoryUser) => u.id.toLowerCase() === wanted || u.userPrincipalName.toLowerCase() === wanted;
    user = world.state.partner.tenant.users.find(matches) ?? tenant.users.find(matches);
    if (!user) throw adminError(404, 'not_found', `No user '${body.userId}' in the partner tenant or in ${tenant.initialDomain}.`);
  }
  const lifetime = body.expiresInSeconds ?? world.settings.tokenLifetimeSeconds;
  if (typeof lifetime !== 'number' || !Number.isInteger(lifetime) || lifetime < 0 || lifetime > MAX_TOKEN_LIFETIME_SECONDS) {
    throw adminError(400, 'bad_request', `expiresInSeconds must be an integer from 0 (already expired) to ${MAX_TOKEN_LIFETIME_SECONDS}.`);
  }
  const accessToken = issueAccessToken(world, request, {
    resource,
    tenantId: tenant.tenantId,
    user: user ? { objectId: user.id, userPrincipalName: user.userPrincipalName, displayName: user.displayName } : undefined,
    lifetimeSeconds: lifetime,
  });
  return { access_token: accessToken, token_type: 'Bearer', expires_in: lifetime };
}

function audienceOf(audience: unknown): TokenResource {
  if (typeof audience !== 'string') throw adminError(400, 'bad_request', "audience is required: 'partner-center', 'graph', 'partner-api' or a resource URL.");
  const lower = audience.trim().toLowerCase().replace(/\/(\.default)?$/, '');
  if (lower === 'partner-center' || lower === PARTNER_CENTER_RESOURCE) return PARTNER_CENTER_RESOURCE;
  if (lower === 'graph' || lower === GRAPH_RESOURCE || lower === GRAPH_APP_ID) return GRAPH_RESOURCE;
  if (lower === 'partner-api' || lower === PARTNER_API_RESOURCE) return PARTNER_API_RESOURCE;
  throw adminError(400, 'bad_request', `Unknown audience '${audience.slice(0, 100)}'; use 'partner-center', 'graph', 'partner-api', ${PARTNER_CENTER_RESOURCE}, ${GRAPH_RESOURCE} or ${PARTNER_API_RESOURCE}.`);
}
