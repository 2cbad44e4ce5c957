/**
 * Graph groups of the token's tenant: `GET /groups` (`$filter` on `displayName|mailNickname|id eq '…'` and
 * `securityEnabled eq true|false` joined by `and`; `$select`, paging, `$count`) and `GET /groups/{id}`.
 * The partner tenant's groups are the Partner Center agent groups (AdminAgents...), the GDAP access containers.
 */
import { graphError } from '../../http/errors';
import type { Router } from '../../http/router';
import { json, type SandboxRequest } from '../../http/types';
import type { DirectoryGroup, Tenant } from '../../world/types';
import type { SandboxWorld } from '../../world/world';
import { applySelect, collectionBody, odataContext, pageOf, queryOption, wantsCount } from './odata';
import { graphRoute } from './route';

/** Properties Graph returns for a group without `$select` (a subset of Graph's, all the sandbox has). */
const DEFAULT_GROUP_PROPERTIES = [
  'id', 'deletedDateTime', 'classification', 'createdDateTime', 'creationOptions', 'description', 'displayName', 'groupTypes',
  'isAssignableToRole', 'mail', 'mailEnabled', 'mailNickname', 'securityEnabled', 'visibility',
];
const GROUPS_DEFAULT_TOP = 100;
const GROUPS_MAX_TOP = 999;

export function registerGroupRoutes(router: Router, world: SandboxWorld): void {
  const v1 = '/graph/v1.0';
  router.add('graph', 'GET', `${v1}/groups`, graphRoute(world, (request, _token, tenant) => {
    const matching = tenant.groups.filter(groupFilter(request));
    const count = wantsCount(request) ? matching.length : undefined;
    const page = pageOf(request, matching, GROUPS_DEFAULT_TOP, GROUPS_MAX_TOP);
    const items = page.items.map((g) => applySelect(request, groupJson(tenant, g), DEFAULT_GROUP_PROPERTIES, 'microsoft.graph.group'));
    const select = queryOption(request, 'select');
    return json(200, collectionBody(request, select ? `groups(${select})` : 'groups', { ...page, items }, count));
  }));
  router.add('graph', 'GET', `${v1}/groups/:groupId`, graphRoute(world, (request, _token, tenant) => {
    const wanted = request.params.groupId.toLowerCase();
    const group = tenant.groups.find((g) => g.id === wanted);
    if (!group) throw graphError(request, 404, 'Request_ResourceNotFound', `Resource '${request.params.groupId.slice(0, 200)}' does not exist or one of its queried reference-property objects are not present.`);
    return json(200, { '@odata.context': odataContext(request, 'groups/$entity'), ...applySelect(request, groupJson(tenant, group), DEFAULT_GROUP_PROPERTIES, 'microsoft.graph.group') });
  }));
}

/** A group as Graph describes it (without `@odata.type`: memberOf adds it, plain group collections do not). */
export function groupJson(tenant: Tenant, group: DirectoryGroup): Record<string, unknown> {
  return {
    id: group.id,
    deletedDateTime: null,
    classification: null,
    createdDateTime: tenant.createdDateTime,
    creationOptions: [],
    description: group.description,
    displayName: group.displayName,
    groupTypes: [],
    isAssignableToRole: null,
    mail: null,
    mailEnabled: false,
    mailNickname: group.mailNickname,
    securityEnabled: true,
    visibility: null,
  };
}

// A string literal doubles its single quotes ('O''Brien'), as OData writes them.
const EQUALS_CLAUSE = /^(id|displayName|mailNickname) eq '((?:[^']|'')*)'$/i;
const SECURITY_CLAUSE = /^securityEnabled eq (true|false)$/i;

/** Graph compares these strings case-insensitively; every sandbox group is a security group. */
function groupFilter(request: SandboxRequest): (group: DirectoryGroup) => boolean {
  const filter = queryOption(request, 'filter');
  if (filter === null || filter.trim() === '') return () => true;
  if (filter.length > 2000) throw graphError(request, 400, 'Request_UnsupportedQuery', 'The $filter expression is too long.');
  const predicates = filter.trim().split(/\s+and\s+/i).map((raw): ((group: DirectoryGroup) => boolean) => {
    const clause = raw.trim();
    const equals = EQUALS_CLAUSE.exec(clause);
    if (equals) {
      const property = equals[1].toLowerCase();
      const value = equals[2].replace(/''/g, "'").toLowerCase();
      return (g) => (property === 'id' ? g.id : property === 'displayname' ? g.displayName : g.mailNickname).toLowerCase() === value;
    }
    const security = SECURITY_CLAUSE.exec(clause);
    if (security) return () => security[1].toLowerCase() === 'true';
    throw graphError(request, 400, 'Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified: '${clause.slice(0, 200)}'.`);
  });
  return (group) => predicates.every((p) => p(group));
}
