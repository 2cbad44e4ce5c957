/**
 * Licences in a customer tenant through Microsoft Graph (GDAP roles or consent needed there):
 * - `organization`: the tenant's country (`countryLetterCode`) and default usage location;
 * - `usersWithSku`: users holding a SKU, with `assignedLicenses`, `licenseAssignmentStates` (direct vs
 *   group-based) and `usageLocation`, paged through `@odata.nextLink` (advanced query: `$count` +
 *   `ConsistencyLevel: eventual`);
 * - `assignLicense` / `assignLicenses`: one call per user that adds and removes in one go (never remove
 *   first), the latter through `$batch` in groups of 20.
 *
 * assignLicense with the same add/remove is idempotent by nature: it sets a final licence state, and
 * sending it again leaves that state as it is. So it may be re-sent when its outcome is unknown; a repeat
 * that Graph refuses (e.g. removing a SKU the first send already removed) is checked against the user's
 * licences, and counts as done when they already are what was asked for.
 */
import { z } from 'zod';
import type { CallContext, LicensedUser as PortLicensedUser, UserLicence, UserLicenceChange } from '../../move/ports';
import type { TokenMode } from '../identity/tokenProvider';
import { assertSafeTenantSegment } from '../identity/tenantSegment';
import { GraphBatch, type BatchItem, type GraphBatchOptions } from './graphBatch';
import { OutboundCallOptions, graphRequestId, type GraphClientFactory } from './graphClientFactory';
import { GraphError, parseGraphItem, toGraphError } from './graphError';

export interface TenantOrganization {
  tenantId: string;
  displayName: string;
  /** ISO 3166 country of the tenant (what the CSP region rule looks at), upper case; null if Graph has none. */
  countryLetterCode: string | null;
  defaultUsageLocation: string | null;
  verifiedDomains: Array<{ name: string; isDefault: boolean; isInitial: boolean }>;
}

/** A licence a user holds (the port's shape). */
export type AssignedLicense = UserLicence;

/** A user as Graph returns them, with the full licence assignment states (the port keeps only the source). */
export interface LicensedUser extends Omit<PortLicensedUser, 'licenseAssignmentStates'> {
  /** `assignedByGroup` null = direct; a group id = inherited (cannot be removed on the user). */
  licenseAssignmentStates: Array<{ skuId: string; assignedByGroup: string | null; state: string | null; error: string | null; disabledPlans: string[] }>;
}

export type LicenseChange = UserLicenceChange;

export interface LicenseChangeResult {
  userId: string;
  ok: boolean;
  /** HTTP status of the (last) assignLicense; null when the outcome stayed unknown. */
  status: number | null;
  code: string | null;
  message: string | null;
  /** A repeat was refused but the user's licences already are as asked (the first send did it). */
  alreadyApplied: boolean;
}

export interface CustomerLicensingOptions {
  graph: GraphClientFactory;
  /** `app` (consent in the customer tenant) or `app+user` (GDAP). Default `app`. */
  mode?: TokenMode;
  /** Settings of the $batch runner (sleep, clock, attempts). */
  batch?: Omit<GraphBatchOptions, 'graph'>;
}

const guid = z.string().transform((s) => s.toLowerCase());
const assignedLicenseSchema = z.object({
  skuId: guid,
  disabledPlans: z.array(guid).nullish().transform((p) => p ?? []),
});
const userSchema = z.object({
  id: z.string(),
  userPrincipalName: z.string().nullish().transform((v) => v ?? ''),
  displayName: z.string().nullish().transform((v) => v ?? ''),
  usageLocation: z.string().nullish().transform((v) => v ?? null),
  assignedLicenses: z.array(assignedLicenseSchema).nullish().transform((v) => v ?? []),
  licenseAssignmentStates: z.array(z.object({
    skuId: guid,
    assignedByGroup: z.string().nullish().transform((v) => v ?? null),
    state: z.string().nullish().transform((v) => v ?? null),
    error: z.string().nullish().transform((v) => (v && v !== 'None' ? v : null)),
    disabledPlans: z.array(guid).nullish().transform((p) => p ?? []),
  })).nullish().transform((v) => v ?? []),
});
const organizationSchema = z.object({
  id: z.string(),
  displayName: z.string().nullish(),
  countryLetterCode: z.string().nullish(),
  defaultUsageLocation: z.string().nullish(),
  verifiedDomains: z.array(z.object({ name: z.string(), isDefault: z.boolean().nullish(), isInitial: z.boolean().nullish() })).nullish(),
});
const USER_FIELDS = 'id,userPrincipalName,displayName,usageLocation,assignedLicenses,licenseAssignmentStates';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i;

export class CustomerLicensing {
  private readonly mode: TokenMode;
  private readonly batch: GraphBatch;

  constructor(private readonly options: CustomerLicensingOptions) {
    this.mode = options.mode ?? 'app';
    this.batch = new GraphBatch({ graph: options.graph, ...options.batch });
  }

  async organization(tenantId: string, ctx: CallContext): Promise<TenantOrganization> {
    const step = "Graph: read the customer's organization";
    assertSafeTenantSegment(tenantId);
    const client = this.options.graph.forTenant(tenantId, this.mode);
    for await (const item of this.options.graph.pages<unknown>(client, '/organization', step, tenantId, graphRequestId(ctx.correlationId))) {
      const org = parseGraphItem(organizationSchema, item, step, tenantId);
      return {
        tenantId: org.id,
        displayName: org.displayName ?? '',
        countryLetterCode: org.countryLetterCode ? org.countryLetterCode.toUpperCase() : null,
        defaultUsageLocation: org.defaultUsageLocation ?? null,
        verifiedDomains: (org.verifiedDomains ?? []).map((d) => ({ name: d.name, isDefault: d.isDefault ?? false, isInitial: d.isInitial ?? false })),
      };
    }
    throw new GraphError(step, tenantId, null, null, 'Graph returned no organization', '');
  }

  /** Every user holding `skuId` (directly or through a group), page by page. */
  async *usersWithSku(tenantId: string, skuId: string, ctx: CallContext, pageSize = 999): AsyncGenerator<LicensedUser> {
    const step = `Graph: list the customer's users holding ${skuId}`;
    assertSafeTenantSegment(tenantId);
    if (!GUID.test(skuId)) throw new Error(`${step}: the SKU id must be a GUID.`);
    const client = this.options.graph.forTenant(tenantId, this.mode);
    const filter = encodeURIComponent(`assignedLicenses/any(x:x/skuId eq ${skuId.toLowerCase()})`);
    const top = Math.min(999, Math.max(1, Math.floor(pageSize)));
    const path = `/users?$filter=${filter}&$select=${USER_FIELDS}&$count=true&$top=${top}`;
    for await (const item of this.options.graph.pages<unknown>(client, path, step, tenantId, graphRequestId(ctx.correlationId),
      { ConsistencyLevel: 'eventual' })) {
      yield parseGraphItem(userSchema, item, step, tenantId);
    }
  }

  /** One user's change; returns the user's licences afterwards. Re-sent only when its outcome is unknown (see top). */
  async assignLicense(tenantId: string, change: LicenseChange, ctx: CallContext): Promise<AssignedLicense[]> {
    const step = `Graph: change the licences of user ${change.userId}`;
    assertSafeTenantSegment(tenantId);
    const client = this.options.graph.forTenant(tenantId, this.mode);
    try {
      const request = client.api(`/users/${encodeURIComponent(change.userId)}/assignLicense`)
        .middlewareOptions([new OutboundCallOptions({ step, safeToRepeat: true })]);
      const requestId = graphRequestId(ctx.correlationId);
      if (requestId) request.header('client-request-id', requestId);
      const user: unknown = await request.post(toBody(change));
      return parseGraphItem(userSchema.pick({ assignedLicenses: true }), user, step, tenantId).assignedLicenses;
    } catch (error) {
      const graphError = toGraphError(error, step, tenantId);
      if (graphError instanceof GraphError && graphError.status === 400) {
        const current = await this.licensesOf(tenantId, change.userId, ctx);
        if (current && satisfies(current, change)) return current;
      }
      throw graphError;
    }
  }

  /** Many users' changes through `$batch`; one result per change, in order. Nothing is swallowed. */
  async assignLicenses(tenantId: string, changes: readonly LicenseChange[], ctx: CallContext): Promise<LicenseChangeResult[]> {
    assertSafeTenantSegment(tenantId);
    const items: BatchItem[] = changes.map((change, index) => ({
      id: String(index + 1),
      method: 'POST',
      url: `/users/${encodeURIComponent(change.userId)}/assignLicense`,
      body: toBody(change),
      idempotent: true, // same add/remove → same final state (see the top of this file)
    }));
    const outcomes = await this.batch.run(tenantId, this.mode, items, 'Graph: change licences', ctx);
    const results: LicenseChangeResult[] = [];
    for (const [index, outcome] of outcomes.entries()) {
      const change = changes[index] as LicenseChange;
      const error = errorOf(outcome.body);
      if (outcome.status !== null && outcome.status >= 200 && outcome.status < 300) {
        results.push({ userId: change.userId, ok: true, status: outcome.status, code: null, message: null, alreadyApplied: false });
        continue;
      }
      let alreadyApplied = false;
      // A refusal may only mean an earlier send (a repeat, or a run before a restart) already did it.
      if (outcome.status === 400) {
        const current = await this.licensesOf(tenantId, change.userId, ctx);
        alreadyApplied = current !== null && satisfies(current, change);
      }
      results.push({
        userId: change.userId, ok: alreadyApplied, status: outcome.status, code: error.code, message: error.message, alreadyApplied,
      });
    }
    return results;
  }

  private async licensesOf(tenantId: string, userId: string, ctx: CallContext): Promise<AssignedLicense[] | null> {
    const step = `Graph: read the licences of user ${userId}`;
    try {
      const request = this.options.graph.forTenant(tenantId, this.mode)
        .api(`/users/${encodeURIComponent(userId)}?$select=assignedLicenses`)
        .middlewareOptions([new OutboundCallOptions({ step })]);
      const requestId = graphRequestId(ctx.correlationId);
      if (requestId) request.header('client-request-id', requestId);
      return parseGraphItem(userSchema.pick({ assignedLicenses: true }), await request.get(), step, tenantId).assignedLicenses;
    } catch {
      return null;
    }
  }
}

function toBody(change: LicenseChange) {
  return {
    addLicenses: change.addLicenses.map((l) => ({ skuId: l.skuId, disabledPlans: [...l.disabledPlans] })),
    removeLicenses: [...change.removeLicenses],
  };
}

/** The user's licences are what the change asks for: every added SKU with its disabled plans, no removed SKU. */
export function satisfies(current: AssignedLicense[], change: LicenseChange): boolean {
  const held = new Map(current.map((l) => [l.skuId.toLowerCase(), new Set(l.disabledPlans.map((p) => p.toLowerCase()))]));
  const added = change.addLicenses.every((l) => {
    const plans = held.get(l.skuId.toLowerCase());
    return plans !== undefined && plans.size === l.disabledPlans.length && l.disabledPlans.every((p) => plans.has(p.toLowerCase()));
  });
  return added && change.removeLicenses.every((skuId) => !held.has(skuId.toLowerCase()));
}

function errorOf(body: unknown): { code: string | null; message: string | null } {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  return {
    code: typeof error?.code === 'string' ? error.code : null,
    message: typeof error?.message === 'string' ? error.message.slice(0, 500) : null,
  };
}

