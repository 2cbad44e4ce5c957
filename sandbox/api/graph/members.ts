/**
 * Who is in a group or holds a directory role, in the token's tenant:
 * - `GET /groups/{id}/members` (and `transitiveMembers`: the sandbox has no nested groups),
 * - `GET /directoryRoles/{id}/members` and `GET /directoryRoles(roleTemplateId='{templateId}')/members`
 *   (the alternate key Graph documents for a role activated in the tenant).
 * Members are users (`#microsoft.graph.user`), with `$select` and paging as Graph's other user collections.
 */
import { graphError } from '../../http/errors';
import type { Router } from '../../http/router';
import { json, type SandboxRequest } from '../../http/types';
import type { DirectoryUser, Tenant } from '../../world/types';
import type { SandboxWorld } from '../../world/world';
import { applySelect, collectionBody, pageOf } from './odata';
import { graphRoute } from './route';
import { userJson } from './users';

const MEMBER_PROPERTIES = ['businessPhones', 'displayName', 'givenName', 'jobTitle', 'mail', 'mobilePhone', 'officeLocation', 'preferredLanguage', 'surname', 'userPrincipalName', 'id'];
const MEMBERS_DEFAULT_TOP = 100;
const MEMBERS_MAX_TOP = 999;
const ROLE_BY_TEMPLATE = /^directoryRoles\(roleTemplateId='([0-9a-f-]{36})'\)$/i;

export function registerMemberRoutes(router: Router, world: SandboxWorld): void {
  const v1 = '/graph/v1.0';
  for (const relation of ['members', 'transitiveMembers']) {
    router.add('graph', 'GET', `${v1}/groups/:groupId/${relation}`, graphRoute(world, (request, _token, tenant) => {
      const group = tenant.groups.find((g) => g.id === request.params.groupId.toLowerCase());
      if (!group) throw notFound(request, request.params.groupId);
      return membersResponse(request, tenant, group.id);
    }));
  }
  router.add('graph', 'GET', `${v1}/directoryRoles/:roleId/members`, graphRoute(world, (request, _token, tenant) => {
    const role = tenant.directoryRoles.find((r) => r.id === request.params.roleId.toLowerCase());
    if (!role) throw notFound(request, request.params.roleId);
    return membersResponse(request, tenant, role.id);
  }));
  // `directoryRoles(roleTemplateId='…')` is one path segment.
  router.add('graph', 'GET', `${v1}/:roleByTemplate/members`, graphRoute(world, (request, _token, tenant) => {
    const templateId = ROLE_BY_TEMPLATE.exec(request.params.roleByTemplate)?.[1]?.toLowerCase();
    if (!templateId) throw graphError(request, 400, 'BadRequest', `Resource not found for the segment '${request.params.roleByTemplate.slice(0, 100)}'.`);
    const role = tenant.directoryRoles.find((r) => r.roleTemplateId.toLowerCase() === templateId);
    if (!role) throw notFound(request, templateId);
    return membersResponse(request, tenant, role.id);
  }));
}

function membersResponse(request: SandboxRequest, tenant: Tenant, objectId: string) {
  const members = tenant.users.filter((u: DirectoryUser) => u.memberOf.includes(objectId));
  const page = pageOf(request, members, MEMBERS_DEFAULT_TOP, MEMBERS_MAX_TOP);
  const items = page.items.map((u) => ({ '@odata.type': '#microsoft.graph.user', ...applySelect(request, userJson(u), MEMBER_PROPERTIES, 'microsoft.graph.user') }));
  return json(200, collectionBody(request, 'directoryObjects', { ...page, items }));
}

function notFound(request: SandboxRequest, id: string) {
  return graphError(request, 404, 'Request_ResourceNotFound', `Resource '${id.slice(0, 200)}' does not exist or one of its queried reference-property objects are not present.`);
}
