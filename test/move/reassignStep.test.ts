import assert from 'node:assert/strict';
import type { RecordReassignment } from '../../move/commands';
import { MoveDecider } from '../../move/decider';
import type { Plan, PlanLine } from '../../move/model';
import { StepError, type CustomerDirectory, type LicensedUser, type SubscribedSku, type UserLicenceChange } from '../../move/ports';
import { LicenceReassignmentStep, REASSIGNMENT_BATCH_SIZE } from '../../move/reassignStep';
import { RegionTable } from '../../move/regions';
import { evolve, initialState, type MoveState } from '../../move/state';
import { system } from './fixtures';

const OLD = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const NEW = 'dcf0408c-aaec-446c-afd4-43e3683943ea';
const PLAN_ID = 'efb87545-963c-4e0d-99df-69c6916d9eb0';
const AT = '2026-11-24T09:00:00.000Z';
const ctx = { correlationId: 'c' };
const decider = new MoveDecider(RegionTable.default());

/**
 * A tenant of `count` users on the old SKU, whose directory counts its calls and applies changes. `history` is
 * every change Graph made (what the sandbox's licence history would show); `onChange` may fail a call after
 * Graph applied it, as when the answer never reaches the bot.
 */
function tenant(count: number) {
  const users: LicensedUser[] = Array.from({ length: count }, (_, i) => ({
    id: `u${i}`, userPrincipalName: `u${i}@fabrikam.onmicrosoft.com`, displayName: `U${i}`, usageLocation: i === 3 ? null : 'US',
    assignedLicenses: [{ skuId: OLD, disabledPlans: [] }], licenseAssignmentStates: [{ skuId: OLD, assignedByGroup: null }],
  }));
  const calls = { listings: 0, reads: [] as string[][], sent: [] as UserLicenceChange[] };
  const history: string[] = [];
  let afterApply: ((changes: UserLicenceChange[]) => void) | null = null;
  const sku: SubscribedSku = {
    skuId: NEW, skuPartNumber: 'Microsoft_365_E3_(no_Teams)', capabilityStatus: 'Enabled', appliesTo: 'User', consumedUnits: 0,
    prepaidUnits: { enabled: count, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans: [{ servicePlanId: PLAN_ID, servicePlanName: 'EXCHANGE_S_ENTERPRISE', provisioningStatus: 'Success', appliesTo: 'User' }], subscriptionIds: [],
  };
  const customers: Pick<CustomerDirectory, 'subscribedSkus' | 'licensedUsers' | 'changeLicences' | 'userLicences'> = {
    subscribedSkus: async () => [sku],
    async *licensedUsers() {
      calls.listings += 1;
      for (const u of users) if (u.assignedLicenses.some((l) => l.skuId === OLD)) yield structuredClone(u);
    },
    async changeLicences(_tenantId, changes) {
      calls.sent.push(...changes);
      const results = changes.map((change) => {
        const user = users.find((u) => u.id === change.userId)!;
        const holdsOld = user.assignedLicenses.some((l) => l.skuId === OLD);
        if (!user.usageLocation) return { userId: change.userId, ok: false, code: 'Request_BadRequest', message: 'License assignment cannot be done for user with invalid usage location.' };
        if (holdsOld) {
          user.assignedLicenses = [...user.assignedLicenses.filter((l) => !change.removeLicenses.includes(l.skuId)), ...change.addLicenses];
          history.push(user.id);
        }
        return { userId: change.userId, ok: true, code: null, message: null };
      });
      const fail = afterApply;
      afterApply = null;
      fail?.(changes);
      return results;
    },
    userLicences: async (_tenantId, userIds) => {
      calls.reads.push([...userIds]);
      return userIds.map((userId) => ({ userId, assignedLicenses: structuredClone(users.find((u) => u.id === userId)?.assignedLicenses ?? null) }));
    },
  };
  return {
    users, calls, history, customers: customers as CustomerDirectory,
    /** The next changeLicences is applied by Graph, then throws as if its answer were lost. */
    loseNextAnswer: () => { afterApply = () => { throw new StepError('Graph did not answer the $batch.', { retryable: true }); }; },
  };
}

function movingState(): MoveState {
  const line: PlanLine = {
    source: { skuId: OLD, skuPartNumber: 'SPE_E3', totalUnits: 300, consumedUnits: 250, endsAt: null, term: null }, match: 'equivalent',
    offers: [{ productId: 'CFQ7TTC0LFLX', skuId: '0021', title: 'Microsoft 365 E3 (no Teams)', provisioningId: NEW, listPriceUsd: null }],
    quantity: 300, termDuration: 'P1Y', billingCycle: 'monthly', reason: '', ignoredPlans: [], lostPlans: [], warnings: [], needsReassignment: true,
  };
  const plan: Plan = { lines: [line], excluded: [], blockers: [], warnings: [], hash: 'h' };
  return {
    ...initialState('mv-1'), version: 10, stage: 'reassigning-licenses', tenantId: 't-1', plan,
    inventory: { takenAt: AT, lines: [{ skuId: OLD, skuPartNumber: 'SPE_E3', capabilityStatus: 'Enabled', appliesTo: 'User', totalUnits: 300, consumedUnits: 250, servicePlans: [{ id: PLAN_ID, name: 'EXCHANGE_S_ENTERPRISE' }], subscriptions: [] }] },
    reassignment: { pass: 1, results: {}, movedTotal: 0, sending: [], finishedAt: null },
  };
}

/** Records a step's command as the orchestrator does (decide, then evolve). */
function record(state: MoveState, command: RecordReassignment): MoveState {
  const decision = decider.decide(command, state);
  assert.ok(decision.ok, 'the decider takes the report');
  return decision.events.reduce(evolve, state);
}

/** Runs the step until it reports the pass finished; counts the LicencesReassigned events recorded. */
async function runPass(step: LicenceReassignmentStep, from: MoveState): Promise<{ state: MoveState; events: number }> {
  let state = from;
  let events = 0;
  for (;;) {
    const command = await step.next(state, ctx, { actor: system, at: AT }) as RecordReassignment;
    const next = record(state, command);
    events += next.version - state.version;
    state = next;
    if (command.finished) return { state, events };
  }
}

const movedIn = (state: MoveState) => Object.values(state.reassignment.results).filter((r) => r.outcome === 'moved').map((r) => r.userId).sort();

describe('licence reassignment step', () => {
  it('reads the users once per pass and sends them one Graph batch (at most 20) at a time, each once, recorded before it leaves', async () => {
    const t = tenant(250);
    const step = new LicenceReassignmentStep({ customers: t.customers });
    const first = await step.next(movingState(), ctx, { actor: system, at: AT }) as RecordReassignment;
    assert.equal(REASSIGNMENT_BATCH_SIZE, 20);
    assert.equal(first.sending?.length, 19, 'the first batch is recorded as sending (u3, without a usage location, is skipped)');
    assert.equal(t.calls.sent.length, 0, 'nothing leaves before it is recorded');
    const { state, events } = await runPass(step, record(movingState(), first));
    assert.equal(t.calls.listings, 1, 'one listing for the whole pass');
    assert.equal(t.calls.sent.length, 249);
    assert.equal(new Set(t.calls.sent.map((c) => c.userId)).size, 249, 'nobody twice');
    assert.ok(events <= Math.ceil(250 / REASSIGNMENT_BATCH_SIZE) + 2, `one event per batch (${events})`);
    assert.deepEqual(movedIn(state), [...t.history].sort(), 'the record is what Graph did');
    assert.equal(state.reassignment.movedTotal, 249);
    assert.deepEqual(state.reassignment.sending, []);
    assert.equal(state.stage, 'blocked', 'u3 needs a usage location');
    assert.deepEqual(t.calls.reads, [], 'no licences read back when every answer came');
  });

  it('after a restart between Graph\'s changes and their record, finds those users moved (read back) and sends nobody twice', async () => {
    const t = tenant(250);
    const first = new LicenceReassignmentStep({ customers: t.customers });
    let state = record(movingState(), await first.next(movingState(), ctx, { actor: system, at: AT }) as RecordReassignment);
    state = record(state, await first.next(state, ctx, { actor: system, at: AT }) as RecordReassignment);
    const inFlight = state.reassignment.sending.map((s) => s.userId);
    assert.equal(inFlight.length, 20);
    // Graph applies the next batch, but the bot dies before it records the answer: the next instance knows nothing of it.
    t.loseNextAnswer();
    await assert.rejects(first.next(state, ctx, { actor: system, at: AT }), StepError);
    assert.equal(t.history.length, 39);

    const { state: after } = await runPass(new LicenceReassignmentStep({ customers: t.customers }), state);
    assert.deepEqual(t.calls.reads, [inFlight], 'the batch recorded as sending is read back once');
    assert.equal(new Set(t.calls.sent.map((c) => c.userId)).size, t.calls.sent.length, 'nobody sent twice');
    assert.deepEqual(movedIn(after), [...t.history].sort(), 'the record lists exactly the users Graph changed');
    assert.equal(after.reassignment.movedTotal, 249);
    assert.equal(t.calls.listings, 2);
  });

  it('after a step failure whose changes never reached Graph, sends the users who still hold the old licence again', async () => {
    const t = tenant(30);
    const step = new LicenceReassignmentStep({ customers: t.customers });
    let state = record(movingState(), await step.next(movingState(), ctx, { actor: system, at: AT }) as RecordReassignment);
    const inFlight = state.reassignment.sending.map((s) => s.userId);
    const changeLicences = t.customers.changeLicences;
    t.customers.changeLicences = async () => { throw new StepError('Graph answered 503 (after the retries).', { retryable: true }); };
    await assert.rejects(step.next(state, ctx, { actor: system, at: AT }), (error: unknown) => error instanceof StepError && error.retryable);
    t.customers.changeLicences = changeLicences;

    const next = await step.next(state, ctx, { actor: system, at: AT }) as RecordReassignment;
    assert.deepEqual(next.results, [], 'nobody was changed, so nobody is recorded');
    assert.deepEqual(t.calls.reads, [inFlight], 'what became of them was read back first');
    assert.deepEqual(next.sending?.map((c) => c.userId).slice(0, inFlight.length), inFlight, 'the same users go out again');
    state = record(state, next);
    const { state: after } = await runPass(step, state);
    assert.deepEqual(movedIn(after), [...t.history].sort());
    assert.equal(after.reassignment.movedTotal, 29);
  });
});
