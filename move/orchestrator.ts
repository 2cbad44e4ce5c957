import type { MoveCommand } from './commands';
import type { MoveDecider, Refusal } from './decider';
import type { MoveEvent } from './events';
import { SYSTEM_ACTOR, type Actor, type BillingCycle, type SourceChannel, type TermDuration } from './model';
import type { OfferMap } from './offerMap';
import {
  ConcurrencyError, type Clock, type CustomerDirectory, type IdGenerator, type Logger, type MoveStore, type Notifier,
  type PartnerCenter, type PartnerDirectory, type SkuCatalogSource, type TenantLookup,
} from './ports';
import { parseTypedInventory } from './typedInventory';
import { KeyedSerialQueue } from './keyedSerialQueue';
import { FINAL_STAGES, evolve, replay, type MoveState } from './state';
import { MoveSteps } from './steps';

export interface MoveSettings {
  partnerTenantId: string;
  /** Overrides the country Partner Center reports for the partner (legal business profile). */
  partnerCountry?: string;
  term: TermDuration;
  billing: BillingCycle;
  freeSkuPartNumbers?: readonly string[];
  /** Days between reminders while the customer has not accepted (default 7). */
  invitationReminderDays?: number;
  /** Hours between reminders while a plan waits for approval (default 24). */
  approvalReminderHours?: number;
  /** Days before each original subscription's end to remind that auto-renew must be off (default 14). */
  sourceReminderDays?: number;
  /**
   * Several bot instances share the store (scale-out): a move may have changed on another instance, so
   * a click reads it afresh and a sweep reloads the moves still running.
   */
  sharedStore?: boolean;
}

export interface OrchestratorDeps {
  store: MoveStore;
  decider: MoveDecider;
  partnerCenter: PartnerCenter;
  customers: CustomerDirectory;
  partnerDirectory: PartnerDirectory;
  tenants: TenantLookup;
  notifier: Notifier;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
  settings: MoveSettings;
  /** Microsoft's SKU → service plan table (equivalents are checked against it). */
  skuCatalog: SkuCatalogSource;
  offerMap: OfferMap;
}

export type CommandResult =
  | { ok: true; state: MoveState; events: MoveEvent[]; settled: Promise<void> }
  | { ok: false; refusal: Refusal; state: MoveState | null };

export interface StartMoveInput {
  customerDomain: string;
  customerCountry: string;
  source: SourceChannel;
  multiPartner: boolean;
  requestGdap: boolean;
  actor: Actor;
  /** Given by a start form so that submitting the same form twice starts one move. */
  moveId?: string;
  /** The starter's Teams SSO token, for the App+User calls of the invitation (kept in memory only). */
  userAssertion?: string;
}

/**
 * Runs moves: applies commands through the decider, appends the events, tells the notifier, and
 * drives each move's side effects (through the ports) until it waits for a person or the customer.
 * One instance per process; per-move work is serialised so a double click cannot race itself.
 */
export class MoveOrchestrator {
  private readonly states = new Map<string, MoveState>();
  private readonly locks = new KeyedSerialQueue();
  /** Staff sign-ins lent to a move's next App+User step: memory only, dropped after use or an hour. */
  private readonly assertions = new Map<string, { assertion: string; until: number }>();
  private readonly steps: MoveSteps;

  constructor(private readonly deps: OrchestratorDeps) {
    this.steps = new MoveSteps(deps, (tenantId, exceptMoveId) => this.all().find((s) =>
      s.moveId !== exceptMoveId && !FINAL_STAGES.has(s.stage) && s.tenantId?.toLowerCase() === tenantId.toLowerCase()));
  }

  /** Rebuilds every move from its event stream (at startup). */
  async restore(): Promise<number> {
    for (const moveId of await this.deps.store.listMoveIds()) {
      this.states.set(moveId, replay(moveId, await this.deps.store.load(moveId)));
    }
    return this.states.size;
  }

  get(moveId: string): MoveState | undefined {
    return this.states.get(moveId);
  }

  /** The move as the store has it now (with a shared store), or as this instance knows it. */
  async find(moveId: string): Promise<MoveState | undefined> {
    if (this.deps.settings.sharedStore) await this.reload(moveId);
    return this.states.get(moveId);
  }

  /** With a shared store: picks up moves started elsewhere and reloads the ones still running. */
  async refresh(): Promise<void> {
    for (const moveId of await this.deps.store.listMoveIds()) {
      const known = this.states.get(moveId);
      if (!known || !FINAL_STAGES.has(known.stage)) await this.reload(moveId);
    }
  }

  private async reload(moveId: string): Promise<void> {
    const events = await this.deps.store.load(moveId);
    if (events.length === 0) return;
    await this.locks.run(moveId, async () => {
      const current = this.states.get(moveId);
      if (!current || current.version < events.length) this.states.set(moveId, replay(moveId, events));
    });
  }

  all(): MoveState[] {
    return [...this.states.values()];
  }

  /** The customer's move under way, if any (matched on domain or tenant id). */
  activeMoveFor(customer: string): MoveState | undefined {
    return this.movesFor(customer).find((s) => !FINAL_STAGES.has(s.stage));
  }

  /** The customer's most recent move, finished or not. */
  latestMoveFor(customer: string): MoveState | undefined {
    return this.movesFor(customer)[0];
  }

  history(moveId: string): Promise<MoveEvent[]> {
    return this.deps.store.load(moveId);
  }

  /** A fresh move id, for an edge that must know it before the move starts (e.g. to record where it was asked for). */
  newMoveId(): string {
    return `mv-${this.deps.ids.newId()}`;
  }

  async startMove(input: StartMoveInput): Promise<CommandResult> {
    const moveId = input.moveId ?? this.newMoveId();
    if (input.userAssertion) this.lendAssertion(moveId, input.userAssertion);
    const active = this.activeMoveFor(input.customerDomain);
    const result = await this.dispatch(moveId, {
      type: 'StartMove', actor: input.actor, at: this.now(), moveId, correlationId: this.deps.ids.newId(),
      customerDomain: input.customerDomain, customerCountry: input.customerCountry, source: input.source,
      multiPartner: input.multiPartner, requestGdap: input.requestGdap, activeMoveId: active?.moveId ?? null,
    });
    if (!result.ok && !this.states.has(moveId)) this.assertions.delete(moveId);
    return result;
  }

  approvePlan(moveId: string, actor: Actor, planHash: string, comment: string): Promise<CommandResult> {
    return this.dispatch(moveId, { type: 'ApprovePlan', actor, at: this.now(), planHash, comment });
  }

  rejectPlan(moveId: string, actor: Actor, planHash: string, comment: string): Promise<CommandResult> {
    return this.dispatch(moveId, { type: 'RejectPlan', actor, at: this.now(), planHash, comment });
  }

  overrideBlock(moveId: string, actor: Actor, reason: string): Promise<CommandResult> {
    return this.dispatch(moveId, { type: 'OverrideBlock', actor, at: this.now(), reason });
  }

  /** An Account admin's pick for a licence with no equivalent (`offerIds`: `productId:skuId`). */
  chooseOffer(moveId: string, actor: Actor, sourceSkuId: string, offerIds: string[], reason: string): Promise<CommandResult> {
    return this.dispatch(moveId, { type: 'ChooseOffer', actor, at: this.now(), sourceSkuId, offerIds, reason });
  }

  /** Staff's typed inventory (see typedInventory.ts), checked against Microsoft's SKU table. */
  async enterInventory(moveId: string, actor: Actor, text: string): Promise<CommandResult> {
    const { inventory, problems } = parseTypedInventory(text, await this.deps.skuCatalog.current(), this.now());
    return this.dispatch(moveId, { type: 'EnterInventory', actor, at: this.now(), inventory, problems });
  }

  /** Another reassignment pass after staff fixed what the last one listed. */
  resumeReassignment(moveId: string, actor: Actor): Promise<CommandResult> {
    return this.dispatch(moveId, { type: 'ResumeReassignment', actor, at: this.now() });
  }

  cancel(moveId: string, actor: Actor, reason: string): Promise<CommandResult> {
    return this.dispatch(moveId, { type: 'CancelMove', actor, at: this.now(), reason });
  }

  /**
   * Runs a failed step again now, without waiting for its back-off (and also a step that failed for
   * good, once the person has fixed the cause). Returns the move's state afterwards.
   */
  async retry(moveId: string): Promise<MoveState | undefined> {
    if (!this.states.has(moveId)) return undefined;
    await this.advance(moveId);
    return this.states.get(moveId);
  }

  /** Decides and records one command, then lets the move run on; `settled` resolves when it waits again. */
  async dispatch(moveId: string, command: MoveCommand): Promise<CommandResult> {
    const result = await this.withLock(moveId, () => this.apply(moveId, command));
    if (!result.ok) return result;
    const settled = this.advance(moveId).catch((error: unknown) => {
      this.deps.log.error({ moveId, err: describeError(error) }, 'advancing the move failed');
    });
    return { ...result, settled };
  }

  /** Runs the move's pending side effects until it has to wait (for a person, the customer or a retry). */
  async advance(moveId: string): Promise<void> {
    for (let guard = 0; guard < 20; guard += 1) {
      // Pre-flight steps run one at a time across moves, so two moves for one tenant see each other.
      const keys = this.states.get(moveId)?.stage === 'preflight' ? [moveId, PREFLIGHT_LOCK] : [moveId];
      const progressed = await this.locks.run(keys, () => this.runNextStep(moveId));
      if (!progressed) return;
    }
  }

  /**
   * One pass over all moves: detects acceptance from one paged customer listing, checks provisioning,
   * and retries failed steps whose back-off has passed.
   */
  async sweep(): Promise<{ accepted: number; advanced: number }> {
    if (this.deps.settings.sharedStore) await this.refresh();
    const now = this.deps.clock.now().getTime();
    const waiting = this.all().filter((s) => s.stage === 'awaiting-acceptance');
    let accepted = 0;
    if (waiting.length > 0) {
      const acceptedCustomers = await this.steps.findAcceptedCustomers(waiting);
      for (const [moveId, customer] of acceptedCustomers) {
        const state = this.states.get(moveId);
        if (!state) continue;
        const result = await this.dispatch(moveId, {
          type: 'RecordAcceptance', actor: SYSTEM_ACTOR, at: this.now(), customerId: customer.id,
          companyName: customer.companyName, customerCountry: customer.country,
        });
        if (result.ok) { accepted += 1; await result.settled; }
      }
    }
    await this.remindAndExpire();
    let advanced = 0;
    for (const state of this.all()) {
      if (FINAL_STAGES.has(state.stage) || state.stage === 'awaiting-acceptance' || state.stage === 'approval') continue;
      if (state.lastFailure && !state.lastFailure.retryable) continue;
      if (state.lastFailure && now < Date.parse(state.lastFailure.at) + retryDelayMs(state.lastFailure.attempts)) continue;
      await this.advance(state.moveId);
      advanced += 1;
    }
    return { accepted, advanced };
  }

  /** Lends a staff member's sign-in to the move's next App+User step (e.g. when they retry it). */
  lendAssertion(moveId: string, assertion: string): void {
    this.assertions.set(moveId, { assertion, until: this.deps.clock.now().getTime() + ASSERTION_LIFETIME_MS });
  }

  private borrowAssertion(moveId: string): string | undefined {
    const lent = this.assertions.get(moveId);
    if (!lent) return undefined;
    if (lent.until < this.deps.clock.now().getTime()) {
      this.assertions.delete(moveId);
      return undefined;
    }
    return lent.assertion;
  }

  /**
   * Push path (Partner Center webhook): a customer accepted. Confirmed with Partner Center before it is
   * recorded — a notification is a hint, not proof. Returns how many moves went on.
   */
  async acceptanceReported(customerTenantId: string): Promise<number> {
    const tenant = customerTenantId.toLowerCase();
    const waiting = this.all().filter((s) => s.stage === 'awaiting-acceptance' && s.tenantId?.toLowerCase() === tenant);
    if (waiting.length === 0) return 0;
    const customer = await this.deps.partnerCenter.getCustomer(tenant, { correlationId: waiting[0].correlationId });
    if (!customer || customer.relationshipToPartner.toLowerCase() !== 'reseller') return 0;
    let moved = 0;
    for (const state of waiting) {
      const result = await this.dispatch(state.moveId, {
        type: 'RecordAcceptance', actor: SYSTEM_ACTOR, at: this.now(), customerId: customer.id,
        companyName: customer.companyName, customerCountry: customer.country,
      });
      if (result.ok) { moved += 1; await result.settled; }
    }
    return moved;
  }

  /** Push path: the customer approved the GDAP request; a move waiting to read the licences tries now. */
  async delegatedAdminReported(customerTenantId: string): Promise<number> {
    const tenant = customerTenantId.toLowerCase();
    const reading = this.all().filter((s) => s.stage === 'inventory' && s.tenantId?.toLowerCase() === tenant);
    for (const state of reading) await this.advance(state.moveId);
    return reading.length;
  }

  /** Reminds about long waits and ends invitations that expired unanswered. */
  private async remindAndExpire(): Promise<void> {
    const settings = this.deps.settings;
    const invitationInterval = (settings.invitationReminderDays ?? 7) * 86_400_000;
    const approvalInterval = (settings.approvalReminderHours ?? 24) * 3_600_000;
    for (const state of this.all()) {
      const base = { actor: SYSTEM_ACTOR, at: this.now() };
      if (state.stage === 'awaiting-acceptance') {
        const expired = await this.dispatch(state.moveId, { type: 'TimeOutInvitation', ...base });
        if (expired.ok && expired.events.length > 0) continue;
        await this.dispatch(state.moveId, { type: 'RemindWaiting', ...base, about: 'invitation', intervalMs: invitationInterval });
      } else if (state.stage === 'approval') {
        await this.dispatch(state.moveId, { type: 'RemindWaiting', ...base, about: 'approval', intervalMs: approvalInterval });
      } else if (state.stage === 'watching-sources') {
        await this.dispatch(state.moveId, { type: 'RemindSourceExpiry', ...base, leadMs: (settings.sourceReminderDays ?? 14) * 86_400_000 });
      }
    }
  }

  private async runNextStep(moveId: string): Promise<boolean> {
    const state = this.states.get(moveId);
    if (!state) return false;
    let command: MoveCommand | null;
    try {
      command = await this.steps.nextCommand(state, this.borrowAssertion(moveId));
    } catch (error) {
      const failure = this.steps.describeFailure(state, error);
      this.deps.log.warn({ moveId, correlationId: state.correlationId, step: state.stage, err: failure.error }, 'step failed');
      await this.apply(moveId, { type: 'RecordStepFailure', actor: SYSTEM_ACTOR, at: this.now(), ...failure });
      return false;
    }
    if (!command) return false;
    // The sign-in served the step it was lent for.
    if (command.type === 'RecordInvitation') this.assertions.delete(moveId);
    const result = await this.apply(moveId, command);
    if (!result.ok) {
      this.deps.log.error({ moveId, refusal: result.refusal, command: command.type }, 'a side effect result was refused');
      return false;
    }
    return result.events.length > 0;
  }

  /** decide → append at the expected version → cache → notify. Must run under the move's lock. */
  private async apply(moveId: string, command: MoveCommand): Promise<
    { ok: true; state: MoveState; events: MoveEvent[] } | { ok: false; refusal: Refusal; state: MoveState | null }
  > {
    for (let attempt = 0; ; attempt += 1) {
      const current = this.states.get(moveId) ?? replay(moveId, []);
      const decision = this.deps.decider.decide(command, current);
      if (!decision.ok) return { ok: false, refusal: decision.refusal, state: current.version > 0 ? current : null };
      if (decision.events.length === 0) return { ok: true, state: current, events: [] };
      try {
        await this.deps.store.append(moveId, current.version, decision.events);
      } catch (error) {
        // Another instance wrote first: reload and decide again on the fresh state.
        if (error instanceof ConcurrencyError && attempt < 3) {
          this.states.set(moveId, replay(moveId, await this.deps.store.load(moveId)));
          continue;
        }
        throw error;
      }
      const next = decision.events.reduce(evolve, current);
      this.states.set(moveId, next);
      await this.notify(next, decision.events);
      return { ok: true, state: next, events: decision.events };
    }
  }

  private async notify(state: MoveState, events: MoveEvent[]): Promise<void> {
    try {
      await this.deps.notifier.moveChanged(state, events);
    } catch (error) {
      // A failed post must not undo or block the move; the notifier retries on its own.
      this.deps.log.warn({ moveId: state.moveId, err: describeError(error) }, 'notification failed');
    }
  }

  private movesFor(customer: string): MoveState[] {
    const key = customer.trim().toLowerCase();
    return this.all()
      .filter((s) => s.customerDomain === key || s.tenantId?.toLowerCase() === key)
      .sort((a, b) => (b.startedAt ?? '').localeCompare(a.startedAt ?? ''));
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  /** Serialises work per move inside this process (instance-level, not module-level). */
  private withLock<T>(moveId: string, work: () => Promise<T>): Promise<T> {
    return this.locks.run(moveId, work);
  }
}

const PREFLIGHT_LOCK = 'preflight:*';
/** Teams SSO tokens live about an hour; a lent sign-in is not kept longer. */
const ASSERTION_LIFETIME_MS = 60 * 60_000;

/** Back-off before retrying a failed step: 5 s, 10 s, 20 s … capped at 15 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 15 * 60_000);
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
