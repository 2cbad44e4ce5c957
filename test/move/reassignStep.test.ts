import assert from 'node:assert/strict';
import type { MoveCommand } from '../../move/commands';
import type { Plan, PlanLine } from '../../move/model';
import type { CustomerDirectory, LicensedUser, SubscribedSku, UserLicenceChange } from '../../move/ports';
import { LicenceReassignmentStep, REASSIGNMENT_BATCH_SIZE } from '../../move/reassignStep';
import { evolve, initialState, type MoveState } from '../../move/state';
import { system } from './fixtures';

const OLD = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const NEW = 'dcf0408c-aaec-446c-afd4-43e3683943ea';
const PLAN_ID = 'efb87545-963c-4e0d-99df-69c6916d9eb0';
const AT = '2026-11-24T09:00:00.000Z';

/** A tenant of `count` users on the old SKU, whose directory counts its listings and applies changes. */
function tenant(count: number) {
  const users: LicensedUser[] = Array.from({ length: count }, (_, i) => ({
    id: `u${i}`, userPrincipalName: `u${i}@fabrikam.onmicrosoft.com`, displayName: `U${i}`, usageLocation: 'US',
    assignedLicenses: [{ skuId: OLD, disabledPlans: [] }], licenseAssignmentStates: [{ skuId: OLD, assignedByGroup: null }],
  }));
  const calls = { listings: 0, changes: [] as UserLicenceChange[] };
  const sku: SubscribedSku = {
    skuId: NEW, skuPartNumber: 'Microsoft_365_E3_(no_Teams)', capabilityStatus: 'Enabled', appliesTo: 'User', consumedUnits: 0,
    prepaidUnits: { enabled: count, suspended: 0, warning: 0, lockedOut: 0 },
    servicePlans: [{ servicePlanId: PLAN_ID, servicePlanName: 'EXCHANGE_S_ENTERPRISE', provisioningStatus: 'Success', appliesTo: 'User' }], subscriptionIds: [],
  };
  const customers: Pick<CustomerDirectory, 'subscribedSkus' | 'licensedUsers' | 'changeLicences'> = {
    subscribedSkus: async () => [sku],
    async *licensedUsers() {
      calls.listings += 1;
      for (const u of users) if (u.assignedLicenses.some((l) => l.skuId === OLD)) yield structuredClone(u);
    },
    changeLicences: async (_tenantId, changes) => changes.map((change) => {
      calls.changes.push(change);
      const user = users.find((u) => u.id === change.userId)!;
      user.assignedLicenses = [...user.assignedLicenses.filter((l) => !change.removeLicenses.includes(l.skuId)), ...change.addLicenses];
      return { userId: change.userId, ok: true, code: null, message: null };
    }),
  };
  return { users, calls, customers: customers as CustomerDirectory };
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
    reassignment: { pass: 1, results: {}, movedTotal: 0, finishedAt: null },
  };
}

/** Runs the step until it reports the pass finished, recording each batch as the decider would. */
async function runPass(step: LicenceReassignmentStep, state: MoveState): Promise<{ state: MoveState; batches: number }> {
  let batches = 0;
  for (;;) {
    const command = await step.next(state, { correlationId: 'c' }, { actor: system, at: AT }) as Extract<MoveCommand, { type: 'RecordReassignment' }>;
    if (command.finished) return { state, batches };
    batches += 1;
    state = evolve(state, { type: 'LicencesReassigned', actor: system, at: AT, results: command.results });
  }
}

describe('licence reassignment step', () => {
  it('reads the users once per pass and sends them in batches, each once', async () => {
    const t = tenant(250);
    const { state, batches } = await runPass(new LicenceReassignmentStep({ customers: t.customers }), movingState());
    assert.equal(t.calls.listings, 1, 'one listing for the whole pass');
    assert.equal(batches, Math.ceil(250 / REASSIGNMENT_BATCH_SIZE));
    assert.equal(t.calls.changes.length, 250);
    assert.equal(new Set(t.calls.changes.map((c) => c.userId)).size, 250, 'nobody twice');
    assert.equal(Object.keys(state.reassignment.results).length, 250);
  });

  it('after a restart (a new step, no memory) lists again and sends only who still holds the old licence', async () => {
    const t = tenant(250);
    const first = new LicenceReassignmentStep({ customers: t.customers });
    const command = await first.next(movingState(), { correlationId: 'c' }, { actor: system, at: AT });
    assert.ok(command.type === 'RecordReassignment' && command.results.length === REASSIGNMENT_BATCH_SIZE);
    // The bot dies before the batch is recorded: the next instance knows nothing of it.
    const { batches } = await runPass(new LicenceReassignmentStep({ customers: t.customers }), movingState());
    assert.equal(batches, Math.ceil((250 - REASSIGNMENT_BATCH_SIZE) / REASSIGNMENT_BATCH_SIZE));
    assert.equal(t.calls.changes.length, 250, 'the users changed before the crash are not sent again');
    assert.equal(t.calls.listings, 2);
  });
});
