/**
 * GDAP through Microsoft Graph, in the partner tenant (`/tenantRelationships/delegatedAdminRelationships`):
 * create a relationship with least-privilege roles, lock it for the customer's approval, read its status,
 * list relationships, and give partner security groups access once it is active (access assignments).
 *
 * Token: App+User by default (locking for approval accepts delegated tokens only; DelegatedAdminRelationship
 * .ReadWrite.All). None of the POSTs here is idempotent, so none is re-sent after an unknown outcome:
 * callers look for what an earlier attempt created first (by display name; `ensureAccessAssignment` by group).
 */
import { z } from 'zod';
import type { Client } from '@microsoft/microsoft-graph-client';
import type { CallContext } from '../../move/ports';
import type { TokenMode } from '../identity/tokenProvider';
import { OutboundCallOptions, type GraphClientFactory } from './graphClientFactory';
import { GraphError, toGraphError } from './graphError';

export const GLOBAL_ADMINISTRATOR_ROLE_ID = '62e90394-69f5-4237-9190-012177145e10';
const BASE = '/tenantRelationships/delegatedAdminRelationships';

export interface GdapRelationship {
  id: string;
  displayName: string;
  /** `created`, `approvalPending`, `approved`, `activating`, `active`, `expiring`, `expired`, `terminated`... */
  status: string;
  customerTenantId: string | null;
  roleDefinitionIds: string[];
  duration: string | null;
  autoExtendDuration: string | null;
  createdDateTime: string | null;
  activatedDateTime: string | null;
  endDateTime: string | null;
  /** For `If-Match` on the lock request. */
  etag: string | null;
}

export interface GdapAccessAssignment {
  id: string;
  /** `pending`, `active`, `deleting`, `deleted`, `error`. */
  status: string;
  securityGroupId: string | null;
  roleDefinitionIds: string[];
  etag: string | null;
}

export interface NewGdapRelationship {
  displayName: string;
  customerTenantId: string;
  customerDisplayName?: string;
  roleDefinitionIds: readonly string[];
  /** `P1D`..`P2Y`. Default `P730D`. */
  duration?: string;
  /** `PT0S` or `P180D`. Default `P180D`. */
  autoExtendDuration?: string;
}

const roles = z.object({ unifiedRoles: z.array(z.object({ roleDefinitionId: z.string() })).nullish() }).nullish();
const relationshipSchema = z.object({
  '@odata.etag': z.string().nullish(),
  id: z.string(),
  displayName: z.string().nullish(),
  status: z.string().nullish(),
  customer: z.object({ tenantId: z.string().nullish() }).nullish(),
  accessDetails: roles,
  duration: z.string().nullish(),
  autoExtendDuration: z.string().nullish(),
  createdDateTime: z.string().nullish(),
  activatedDateTime: z.string().nullish(),
  endDateTime: z.string().nullish(),
});
const assignmentSchema = z.object({
  '@odata.etag': z.string().nullish(),
  id: z.string(),
  status: z.string().nullish(),
  accessContainer: z.object({ accessContainerId: z.string().nullish() }).nullish(),
  accessDetails: roles,
});
const requestSchema = z.object({ id: z.string(), action: z.string().nullish(), status: z.string().nullish() });

export interface GdapRelationshipsOptions {
  graph: GraphClientFactory;
  partnerTenantId: string;
  /** Default `app+user`. */
  mode?: TokenMode;
}

export class GdapRelationships {
  constructor(private readonly options: GdapRelationshipsOptions) {}

  async create(input: NewGdapRelationship, ctx: CallContext): Promise<GdapRelationship> {
    if (input.roleDefinitionIds.length === 0) throw new Error('GDAP: at least one role is needed.');
    if (input.roleDefinitionIds.some((id) => id.toLowerCase() === GLOBAL_ADMINISTRATOR_ROLE_ID)) {
      throw new Error('GDAP: requests must not include Global Administrator (least privilege).');
    }
    if (input.displayName.length === 0 || input.displayName.length > 50) throw new Error('GDAP: the display name must be 1 to 50 characters.');
    const body = {
      displayName: input.displayName,
      duration: input.duration ?? 'P730D',
      autoExtendDuration: input.autoExtendDuration ?? 'P180D',
      customer: { tenantId: input.customerTenantId, ...(input.customerDisplayName ? { displayName: input.customerDisplayName } : {}) },
      accessDetails: { unifiedRoles: input.roleDefinitionIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
    };
    const created = await this.call(`Graph: create the GDAP relationship with ${input.customerTenantId}`, ctx,
      (client) => client.api(BASE), (request) => request.post(body));
    return toRelationship(this.parse(relationshipSchema, created, 'Graph: create the GDAP relationship'));
  }

  /** `POST …/{id}/requests {action: lockForApproval}`, with `If-Match` when the etag is known. */
  lockForApproval(relationshipId: string, ctx: CallContext, etag?: string | null): Promise<{ requestId: string; status: string }> {
    const step = `Graph: lock the GDAP relationship ${relationshipId} for the customer's approval`;
    return this.request(relationshipId, 'lockForApproval', step, ctx, etag);
  }

  /**
   * `POST …/{id}/requests {action: terminate}`, with `If-Match` when the etag is known. Documented for an active
   * relationship; used too for one waiting for the customer's approval (`approvalPending`), which cannot be deleted.
   */
  terminate(relationshipId: string, ctx: CallContext, etag?: string | null): Promise<{ requestId: string; status: string }> {
    return this.request(relationshipId, 'terminate', `Graph: terminate the GDAP relationship ${relationshipId}`, ctx, etag);
  }

  /** `POST …/{id}/requests {action}`, with `If-Match` when the etag is known: the request Graph created. */
  private async request(
    relationshipId: string, action: 'lockForApproval' | 'terminate', step: string, ctx: CallContext, etag?: string | null,
  ): Promise<{ requestId: string; status: string }> {
    const created = await this.call(step, ctx, (client) => {
      const request = client.api(`${BASE}/${encodeURIComponent(relationshipId)}/requests`);
      if (etag) request.header('If-Match', etag);
      return request;
    }, (request) => request.post({ action }));
    const parsed = this.parse(requestSchema, created, step);
    return { requestId: parsed.id, status: parsed.status ?? 'created' };
  }

  /** `DELETE …/{id}` with `If-Match` (required): only a relationship still `created` can be deleted. */
  async delete(relationshipId: string, etag: string | null, ctx: CallContext): Promise<void> {
    const step = `Graph: delete the GDAP relationship ${relationshipId}`;
    await this.call(step, ctx, (client) => client.api(`${BASE}/${encodeURIComponent(relationshipId)}`).header('If-Match', etag ?? '*'),
      (request) => request.delete());
  }

  /** The relationship, or null when it does not exist (any more). */
  async get(relationshipId: string, ctx: CallContext): Promise<GdapRelationship | null> {
    const step = `Graph: read the GDAP relationship ${relationshipId}`;
    try {
      const item = await this.call(step, ctx, (client) => client.api(`${BASE}/${encodeURIComponent(relationshipId)}`), (request) => request.get());
      return toRelationship(this.parse(relationshipSchema, item, step));
    } catch (error) {
      if (error instanceof GraphError && error.status === 404) return null;
      throw error;
    }
  }

  /** Relationships, optionally filtered (`status`, `customer/tenantId`, `displayName`), every page. */
  async list(ctx: CallContext, filter: { status?: string; customerTenantId?: string; displayName?: string } = {}): Promise<GdapRelationship[]> {
    const step = 'Graph: list GDAP relationships';
    const clauses = [
      filter.status ? `status eq '${quote(filter.status)}'` : null,
      filter.customerTenantId ? `customer/tenantId eq '${quote(filter.customerTenantId)}'` : null,
      filter.displayName ? `displayName eq '${quote(filter.displayName)}'` : null,
    ].filter((c): c is string => c !== null);
    const path = clauses.length > 0 ? `${BASE}?$filter=${encodeURIComponent(clauses.join(' and '))}` : BASE;
    const found: GdapRelationship[] = [];
    for await (const item of this.pages(path, step, ctx)) {
      const relationship = toRelationship(this.parse(relationshipSchema, item, step));
      // The filter is checked again here in case the service ignored part of it.
      if (filter.status && relationship.status.toLowerCase() !== filter.status.toLowerCase()) continue;
      if (filter.customerTenantId && relationship.customerTenantId?.toLowerCase() !== filter.customerTenantId.toLowerCase()) continue;
      if (filter.displayName && relationship.displayName !== filter.displayName) continue;
      found.push(relationship);
    }
    return found;
  }

  async listAccessAssignments(relationshipId: string, ctx: CallContext): Promise<GdapAccessAssignment[]> {
    const step = `Graph: list the access assignments of GDAP relationship ${relationshipId}`;
    const found: GdapAccessAssignment[] = [];
    for await (const item of this.pages(`${BASE}/${encodeURIComponent(relationshipId)}/accessAssignments`, step, ctx)) {
      found.push(toAssignment(this.parse(assignmentSchema, item, step)));
    }
    return found;
  }

  /** Gives a partner security group roles in the customer tenant (only once the relationship is `active`). */
  async createAccessAssignment(
    relationshipId: string, securityGroupId: string, roleDefinitionIds: readonly string[], ctx: CallContext,
  ): Promise<GdapAccessAssignment> {
    const step = `Graph: give group ${securityGroupId} access through GDAP relationship ${relationshipId}`;
    if (roleDefinitionIds.length === 0) throw new Error(`${step}: at least one role is needed.`);
    const created = await this.call(step, ctx,
      (client) => client.api(`${BASE}/${encodeURIComponent(relationshipId)}/accessAssignments`),
      (request) => request.post({
        accessContainer: { accessContainerId: securityGroupId, accessContainerType: 'securityGroup' },
        accessDetails: { unifiedRoles: roleDefinitionIds.map((roleDefinitionId) => ({ roleDefinitionId })) },
      }));
    return toAssignment(this.parse(assignmentSchema, created, step));
  }

  /** The group's live assignment if an earlier attempt made one, else a new one (so a retried step does not duplicate). */
  async ensureAccessAssignment(
    relationshipId: string, securityGroupId: string, roleDefinitionIds: readonly string[], ctx: CallContext,
  ): Promise<GdapAccessAssignment> {
    const existing = (await this.listAccessAssignments(relationshipId, ctx)).find((a) =>
      a.securityGroupId?.toLowerCase() === securityGroupId.toLowerCase() && !['deleting', 'deleted', 'error'].includes(a.status.toLowerCase()));
    return existing ?? this.createAccessAssignment(relationshipId, securityGroupId, roleDefinitionIds, ctx);
  }

  private client(): Client {
    return this.options.graph.forTenant(this.options.partnerTenantId, this.options.mode ?? 'app+user');
  }

  private pages(path: string, step: string, ctx: CallContext): AsyncGenerator<unknown> {
    return this.options.graph.pages<unknown>(this.client(), path, step, this.options.partnerTenantId, ctx.correlationId);
  }

  private async call<R>(
    step: string, ctx: CallContext,
    build: (client: Client) => ReturnType<Client['api']>,
    run: (request: ReturnType<Client['api']>) => Promise<R>,
  ): Promise<R> {
    try {
      const request = build(this.client()).middlewareOptions([new OutboundCallOptions({ step, correlationId: ctx.correlationId })]);
      return await run(request);
    } catch (error) {
      throw toGraphError(error, step, this.options.partnerTenantId);
    }
  }

  private parse<S extends z.ZodTypeAny>(schema: S, item: unknown, step: string): z.infer<S> {
    const parsed = schema.safeParse(item);
    if (!parsed.success) {
      const where = parsed.error.issues[0]?.path.join('.') || '(root)';
      throw new GraphError(step, this.options.partnerTenantId, null, null, `the answer does not have the documented shape (at ${where})`, '');
    }
    return parsed.data;
  }
}

function toRelationship(wire: z.infer<typeof relationshipSchema>): GdapRelationship {
  return {
    id: wire.id,
    displayName: wire.displayName ?? '',
    status: wire.status ?? 'unknown',
    customerTenantId: wire.customer?.tenantId ?? null,
    roleDefinitionIds: (wire.accessDetails?.unifiedRoles ?? []).map((r) => r.roleDefinitionId.toLowerCase()),
    duration: wire.duration ?? null,
    autoExtendDuration: wire.autoExtendDuration ?? null,
    createdDateTime: wire.createdDateTime ?? null,
    activatedDateTime: wire.activatedDateTime ?? null,
    endDateTime: wire.endDateTime ?? null,
    etag: wire['@odata.etag'] ?? null,
  };
}

function toAssignment(wire: z.infer<typeof assignmentSchema>): GdapAccessAssignment {
  return {
    id: wire.id,
    status: wire.status ?? 'unknown',
    securityGroupId: wire.accessContainer?.accessContainerId ?? null,
    roleDefinitionIds: (wire.accessDetails?.unifiedRoles ?? []).map((r) => r.roleDefinitionId.toLowerCase()),
    etag: wire['@odata.etag'] ?? null,
  };
}

function quote(value: string): string {
  return value.replace(/'/g, "''");
}
