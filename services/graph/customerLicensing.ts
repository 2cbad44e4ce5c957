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
 * sending it again leaves that state as it is. So it may be re-sent when its outcome is unknown (the $batch
 * runner re-sends 5xx and 429 answers a bounded number of times). A change is never reported as failed
 * before the user's licences were read back (`GET /users/{id}?$select=assignedLicenses`, in $batch): Graph
 * may have made it and then failed to answer, or refused a repeat (removing a SKU the first send already
 * removed). When the licences already are what was asked for, the change counts as done. When Graph never
 * said and the licences cannot be read, the outcome stays unknown (`outcomeUnknown`), never "failed".
 */
import { z } from 'zod';
import type { CallContext, LicensedUser as PortLicensedUser, UserLicence, UserLicenceChange } from '../../move/ports';
import type { TokenMode } from '../identity/tokenProvider';
import { assertSafeTenantSegment } from '../identity/tenantSegment';
import { GraphBatch, type BatchItem, type GraphBatchOptions } from './graphBatch';
import { OutboundCallOptions, type GraphClientFactory } from './graphClientFactory';
import { fixFor, GraphError, parseGraphItem, toGraphError } from './graphError';

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
  /** Graph did not say it was done, but the user's licences already are as asked (an earlier send did it). */
  alreadyApplied: boolean;
  /** Graph never said whether it was done (no answer, or a 5xx after the retries) and the licences could not be read. */
  outcomeUnknown: boolean;
}

/** A user's licences as read back; null when the user does not exist (any more). */
export interface UserLicencesRead {
  userId: string;
  assignedLicenses: AssignedLicense[] | null;
}

/** Statuses that say the change was not made and reading the licences cannot tell more: no access, throttled (nothing ran). */
const NOT_READ_BACK: ReadonlySet<number> = new Set([401, 403, 429]);

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
    for await (const item of this.options.graph.pages<unknown>(client, '/organization', step, tenantId, ctx.correlationId)) {
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
    for await (const item of this.options.graph.pages<unknown>(client, path, step, tenantId, ctx.correlationId,
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
        .middlewareOptions([new OutboundCallOptions({ step, safeToRepeat: true, correlationId: ctx.correlationId })]);
      const user: unknown = await request.post(toBody(change));
      return parseGraphItem(userSchema.pick({ assignedLicenses: true }), user, step, tenantId).assignedLicenses;
    } catch (error) {
      const graphError = toGraphError(error, step, tenantId);
      if (graphError instanceof GraphError && (graphError.status === null || !NOT_READ_BACK.has(graphError.status))) {
        const [read] = await this.readLicences(tenantId, [change.userId], ctx).catch((): LicencesRead[] => []);
        if (read && Array.isArray(read.licences) && satisfies(read.licences, change)) return read.licences;
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
    const succeeded = (status: number | null) => status !== null && status >= 200 && status < 300;
    // Before a change counts as failed, the user's licences are read back: Graph may have done it all the same.
    const toRead = changes.filter((change, index) => {
      const status = (outcomes[index] as (typeof outcomes)[number]).status;
      return !succeeded(status) && (status === null || !NOT_READ_BACK.has(status));
    });
    let reads: LicencesRead[];
    try {
      reads = await this.readLicences(tenantId, toRead.map((c) => c.userId), ctx);
    } catch {
      // Nothing could be read (no token any more): those outcomes stay as Graph gave them, or unknown.
      reads = toRead.map((c) => ({ userId: c.userId, licences: 'unknown', status: null, code: null, message: null }));
    }
    const read = new Map(reads.map((r) => [r.userId.toLowerCase(), r.licences]));
    return outcomes.map((outcome, index) => {
      const change = changes[index] as LicenseChange;
      if (succeeded(outcome.status)) {
        return { userId: change.userId, ok: true, status: outcome.status, code: null, message: null, alreadyApplied: false, outcomeUnknown: false };
      }
      const error = errorOf(outcome.body);
      const licences = read.get(change.userId.toLowerCase());
      const alreadyApplied = Array.isArray(licences) && satisfies(licences, change);
      // Unknown: Graph never said (no answer, a 5xx), or refused a repeat of a send that may have done it, and the licences are unreadable.
      const neverSaid = outcome.status === null || outcome.status >= 500 || outcome.attempts > 1;
      const outcomeUnknown = !alreadyApplied && licences === 'unknown' && neverSaid;
      return {
        userId: change.userId, ok: alreadyApplied, status: outcome.status, code: error.code, message: error.message, alreadyApplied, outcomeUnknown,
      };
    });
  }

  /**
   * The users' licences now (`GET /users/{id}?$select=id,assignedLicenses` in $batch; null for a user who does
   * not exist). Throws a GraphError when some cannot be read, so no caller mistakes "unread" for "none".
   */
  async userLicences(tenantId: string, userIds: readonly string[], ctx: CallContext): Promise<UserLicencesRead[]> {
    assertSafeTenantSegment(tenantId);
    const read = await this.readLicences(tenantId, userIds, ctx);
    const unread = read.find((r) => r.licences === 'unknown');
    if (unread) {
      throw new GraphError('Graph: read the licences of the users being changed', tenantId, unread.status, unread.code,
        unread.message ?? 'Graph did not answer', fixFor(unread.status, unread.code));
    }
    return read.map((r) => ({ userId: r.userId, assignedLicenses: Array.isArray(r.licences) ? r.licences : null }));
  }

  /**
   * Each user's licences (`gone` when Graph says there is no such user, `unknown` when unreadable), in the ids'
   * order: one `GET /users/{id}?$select=id,assignedLicenses` each (retried by the HTTP helper). Throws only
   * when there is no token for the tenant (nothing can be read).
   */
  private async readLicences(tenantId: string, userIds: readonly string[], ctx: CallContext): Promise<LicencesRead[]> {
    const client = this.options.graph.forTenant(tenantId, this.mode);
    const reads: LicencesRead[] = [];
    for (const userId of userIds) {
      const step = `Graph: read the licences of user ${userId}`;
      try {
        const request = client.api(`/users/${encodeURIComponent(userId)}?$select=id,assignedLicenses`)
          .middlewareOptions([new OutboundCallOptions({ step, correlationId: ctx.correlationId })]);
        const licences = parseGraphItem(userSchema.pick({ assignedLicenses: true }), await request.get(), step, tenantId).assignedLicenses;
        reads.push({ userId, licences, status: 200, code: null, message: null });
      } catch (error) {
        const failure = toGraphError(error, step, tenantId);
        if (!(failure instanceof GraphError)) throw failure; // no token: nothing can be read
        reads.push({ userId, licences: failure.status === 404 ? 'gone' : 'unknown', status: failure.status, code: failure.code, message: failure.graphMessage });
      }
    }
    return reads;
  }
}

interface LicencesRead {
  userId: string;
  licences: AssignedLicense[] | 'gone' | 'unknown';
  status: number | null;
  code: string | null;
  message: string | null;
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

