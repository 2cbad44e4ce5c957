/**
 * The CustomerDirectory port: Microsoft Graph in a customer's tenant (needs GDAP or consent there).
 * `GET /subscribedSkus` (licences the tenant owns) and `GET /directory/subscriptions` (the commercial
 * subscriptions behind them), both followed through `@odata.nextLink`.
 */
import { parseGraphItem } from './graphError';
import { z } from 'zod';
import type { SourceSubscription } from '../../move/model';
import type { CallContext, CustomerDirectory, SubscribedSku } from '../../move/ports';
import type { TokenMode } from '../identity/tokenProvider';
import { assertSafeTenantSegment } from '../identity/tenantSegment';
import { graphRequestId, type GraphClientFactory } from './graphClientFactory';

export interface CustomerGraphDirectoryOptions {
  graph: GraphClientFactory;
  /**
   * `app` (default): the app's own token in the customer tenant, which needs the app consented there.
   * `app+user`: the secure-application-model user's token, which works through GDAP roles.
   */
  mode?: TokenMode;
}

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

  constructor(private readonly options: CustomerGraphDirectoryOptions) {
    this.mode = options.mode ?? 'app';
  }

  async subscribedSkus(tenantId: string, ctx: CallContext): Promise<SubscribedSku[]> {
    const step = "Graph: read the customer's licences (subscribedSkus)";
    const items = await this.readAll(tenantId, '/subscribedSkus', step, ctx);
    return items.map((item) => parseGraphItem(subscribedSkuSchema, item, step, tenantId));
  }

  async subscriptions(tenantId: string, ctx: CallContext): Promise<SourceSubscription[]> {
    const step = "Graph: read the customer's subscriptions (directory/subscriptions)";
    const items = await this.readAll(tenantId, '/directory/subscriptions', step, ctx);
    return items.map((item) => parseGraphItem(companySubscriptionSchema, item, step, tenantId));
  }

  /** `GET /organization` → `countryLetterCode`: the country set on the tenant, which the CSP region rule is about. */
  async tenantCountry(tenantId: string, ctx: CallContext): Promise<string | null> {
    const step = "Graph: read the customer tenant's country (organization)";
    const [organization] = await this.readAll(tenantId, '/organization', step, ctx);
    const country = (organization as { countryLetterCode?: unknown } | undefined)?.countryLetterCode;
    return typeof country === 'string' && /^[A-Za-z]{2}$/.test(country) ? country.toUpperCase() : null;
  }

  private async readAll(tenantId: string, path: string, step: string, ctx: CallContext): Promise<unknown[]> {
    assertSafeTenantSegment(tenantId);
    const client = this.options.graph.forTenant(tenantId, this.mode);
    const items: unknown[] = [];
    for await (const item of this.options.graph.pages<unknown>(client, path, step, tenantId, graphRequestId(ctx.correlationId))) {
      items.push(item);
    }
    return items;
  }
}

