/**
 * The licence-reassignment step: reads the users holding an old SKU, decides each one (see reassignment.ts)
 * and sends their changes to Graph one batch at a time — at most REASSIGNMENT_BATCH_SIZE users, one Graph
 * `$batch` — so that the record says exactly what Graph did, even across crashes:
 *
 * - a batch is recorded as `sending` before it leaves; the next run sends it and records what became of each
 *   user (and, in the same event, the next batch as `sending`);
 * - a run that finds a batch recorded as `sending` that it did not send itself (the bot restarted, or the step
 *   failed after sending) first reads those users' licences: who holds the new licences and no longer the old
 *   one is recorded as moved (Graph made the change before the bot could record it); who still holds the old
 *   one is decided and sent again (assignLicense is idempotent).
 *
 * Users this pass already recorded are never sent again.
 */
import type { MoveCommand, RecordReassignment } from './commands';
import { SYSTEM_ACTOR, type PlanLine } from './model';
import type { OrchestratorDeps } from './orchestratorDeps';
import { StepError, type CallContext, type LicensedUser, type UserLicenceChangeResult } from './ports';
import { decideUser, reassignmentKey, type ReassignmentFix, type SentChange, type SkuPlans, type UserDecision, type UserReassignment } from './reassignment';
import type { MoveState } from './state';
import { linesJustBought } from './schedule';

/** Users per recorded batch: Graph's `$batch` takes at most 20 requests, so one batch is one `$batch`. */
export const REASSIGNMENT_BATCH_SIZE = 20;

type Change = Extract<UserDecision, { kind: 'change' }>;

/** The changes this instance recorded as `sending` and has not sent yet. */
interface PreparedBatch {
  line: PlanLine;
  changes: Change[];
}

/**
 * Reads the users holding each old SKU once per pass (kept in this instance's memory, keyed by move, pass and
 * SKU; a restart simply reads them again) and sends them batch by batch, so a tenant with thousands of users
 * costs one paged listing per pass, not one per batch.
 */
export class LicenceReassignmentStep {
  private readonly holders = new Map<string, LicensedUser[]>();
  private readonly prepared = new Map<string, PreparedBatch>();

  constructor(private readonly deps: Pick<OrchestratorDeps, 'customers'>) {}

  async next(state: MoveState, ctx: CallContext, base: { actor: typeof SYSTEM_ACTOR; at: string }): Promise<MoveCommand> {
    const tenantId = state.tenantId;
    if (!tenantId || !state.plan || !state.inventory) {
      throw new StepError('The move has no tenant, plan or inventory recorded, so licences cannot be reassigned.', { retryable: false });
    }
    this.forgetOtherPasses(state);
    // The users of the purchase bought last (a plan bought on several dates moves each purchase's users after it).
    const lines = linesJustBought(state).filter((l) => l.needsReassignment);
    // The tenant's own SKUs are the authority on what the new licences grant (they exist now: provisioning is done).
    const tenantSkus = await this.deps.customers.subscribedSkus(tenantId, ctx);
    const plansOf: SkuPlans = new Map(tenantSkus.map((s) => [s.skuId.toLowerCase(), new Set(s.servicePlans.map((p) => p.servicePlanId.toLowerCase()))]));
    for (const line of lines) {
      const missing = line.offers.filter((o) => !o.provisioningId || !plansOf.has(o.provisioningId.toLowerCase()));
      if (missing.length > 0) {
        throw new StepError(`${missing.map((o) => o.title).join(', ')} does not show in the customer's tenant yet; reassignment waits for it.`, { retryable: true });
      }
    }

    // The batch recorded as sending: sent now (this instance decided it), or found out about (it may have left before a restart).
    const sending = state.reassignment.sending;
    let settled: UserReassignment[] = [];
    if (sending.length > 0) {
      const batch = this.takePrepared(state);
      settled = batch ? await this.send(tenantId, batch, ctx) : await this.findOut(tenantId, sending, lines, ctx);
    }

    const done = new Set([...Object.keys(state.reassignment.results), ...settled.map(reassignmentKey)]);
    const next = await this.nextBatch(state, tenantId, lines, plansOf, done, ctx);
    const command: RecordReassignment = { type: 'RecordReassignment', ...base, results: settled, finished: false };
    if (!next) {
      this.forget(state.moveId);
      return { ...command, finished: true };
    }
    const changes = next.decisions.filter((d): d is Change => d.kind === 'change');
    const skipped = next.decisions.flatMap((d) => (d.kind === 'skip' ? [d.result] : []));
    if (changes.length > 0) this.prepared.set(passKey(state), { line: next.line, changes });
    const sourceSkuId = next.line.source.skuId.toLowerCase();
    return {
      ...command,
      results: [...settled, ...skipped],
      sending: changes.map((c) => ({ userId: c.change.userId, userPrincipalName: c.upn, ...(c.displayName ? { displayName: c.displayName } : {}), sourceSkuId })),
    };
  }

  /** Up to a batch of users of the first line that has any left (not recorded this pass), decided; null when none is left. */
  private async nextBatch(
    state: MoveState, tenantId: string, lines: PlanLine[], plansOf: SkuPlans, done: ReadonlySet<string>, ctx: CallContext,
  ): Promise<{ line: PlanLine; decisions: UserDecision[] } | null> {
    for (const line of lines) {
      const source = state.inventory?.lines.find((l) => l.skuId.toLowerCase() === line.source.skuId.toLowerCase());
      const sourcePlans = new Map((source?.servicePlans ?? []).map((p) => [p.id.toLowerCase(), p.name]));
      const decisions: UserDecision[] = [];
      for (const user of await this.holdersOf(state, tenantId, line.source.skuId, ctx)) {
        if (done.has(reassignmentKey({ sourceSkuId: line.source.skuId, userId: user.id }))) continue;
        decisions.push(decideUser(user, line, sourcePlans, plansOf));
        if (decisions.length >= REASSIGNMENT_BATCH_SIZE) break;
      }
      if (decisions.length > 0) return { line, decisions };
    }
    return null;
  }

  /** Sends a batch this instance decided and recorded; one result per user, from what Graph did. */
  private async send(tenantId: string, batch: PreparedBatch, ctx: CallContext): Promise<UserReassignment[]> {
    const answers = await this.deps.customers.changeLicences(tenantId, batch.changes.map((c) => c.change), ctx);
    const titles = titlesOf(batch.line);
    return batch.changes.map((c) => outcomeOf(c, answers.find((a) => a.userId === c.change.userId), batch.line.source.skuId, titles));
  }

  /**
   * What became of changes recorded as sending that this instance did not send: each user's licences say.
   * Users who still hold the old licence get no result (they are decided and sent again).
   */
  private async findOut(tenantId: string, sending: SentChange[], lines: PlanLine[], ctx: CallContext): Promise<UserReassignment[]> {
    const read = await this.deps.customers.userLicences(tenantId, sending.map((s) => s.userId), ctx);
    const results: UserReassignment[] = [];
    for (const sent of sending) {
      const line = lines.find((l) => l.source.skuId.toLowerCase() === sent.sourceSkuId.toLowerCase());
      if (!line) continue;
      const base = {
        userId: sent.userId, userPrincipalName: sent.userPrincipalName, ...(sent.displayName ? { displayName: sent.displayName } : {}),
        sourceSkuId: sent.sourceSkuId.toLowerCase(),
      };
      const licences = read.find((r) => r.userId.toLowerCase() === sent.userId.toLowerCase())?.assignedLicenses;
      if (licences === undefined) continue;
      if (licences === null) {
        results.push({ ...base, outcome: 'failed', detail: 'The user no longer exists in the customer\'s tenant: nothing to move.' });
        continue;
      }
      const held = new Set(licences.map((l) => l.skuId.toLowerCase()));
      if (held.has(base.sourceSkuId)) continue;
      const newSkus = line.offers.map((o) => o.provisioningId?.toLowerCase()).filter((id): id is string => Boolean(id));
      results.push(newSkus.every((id) => held.has(id))
        ? { ...base, outcome: 'moved', detail: `Now on ${titlesOf(line)} (Graph made the change before the bot could record its answer).` }
        : { ...base, outcome: 'failed', detail: `No longer holds ${line.source.skuPartNumber}, but does not hold ${titlesOf(line)} either.`, fix: 'check-licences-in-entra' });
    }
    return results;
  }

  /** The batch this instance prepared for the move's recorded `sending`, if it is that very batch (taken: it is sent once). */
  private takePrepared(state: MoveState): PreparedBatch | undefined {
    const key = passKey(state);
    const batch = this.prepared.get(key);
    this.prepared.delete(key);
    if (!batch) return undefined;
    const recorded = state.reassignment.sending.map((s) => s.userId).join('\n');
    return batch.changes.map((c) => c.change.userId).join('\n') === recorded ? batch : undefined;
  }

  private async holdersOf(state: MoveState, tenantId: string, skuId: string, ctx: CallContext): Promise<LicensedUser[]> {
    const key = `${passKey(state)}/${skuId.toLowerCase()}`;
    let users = this.holders.get(key);
    if (!users) {
      users = [];
      for await (const user of this.deps.customers.licensedUsers(tenantId, skuId, ctx)) users.push(user);
      this.holders.set(key, users);
    }
    return users;
  }

  private forgetOtherPasses(state: MoveState): void {
    const current = passKey(state);
    for (const cache of [this.holders, this.prepared]) {
      for (const key of cache.keys()) if (key.startsWith(`${state.moveId}/`) && key !== current && !key.startsWith(`${current}/`)) cache.delete(key);
    }
  }

  private forget(moveId: string): void {
    for (const cache of [this.holders, this.prepared]) {
      for (const key of cache.keys()) if (key.startsWith(`${moveId}/`)) cache.delete(key);
    }
  }
}

function passKey(state: MoveState): string {
  return `${state.moveId}/${state.reassignment.pass}`;
}

function titlesOf(line: PlanLine): string {
  return line.offers.map((o) => o.title).join(' + ');
}

function outcomeOf(decision: Change, result: UserLicenceChangeResult | undefined, sourceSkuId: string, titles: string): UserReassignment {
  const base = {
    userId: decision.change.userId, userPrincipalName: decision.upn, ...(decision.displayName ? { displayName: decision.displayName } : {}),
    sourceSkuId: sourceSkuId.toLowerCase(),
  };
  if (result?.ok) {
    const carried = decision.carriedDisabled > 0 ? `, ${decision.carriedDisabled} disabled plan${decision.carriedDisabled === 1 ? '' : 's'} carried over` : '';
    return { ...base, outcome: 'moved', detail: `Now on ${titles}${carried}.` };
  }
  const message = result?.message ?? 'Graph gave no answer for this user.';
  return { ...base, outcome: 'failed', detail: message, fix: fixFor(result?.code ?? null, message) };
}

/** What a person can do about Graph's usual refusals (Graph words them only in English, whatever the locale). */
function fixFor(code: string | null, message: string): ReassignmentFix {
  const text = `${code ?? ''} ${message}`.toLowerCase();
  if (text.includes('usage location')) return 'set-usage-location';
  if (text.includes('available licen') || text.includes('countviolation')) return 'check-order-quantity';
  if (text.includes('mutually exclusive') || text.includes('conflict')) return 'remove-conflicting-licence';
  if (text.includes('inherited') || text.includes('group')) return 'change-group-licences';
  return 'retry';
}
