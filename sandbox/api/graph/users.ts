import { findSkuById } from '../../world/skus';
/** Graph users of the token's tenant: `/users` (filter by licence, paged), `/users/{id}`, `memberOf`, `/me`. */
import { graphError } from '../../http/errors';
import type { Router } from '../../http/router';
import { json, type SandboxRequest } from '../../http/types';
import type { DirectoryGroup, DirectoryRole, DirectoryUser, Tenant } from '../../world/types';
import type { SandboxWorld } from '../../world/world';
import type { AccessTokenClaims } from '../tokens';
import { groupJson } from './groups';
import { applySelect, collectionBody, odataContext, pageOf, queryOption, wantsCount } from './odata';
import { graphRoute } from './route';

/** Properties Graph returns for a user without `$select` (assignedLicenses etc. only on $select). */
const DEFAULT_USER_PROPERTIES = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];
const USERS_DEFAULT_TOP = 100;
const USERS_MAX_TOP = 999;

export function registerUserRoutes(router: Router, world: SandboxWorld): void {
  const v1 = '/graph/v1.0';
  router.add('graph', 'GET', `${v1}/users`, graphRoute(world, (request, _token, tenant) => {
    const matching = tenant.users.filter(userFilter(request));
    const count = wantsCount(request) ? matching.length : undefined;
    const page = pageOf(request, matching, USERS_DEFAULT_TOP, USERS_MAX_TOP);
    const items = page.items.map((u) => applySelect(request, userJson(u), DEFAULT_USER_PROPERTIES, 'microsoft.graph.user'));
    return json(200, collectionBody(request, queryOption(request, 'select') ? `users(${queryOption(request, 'select')})` : 'users', { ...page, items }, count));
  }));
  router.add('graph', 'GET', `${v1}/users/:userId`, graphRoute(world, (request, _token, tenant) => userResponse(request, findUser(request, tenant, request.params.userId))));
  router.add('graph', 'GET', `${v1}/users/:userId/memberOf`, graphRoute(world, (request, _token, tenant) => memberOfResponse(request, tenant, findUser(request, tenant, request.params.userId))));
  router.add('graph', 'GET', `${v1}/users/:userId/transitiveMemberOf`, graphRoute(world, (request, _token, tenant) => memberOfResponse(request, tenant, findUser(request, tenant, request.params.userId))));
  router.add('graph', 'GET', `${v1}/me`, graphRoute(world, (request, token, tenant) => userResponse(request, signedInUser(request, token, tenant))));
  router.add('graph', 'GET', `${v1}/me/memberOf`, graphRoute(world, (request, token, tenant) => memberOfResponse(request, tenant, signedInUser(request, token, tenant))));
  router.add('graph', 'GET', `${v1}/me/transitiveMemberOf`, graphRoute(world, (request, token, tenant) => memberOfResponse(request, tenant, signedInUser(request, token, tenant))));
}

function userResponse(request: SandboxRequest, user: DirectoryUser) {
  return json(200, { '@odata.context': odataContext(request, 'users/$entity'), ...applySelect(request, userJson(user), DEFAULT_USER_PROPERTIES, 'microsoft.graph.user') });
}

export function findUser(request: SandboxRequest, tenant: Tenant, idOrUpn: string): DirectoryUser {
  const wanted = idOrUpn.toLowerCase();
  const user = tenant.users.find((u) => u.id.toLowerCase() === wanted || u.userPrincipalName.toLowerCase() === wanted);
  if (!user) throw graphError(request, 404, 'Request_ResourceNotFound', `Resource '${idOrUpn.slice(0, 200)}' does not exist or one of its queried reference-property objects are not present.`);
  return user;
}

export function signedInUser(request: SandboxRequest, token: AccessTokenClaims, tenant: Tenant): DirectoryUser {
  if (token.idtyp !== 'user') throw graphError(request, 400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
  const user = tenant.users.find((u) => u.id === token.oid);
  // The service user of a GDAP token does not live in the customer tenant.
  if (!user) throw graphError(request, 404, 'Request_ResourceNotFound', `Resource '${token.oid}' does not exist or one of its queried reference-property objects are not present.`);
  return user;
}

function memberOfResponse(request: SandboxRequest, tenant: Tenant, user: DirectoryUser) {
  const objects = user.memberOf
    .map((id) => tenant.groups.find((g) => g.id === id) ?? tenant.directoryRoles.find((r) => r.id === id))
    .filter((o): o is DirectoryGroup | DirectoryRole => o !== undefined)
    .map((o) => (o.kind === 'group' ? { '@odata.type': '#microsoft.graph.group', ...groupJson(tenant, o) } : directoryRoleJson(o)));
  const selectText = queryOption(request, 'select');
  const projected = selectText === null ? objects : objects.map((o) => pickKnown(o, selectText));
  const page = pageOf(request, projected, 100, 999);
  return json(200, collectionBody(request, 'directoryObjects', page));
}

/** directoryObject collections are polymorphic: $select keeps the properties each object has. */
function pickKnown(entity: Record<string, unknown>, selectText: string): Record<string, unknown> {
  const out: Record<string, unknown> = { '@odata.type': entity['@odata.type'] };
  for (const property of selectText.split(',').map((p) => p.trim())) {
    const key = Object.keys(entity).find((k) => k.toLowerCase() === property.toLowerCase());
    if (key) out[key] = entity[key];
  }
  return out;
}

function directoryRoleJson(role: DirectoryRole): Record<string, unknown> {
  return { '@odata.type': '#microsoft.graph.directoryRole', id: role.id, deletedDateTime: null, description: role.description, displayName: role.displayName, roleTemplateId: role.roleTemplateId };
}

export function userJson(user: DirectoryUser): Record<string, unknown> {
  const assignedLicenses: Array<{ skuId: string; disabledPlans: string[] }> = [];
  for (const license of user.licenses) {
    if (!assignedLicenses.some((l) => l.skuId === license.skuId)) assignedLicenses.push({ skuId: license.skuId, disabledPlans: [...license.disabledPlans] });
  }
  return {
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName,
    jobTitle: user.jobTitle,
    mail: user.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
    surname: user.surname,
    userPrincipalName: user.userPrincipalName,
    id: user.id,
    accountEnabled: user.accountEnabled,
    createdDateTime: user.createdDateTime,
    usageLocation: user.usageLocation,
    assignedLicenses,
    // Every enabled service plan of every licence, as Graph lists them.
    assignedPlans: user.licenses.flatMap((license) => (findSkuById(license.skuId)?.servicePlans ?? [])
      .filter((plan) => !license.disabledPlans.includes(plan.servicePlanId))
      .map((plan) => ({ assignedDateTime: license.lastUpdatedDateTime ?? user.createdDateTime, capabilityStatus: 'Enabled', service: plan.servicePlanName, servicePlanId: plan.servicePlanId }))),
    licenseAssignmentStates: user.licenses.map((license) => ({
      skuId: license.skuId,
      assignedByGroup: license.assignedByGroup,
      state: 'Active',
      error: 'None',
      disabledPlans: [...license.disabledPlans],
      lastUpdatedDateTime: license.lastUpdatedDateTime ?? user.createdDateTime,
    })),
  };
}

const ANY_SKU_CLAUSE = /^assignedLicenses\/any\((\w+):\1\/skuId eq '?([0-9a-fA-F-]{36})'?\)$/i;
const EQUALS_CLAUSE = /^(id|userPrincipalName|mail|usageLocation|displayName) eq '([^']*)'$/i;
const ENABLED_CLAUSE = /^accountEnabled eq (true|false)$/i;

/** Supported `$filter`: `assignedLicenses/any(x:x/skuId eq {guid})`, `{prop} eq '…'`, `accountEnabled eq …`, joined by `and`. */
function userFilter(request: SandboxRequest): (user: DirectoryUser) => boolean {
  const filter = queryOption(request, 'filter');
  if (filter === null || filter.trim() === '') return () => true;
  if (filter.length > 2000) throw graphError(request, 400, 'Request_UnsupportedQuery', 'The $filter expression is too long.');
  const predicates = filter.trim().split(/\s+and\s+/i).map((raw): ((user: DirectoryUser) => boolean) => {
    const clause = raw.trim();
    const any = ANY_SKU_CLAUSE.exec(clause);
    if (any) return (u) => u.licenses.some((l) => l.skuId === any[2].toLowerCase());
    const equals = EQUALS_CLAUSE.exec(clause);
    if (equals) {
      const property = equals[1].toLowerCase();
      const value = equals[2].toLowerCase();
      return (u) => {
        const actual = property === 'id' ? u.id : property === 'userprincipalname' ? u.userPrincipalName : property === 'mail' ? u.mail : property === 'usagelocation' ? u.usageLocation : u.displayName;
        return (actual ?? '').toLowerCase() === value;
      };
    }
    const enabled = ENABLED_CLAUSE.exec(clause);
    if (enabled) return (u) => u.accountEnabled === (enabled[1].toLowerCase() === 'true');
    throw graphError(request, 400, 'Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified: '${clause.slice(0, 200)}'.`);
  });
  return (user) => predicates.every((p) => p(user));
}
