/**
 * The fake CustomerDirectory (Graph in a customer tenant), re-exported by fakes.ts. Contoso holds Business
 * Premium and Exchange Online (Plan 1), bought direct; what the fake Partner Center has ordered shows up as extra
 * prepaid licences, as in Graph.
 *
 * Licences: each tenant's users live in `users` (seed them with `licensedUser`). `changeLicences` applies each
 * change as one assignLicense does (all or nothing per user) with Graph's refusals, and answers as the adapter
 * does: a refusal is that user's `ok: false` with Graph's code and message, and a refused repeat counts as done
 * when the user already is as asked.
 */
import type { CatalogOffer, SourceSubscription } from '../../move/model';
import type {
  CallContext, CustomerDirectory, LicensedUser, SubscribedSku, UserLicenceChange, UserLicenceChangeResult, UserLicences,
} from '../../move/ports';
import { satisfies } from '../../services/graph/customerLicensing';
import { GraphError } from '../../services/graph/graphError';
import { INHERITED_LICENSE_MESSAGE, noSeatsMessage, USAGE_LOCATION_MESSAGE } from '../../sandbox/world/licenseAssignment';
import type { FakePartnerCenter } from './fakes';

export const SPB = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';
export const EXO1 = '4b9405b0-7788-4568-add1-99614e613b69';

export const CATALOG: CatalogOffer[] = [
  { productId: 'CFQ7TTC0LCHC', skuId: '0002', title: 'Microsoft 365 Business Premium', provisioningId: SPB, minimumQuantity: 1, maximumQuantity: 300, isTrial: false },
  { productId: 'CFQ7TTC0LH16', skuId: '0001', title: 'Exchange Online (Plan 1)', provisioningId: EXO1, minimumQuantity: 1, maximumQuantity: 10000, isTrial: false },
];

export { INHERITED_LICENSE_MESSAGE, USAGE_LOCATION_MESSAGE, noSeatsMessage };

export type LicenceCall =
  | { method: 'licensedUsers'; tenantId: string; skuId: string }
  | { method: 'changeLicences'; tenantId: string; changes: UserLicenceChange[] }
  | { method: 'userLicences'; tenantId: string; userIds: string[] };

/** A user to seed: each licence direct, or through a group (`viaGroup` = the group's id). */
export function licensedUser(
  id: string,
  licences: ReadonlyArray<{ skuId: string; disabledPlans?: string[]; viaGroup?: string }>,
  details: Partial<Pick<LicensedUser, 'userPrincipalName' | 'displayName' | 'usageLocation'>> = {},
): LicensedUser {
  const assignedLicenses: LicensedUser['assignedLicenses'] = [];
  for (const l of licences) {
    if (!assignedLicenses.some((a) => same(a.skuId, l.skuId))) assignedLicenses.push({ skuId: l.skuId, disabledPlans: [...(l.disabledPlans ?? [])] });
  }
  return {
    id,
    userPrincipalName: details.userPrincipalName ?? `${id}@contoso.onmicrosoft.com`,
    displayName: details.displayName ?? id,
    usageLocation: details.usageLocation === undefined ? 'US' : details.usageLocation,
    assignedLicenses,
    licenseAssignmentStates: licences.map((l) => ({ skuId: l.skuId, assignedByGroup: l.viaGroup ?? null })),
  };
}

/** CONTOSO_TENANT of fakes.ts (not imported from there: fakes.ts imports this file). */
const CONTOSO = 'a1b2c3d4-0000-4000-8000-000000000001';

/** Contoso's users as subscribedSkus counts them: 20 hold Business Premium, 7 Exchange Online (Plan 1), all direct. */
export function contosoUsers(): LicensedUser[] {
  const user = (n: number, skuId: string) => licensedUser(`contoso-user-${String(n).padStart(2, '0')}`, [{ skuId }], {
    userPrincipalName: `user${String(n).padStart(2, '0')}@contoso.onmicrosoft.com`, displayName: `Contoso User ${n}`,
  });
  return [...Array.from({ length: 20 }, (_, i) => user(i + 1, SPB)), ...Array.from({ length: 7 }, (_, i) => user(i + 21, EXO1))];
}

export class FakeCustomerDirectory implements CustomerDirectory {
  /** Tenant id → its users (changed in place by changeLicences). Contoso starts with `contosoUsers()`. */
  readonly users = new Map<string, LicensedUser[]>([[CONTOSO, contosoUsers()]]);
  /** Seats per skuId in any tenant; a SKU not listed never runs out. */
  readonly seats = new Map<string, number>();
  readonly licenceCalls: LicenceCall[] = [];
  /** Makes the next N calls of a licence method throw, as when Graph stays unreachable after the retries. */
  readonly failures = new Map<LicenceCall['method'], number>();
  country: string | null = 'US';

  constructor(private readonly partnerCenter?: FakePartnerCenter) {}

  async subscribedSkus(_tenantId: string, _ctx: CallContext): Promise<SubscribedSku[]> {
    const ordered = (graphSkuId: string) => [...(this.partnerCenter?.orders.values() ?? [])].flat().flatMap((o) => o.lineItems)
      .filter((l) => CATALOG.some((c) => c.provisioningId === graphSkuId && l.offerId.startsWith(`${c.productId}:${c.skuId}:`)))
      .reduce((sum, l) => sum + l.quantity, 0);
    return [
      { skuId: SPB, skuPartNumber: 'SPB', capabilityStatus: 'Enabled', appliesTo: 'User', consumedUnits: 20,
        prepaidUnits: { enabled: 25 + ordered(SPB), suspended: 0, warning: 0, lockedOut: 0 }, servicePlans: [], subscriptionIds: ['sub-spb'] },
      { skuId: EXO1, skuPartNumber: 'EXCHANGESTANDARD', capabilityStatus: 'Enabled', appliesTo: 'User', consumedUnits: 7,
        prepaidUnits: { enabled: 10 + ordered(EXO1), suspended: 0, warning: 0, lockedOut: 0 }, servicePlans: [], subscriptionIds: ['sub-exo'] },
    ];
  }

  async tenantCountry(_tenantId: string, _ctx: CallContext): Promise<string | null> {
    return this.country;
  }

  async subscriptions(_tenantId: string, _ctx: CallContext): Promise<SourceSubscription[]> {
    return [
      { id: 'sub-spb', skuId: SPB, skuPartNumber: 'SPB', status: 'Enabled', totalLicenses: 25, isTrial: false, createdDateTime: '2025-03-01T00:00:00Z', nextLifecycleDateTime: '2027-03-01T00:00:00Z', ownerTenantId: null },
      { id: 'sub-exo', skuId: EXO1, skuPartNumber: 'EXCHANGESTANDARD', status: 'Enabled', totalLicenses: 10, isTrial: false, createdDateTime: '2025-06-01T00:00:00Z', nextLifecycleDateTime: '2027-06-01T00:00:00Z', ownerTenantId: null },
    ];
  }

  failNext(method: LicenceCall['method'], times = 1): void {
    this.failures.set(method, times);
  }

  /** The tenant's users that hold `skuId`, directly or through a group (copies). */
  async *licensedUsers(tenantId: string, skuId: string, _ctx: CallContext): AsyncGenerator<LicensedUser> {
    this.record({ method: 'licensedUsers', tenantId, skuId });
    for (const user of this.usersOf(tenantId)) {
      if (user.assignedLicenses.some((l) => same(l.skuId, skuId))) yield structuredClone(user);
    }
  }

  async changeLicences(tenantId: string, changes: UserLicenceChange[], _ctx: CallContext): Promise<UserLicenceChangeResult[]> {
    this.record({ method: 'changeLicences', tenantId, changes: structuredClone(changes) });
    const users = this.usersOf(tenantId);
    return changes.map((change) => this.apply(users, change));
  }

  /** Each user's licences now (copies); null for a user the tenant does not have. */
  async userLicences(tenantId: string, userIds: string[], _ctx: CallContext): Promise<UserLicences[]> {
    this.record({ method: 'userLicences', tenantId, userIds: [...userIds] });
    const users = this.usersOf(tenantId);
    return userIds.map((userId) => {
      const user = users.find((u) => same(u.id, userId) || same(u.userPrincipalName, userId));
      return { userId, assignedLicenses: user ? structuredClone(user.assignedLicenses) : null };
    });
  }

  /** Every change made so far, in order. */
  get changesMade(): UserLicenceChange[] {
    return this.licenceCalls.flatMap((c) => (c.method === 'changeLicences' ? c.changes : []));
  }

  private apply(users: LicensedUser[], change: UserLicenceChange): UserLicenceChangeResult {
    const user = users.find((u) => same(u.id, change.userId) || same(u.userPrincipalName, change.userId));
    if (!user) {
      return refused(change, 'Request_ResourceNotFound', `Resource '${change.userId}' does not exist or one of its queried reference-property objects are not present.`);
    }
    const problem = this.problemWith(users, user, change);
    if (problem === null) applyTo(user, change);
    else if (!satisfies(user.assignedLicenses, change)) return refused(change, 'Request_BadRequest', problem);
    return { userId: change.userId, ok: true, code: null, message: null };
  }

  /** Graph's refusal of this assignLicense, or null when it goes through. */
  private problemWith(users: LicensedUser[], user: LicensedUser, change: UserLicenceChange): string | null {
    const added = change.addLicenses.map((l) => l.skuId.toLowerCase());
    const removed = change.removeLicenses.map((s) => s.toLowerCase());
    if (new Set(added).size !== added.length || new Set(removed).size !== removed.length) return 'A license appears more than once in the request.';
    const both = added.find((id) => removed.includes(id));
    if (both) return `License ${both} cannot be both added and removed in the same request.`;
    if (added.length > 0 && !user.usageLocation) return USAGE_LOCATION_MESSAGE;
    for (const skuId of removed) {
      const states = statesOf(user, skuId);
      if (states.length === 0) return `User does not have a corresponding license ${skuId} to remove.`;
      if (!states.some((s) => s.assignedByGroup === null)) return INHERITED_LICENSE_MESSAGE;
    }
    for (const skuId of added) {
      const limit = [...this.seats].find(([id]) => same(id, skuId))?.[1];
      if (limit === undefined || holds(user, skuId)) continue;
      if (users.filter((u) => holds(u, skuId)).length >= limit) return noSeatsMessage(skuId);
    }
    return null;
  }

  private usersOf(tenantId: string): LicensedUser[] {
    const found = [...this.users].find(([id]) => same(id, tenantId));
    if (found) return found[1];
    const users: LicensedUser[] = [];
    this.users.set(tenantId, users);
    return users;
  }

  private record(call: LicenceCall): void {
    this.licenceCalls.push(call);
    const left = this.failures.get(call.method) ?? 0;
    if (left > 0) {
      this.failures.set(call.method, left - 1);
      throw new GraphError(`Graph: ${call.method}`, call.tenantId, 503, 'serviceNotAvailable', 'Service unavailable (after the retries).', '');
    }
  }
}

/** Removes the direct assignments of removed SKUs; an added SKU becomes direct, with the given disabled plans. */
function applyTo(user: LicensedUser, change: UserLicenceChange): void {
  const removed = change.removeLicenses.map((s) => s.toLowerCase());
  const states = user.assignedLicenses.flatMap((l) => statesOf(user, l.skuId))
    .filter((s) => !(s.assignedByGroup === null && removed.includes(s.skuId.toLowerCase())));
  for (const licence of change.addLicenses) {
    if (!states.some((s) => same(s.skuId, licence.skuId) && s.assignedByGroup === null)) states.push({ skuId: licence.skuId, assignedByGroup: null });
  }
  const assigned = user.assignedLicenses.filter((l) => states.some((s) => same(s.skuId, l.skuId)) && !change.addLicenses.some((a) => same(a.skuId, l.skuId)));
  for (const licence of change.addLicenses) assigned.push({ skuId: licence.skuId, disabledPlans: [...licence.disabledPlans] });
  user.assignedLicenses = assigned;
  user.licenseAssignmentStates = states;
}

/** The user's assignments of a SKU; a licence seeded without a state counts as direct. */
function statesOf(user: LicensedUser, skuId: string): LicensedUser['licenseAssignmentStates'] {
  if (!holds(user, skuId)) return [];
  const states = user.licenseAssignmentStates.filter((s) => same(s.skuId, skuId));
  return states.length > 0 ? states : [{ skuId, assignedByGroup: null }];
}

function holds(user: LicensedUser, skuId: string): boolean {
  return user.assignedLicenses.some((l) => same(l.skuId, skuId));
}

function refused(change: UserLicenceChange, code: string, message: string): UserLicenceChangeResult {
  return { userId: change.userId, ok: false, code, message };
}

function same(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
