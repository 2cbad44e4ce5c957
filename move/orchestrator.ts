import type { MoveCommand, PlanLineChange } from './commands';
import type { Refusal } from './decider';
import type { MoveEvent } from './events';
import { SYSTEM_ACTOR, type Actor } from './model';
import { AssertionLoans } from './assertionLoans';
import { activeMoveForTenant, movesForCustomer } from './customerMoves';
import type { CommandResult, OrchestratorDeps, StartMoveInput } from './orchestratorDeps';
import {
  canTellStreamVersions, ConcurrencyError, NO_MOVE_TELEMETRY, type CustomerRecord, type InvitationMail, type MoveTelemetry, type StepTrace,
} from './ports';
import { parseTypedInventory } from './typedInventory';
import { KeyedSerialQueue } from './keyedSerialQueue';
import { FINAL_STAGES, TERMINAL_STAGES, evolve, replay, type MoveState } from './state';
import { MoveSteps } from './steps';
import { dueInSweep, waitCommands } from './sweepRules';

export { retryDelayMs } from './sweepRules';

export type { CommandResult, MoveSettings, OrchestratorDeps, StartMoveInput } from './orchestratorDeps';

/**
 * Runs moves: applies commands through the decider, appends the events, tells the notifier, and
 * drives each move's side effects (through the ports) until it waits for a person or the customer.
 * One instance per process; per-move work is serialised so a double click cannot race itself.
 */
export class MoveOrchestrator {
  private readonly states = new Map<string, MoveState>();
  private readonly locks = new KeyedSerialQueue();
  private readonly assertions: AssertionLoans;
  private readonly steps: MoveSteps;
  private readonly telemetry: MoveTelemetry;

  constructor(private readonly deps: OrchestratorDeps) {
    this.assertions = new AssertionLoans(deps.clock);
    this.telemetry = deps.telemetry ?? NO_MOVE_TELEMETRY;
    this.steps = new MoveSteps(deps, (tenantId, exceptMoveId) => activeMoveForTenant(this.all(), tenantId, exceptMoveId));
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

  /**
   * With a shared store: picks up moves started elsewhere and reloads those changed elsewhere. A store that
   * tells each stream's version is asked which moves are behind here (one query); otherwise every move that
   * can still change is reloaded — a blocked one too, since a person may lift its blocker on another instance.
   * Without a shared store this instance is the only writer: nothing to do.
   */
  async refresh(): Promise<void> {
    if (!this.deps.settings.sharedStore) return;
    const store = this.deps.store;
    if (canTellStreamVersions(store)) {
      for (const [moveId, version] of await store.streamVersions()) {
        if (version > (this.states.get(moveId)?.version ?? 0)) await this.reload(moveId);
      }
      return;
    }
    for (const moveId of await store.listMoveIds()) {
      const known = this.states.get(moveId);
      if (!known || !TERMINAL_STAGES.has(known.stage)) await this.reload(moveId);
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
    return movesForCustomer(this.all(), customer).find((s) => !FINAL_STAGES.has(s.stage));
  }

  /** The customer's most recent move, finished or not. */
  latestMoveFor(customer: string): MoveState | undefined {
    return movesForCustomer(this.all(), customer)[0];
  }

  /** The tenant a domain or tenant id names (null: none) and the move under way for it under any name; throws the lookup's StepError. */
  async tenantOf(customer: string): Promise<{ tenantId: string; activeMove: MoveState | undefined } | null> {
    const tenantId = (await this.deps.tenants.resolve(customer))?.tenantId.toLowerCase();
    return tenantId ? { tenantId, activeMove: activeMoveForTenant(this.all(), tenantId) } : null;
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
    if (!result.ok && !this.states.has(moveId)) this.assertions.forget(moveId);
    return result;
  }

  /**
   * Staff ask for the invitation email (`mail` as the edge drew it). Their Teams sign-in, when given, is lent
   * to the send only once the request is recorded, so mail leaves from their own mailbox.
   */
  async requestInvitationEmail(moveId: string, actor: Actor, mail: InvitationMail, userAssertion?: string, correlationId?: string): Promise<CommandResult> {
    const result = await this.withLock(moveId, async () => {
      const sendAs = userAssertion ? 'user' : 'mailbox';
      const applied = await this.apply(moveId, { type: 'RequestInvitationEmail', actor, at: this.now(), correlationId, ...mail, sendAs });
      if (applied.ok && applied.events.length > 0 && userAssertion) this.assertions.lend(moveId, userAssertion);
      return applied;
    });
    return result.ok ? { ...result, settled: this.settle(moveId) } : result;
  }

  // Staff requests pass the request's correlation id (one per Teams activity): their events carry it.
  approvePlan(moveId: string, actor: Actor, planHash: string, comment: string, correlationId?: string): Promise<CommandResult> {
    return this.dispatch(moveId, { type: 'ApprovePlan', actor, at: this.now(), correlationId, planHash, comment });
  }

  /** Staff's changes to the plan they saw (its hash): the plan is redrawn and waits for approval again. */
  adjustPlan(moveId: string, actor: Actor, planHash: string, changes: PlanLineChange[], correlationId?: string): Promise<CommandResult> {
    return this.dispatch(moveId, { type: 'AdjustPlan', actor, at: this.now(), correlationId, planHash, changes });
  }

  rejectPlan(moveId: string, actor: Actor, planHash: string, comment: string, correlationId?: string): Promise<CommandResult> {
    return this.dispatch(moveId, { type: 'RejectPlan', actor, at: this.now(), correlationId, planHash, comment });
  }

  overrideBlock(moveId: string, actor: Actor, reason: string, correlationId?: string): Promise<CommandResult> {
    return this.dispatch(moveId, { type: 'OverrideBlock', actor, at: this.now(), correlationId, reason });
  }

  /** An Account admin's pick for a licence with no equivalent (`offerIds`: `productId:skuId`). */
  chooseOffer(moveId: string, actor: Actor, sourceSkuId: string, offerIds: string[], reason: string, correlationId?: string): Promise<CommandResult> {
    return this.dispatch(moveId, { type: 'ChooseOffer', actor, at: this.now(), correlationId, sourceSkuId, offerIds, reason });
  }

  /** Staff's typed inventory (see typedInventory.ts), checked against Microsoft's SKU table. */
  async enterInventory(moveId: string, actor: Actor, text: string, correlationId?: string): Promise<CommandResult> {
    const { inventory, problems } = parseTypedInventory(text, await this.deps.skuCatalog.current(), this.now());
    return this.dispatch(moveId, { type: 'EnterInventory', actor, at: this.now(), correlationId, inventory, problems });
  }

  /** Another reassignment pass after staff fixed what the last one listed. */
  resumeReassignment(moveId: string, actor: Actor, correlationId?: string): Promise<CommandResult> {
    return this.dispatch(moveId, { type: 'ResumeReassignment', actor, at: this.now(), correlationId });
  }

  /** Staff tick a follow-up done (its id from the card); the decider checks it is open and who may tick it. */
  completeFollowUp(moveId: string, actor: Actor, taskId: string, correlationId?: string): Promise<CommandResult> {
    return this.dispatch(moveId, { type: 'CompleteFollowUp', actor, at: this.now(), correlationId, taskId });
  }

  /** `seen`: what cancelling meant on the confirmation the person saw (cancelTermsKey); refused when the move moved on. */
  cancel(moveId: string, actor: Actor, reason: string, correlationId?: string, seen?: string): Promise<CommandResult> {
    return this.dispatch(moveId, { type: 'CancelMove', actor, at: this.now(), correlationId, reason, ...(seen !== undefined ? { seen } : {}) });
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
    return result.ok ? { ...result, settled: this.settle(moveId) } : result;
  }

  /** Lets the move run on after a recorded command; resolves when it waits again (failures are logged). */
  private settle(moveId: string): Promise<void> {
    return this.advance(moveId).catch((error: unknown) => {
      this.deps.log.error({ moveId, err: describeError(error) }, 'advancing the move failed');
    });
  }

  /** Runs the move's pending side effects until it has to wait (for a person, the customer or a retry). */
  async advance(moveId: string): Promise<void> {
    // A guard against a step that never stops making progress. Licence reassignment takes one step per Graph
    // batch of 20 users, so it may take many (10,000 users: 500 steps) without waiting for a sweep.
    for (let guard = 0; guard < MAX_STEPS_PER_ADVANCE; guard += 1) {
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
        if (this.states.has(moveId) && await this.recordAcceptance(moveId, customer)) accepted += 1;
      }
    }
    await this.remindAndExpire();
    let advanced = 0;
    for (const state of this.all()) {
      if (!dueInSweep(state, now)) continue;
      await this.advance(state.moveId);
      advanced += 1;
    }
    await this.catchUpNotifications();
    return { accepted, advanced };
  }

  /** Lends a staff member's sign-in to the move's next App+User step (e.g. when they retry it). */
  lendAssertion(moveId: string, assertion: string): void {
    this.assertions.lend(moveId, assertion);
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
      if (await this.recordAcceptance(state.moveId, customer)) moved += 1;
    }
    return moved;
  }

  /** Records the customer's acceptance; true when it was recorded (the move has settled by then). */
  private async recordAcceptance(moveId: string, customer: CustomerRecord): Promise<boolean> {
    const result = await this.dispatch(moveId, {
      type: 'RecordAcceptance', actor: SYSTEM_ACTOR, at: this.now(), customerId: customer.id,
      companyName: customer.companyName, customerCountry: customer.country,
    });
    if (result.ok) await result.settled;
    return result.ok;
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
    for (const state of this.all()) {
      for (const command of waitCommands(state, this.deps.settings, { actor: SYSTEM_ACTOR, at: this.now() })) {
        const result = await this.dispatch(state.moveId, command);
        if (result.ok && result.events.length > 0) break;
      }
    }
  }

  /** One step of the move, inside its span: the side effect, then the command that records its result. */
  private async runNextStep(moveId: string): Promise<boolean> {
    const state = this.states.get(moveId);
    if (!state) return false;
    const step = { moveId, correlationId: state.correlationId, step: state.stage };
    return this.telemetry.traceStep(step, (trace) => this.runStep(moveId, state, trace));
  }

  private async runStep(moveId: string, state: MoveState, trace: StepTrace): Promise<boolean> {
    let command: MoveCommand | null;
    try {
      command = await this.steps.nextCommand(state, this.assertions.borrow(moveId));
    } catch (error) {
      const failure = this.steps.describeFailure(state, error);
      trace.failed({ kind: failure.blocks ? 'blocked' : failure.retryable ? 'retryable' : 'permanent', errorType: errorTypeOf(error) });
      this.deps.log.warn({ moveId, correlationId: state.correlationId, step: state.stage, err: failure.error }, 'step failed');
      await this.apply(moveId, { type: 'RecordStepFailure', actor: SYSTEM_ACTOR, at: this.now(), ...failure });
      return false;
    }
    if (!command) return false;
    // The sign-in served the step it was lent for.
    if (command.type === 'RecordInvitation' || command.type === 'RecordInvitationEmailResult') this.assertions.forget(moveId);
    const result = await this.apply(moveId, command);
    if (!result.ok) {
      trace.failed({ kind: 'refused', errorType: result.refusal.code });
      this.deps.log.error({ moveId, refusal: result.refusal, command: command.type }, 'a side effect result was refused');
      return false;
    }
    trace.recorded(command.type);
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
      if (next.stage !== current.stage) this.telemetry.stageChanged(current.version === 0 ? null : current.stage, next.stage);
      await this.notify(next, decision.events);
      return { ok: true, state: next, events: decision.events };
    }
  }

  /** Records what to tell people about the committed events; delivery to Teams happens later, outside the lock. */
  private async notify(state: MoveState, events: MoveEvent[]): Promise<void> {
    try {
      await this.deps.notifier.moveChanged(state, events);
    } catch (error) {
      // Never undoes or blocks the move: the sweep's catch-up says what could not be recorded now.
      this.deps.log.warn({ moveId: state.moveId, err: describeError(error) }, 'notification failed');
    }
  }

  private async catchUpNotifications(): Promise<void> {
    try {
      await this.deps.notifier.catchUp?.(this.all(), (moveId) => this.history(moveId));
    } catch (error) {
      this.deps.log.warn({ err: describeError(error) }, 'catching up on notifications failed; trying again next sweep');
    }
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
const MAX_STEPS_PER_ADVANCE = 1_000;

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The error's class name for the step-failure count (never its message, which may name a customer). */
function errorTypeOf(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
