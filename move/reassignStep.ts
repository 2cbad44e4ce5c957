/**
 * The licence-reassignment step: reads the users holding an old SKU, decides each one (see
 * reassignment.ts) and sends a batch of changes. Each batch's results are recorded before the next is
 * sent, so a crash or restart resumes where it stopped: moved users no longer hold the old SKU, and
 * users this pass already reported are not sent again.
 */
import type { MoveCommand } from './commands';
import { SYSTEM_ACTOR } from './model';
import type { OrchestratorDeps } from './orchestratorDeps';
import type { CallContext, LicensedUser, UserLicenceChangeResult } from './ports';
import { decideUser, type UserDecision, type UserReassignment } from './reassignment';
import { reassignmentKey, type MoveState } from './state';

/** Users changed per recorded batch (Graph's $batch sends them 20 at a time). */
export const REASSIGNMENT_BATCH_SIZE = 100;

/**
 * Reads the users holding each old SKU once per pass (kept in this instance's memory, keyed by move, pass and
 * SKU; a restart simply reads them again) and sends them batch by batch, so a tenant with thousands of users
 * costs one paged listing per pass, not one per batch.
 */
export class LicenceReassignmentStep {
  private readonly holders = new Map<string, LicensedUser[]>();

  constructor(private readonly deps: Pick<OrchestratorDeps, 'customers'>) {}

  async next(state: MoveState, ctx: CallContext, base: { actor: typeof SYSTEM_ACTOR; at: string }): Promise<MoveCommand> {
    const tenantId = state.tenantId;
    if (!tenantId || !state.plan || !state.inventory) {
      throw Object.assign(new Error('The move has no tenant, plan or inventory recorded, so licences cannot be reassigned.'), { retryable: false });
    }
    this.forgetOtherPasses(state);
    const recorded = state.reassignment.results;
    // The tenant's own SKUs are the authority on what the new licences grant (they exist now: provisioning is done).
    const tenantSkus = await this.deps.customers.subscribedSkus(tenantId, ctx);
    const plansOf = new Map(tenantSkus.map((s) => [s.skuId.toLowerCase(), new Set(s.servicePlans.map((p) => p.servicePlanId.toLowerCase()))]));
    for (const line of state.plan.lines.filter((l) => l.needsReassignment)) {
      const missing = line.offers.filter((o) => !o.provisioningId || !plansOf.has(o.provisioningId.toLowerCase()));
      if (missing.length > 0) {
        throw new Error(`${missing.map((o) => o.title).join(', ')} does not show in the customer's tenant yet; reassignment waits for it.`);
      }
      const source = state.inventory.lines.find((l) => l.skuId.toLowerCase() === line.source.skuId.toLowerCase());
      const sourcePlans = new Map((source?.servicePlans ?? []).map((p) => [p.id.toLowerCase(), p.name]));
      const decisions: UserDecision[] = [];
      let changes = 0;
      for (const user of await this.holdersOf(state, tenantId, line.source.skuId, ctx)) {
        if (recorded[reassignmentKey({ sourceSkuId: line.source.skuId, userId: user.id })]) continue;
        const decision = decideUser(user, line, sourcePlans, plansOf);
        decisions.push(decision);
        if (decision.kind === 'change') changes += 1;
        if (changes >= REASSIGNMENT_BATCH_SIZE) break;
      }
      if (decisions.length === 0) continue;
      const toSend = decisions.flatMap((d) => (d.kind === 'change' ? [d.change] : []));
      const sent = toSend.length > 0 ? await this.deps.customers.changeLicences(tenantId, toSend, ctx) : [];
      const results: UserReassignment[] = decisions.map((d) => {
        if (d.kind === 'skip') return d.result;
        const result = sent.find((r) => r.userId === d.change.userId);
        return outcomeOf(d, result, line.source.skuId, line.offers.map((o) => o.title).join(' + '));
      });
      return { type: 'RecordReassignment', ...base, results, finished: false };
    }
    this.forget(state.moveId);
    return { type: 'RecordReassignment', ...base, results: [], finished: true };
  }

  private async holdersOf(state: MoveState, tenantId: string, skuId: string, ctx: CallContext): Promise<LicensedUser[]> {
    const key = `${state.moveId}/${state.reassignment.pass}/${skuId.toLowerCase()}`;
    let users = this.holders.get(key);
    if (!users) {
      users = [];
      for await (const user of this.deps.customers.licensedUsers(tenantId, skuId, ctx)) users.push(user);
      this.holders.set(key, users);
    }
    return users;
  }

  private forgetOtherPasses(state: MoveState): void {
    const current = `${state.moveId}/${state.reassignment.pass}/`;
    for (const key of this.holders.keys()) if (key.startsWith(`${state.moveId}/`) && !key.startsWith(current)) this.holders.delete(key);
  }

  private forget(moveId: string): void {
    for (const key of this.holders.keys()) if (key.startsWith(`${moveId}/`)) this.holders.delete(key);
  }
}

function outcomeOf(decision: Extract<UserDecision, { kind: 'change' }>, result: UserLicenceChangeResult | undefined, sourceSkuId: string, titles: string): UserReassignment {
  const base = { userId: decision.change.userId, userPrincipalName: decision.upn, sourceSkuId: sourceSkuId.toLowerCase() };
  if (result?.ok) {
    const carried = decision.carriedDisabled > 0 ? `, ${decision.carriedDisabled} disabled plan${decision.carriedDisabled === 1 ? '' : 's'} carried over` : '';
    return { ...base, outcome: 'moved', detail: `Now on ${titles}${carried}.` };
  }
  const message = result?.message ?? 'Graph gave no answer for this user.';
  return { ...base, outcome: 'failed', detail: `${message} ${hintFor(result?.code ?? null, message)}`.trim() };
}

/** What a person can do about Graph's usual refusals. */
function hintFor(code: string | null, message: string): string {
  const text = `${code ?? ''} ${message}`.toLowerCase();
  if (text.includes('usage location')) return 'Set the user\'s usage location in Microsoft Entra, then say `retry`.';
  if (text.includes('available licen') || text.includes('countviolation')) return 'The new subscription has no free licence: check the order\'s quantity in Partner Center.';
  if (text.includes('mutually exclusive') || text.includes('conflict')) return 'The user holds a licence whose plans conflict with the new one: remove the conflicting licence, then say `retry`.';
  if (text.includes('inherited') || text.includes('group')) return 'The licence comes from a group: change the group\'s licences in Microsoft Entra.';
  return 'Say `retry` to try again.';
}
