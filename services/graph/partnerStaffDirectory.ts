/**
 * The StaffDirectory port: who holds each staff role in the partner tenant, read from Graph the way
 * PartnerGraphDirectory reads one person's roles, the other way round:
 * - the Partner Center agent groups (AdminAgents, SalesAgents, HelpdeskAgents): `GET /groups?$filter=displayName eq …`,
 *   then `GET /groups/{id}/transitiveMembers` (GroupMember.Read.All);
 * - the directory roles (Global Administrator → Account admin, Billing Administrator → Billing agent):
 *   `GET /directoryRoles(roleTemplateId='…')/members` (RoleManagement.Read.Directory);
 * - people whose roles are configured (STAFF_ROLE_OVERRIDES): `GET /users/{id}` for their names.
 * Each role's holders are kept for a while: the answer names people on cards and in @mentions, where a
 * few minutes' lag is harmless and a Graph call per post is not.
 */
import { z } from 'zod';
import type { Role } from '../../move/model';
import type { StaffDirectory, StaffMember } from '../../move/ports';
import type { TokenMode } from '../identity/tokenProvider';
import type { GraphClientFactory } from './graphClientFactory';
import { GraphError, parseGraphItem } from './graphError';
import { STAFF_ROLE_ORDER, STAFF_ROLE_SOURCES } from './staffRoles';

export interface PartnerStaffDirectoryOptions {
  graph: GraphClientFactory;
  partnerTenantId: string;
  /** How long a role's holders are reused. Default 10 minutes. */
  ttlMs?: number;
  /** Epoch milliseconds. */
  now?: () => number;
  /** userObjectId → roles, from configuration (STAFF_ROLE_OVERRIDES); they count as holding those roles. */
  roleOverrides?: Readonly<Record<string, readonly Role[]>>;
  /** Default `app` (GroupMember.Read.All, RoleManagement.Read.Directory). */
  tokenMode?: TokenMode;
}

const memberSchema = z.object({
  '@odata.type': z.string().nullish(),
  id: z.string(),
  displayName: z.string().nullish(),
  userPrincipalName: z.string().nullish(),
});
const groupSchema = z.object({ id: z.string() });
/** At most this many holders of one role are kept (a card names a few; an @mention list is capped far lower). */
const MAX_HOLDERS_PER_ROLE = 500;

export class PartnerStaffDirectory implements StaffDirectory {
  private readonly holders = new Map<Role, { members: Array<{ id: string; name: string }>; until: number }>();
  private readonly now: () => number;
  private readonly ttlMs: number;

  constructor(private readonly options: PartnerStaffDirectoryOptions) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
  }

  async staffWith(roles: readonly Role[]): Promise<StaffMember[]> {
    const people = new Map<string, StaffMember>();
    for (const role of STAFF_ROLE_ORDER.filter((r) => roles.includes(r))) {
      for (const member of await this.holdersOf(role)) {
        const person = people.get(member.id) ?? { id: member.id, name: member.name, roles: [] };
        person.roles.push(role);
        people.set(member.id, person);
      }
    }
    return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  private async holdersOf(role: Role): Promise<Array<{ id: string; name: string }>> {
    const cached = this.holders.get(role);
    if (cached && cached.until > this.now()) return cached.members;
    const fromGraph = await this.readHolders(role);
    const overridden = await this.overriddenHolders(role);
    const members = dedupe([...fromGraph, ...overridden]).slice(0, MAX_HOLDERS_PER_ROLE);
    this.holders.set(role, { members, until: this.now() + this.ttlMs });
    return members;
  }

  private async readHolders(role: Role): Promise<Array<{ id: string; name: string }>> {
    const source = STAFF_ROLE_SOURCES[role];
    const tenantId = this.options.partnerTenantId;
    if (source.kind === 'directory-role') {
      const step = `Graph: list who holds the ${source.name} role (directoryRoles members)`;
      try {
        return await this.users(`/directoryRoles(roleTemplateId='${source.templateId}')/members?$select=id,displayName,userPrincipalName`, step);
      } catch (error) {
        // A role nobody ever held is not activated in the tenant: no holders.
        if (error instanceof GraphError && error.status === 404) return [];
        throw error;
      }
    }
    const step = `Graph: find the ${source.group} group`;
    const client = this.options.graph.forTenant(tenantId, this.options.tokenMode ?? 'app');
    const filter = encodeURIComponent(`displayName eq '${source.group}'`);
    const groups: string[] = [];
    for await (const item of this.options.graph.pages<unknown>(client, `/groups?$filter=${filter}&$select=id`, step, tenantId)) {
      groups.push(parseGraphItem(groupSchema, item, step, tenantId).id);
    }
    const members: Array<{ id: string; name: string }> = [];
    for (const groupId of groups) {
      members.push(...await this.users(`/groups/${encodeURIComponent(groupId)}/transitiveMembers?$select=id,displayName,userPrincipalName`,
        `Graph: list the members of the ${source.group} group`));
    }
    return members;
  }

  /** The users of a directoryObject collection (groups and devices among the members are not people). */
  private async users(path: string, step: string): Promise<Array<{ id: string; name: string }>> {
    const tenantId = this.options.partnerTenantId;
    const client = this.options.graph.forTenant(tenantId, this.options.tokenMode ?? 'app');
    const found: Array<{ id: string; name: string }> = [];
    for await (const item of this.options.graph.pages<unknown>(client, path, step, tenantId)) {
      const member = parseGraphItem(memberSchema, item, step, tenantId);
      const type = (member['@odata.type'] ?? '#microsoft.graph.user').toLowerCase();
      if (type !== '#microsoft.graph.user') continue;
      found.push({ id: member.id.toLowerCase(), name: (member.displayName ?? member.userPrincipalName ?? member.id).trim() });
      if (found.length >= MAX_HOLDERS_PER_ROLE) break;
    }
    return found;
  }

  private async overriddenHolders(role: Role): Promise<Array<{ id: string; name: string }>> {
    const ids = Object.entries(this.options.roleOverrides ?? {}).filter(([, roles]) => roles.includes(role)).map(([id]) => id.toLowerCase());
    const tenantId = this.options.partnerTenantId;
    const client = this.options.graph.forTenant(tenantId, this.options.tokenMode ?? 'app');
    const found: Array<{ id: string; name: string }> = [];
    for (const id of ids) {
      const step = 'Graph: read the name of a person with configured roles';
      try {
        const user = parseGraphItem(memberSchema, await client.api(`/users/${encodeURIComponent(id)}`).select(['id', 'displayName', 'userPrincipalName']).get(), step, tenantId);
        found.push({ id, name: (user.displayName ?? user.userPrincipalName ?? id).trim() });
      } catch {
        // Someone the directory does not know keeps their configured roles but cannot be named.
      }
    }
    return found;
  }
}

function dedupe(members: Array<{ id: string; name: string }>): Array<{ id: string; name: string }> {
  const seen = new Map<string, { id: string; name: string }>();
  for (const member of members) if (!seen.has(member.id)) seen.set(member.id, member);
  return [...seen.values()];
}
