/**
 * The PartnerDirectory port: Microsoft Graph in the partner's own tenant.
 * - Staff roles from `GET /users/{id}/memberOf`: the Partner Center agent groups (AdminAgents, SalesAgents,
 *   HelpdeskAgents) and two directory roles (Global Administrator → Account admin, Billing Administrator →
 *   Billing agent). Cached briefly per user; a configured override for a user wins over Graph.
 * - GDAP requests: create a delegatedAdminRelationship with least-privilege roles (never Global
 *   Administrator), then lock it for the customer's approval.
 */
import { z } from 'zod';
import type { Role } from '../../move/model';
import type { CallContext, PartnerDirectory } from '../../move/ports';
import type { TokenMode } from '../identity/tokenProvider';
import { GraphError, toGraphError } from './graphError';
import { graphRequestId, type GraphClientFactory } from './graphClientFactory';

export const GLOBAL_ADMINISTRATOR_ROLE_ID = '62e90394-69f5-4237-9190-012177145e10';
export const BILLING_ADMINISTRATOR_ROLE_ID = 'b0f54661-2d74-4c50-afa3-1ec803f12efe';

/** Least-privilege Entra roles a move needs in the customer tenant: read the directory, manage licences. */
export const DEFAULT_GDAP_ROLES: ReadonlyArray<{ name: string; roleDefinitionId: string }> = [
  { name: 'Directory Readers', roleDefinitionId: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b' },
  { name: 'License Administrator', roleDefinitionId: '4d6ac14f-3453-41d0-bef9-a3e0c569773a' },
  { name: 'User Administrator', roleDefinitionId: 'fe930be7-5e62-47db-91af-98c3a49a38b1' },
];

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
const ROLE_ORDER: Role[] = ['account-admin', 'admin-agent', 'sales-agent', 'billing-agent', 'helpdesk-agent'];

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
}

const memberSchema = z.object({
  '@odata.type': z.string().nullish(),
  id: z.string().nullish(),
  displayName: z.string().nullish(),
  roleTemplateId: z.string().nullish(),
});

const relationshipSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  status: z.string().nullish(),
});

export class PartnerGraphDirectory implements PartnerDirectory {
  private readonly roleCache = new Map<string, { roles: Role[]; until: number }>();
  private readonly overrides = new Map<string, Role[]>();
  private readonly now: () => number;
  private readonly ttlMs: number;
  private readonly gdapRoleIds: readonly string[];

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
  }

  async rolesOf(userObjectId: string): Promise<Role[]> {
    const key = userObjectId.trim().toLowerCase();
    const override = this.overrides.get(key);
    if (override) return [...override];
    // Object ids and UPNs only; anything else cannot be a partner user.
    if (!/^[a-z0-9][a-z0-9._@-]{0,127}$/.test(key)) return [];
    const cached = this.roleCache.get(key);
    if (cached && cached.until > this.now()) return [...cached.roles];

    const step = 'Graph: read the staff member\'s groups and roles (memberOf)';
    const tenantId = this.options.partnerTenantId;
    const client = this.options.graph.forTenant(tenantId, this.options.rolesTokenMode ?? 'app');
    const found = new Set<Role>();
    try {
      for await (const member of this.options.graph.pages<unknown>(client, `/users/${encodeURIComponent(key)}/memberOf`, step, tenantId)) {
        const role = roleOf(memberSchema.safeParse(member).data);
        if (role) found.add(role);
      }
    } catch (error) {
      // Someone Graph does not know (a guest, a deleted account) simply has no role.
      if (!(error instanceof GraphError && error.status === 404)) throw error;
    }
    const roles = sortRoles([...found]);
    this.roleCache.set(key, { roles, until: this.now() + this.ttlMs });
    return [...roles];
  }

  async requestDelegatedAdmin(customerTenantId: string, displayName: string, ctx: CallContext): Promise<{ relationshipId: string; approvalLink: string }> {
    const tenantId = this.options.partnerTenantId;
    const client = this.options.graph.forTenant(tenantId, this.options.gdapTokenMode ?? 'app+user');
    const name = relationshipName(displayName, ctx.requestId ?? ctx.correlationId);
    const requestId = graphRequestId(ctx.correlationId);

    // A retry of the same step finds the relationship it created before instead of failing on the name.
    let relationship = await this.findRelationship(client, name, customerTenantId, requestId);
    if (!relationship) {
      const step = `Graph: create the GDAP relationship with ${customerTenantId}`;
      try {
        const request = client.api('/tenantRelationships/delegatedAdminRelationships');
        if (requestId) request.header('client-request-id', requestId);
        const created: unknown = await request.post({
          displayName: name,
          duration: 'P730D',
          autoExtendDuration: 'P180D',
          customer: { tenantId: customerTenantId },
          accessDetails: { unifiedRoles: this.gdapRoleIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
        });
        relationship = relationshipSchema.parse(created);
      } catch (error) {
        throw error instanceof z.ZodError
          ? new GraphError(step, tenantId, null, null, 'the answer has no relationship id', '')
          : toGraphError(error, step, tenantId);
      }
    }
    if (!relationship.status || relationship.status.toLowerCase() === 'created') {
      const step = `Graph: lock the GDAP relationship ${relationship.id} for the customer's approval`;
      try {
        const request = client.api(`/tenantRelationships/delegatedAdminRelationships/${encodeURIComponent(relationship.id)}/requests`);
        if (requestId) request.header('client-request-id', requestId);
        await request.post({ action: 'lockForApproval' });
      } catch (error) {
        throw toGraphError(error, step, tenantId);
      }
    }
    return { relationshipId: relationship.id, approvalLink: `${GDAP_APPROVAL_LINK_BASE}${relationship.id}` };
  }

  private async findRelationship(client: ReturnType<GraphClientFactory['forTenant']>, name: string, customerTenantId: string, requestId?: string) {
    const step = 'Graph: look for an earlier GDAP request of this move';
    const filter = `displayName eq '${name.replace(/'/g, "''")}'`;
    const path = `/tenantRelationships/delegatedAdminRelationships?$filter=${encodeURIComponent(filter)}`;
    const schema = relationshipSchema.extend({ customer: z.object({ tenantId: z.string().nullish() }).nullish() });
    let found: z.infer<typeof schema> | undefined;
    try {
      for await (const item of this.options.graph.pages<unknown>(client, path, step, this.options.partnerTenantId, requestId)) {
        const parsed = schema.safeParse(item);
        // The filter is checked again here in case the service ignored it.
        if (parsed.success && parsed.data.displayName === name
          && (!parsed.data.customer?.tenantId || parsed.data.customer.tenantId.toLowerCase() === customerTenantId.toLowerCase())) {
          found = parsed.data;
          break;
        }
      }
    } catch (error) {
      // A listing that is refused or not supported only means no earlier request can be reused.
      if (error instanceof GraphError && error.status !== null && [400, 404, 501].includes(error.status)) return undefined;
      throw error;
    }
    const status = found?.status?.toLowerCase();
    if (found && status && ENDED_STATUSES.has(status)) {
      throw new GraphError(step, this.options.partnerTenantId, null, null,
        `the GDAP request "${name}" made earlier for this step is ${status}`, 'start a new GDAP request (a new request id gives a new name)');
    }
    return found;
  }
}

function roleOf(member: z.infer<typeof memberSchema> | undefined): Role | undefined {
  if (!member) return undefined;
  const type = (member['@odata.type'] ?? '').toLowerCase();
  if (type === '#microsoft.graph.group' || (!type && !member.roleTemplateId)) {
    return GROUP_ROLES[(member.displayName ?? '').toLowerCase()];
  }
  if (type === '#microsoft.graph.directoryrole' || member.roleTemplateId) {
    return DIRECTORY_ROLE_TEMPLATES[(member.roleTemplateId ?? '').toLowerCase()]
      ?? DIRECTORY_ROLE_NAMES[(member.displayName ?? '').toLowerCase()];
  }
  return undefined;
}

function sortRoles(roles: readonly Role[]): Role[] {
  return ROLE_ORDER.filter((role) => roles.includes(role));
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
