/**
 * The identity platform under `/login`: OpenID metadata (tenant discovery by domain or id) and the v2.0
 * token endpoint (client credentials and refresh-token grants). A customer-tenant token is issued only
 * while the customer has an active GDAP relationship with the partner or has consented to the app.
 * The bot's own app (SANDBOX_BOT_APP_ID) gets RS256 tokens for the Bot Connector only, in the partner tenant
 * or in `botframework.com`, signed with the key this platform publishes at `/discovery/v2.0/keys`.
 */
import { aadError } from '../http/errors';
import type { Router } from '../http/router';
import { json, type SandboxRequest } from '../http/types';
import {
  BOT_FRAMEWORK_RESOURCE, BOT_FRAMEWORK_TENANT_DOMAIN, BOT_FRAMEWORK_TENANT_ID, GRAPH_APP_ID, GRAPH_RESOURCE, PARTNER_API_RESOURCE, PARTNER_CENTER_RESOURCE,
  PCSYNC_USER_ID, SANDBOX_APP_DISPLAY_NAME, SANDBOX_BOT_APP_ID, SANDBOX_BOT_APP_SECRET, SANDBOX_CLIENT_ID, SANDBOX_CLIENT_SECRET,
  SANDBOX_REFRESH_TOKEN,
} from '../world/constants';
import { PARTNER_API_CONSENT, PARTNER_CENTER_CONSENT } from '../world/appPermissions';
import type { Tenant } from '../world/types';
import type { SandboxWorld } from '../world/world';
import { issueBotConnectorAccessToken, type BotFrameworkKeys } from './botFramework';
import { issueAccessToken, type TokenResource } from './tokens';

const MULTI_TENANT_ALIASES = ['common', 'organizations'];
const NON_RESOURCE_SCOPES = ['openid', 'profile', 'offline_access', 'email'];

export function registerIdentityRoutes(router: Router, world: SandboxWorld, keys: BotFrameworkKeys): void {
  router.add('login', 'GET', '/login/:tenant/v2.0/.well-known/openid-configuration', (request) => openIdConfiguration(world, request));
  // Only the RS256 key of the bot's Bot Connector tokens; the HS256 key of every other token stays secret.
  router.add('login', 'GET', '/login/:tenant/discovery/v2.0/keys', () => json(200, { keys: [keys.identityPlatform.publicJwk] }));
  router.add('login', 'POST', '/login/:tenant/oauth2/v2.0/token', (request) => token(world, keys, request));
  router.add('login', 'POST', '/login/:tenant/oauth2/token', (request) => token(world, keys, request)); // v1 form with `resource=`
}

/** `botframework.com` (by domain or id): not a tenant of the sandbox world, but bots ask it for tokens. */
function isBotFrameworkTenant(key: string): boolean {
  const lower = key.toLowerCase();
  return lower === BOT_FRAMEWORK_TENANT_DOMAIN || lower === BOT_FRAMEWORK_TENANT_ID;
}

function resolveTenant(world: SandboxWorld, request: SandboxRequest): Tenant {
  const key = request.params.tenant;
  const tenant = key.length <= 256 ? world.findTenant(key) : undefined;
  if (!tenant) {
    throw aadError(request, 400, 'invalid_tenant', 90002, `Tenant '${key.slice(0, 256)}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, this may happen if there are no active subscriptions for the tenant.`);
  }
  return tenant;
}

function openIdConfiguration(world: SandboxWorld, request: SandboxRequest) {
  const isAlias = MULTI_TENANT_ALIASES.includes(request.params.tenant.toLowerCase());
  const isBotFramework = isBotFrameworkTenant(request.params.tenant);
  const tenant = isAlias || isBotFramework ? undefined : resolveTenant(world, request);
  const tid = tenant ? tenant.tenantId : isBotFramework ? BOT_FRAMEWORK_TENANT_ID : '{tenantid}';
  const pathTenant = tenant || isBotFramework ? tid : request.params.tenant.toLowerCase();
  const login = `${request.baseUrl}/login/${pathTenant}`;
  return json(200, {
    token_endpoint: `${login}/oauth2/v2.0/token`,
    token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
    jwks_uri: `${login}/discovery/v2.0/keys`,
    response_modes_supported: ['query', 'fragment', 'form_post'],
    subject_types_supported: ['pairwise'],
    id_token_signing_alg_values_supported: ['RS256'],
    response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
    issuer: `${request.baseUrl}/login/${tid}/v2.0`,
    request_uri_parameter_supported: false,
    userinfo_endpoint: `${request.baseUrl}/graph/oidc/userinfo`,
    authorization_endpoint: `${login}/oauth2/v2.0/authorize`,
    device_authorization_endpoint: `${login}/oauth2/v2.0/devicecode`,
    http_logout_supported: true,
    frontchannel_logout_supported: true,
    end_session_endpoint: `${login}/oauth2/v2.0/logout`,
    claims_supported: ['sub', 'iss', 'cloud_instance_name', 'cloud_instance_host_name', 'cloud_graph_host_name', 'msgraph_host', 'aud', 'exp', 'iat', 'auth_time', 'acr', 'nonce', 'preferred_username', 'name', 'tid', 'ver', 'at_hash', 'c_hash', 'email'],
    kerberos_endpoint: `${login}/kerberos`,
    tenant_region_scope: tenant ? tenant.regionScope : isBotFramework ? 'WW' : null,
    cloud_instance_name: 'microsoftonline.com',
    cloud_graph_host_name: 'graph.windows.net',
    msgraph_host: 'graph.microsoft.com',
    rbac_url: 'https://pas.windows.net',
  });
}

function token(world: SandboxWorld, keys: BotFrameworkKeys, request: SandboxRequest) {
  const form = request.formBody();
  const grantType = form.get('grant_type');
  const basic = basicCredentials(request);
  const clientId = form.get('client_id') ?? basic?.clientId ?? null;
  const clientSecret = form.get('client_secret') ?? basic?.clientSecret ?? null;
  if (!grantType) throw aadError(request, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'grant_type'.");
  if (grantType !== 'client_credentials' && grantType !== 'refresh_token') {
    throw aadError(request, 400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grantType.slice(0, 64)}'.`);
  }
  if (!clientId) throw aadError(request, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'client_id'.");

  const isAlias = MULTI_TENANT_ALIASES.includes(request.params.tenant.toLowerCase());
  if (isAlias && grantType === 'client_credentials') {
    throw aadError(request, 400, 'invalid_request', 900023, `Specified tenant identifier '${request.params.tenant}' is not valid for the client credentials flow; use a tenant id or domain.`);
  }
  if (clientId.toLowerCase() === SANDBOX_BOT_APP_ID) return botConnectorToken(world, keys, request, { form, grantType, clientSecret, isAlias });
  // A refresh token sent to /common or /organizations is redeemed in the user's home tenant (the partner).
  const tenant = isAlias ? world.state.partner.tenant : resolveTenant(world, request);

  if (clientId.toLowerCase() !== SANDBOX_CLIENT_ID) {
    throw appNotInDirectory(request, clientId.slice(0, 100), tenant.displayName);
  }
  if (!clientSecret) {
    throw aadError(request, 401, 'invalid_client', 7000216, `'client_assertion', 'client_secret' or 'request' is required for the '${grantType}' grant type.`);
  }
  if (clientSecret !== SANDBOX_CLIENT_SECRET) {
    throw aadError(request, 401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${SANDBOX_CLIENT_ID}'.`);
  }
  const resource = resourceOf(request, form, grantType);

  if (grantType === 'client_credentials') {
    if (!world.appHasAccessTo(tenant.tenantId)) {
      throw appNotInDirectory(request, SANDBOX_CLIENT_ID, tenant.displayName);
    }
    return tokenResponse(world, request, resource, issueAccessToken(world, request, { resource, tenantId: tenant.tenantId }));
  }

  const refreshToken = form.get('refresh_token');
  if (!refreshToken) throw aadError(request, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'refresh_token'.");
  if (refreshToken !== SANDBOX_REFRESH_TOKEN) throw aadError(request, 400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
  const serviceUser = world.state.partner.tenant.users.find((u) => u.id === PCSYNC_USER_ID)!;
  if (delegatedConsentWithdrawn(world, resource)) {
    throw aadError(request, 400, 'invalid_grant', 65001, `The user or administrator has not consented to use the application with ID '${SANDBOX_CLIENT_ID}' named '${SANDBOX_APP_DISPLAY_NAME}'. Send an interactive authorization request for this user and resource.`);
  }
  if (!world.appHasAccessTo(tenant.tenantId)) {
    throw aadError(request, 400, 'invalid_grant', 50020, `User account '${serviceUser.userPrincipalName}' from identity provider 'https://sts.windows.net/${world.state.partner.tenant.tenantId}/' does not exist in tenant '${tenant.displayName}' and cannot access the application '${SANDBOX_CLIENT_ID}'(${SANDBOX_APP_DISPLAY_NAME}) in that tenant. The account needs to be added as an external user in the tenant first.`);
  }
  const accessToken = issueAccessToken(world, request, {
    resource,
    tenantId: tenant.tenantId,
    user: { objectId: serviceUser.id, userPrincipalName: serviceUser.userPrincipalName, displayName: serviceUser.displayName },
  });
  // The sandbox hands back the same refresh token (Entra would rotate it; the old one stays valid there too).
  return tokenResponse(world, request, resource, accessToken, { refresh_token: SANDBOX_REFRESH_TOKEN, scope: form.get('scope') ?? `${resource}/.default` });
}

/** The delegated permission of Partner Center or the Partner API was withdrawn (`/_sandbox/permissions`). */
function delegatedConsentWithdrawn(world: SandboxWorld, resource: TokenResource): boolean {
  if (resource === PARTNER_CENTER_RESOURCE) return world.permissions.isWithdrawn(PARTNER_CENTER_CONSENT);
  if (resource === PARTNER_API_RESOURCE) return world.permissions.isWithdrawn(PARTNER_API_CONSENT);
  return false;
}

interface TokenRequestParts {
  form: URLSearchParams;
  grantType: string;
  clientSecret: string | null;
  isAlias: boolean;
}

/**
 * The bot's app registration lives in the partner tenant; multi-tenant bots ask `botframework.com`. It may
 * only get tokens for the Bot Connector (client credentials); it has no refresh token.
 */
function botConnectorToken(world: SandboxWorld, keys: BotFrameworkKeys, request: SandboxRequest, parts: TokenRequestParts) {
  const { form, grantType, clientSecret, isAlias } = parts;
  let tenantId: string;
  if (isAlias) tenantId = world.state.partner.tenant.tenantId;
  else if (isBotFrameworkTenant(request.params.tenant)) tenantId = BOT_FRAMEWORK_TENANT_ID;
  else {
    const tenant = resolveTenant(world, request);
    if (!world.isPartnerTenant(tenant.tenantId)) throw appNotInDirectory(request, SANDBOX_BOT_APP_ID, tenant.displayName);
    tenantId = tenant.tenantId;
  }
  if (!clientSecret) {
    throw aadError(request, 401, 'invalid_client', 7000216, `'client_assertion', 'client_secret' or 'request' is required for the '${grantType}' grant type.`);
  }
  if (clientSecret !== SANDBOX_BOT_APP_SECRET) {
    throw aadError(request, 401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${SANDBOX_BOT_APP_ID}'.`);
  }
  const resource = requestedResource(request, form, grantType).toLowerCase().replace(/\/$/, '');
  if (resource === PARTNER_CENTER_RESOURCE || resource === PARTNER_API_RESOURCE || resource === GRAPH_RESOURCE || resource === GRAPH_APP_ID) {
    throw resourceNotForApp(request, resource, SANDBOX_BOT_APP_ID);
  }
  if (resource !== BOT_FRAMEWORK_RESOURCE) throw unknownResource(request, resource);
  if (grantType !== 'client_credentials') {
    if (!form.get('refresh_token')) throw aadError(request, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'refresh_token'.");
    throw aadError(request, 400, 'invalid_grant', 9002313, 'Invalid request. Request is malformed or invalid.');
  }
  return tokenResponse(world, request, BOT_FRAMEWORK_RESOURCE, issueBotConnectorAccessToken(world, keys, request, tenantId));
}

function appNotInDirectory(request: SandboxRequest, appId: string, directoryName: string) {
  return aadError(request, 400, 'unauthorized_client', 700016, `Application with identifier '${appId}' was not found in the directory '${directoryName}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
}

/** The sandbox's choice: each of its apps gets tokens only for the resources it is built to call. */
function resourceNotForApp(request: SandboxRequest, resource: string, appId: string) {
  return aadError(request, 400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The application '${appId}' has no permission for the resource '${resource.slice(0, 200)}'.`);
}

function unknownResource(request: SandboxRequest, resource: string) {
  return aadError(request, 400, 'invalid_resource', 500011, `The resource principal named ${resource.slice(0, 200)} was not found in the tenant. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`);
}

/** client_secret_basic: `Authorization: Basic base64(urlencoded id:urlencoded secret)`. */
function basicCredentials(request: SandboxRequest): { clientId: string; clientSecret: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]{1,2048})$/i.exec(request.header('authorization') ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  try {
    return { clientId: decodeURIComponent(decoded.slice(0, colon)), clientSecret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

/** v2.0 answers numbers; the v1 endpoint answers strings and adds `expires_on`, `not_before` and `resource`. */
function tokenResponse(world: SandboxWorld, request: SandboxRequest, resource: string, accessToken: string, extra: Record<string, string> = {}) {
  const lifetime = world.settings.tokenLifetimeSeconds;
  const headers = { 'Cache-Control': 'no-store, no-cache', Pragma: 'no-cache' };
  if (request.path.includes('/v2.0/')) {
    return json(200, { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: accessToken, ...extra }, headers);
  }
  const now = Math.floor(Date.now() / 1000);
  return json(200, {
    token_type: 'Bearer', expires_in: String(lifetime), ext_expires_in: String(lifetime), expires_on: String(now + lifetime),
    not_before: String(now - 300), resource, access_token: accessToken, ...extra,
  }, headers);
}

/** `scope` (v2: `https://graph.microsoft.com/.default`) or `resource` (v1) → the token audience. */
function resourceOf(request: SandboxRequest, form: URLSearchParams, grantType: string): TokenResource {
  return knownResource(request, requestedResource(request, form, grantType));
}

/** The one resource a `scope` (v2) or `resource` (v1) names, as written. */
function requestedResource(request: SandboxRequest, form: URLSearchParams, grantType: string): string {
  const v1Resource = form.get('resource');
  const scopeText = form.get('scope');
  if (!scopeText && v1Resource) return v1Resource.replace(/\/$/, '');
  if (!scopeText) throw aadError(request, 400, 'invalid_request', 900144, "The request body must contain the following parameter: 'scope'.");
  const scopes = scopeText.split(/\s+/).filter((s) => s && !NON_RESOURCE_SCOPES.includes(s.toLowerCase()));
  if (scopes.length === 0) throw aadError(request, 400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope '${scopeText.slice(0, 200)}' does not name a resource.`);
  const resources = new Set<string>();
  for (const scope of scopes) {
    const slash = scope.lastIndexOf('/');
    if (slash <= 0) throw aadError(request, 400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope '${scope.slice(0, 200)}' is not valid.`);
    const permission = scope.slice(slash + 1);
    if (grantType === 'client_credentials' && permission !== '.default') {
      throw aadError(request, 400, 'invalid_scope', 1002012, `The provided value for scope ${scope.slice(0, 200)} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
    }
    resources.add(scope.slice(0, slash));
  }
  if (resources.size > 1) throw aadError(request, 400, 'invalid_scope', 28000, "Provided value for the input parameter scope is not valid because it contains more than one resource. Scope '" + scopeText.slice(0, 200) + "' is not valid.");
  return [...resources][0];
}

function knownResource(request: SandboxRequest, resource: string): TokenResource {
  const lower = resource.toLowerCase();
  if (lower === PARTNER_CENTER_RESOURCE) return PARTNER_CENTER_RESOURCE;
  if (lower === PARTNER_API_RESOURCE) return PARTNER_API_RESOURCE;
  if (lower === GRAPH_RESOURCE || lower === GRAPH_APP_ID) return GRAPH_RESOURCE;
  if (lower.replace(/\/$/, '') === BOT_FRAMEWORK_RESOURCE) throw resourceNotForApp(request, resource, SANDBOX_CLIENT_ID);
  throw unknownResource(request, resource);
}
