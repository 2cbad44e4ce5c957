/**
 * The PartnerDirectory port: Microsoft Graph in the partner's own tenant.
 * - Staff roles from `GET /users/{id}/memberOf`: the Partner Center agent groups (AdminAgents, SalesAgents,
 *   HelpdeskAgents) and two directory roles (Global Administrator → Account admin, Billing Administrator →
 *   Billing agent). Cached briefly per user; a configured override for a user wins over Graph.
 * - GDAP requests: create a delegatedAdminRelationship with least-privilege roles (never Global
 *   Administrator), then lock it for the customer's approval; read its status; once active, give the
 *   configured partner security group (GDAP_ACCESS_GROUP, AdminAgents by default) access
 *   (GdapRelationships does the calls).
 */
import { z } from 'zod';
import type { Role } from '../../move/model';
import type { CallContext, DelegatedAccess, GdapWithdrawal, PartnerDirectory } from '../../move/ports';
import type { TokenMode } from '../identity/tokenProvider';
import { GdapRelationships, GLOBAL_ADMINISTRATOR_ROLE_ID, type GdapRelationship } from './gdapRelationships';
import { GraphError, parseGraphItem } from './graphError';
import type { GraphClientFactory } from './graphClientFactory';
import { BILLING_ADMINISTRATOR_ROLE_ID, STAFF_ROLE_ORDER } from './staffRoles';

export { GLOBAL_ADMINISTRATOR_ROLE_ID };

/** One entry of a user's `memberOf`: a group or a directory role. */
export interface DirectoryMembership {
  type: 'group' | 'directoryRole' | 'other';
  id: string | null;
  displayName: string;
  roleTemplateId: string | null;
}
export { BILLING_ADMINISTRATOR_ROLE_ID };

/** Least-privilege Entra roles a move needs in the customer tenant: read the directory, manage licences. */
export const DEFAULT_GDAP_ROLES: ReadonlyArray<{ name: string; roleDefinitionId: string }> = [
  { name: 'Directory Readers', roleDefinitionId: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b' },
  { name: 'License Administrator', roleDefinitionId: '4d6ac14f-3453-41d0-bef9-a3e0c569773a' },
  { name: 'User Administrator', roleDefinitionId: 'fe930be7-5e62-47db-91af-98c3a49a38b1' },
];

/** The partner security group given GDAP access when none is configured (GDAP_ACCESS_GROUP). */
export const DEFAULT_GDAP_ACCESS_GROUP = 'AdminAgents';

export const GDAP_APPROVAL_LINK_BASE = 'https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/';

const GROUP_ROLES: Record<string, Role> = {
  adminagents: 'admin-agent',
  salesagents: 'sales-agent',
  helpdeskagents: 'helpdesk-agent',
};
const DIRECTORY_ROLE_TEMPLATES: Record<string, Role> = {
  [GLOBAL_ADMINISTRATOR_ROLE_ID]: 'account-admin',
  [BILLING_ADMINISTRATOR_ROLE_ID]: 'billing-agent',
};
const DIRECTORY_ROLE_NAMES: Record<string, Role> = {
  'global administrator': 'account-admin',
  'company administrator': 'account-admin', // the older name of the same role
  'billing administrator': 'billing-agent',
};
const ENDED_STATUSES = new Set(['expired', 'expiring', 'terminated', 'terminating', 'terminationrequested']);
const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface PartnerGraphDirectoryOptions {
  graph: GraphClientFactory;
  partnerTenantId: string;
  /** How long a user's roles are reused. Default 5 minutes. */
  roleCacheTtlMs?: number;
  /** Epoch milliseconds. */
  now?: () => number;
  /** userObjectId → roles, from configuration; wins over Graph. */
  roleOverrides?: Readonly<Record<string, readonly Role[]>>;
  /** Token for reading memberships. Default `app` (needs GroupMember.Read.All / Directory.Read.All). */
  rolesTokenMode?: TokenMode;
  /** Token for GDAP requests. Default `app+user`: locking for approval accepts delegated tokens only. */
  gdapTokenMode?: TokenMode;
  /** Entra role definition ids requested in GDAP; Global Administrator is refused. */
  gdapRoleDefinitionIds?: readonly string[];
  /**
   * The partner security group given access once a customer approved GDAP (GDAP_ACCESS_GROUP): its object
   * id, used as is, or its display name, looked up in the partner tenant. Default `AdminAgents`.
   */
  gdapAccessGroup?: string;
}

const memberSchema = z.object({
  '@odata.type': z.string().nullish(),
  id: z.string().nullish(),
  displayName: z.string().nullish(),
  roleTemplateId: z.string().nullish(),
});
const groupSchema = z.object({ id: z.string(), displayName: z.string().nullish() });

export class PartnerGraphDirectory implements PartnerDirectory {
  private readonly roleCache = new Map<string, { roles: Role[]; until: number }>();
  private readonly overrides = new Map<string, Role[]>();
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly gdapRoleIds: readonly string[];
  private readonly gdapRelationships: GdapRelationships;
  private readonly accessGroupSetting: string;
  /** GDAP_ACCESS_GROUP once resolved (a name costs a Graph lookup); per instance, never module-wide. */
  private resolvedAccessGroup: { id: string; name: string } | undefined;

  constructor(private readonly options: PartnerGraphDirectoryOptions) {
    this.now = options.now ?? Date.now;
    this.ttlMs = options.roleCacheTtlMs ?? 5 * 60_000;
    for (const [userId, roles] of Object.entries(options.roleOverrides ?? {})) {
      this.overrides.set(userId.toLowerCase(), sortRoles(roles));
    }
    this.gdapRoleIds = options.gdapRoleDefinitionIds ?? DEFAULT_GDAP_ROLES.map((r) => r.roleDefinitionId);
    if (this.gdapRoleIds.length === 0) throw new Error('PartnerGraphDirectory: at least one GDAP role is needed.');
    if (this.gdapRoleIds.some((id) => id.toLowerCase() === GLOBAL_ADMINISTRATOR_ROLE_ID)) {
      throw new Error('PartnerGraphDirectory: GDAP requests must not include Global Administrator (least privilege).');
    }
    this.accessGroupSetting = options.gdapAccessGroup?.trim() || DEFAULT_GDAP_ACCESS_GROUP;
    this.gdapRelationships = new GdapRelationships({
      graph: options.graph, partnerTenantId: options.partnerTenantId, mode: options.gdapTokenMode ?? 'app+user',
    });
  }

  /** The GDAP calls themselves (create, lock, status, list, access assignments). */
  get gdap(): GdapRelationships {
    return this.gdapRelationships;
  }

  async rolesOf(userObjectId: string): Promise<Role[]> {
    const key = userObjectId.trim().toLowerCase();
    const override = this.overrides.get(key);
    if (override) return [...override];
    // Object ids and UPNs only; anything else cannot be a partner user.
    if (!/^[a-z0-9][a-z0-9._@-]{0,127}$/.test(key)) return [];
    const cached = this.roleCache.get(key);
    if (cached && cached.until > this.now()) return [...cached.roles];

    let memberships: DirectoryMembership[] = [];
    try {
      memberships = await this.memberOf(key);
    } catch (error) {
      // Someone Graph does not know (a guest, a deleted account) simply has no role.
      if (!(error instanceof GraphError && error.status === 404)) throw error;
    }
    const found = new Set<Role>();
    for (const membership of memberships) {
      const role = roleOf(membership);
      if (role) found.add(role);
    }
    const roles = sortRoles([...found]);
    this.roleCache.set(key, { roles, until: this.now() + this.ttlMs });
    return [...roles];
  }

  /** `GET /users/{id}/memberOf`, every page: the user's groups and directory roles in the partner tenant. */
  async memberOf(userObjectId: string, ctx?: CallContext): Promise<DirectoryMembership[]> {
    const key = userObjectId.trim();
    if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/.test(key)) throw new Error('memberOf: not a user object id or UPN.');
    const step = 'Graph: read the staff member\'s groups and roles (memberOf)';
    const tenantId = this.options.partnerTenantId;
    const client = this.options.graph.forTenant(tenantId, this.options.rolesTokenMode ?? 'app');
    const memberships: DirectoryMembership[] = [];
    for await (const member of this.options.graph.pages<unknown>(client, `/users/${encodeURIComponent(key)}/memberOf`, step, tenantId, ctx?.correlationId)) {
      const parsed = memberSchema.safeParse(member);
      if (parsed.success) memberships.push(toMembership(parsed.data));
    }
    return memberships;
  }

  async requestDelegatedAdmin(customerTenantId: string, displayName: string, ctx: CallContext): Promise<{ relationshipId: string; approvalLink: string }> {
    const name = relationshipName(displayName, ctx.requestId ?? ctx.correlationId);
    // A retry of the same step finds the relationship it created before instead of failing on the name.
    let relationship = await this.findRelationship(name, customerTenantId, ctx);
    relationship ??= await this.gdap.create({ displayName: name, customerTenantId, roleDefinitionIds: this.gdapRoleIds }, ctx);
    if (!relationship.status || ['created', 'unknown'].includes(relationship.status.toLowerCase())) {
      await this.gdap.lockForApproval(relationship.id, ctx, relationship.etag);
    }
    return { relationshipId: relationship.id, approvalLink: `${GDAP_APPROVAL_LINK_BASE}${relationship.id}` };
  }

  /** The relationship's status (`approvalPending`, `active`, `expired`...) and end, or null when it is gone. */
  async delegatedAdminStatus(relationshipId: string, ctx: CallContext): Promise<{ status: string; endDateTime: string | null } | null> {
    const relationship = await this.gdap.get(relationshipId, ctx);
    return relationship ? { status: relationship.status, endDateTime: relationship.endDateTime } : null;
  }

  /**
   * Once the relationship is `active`: gives the configured partner security group the roles the customer
   * approved (the relationship's own; the configured ones if it does not list them), reusing an assignment
   * an earlier attempt made. Before that (or when it is gone) it only says the status.
   */
  async grantDelegatedAccess(relationshipId: string, ctx: CallContext): Promise<DelegatedAccess> {
    const relationship = await this.gdap.get(relationshipId, ctx);
    if (!relationship) return { kind: 'not-active', relationshipStatus: 'notFound' };
    if (relationship.status.toLowerCase() !== 'active') return { kind: 'not-active', relationshipStatus: relationship.status };
    const group = await this.accessGroup(ctx);
    // Assignments may only use roles of the relationship: asking for its own list always fits.
    const roleIds = relationship.roleDefinitionIds.length > 0 ? relationship.roleDefinitionIds : this.gdapRoleIds;
    const assignment = await this.gdap.ensureAccessAssignment(relationshipId, group.id, roleIds, ctx);
    return { kind: 'granted', groupId: group.id, groupName: group.name, assignmentId: assignment.id, assignmentStatus: assignment.status };
  }

  /**
   * A cancelled move's GDAP request, withdrawn while the customer has not approved it: deleted while `created`,
   * terminated while `approvalPending`. Approved ones stay (the customer gave that access); ended ones need nothing.
   */
  async withdrawDelegatedAdminRequest(relationshipId: string, ctx: CallContext): Promise<GdapWithdrawal> {
    const relationship = await this.gdap.get(relationshipId, ctx);
    if (!relationship) return { outcome: 'already-ended', status: 'notFound' };
    const status = relationship.status.toLowerCase();
    if (status === 'created') {
      await this.gdap.delete(relationship.id, relationship.etag, ctx);
      return { outcome: 'withdrawn', status: relationship.status };
    }
    if (status === 'approvalpending') {
      await this.gdap.terminate(relationship.id, ctx, relationship.etag);
      return { outcome: 'withdrawn', status: relationship.status };
    }
    if (ENDED_STATUSES.has(status) && status !== 'expiring') return { outcome: 'already-ended', status: relationship.status };
    return { outcome: 'approved', status: relationship.status };
  }

  /**
   * The GDAP access group: GDAP_ACCESS_GROUP as an object id, or the one group in the partner tenant with
   * that display name (`GET /groups?$filter=displayName eq '…'`, with the roles token: GroupMember.Read.All).
   */
  async accessGroup(ctx: CallContext): Promise<{ id: string; name: string }> {
    if (this.resolvedAccessGroup) return this.resolvedAccessGroup;
    const setting = this.accessGroupSetting;
    if (GUID_PATTERN.test(setting)) return (this.resolvedAccessGroup = { id: setting, name: setting });

    const step = `Graph: find the partner security group "${setting}" (GDAP_ACCESS_GROUP)`;
    const tenantId = this.options.partnerTenantId;
    const client = this.options.graph.forTenant(tenantId, this.options.rolesTokenMode ?? 'app');
    // OData string literals double their single quotes.
    const filter = encodeURIComponent(`displayName eq '${setting.replace(/'/g, "''")}'`);
    const found: Array<{ id: string; name: string }> = [];
    for await (const item of this.options.graph.pages<unknown>(client, `/groups?$filter=${filter}&$select=id,displayName`, step, tenantId, ctx.correlationId)) {
      const group = parseGraphItem(groupSchema, item, step, tenantId);
      found.push({ id: group.id, name: group.displayName ?? setting });
    }
    if (found.length === 0) {
      throw new GraphError(step, tenantId, null, null, `no group in the partner tenant is named "${setting}"`,
        'create the security group or set GDAP_ACCESS_GROUP to its object id');
    }
    if (found.length > 1) {
      throw new GraphError(step, tenantId, null, null, `${found.length} groups in the partner tenant are named "${setting}"`,
        'set GDAP_ACCESS_GROUP to the object id of the one to use');
    }
    return (this.resolvedAccessGroup = found[0]);
  }

  private async findRelationship(name: string, customerTenantId: string, ctx: CallContext): Promise<GdapRelationship | undefined> {
    const step = 'Graph: look for an earlier GDAP request of this move';
    let found: GdapRelationship | undefined;
    try {
      found = (await this.gdap.list(ctx, { displayName: name }))
        .find((r) => !r.customerTenantId || r.customerTenantId.toLowerCase() === customerTenantId.toLowerCase());
    } catch (error) {
      // A listing that is refused or not supported only means no earlier request can be reused.
      if (error instanceof GraphError && error.status !== null && [400, 404, 501].includes(error.status)) return undefined;
      throw error;
    }
    const status = found?.status.toLowerCase();
    if (found && status && ENDED_STATUSES.has(status)) {
      throw new GraphError(step, this.options.partnerTenantId, null, null,
        `the GDAP request "${name}" made earlier for this step is ${status}`, 'start a new GDAP request (a new request id gives a new name)');
    }
    return found;
  }
}

function toMembership(member: z.infer<typeof memberSchema>): DirectoryMembership {
  const type = (member['@odata.type'] ?? '').toLowerCase();
  const kind: DirectoryMembership['type'] = type === '#microsoft.graph.group' || (!type && !member.roleTemplateId) ? 'group'
    : type === '#microsoft.graph.directoryrole' || member.roleTemplateId ? 'directoryRole' : 'other';
  return { type: kind, id: member.id ?? null, displayName: member.displayName ?? '', roleTemplateId: member.roleTemplateId ?? null };
}

function roleOf(member: DirectoryMembership): Role | undefined {
  if (member.type === 'group') return GROUP_ROLES[member.displayName.toLowerCase()];
  if (member.type === 'directoryRole') {
    return DIRECTORY_ROLE_TEMPLATES[(member.roleTemplateId ?? '').toLowerCase()] ?? DIRECTORY_ROLE_NAMES[member.displayName.toLowerCase()];
  }
  return undefined;
}

function sortRoles(roles: readonly Role[]): Role[] {
  return STAFF_ROLE_ORDER.filter((role) => roles.includes(role));
}

/**
 * GDAP display names are unique per partner and at most 50 characters: the caller's name, shortened,
 * plus 8 characters of the step's idempotency key (so a retry reuses the name and finds its relationship).
 */
export function relationshipName(displayName: string, key: string): string {
  const suffix = key.replace(/[^A-Za-z0-9]/g, '').slice(0, 8) || 'gdap';
  const base = displayName.replace(/[^\p{L}\p{N} ._-]/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, 50 - suffix.length - 1).trim();
  return base ? `${base} ${suffix}` : suffix;
}
