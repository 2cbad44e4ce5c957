import assert from 'node:assert/strict';
import type { MoveCommand } from '../../move/commands';
import { MoveDecider, type Decision } from '../../move/decider';
import type { MoveEvent } from '../../move/events';
import type { Inventory, InventoryLine, Plan } from '../../move/model';
import { defaultOfferMap } from '../../move/offerMap';
import { buildPlan } from '../../move/plan';
import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from '../../move/policy';
import type { UserReassignment } from '../../move/reassignment';
import { RegionTable } from '../../move/regions';
import { replay } from '../../move/state';
import { CATALOG_PRODUCTS } from '../../sandbox/world/catalog';
import { ALL_SKUS } from '../../sandbox/world/skus';
import { sandboxSkuCatalog } from '../support/skuCatalogs';
import { adele, alex, contosoHistory, eventsOf, megan, PARTNER_TENANT, refusalOf, system, T0 } from './fixtures';

const E3 = ALL_SKUS.find((s) => s.skuPartNumber === 'SPE_E3')!;
const E5 = ALL_SKUS.find((s) => s.skuPartNumber === 'SPE_E5')!;

function inventoryLine(sku: typeof E3, total: number): InventoryLine {
  return {
    skuId: sku.skuId, skuPartNumber: sku.skuPartNumber, capabilityStatus: 'Enabled', appliesTo: 'User', totalUnits: total, consumedUnits: total - 4,
    servicePlans: sku.servicePlans.map((p) => ({ id: p.servicePlanId, name: p.servicePlanName })),
    subscriptions: [{ id: `sub-${sku.skuPartNumber}`, skuId: sku.skuId, skuPartNumber: sku.skuPartNumber, status: 'Enabled', totalLicenses: total, isTrial: false, createdDateTime: null, nextLifecycleDateTime: '2027-02-18T00:00:00Z', ownerTenantId: 'other-partner' }],
    usage: null,
  };
}

function planOf(inventory: Inventory): Plan {
  const offers = CATALOG_PRODUCTS.flatMap((p) => p.skus.map((s) => ({
    productId: p.productId, skuId: s.catalogSkuId, title: s.title, provisioningId: s.graphSku.skuId, minimumQuantity: 1, maximumQuantity: s.maximumQuantity, isTrial: false,
  })));
  return buildPlan(inventory, offers, { term: 'P1Y', billing: 'monthly', partnerTenantId: PARTNER_TENANT, now: T0, skus: sandboxSkuCatalog(), offerMap: defaultOfferMap() });
}

const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

/** A move for a tenant holding `lines`, proposed (and, from `approved`, bought and provisioned). */
function history(lines: InventoryLine[], until: 'inventory' | 'proposed' | 'provisioned'): MoveEvent[] {
  const base = contosoHistory('accepted');
  const inventory: Inventory = { lines, takenAt: at(61) };
  const plan = planOf(inventory);
  const events: MoveEvent[] = [...base, { type: 'InventoryTaken', at: at(61), actor: system, inventory }];
  if (until === 'inventory') return events;
  events.push({ type: 'PlanProposed', at: at(62), actor: system, plan, proposer: megan });
  if (plan.blockers.length > 0) {
    events.push({ type: 'MoveBlocked', at: at(62), actor: system, reason: { code: 'plan-has-no-offer', skus: plan.blockers.map((b) => b.skuPartNumber) }, message: 'blocked' });
  }
  if (until === 'proposed') return events;
  events.push(
    { type: 'PlanApproved', at: at(70), actor: adele, planHash: plan.hash, comment: 'ok' },
    { type: 'CartCreated', at: at(71), actor: system, customerId: 'c-1', cartId: 'cart-1', requestId: 'req-1' },
    { type: 'OrderPlaced', at: at(72), actor: system, orderIds: ['ord-1'], subscriptions: [] },
    { type: 'ProvisioningCompleted', at: at(80), actor: system, subscriptions: [], prepaidCheck: [] },
  );
  return events;
}

function decide(events: MoveEvent[], command: MoveCommand, policy: ApprovalPolicy = DEFAULT_APPROVAL_POLICY): Decision {
  return new MoveDecider(RegionTable.default(), policy).decide(command, replay('mv-1', events));
}


const result = (userId: string, outcome: UserReassignment['outcome']): UserReassignment => ({
  userId, userPrincipalName: `${userId}@fabrikam.onmicrosoft.com`, sourceSkuId: E3.skuId, outcome, detail: outcome,
});

describe('move decider: offers picked by hand, typed inventories, licence reassignment, approval policy', () => {
  describe('ChooseOffer', () => {
    const blockedByE5 = () => history([inventoryLine(E5, 10)], 'proposed');
    const choose = (over: Partial<Extract<MoveCommand, { type: 'ChooseOffer' }>> = {}): MoveCommand => ({
      type: 'ChooseOffer', actor: alex, at: at(90), sourceSkuId: E5.skuId, offerIds: ['CFQ7TTC0LFLX:0021', 'CFQ7TTC0MZJF:0009'],
      reason: 'The customer accepts losing the E5 security plans.', ...over,
    });

    it('records an Account admin\'s pick and sends the move back to drafting the plan', () => {
      const events = eventsOf(decide(blockedByE5(), choose()));
      assert.equal(events[0].type, 'OfferChosen');
      const state = replay('mv-1', [...blockedByE5(), ...events]);
      assert.equal(state.stage, 'plan');
      assert.equal(state.offerChoices[0].by.name, alex.name);
      assert.deepEqual(state.offerChoices[0].offers.map((o) => o.title), ['Microsoft 365 E3 (no Teams)', 'Microsoft Teams Enterprise']);
    });

    it('refuses anyone but an Account admin, offers the card did not list, a missing reason, and a move that is not blocked for it', () => {
      assert.equal(refusalOf(decide(blockedByE5(), choose({ actor: adele }))).code, 'not-allowed');
      assert.match(refusalOf(decide(blockedByE5(), choose({ offerIds: ['CFQ7TTC0XXXX:0001'] }))).message, /Pick from the offers the card lists/);
      assert.equal(refusalOf(decide(blockedByE5(), choose({ offerIds: [] }))).code, 'invalid-input');
      assert.equal(refusalOf(decide(blockedByE5(), choose({ reason: 'ok' }))).code, 'invalid-input');
      assert.equal(refusalOf(decide(blockedByE5(), choose({ sourceSkuId: E3.skuId }))).code, 'invalid-input');
      assert.equal(refusalOf(decide(contosoHistory('proposed'), choose())).code, 'wrong-stage');
    });

    it('the re-drawn plan with the pick needs an Account admin to approve it', () => {
      const picked = [...blockedByE5(), ...eventsOf(decide(blockedByE5(), choose()))];
      const state = replay('mv-1', picked);
      const plan = buildPlan(state.inventory!, CATALOG_PRODUCTS.flatMap((p) => p.skus.map((s) => ({
        productId: p.productId, skuId: s.catalogSkuId, title: s.title, provisioningId: s.graphSku.skuId, minimumQuantity: 1, maximumQuantity: s.maximumQuantity, isTrial: false,
      }))), { term: 'P1Y', billing: 'monthly', partnerTenantId: PARTNER_TENANT, now: T0, skus: sandboxSkuCatalog(), offerMap: defaultOfferMap(), choices: state.offerChoices });
      assert.equal(plan.lines[0].match, 'chosen');
      const proposed = [...picked, { type: 'PlanProposed', at: at(95), actor: system, plan, proposer: megan } as MoveEvent];
      const refusal = refusalOf(decide(proposed, { type: 'ApprovePlan', actor: adele, at: at(96), planHash: plan.hash, comment: '' }));
      assert.match(refusal.message, /Only an Account admin can approve this plan \(offers were picked by hand for SPE_E5\)/);
      eventsOf(decide(proposed, { type: 'ApprovePlan', actor: alex, at: at(96), planHash: plan.hash, comment: '' }));
    });
  });

  describe('EnterInventory', () => {
    const typed: Inventory = { lines: [inventoryLine(E3, 50)], takenAt: at(65) };
    const enter = (over: Partial<Extract<MoveCommand, { type: 'EnterInventory' }>> = {}): MoveCommand => ({
      type: 'EnterInventory', actor: megan, at: at(65), inventory: typed, problems: [], ...over,
    });
    const noAccess = (): MoveEvent[] => [...contosoHistory('accepted'),
      { type: 'StepFailed', at: at(63), actor: system, step: 'inventory', error: 'Forbidden', retryable: false },
      { type: 'MoveBlocked', at: at(63), actor: system, reason: { code: 'no-customer-access', detail: 'Forbidden' }, message: 'No access' }];

    it('records a typed inventory while the move waits for it, or is blocked without access, naming who typed it', () => {
      for (const events of [contosoHistory('accepted'), noAccess()]) {
        const [taken] = eventsOf(decide(events, enter()));
        assert.ok(taken.type === 'InventoryTaken');
        assert.equal(taken.inventory.enteredBy?.name, megan.name);
        const state = replay('mv-1', [...events, taken]);
        assert.equal(state.stage, 'plan');
        assert.equal(state.blocked, null);
      }
    });

    it('refuses bad lines (listing them), people who cannot start moves, and other stages', () => {
      const refusal = refusalOf(decide(contosoHistory('accepted'), enter({ inventory: null, problems: ['Line 1: "E9" is not a licence'] })));
      assert.equal(refusal.code, 'invalid-input');
      assert.match(refusal.message, /Nothing was recorded[\s\S]*Line 1/);
      assert.equal(refusalOf(decide(contosoHistory('accepted'), enter({ actor: adele }))).code, 'not-allowed');
      assert.equal(refusalOf(decide(contosoHistory('proposed'), enter())).code, 'wrong-stage');
    });
  });

  describe('licence reassignment', () => {
    const provisioned = () => history([inventoryLine(E3, 50)], 'provisioned');
    const record = (results: UserReassignment[], finished: boolean): MoveCommand => ({ type: 'RecordReassignment', actor: system, at: at(85), results, finished });

    it('goes to reassignment after provisioning only when an offer changed', () => {
      assert.equal(replay('mv-1', provisioned()).stage, 'reassigning-licenses');
      assert.equal(replay('mv-1', contosoHistory('provisioned')).stage, 'source-advice');
    });

    it('records batches once, then finishes and moves on when every user moved', () => {
      let events = provisioned();
      events = [...events, ...eventsOf(decide(events, record([result('u1', 'moved'), result('u2', 'moved')], false)))];
      assert.deepEqual(eventsOf(decide(events, record([result('u1', 'moved')], false))), [], 'a repeated report changes nothing');
      const finished = eventsOf(decide(events, record([], true)));
      assert.deepEqual(finished.map((e) => e.type), ['ReassignmentFinished']);
      const state = replay('mv-1', [...events, ...finished]);
      assert.equal(state.stage, 'source-advice');
      assert.equal(state.reassignment.movedTotal, 2);
    });

    it('records the changes about to go to Graph before they leave, and clears them with their results', () => {
      let events = provisioned();
      const sending = [{ userId: 'u1', userPrincipalName: 'u1@contoso.onmicrosoft.com', sourceSkuId: E3.skuId }];
      const report = (results: UserReassignment[]): MoveCommand => ({ type: 'RecordReassignment', actor: system, at: at(85), results, sending, finished: false });
      const announced = eventsOf(decide(events, report([result('u2', 'skipped-group')])));
      assert.deepEqual(announced.map((e) => e.type), ['LicencesReassigned']);
      events = [...events, ...announced];
      assert.deepEqual(replay('mv-1', events).reassignment.sending, sending);
      assert.deepEqual(eventsOf(decide(events, report([]))), [{ ...announced[0], results: [] }],
        'sending the same changes again is recorded again (their outcome is still to come)');
      const settled = eventsOf(decide(events, record([result('u1', 'moved')], true)));
      assert.deepEqual(settled.map((e) => e.type), ['LicencesReassigned', 'ReassignmentFinished', 'MoveBlocked']);
      const state = replay('mv-1', [...events, ...settled]);
      assert.deepEqual(state.reassignment.sending, []);
      assert.equal(state.reassignment.movedTotal, 1);
    });

    it('blocks when users need attention; retry runs another pass; an Account admin may override to go on', () => {
      let events = provisioned();
      events = [...events, ...eventsOf(decide(events, record([result('u1', 'moved'), result('u2', 'skipped-group'), result('u3', 'failed')], true)))];
      const state = replay('mv-1', events);
      assert.equal(state.stage, 'blocked');
      assert.deepEqual(state.blocked?.reason, { code: 'reassignment-incomplete', users: 2 });

      assert.equal(refusalOf(decide(events, { type: 'ResumeReassignment', actor: adele, at: at(90) })).code, 'not-allowed');
      const resumed = [...events, ...eventsOf(decide(events, { type: 'ResumeReassignment', actor: megan, at: at(90) }))];
      const again = replay('mv-1', resumed);
      assert.equal(again.stage, 'reassigning-licenses');
      assert.equal(again.reassignment.pass, 2);
      assert.deepEqual(again.reassignment.results, {});
      assert.equal(again.reassignment.movedTotal, 1);

      const overridden = eventsOf(decide(events, { type: 'OverrideBlock', actor: alex, at: at(91), reason: 'Those two users are handled by hand by the customer.' }));
      assert.equal(replay('mv-1', [...events, ...overridden]).stage, 'source-advice');
    });

    it('cannot cancel once bought', () => {
      assert.equal(refusalOf(decide(provisioned(), { type: 'CancelMove', actor: alex, at: at(90), reason: 'changed mind' })).code, 'wrong-stage');
    });

    it('refuses reassignment reports outside the stage', () => {
      assert.equal(refusalOf(decide(contosoHistory('proposed'), record([], true))).code, 'wrong-stage');
    });
  });

  describe('GDAP access assignment', () => {
    const record: MoveCommand = { type: 'RecordDelegatedAccess', actor: system, at: at(61), relationshipId: 'gdap-1', groupName: 'AdminAgents', assignmentId: 'as-1' };

    it('is recorded once while the move reads the inventory, and the move stays there', () => {
      const events = eventsOf(decide(contosoHistory('accepted'), record));
      assert.deepEqual(events.map((e) => e.type), ['DelegatedAccessGranted']);
      const state = replay('mv-1', [...contosoHistory('accepted'), ...events]);
      assert.equal(state.stage, 'inventory');
      assert.deepEqual(state.delegatedAccess, { relationshipId: 'gdap-1', groupName: 'AdminAgents', assignmentId: 'as-1', at: at(61) });
      assert.deepEqual(eventsOf(decide([...contosoHistory('accepted'), ...events], record)), [], 'a repeat records nothing');
    });

    it('is refused at any other stage', () => {
      assert.equal(refusalOf(decide(contosoHistory('invited'), record)).code, 'wrong-stage');
    });
  });

  describe('approval policy', () => {
    const proposed = () => history([inventoryLine(E3, 50)], 'proposed');
    const hash = () => replay('mv-1', proposed()).plan!.hash;
    const approve = (actor = adele): MoveCommand => ({ type: 'ApprovePlan', actor, at: at(70), planHash: hash(), comment: '' });

    it('a plan above the seat threshold needs an Account admin', () => {
      const policy = { ...DEFAULT_APPROVAL_POLICY, accountAdminAboveSeats: 40 };
      assert.match(refusalOf(decide(proposed(), approve(), policy)).message, /it buys 50 licences, more than 40/);
      eventsOf(decide(proposed(), approve(alex), policy));
      eventsOf(decide(proposed(), approve(), DEFAULT_APPROVAL_POLICY));
    });

    it('four-eyes can be switched off, and approver roles configured', () => {
      const selfApprover = { ...megan, roles: ['sales-agent', 'billing-agent'] as typeof megan.roles };
      assert.equal(refusalOf(decide(proposed(), approve(selfApprover))).code, 'four-eyes');
      eventsOf(decide(proposed(), approve(selfApprover), { ...DEFAULT_APPROVAL_POLICY, fourEyes: false }));
      const accountAdminsOnly = { ...DEFAULT_APPROVAL_POLICY, approverRoles: ['account-admin'] as const };
      assert.equal(refusalOf(decide(proposed(), approve(), accountAdminsOnly)).code, 'not-allowed');
    });
  });
});
