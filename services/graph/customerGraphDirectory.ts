/**
 * The CustomerDirectory port: Microsoft Graph in a customer's tenant (needs GDAP or consent there).
 * `GET /subscribedSkus` (licences the tenant owns) and `GET /directory/subscriptions` (the commercial
 * subscriptions behind them), both followed through `@odata.nextLink`; the users holding a SKU and their
 * licence changes through CustomerLicensing (`GET /users` with the licence filter, `assignLicense` in `$batch`).
 *
 * changeLicences returns one result per change: Graph's refusal of one user (usage location, a licence
 * inherited from a group, no seat left…) is that user's `ok: false` with Graph's code and message, and a change
 * Graph did not confirm but that the user's licences show done counts as done. It throws (a retryable
 * GraphError) when the call as a whole failed — no token, or nothing done and every change refused for a reason
 * about the call (401/403 no access, 429 throttled or a 5xx after the retries, no answer from Graph) — and when
 * some user's outcome stays unknown (Graph never said, and their licences could not be read): the caller reads
 * those users' licences later (`userLicences`) rather than recording a guess.
 *
 * Every failure is the move's StepError; in this customer tenant a 401/403, or no token for the tenant (no
 * consent, no GDAP), blocks the move with "no access to the customer's tenant" (`inCustomerTenant`).
 */
import { fixFor, GraphError, inCustomerTenant, parseGraphItem } from './graphError';
import { z } from 'zod';
import type { SourceSubscription } from '../../move/model';
import type {
  CallContext, CustomerDirectory, LicensedUser, SubscribedSku, UserLicenceChange, UserLicenceChangeResult, UserLicences,
} from '../../move/ports';
import type { TokenMode } from '../identity/tokenProvider';
import { assertSafeTenantSegment } from '../identity/tenantSegment';
import { CustomerLicensing, type LicenseChangeResult } from './customerLicensing';
import type { GraphClientFactory } from './graphClientFactory';

export interface CustomerGraphDirectoryOptions {
  graph: GraphClientFactory;
  /**
   * `app` (default): the app's own token in the customer tenant, which needs the app consented there.
   * `app+user`: the secure-application-model user's token, which works through GDAP roles.
   */
  mode?: TokenMode;
  /** The licence calls; give one built with the same `graph` and `mode`. Default: built from them. */
  licensing?: CustomerLicensing;
  /** `$top` of each page of users holding a SKU. Default 999 (Graph's largest). */
  licensedUsersPageSize?: number;
}

/** Statuses that are about the call, not the user: no access, throttled or failing after the retries, no answer (null). */
const CALL_LEVEL_STATUSES: ReadonlySet<number | null> = new Set([null, 401, 403, 429, 500, 502, 503, 504]);
/** Of those, the ones that pass: trying again later can help. */
const PASSING_STATUSES: ReadonlySet<number | null> = new Set([null, 429, 500, 502, 503, 504]);

const count = z.number().nullish().transform((n) => n ?? 0);

const subscribedSkuSchema = z.object({
  skuId: z.string(),
  skuPartNumber: z.string().nullish().transform((s) => s ?? ''),
  capabilityStatus: z.string().nullish().transform((s) => s ?? 'Unknown'),
  appliesTo: z.string().nullish().transform((s) => s ?? 'User'),
  consumedUnits: count,
  prepaidUnits: z.object({ enabled: count, suspended: count, warning: count, lockedOut: count })
    .nullish().transform((p) => p ?? { enabled: 0, suspended: 0, warning: 0, lockedOut: 0 }),
  servicePlans: z.array(z.object({
    servicePlanId: z.string(),
    servicePlanName: z.string().nullish().transform((s) => s ?? ''),
    provisioningStatus: z.string().nullish().transform((s) => s ?? ''),
    appliesTo: z.string().nullish().transform((s) => s ?? ''),
  })).nullish().transform((p) => p ?? []),
  subscriptionIds: z.array(z.string()).nullish().transform((s) => s ?? []),
});

const companySubscriptionSchema = z.object({
  id: z.string(),
  skuId: z.string(),
  skuPartNumber: z.string().nullish().transform((s) => s ?? ''),
  status: z.string().nullish().transform((s) => s ?? 'Unknown'),
  totalLicenses: count,
  isTrial: z.boolean().nullish().transform((t) => t ?? false),
  createdDateTime: z.string().nullish().transform((d) => d ?? null),
  nextLifecycleDateTime: z.string().nullish().transform((d) => d ?? null),
  ownerTenantId: z.string().nullish().transform((d) => d ?? null),
});

export class CustomerGraphDirectory implements CustomerDirectory {
  private readonly mode: TokenMode;
  private readonly licensing: CustomerLicensing;

  constructor(private readonly options: CustomerGraphDirectoryOptions) {
    this.mode = options.mode ?? 'app';
    this.licensing = options.licensing ?? new CustomerLicensing({ graph: options.graph, mode: this.mode });
  }

  async subscribedSkus(tenantId: string, ctx: CallContext): Promise<SubscribedSku[]> {
    const step = "Graph: read the customer's licences (subscribedSkus)";
    const items = await this.readAll(tenantId, '/subscribedSkus', step, ctx);
    return customerTenant(() => items.map((item) => parseGraphItem(subscribedSkuSchema, item, step, tenantId)));
  }

  async subscriptions(tenantId: string, ctx: CallContext): Promise<SourceSubscription[]> {
    const step = "Graph: read the customer's subscriptions (directory/subscriptions)";
    const items = await this.readAll(tenantId, '/directory/subscriptions', step, ctx);
    return customerTenant(() => items.map((item) => parseGraphItem(companySubscriptionSchema, item, step, tenantId)));
  }

  /** `GET /organization` → `countryLetterCode`: the country set on the tenant, which the CSP region rule is about. */
  async tenantCountry(tenantId: string, ctx: CallContext): Promise<string | null> {
    const step = "Graph: read the customer tenant's country (organization)";
    const [organization] = await this.readAll(tenantId, '/organization', step, ctx);
    const country = (organization as { countryLetterCode?: unknown } | undefined)?.countryLetterCode;
    return typeof country === 'string' && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : null;
  }

  /** Every user holding `skuId` (directly or through a group), page by page as Graph serves them. */
  async *licensedUsers(tenantId: string, skuId: string, ctx: CallContext): AsyncGenerator<LicensedUser> {
    const users = this.licensing.usersWithSku(tenantId, skuId, ctx, this.options.licensedUsersPageSize);
    try {
      for (;;) {
        let next: Awaited<ReturnType<typeof users.next>>;
        try {
          next = await users.next();
        } catch (error) {
          throw inCustomerTenant(error);
        }
        if (next.done) return;
        const user = next.value;
        yield {
          id: user.id,
          userPrincipalName: user.userPrincipalName,
          displayName: user.displayName,
          usageLocation: user.usageLocation,
          assignedLicenses: user.assignedLicenses.map((l) => ({ skuId: l.skuId, disabledPlans: [...l.disabledPlans] })),
          licenseAssignmentStates: user.licenseAssignmentStates.map((s) => ({ skuId: s.skuId, assignedByGroup: s.assignedByGroup })),
        };
      }
    } finally {
      await users.return(undefined); // the reader stopped early: let the page listing end too
    }
  }

  /** One `assignLicense` per change (adds and removes together) through `$batch`; results in the changes' order. */
  async changeLicences(tenantId: string, changes: UserLicenceChange[], ctx: CallContext): Promise<UserLicenceChangeResult[]> {
    if (changes.length === 0) return [];
    const step = `Graph: change the licences of ${changes.length} user(s)`;
    const results = await customerTenant(() => this.licensing.assignLicenses(tenantId, changes.map((change) => ({
      userId: change.userId,
      addLicenses: change.addLicenses.map((l) => ({ skuId: l.skuId, disabledPlans: [...l.disabledPlans] })),
      removeLicenses: [...change.removeLicenses],
    })), ctx));
    const failure = wholeCallFailure(results);
    if (failure) {
      throw inCustomerTenant(new GraphError(step, tenantId, failure.status, failure.code,
        failure.message ?? 'Graph gave no error message', fixFor(failure.status, failure.code)));
    }
    // A user Graph kept failing for a passing reason (throttled, 5xx, no answer) after every retry, while others went
    // through: not that user's refusal. Retried later — the caller reads back the licences of what it sent first.
    const passing = results.filter((r) => !r.ok && !r.outcomeUnknown && PASSING_STATUSES.has(r.status));
    if (passing.length > 0) {
      throw new GraphError(step, tenantId, passing[0].status, passing[0].code ?? 'Transient',
        `Graph kept failing for ${passing.length} user(s) after its retries (${passing[0].status ?? 'no answer'})`,
        'the users\' licences are read again, and the change is sent again to those who still hold the old licence', { retryable: true });
    }
    const unknown = results.filter((r) => r.outcomeUnknown);
    if (unknown.length > 0) {
      throw new GraphError(step, tenantId, null, 'OutcomeUnknown',
        `Graph did not say whether the licences of ${unknown.length} user(s) changed, and they could not be read back`,
        'the users\' licences are read again before anything is recorded or sent again', { retryable: true });
    }
    return results.map((r) => (r.ok
      ? { userId: r.userId, ok: true, code: null, message: null }
      : { userId: r.userId, ok: false, code: r.code, message: r.message }));
  }

  /** Each user's licences now, by `GET /users/{id}` (null for a user who no longer exists); throws when some cannot be read. */
  userLicences(tenantId: string, userIds: string[], ctx: CallContext): Promise<UserLicences[]> {
    return customerTenant(() => this.licensing.userLicences(tenantId, userIds, ctx));
  }

  private async readAll(tenantId: string, path: string, step: string, ctx: CallContext): Promise<unknown[]> {
    return customerTenant(async () => {
      assertSafeTenantSegment(tenantId);
      const client = this.options.graph.forTenant(tenantId, this.mode);
      const items: unknown[] = [];
      for await (const item of this.options.graph.pages<unknown>(client, path, step, tenantId, ctx.correlationId)) {
        items.push(item);
      }
      return items;
    });
  }
}

/** Runs a call made in the customer's tenant, turning a lack of access into the move's "no access" blocker. */
async function customerTenant<T>(call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw inCustomerTenant(error);
  }
}

/** The call failed as a whole: nothing was done, and every refusal is about the call rather than a user. */
function wholeCallFailure(results: readonly LicenseChangeResult[]): LicenseChangeResult | null {
  if (results.some((r) => r.ok)) return null;
  return results.every((r) => CALL_LEVEL_STATUSES.has(r.status)) ? results[0] ?? null : null;
}
