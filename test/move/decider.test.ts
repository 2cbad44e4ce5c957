import assert from 'node:assert/strict';
import type { MoveCommand } from '../../move/commands';
import { MoveDecider, type Decision } from '../../move/decider';
import type { MoveEvent } from '../../move/events';
import { RegionTable } from '../../move/regions';
import { initialState, replay } from '../../move/state';
import {
  adele, alex, contosoHistory, contosoInventory, contosoPlan, CONTOSO_TENANT, eventsOf, isaiah, lynne, megan, patti, refusalOf, startCommand, system, T0,
} from './fixtures';

const decider = new MoveDecider(RegionTable.default());

function given(events: MoveEvent[]) {
  const state = events.length ? replay('mv-1', events) : initialState('mv-1');
  return { when: (command: MoveCommand): Decision => decider.decide(command, state) };
}


describe('move decider', () => {
  describe('StartMove', () => {
    it('starts a move for a Sales agent, an Admin agent and an Account admin', () => {
      for (const actor of [megan, patti, alex]) {
        const [event] = eventsOf(given([]).when(startCommand({ actor })));
        assert.equal(event.type, 'MoveStarted');
        assert.equal(event.actor.id, actor.id);
      }
    });

    it('normalises the domain and the country', () => {
      const [event] = eventsOf(given([]).when(startCommand({ customerDomain: '  Contoso.OnMicrosoft.com ', customerCountry: 'us' })));
      assert.ok(event.type === 'MoveStarted');
      assert.equal(event.customerDomain, 'contoso.onmicrosoft.com');
      assert.equal(event.customerCountry, 'US');
    });

    it('refuses someone without a starting role and names who can', () => {
      for (const actor of [isaiah, adele, lynne]) {
        const refusal = refusalOf(given([]).when(startCommand({ actor })));
        assert.equal(refusal.code, 'not-allowed');
        assert.match(refusal.message, /Only an Account admin, an Admin agent or a Sales agent can start a move/);
      }
      assert.match(refusalOf(given([]).when(startCommand({ actor: isaiah }))).message, /You have no Partner Center role/);
    });

    it('refuses a second active move for the same customer', () => {
      const refusal = refusalOf(given([]).when(startCommand({ activeMoveId: 'mv-0' })));
      assert.equal(refusal.code, 'already-moving');
      // The domain gives the facts; the words (with the chat command to see it) are the cards'.
      assert.deepEqual(refusal.reason, { kind: 'already-moving', domain: 'contoso.onmicrosoft.com', moveId: 'mv-0' });
      assert.match(refusal.message, /mv-0\)\. Say `status contoso\.onmicrosoft\.com` to see it/);
    });

    it('refuses malformed input with a clear message', () => {
      assert.equal(refusalOf(given([]).when(startCommand({ customerDomain: 'not a domain' }))).code, 'invalid-input');
      assert.equal(refusalOf(given([]).when(startCommand({ customerDomain: '../../etc/passwd' }))).code, 'invalid-input');
      assert.equal(refusalOf(given([]).when(startCommand({ customerCountry: 'USA' }))).code, 'invalid-input');
      assert.equal(refusalOf(given([]).when(startCommand({ source: 'ebay' as never }))).code, 'invalid-input');
      for (const source of ['constructor', '__proto__', 'toString']) {
        assert.equal(refusalOf(given([]).when(startCommand({ source: source as never }))).code, 'invalid-input');
      }
    });

    it('accepts a tenant id instead of a domain', () => {
      eventsOf(given([]).when(startCommand({ customerDomain: CONTOSO_TENANT })));
    });

    it('refuses to start twice', () => {
      assert.equal(refusalOf(given(contosoHistory('started')).when(startCommand())).code, 'wrong-stage');
    });
  });

  describe('RecordPreflight', () => {
    const preflight = (over: Partial<Extract<MoveCommand, { type: 'RecordPreflight' }>> = {}): MoveCommand => ({
      type: 'RecordPreflight', actor: system, at: T0, tenant: { tenantId: CONTOSO_TENANT, regionScope: 'NA' },
      partnerCountry: 'US', existingCustomerId: null, otherActiveMove: null, ...over,
    });

    it('passes when partner and customer are in the same CSP region', () => {
      const [event] = eventsOf(given(contosoHistory('started')).when(preflight()));
      assert.ok(event.type === 'PreflightPassed');
      assert.equal(event.partnerRegion, 'United States');
      assert.equal(event.customerRegion, 'United States');
      assert.equal(replay('mv-1', [...contosoHistory('started'), event]).stage, 'invitation');
    });

    it('goes straight to the inventory for an existing customer', () => {
      const [event] = eventsOf(given(contosoHistory('started')).when(preflight({ existingCustomerId: CONTOSO_TENANT })));
      const state = replay('mv-1', [...contosoHistory('started'), event]);
      assert.equal(state.stage, 'inventory');
      assert.equal(state.customerId, CONTOSO_TENANT);
    });

    it('blocks a customer in another CSP region, naming both regions', () => {
      const started = contosoHistory('started');
      (started[0] as Extract<MoveEvent, { type: 'MoveStarted' }>).customerCountry = 'CA';
      const [event] = eventsOf(given(started).when(preflight()));
      assert.ok(event.type === 'MoveBlocked');
      assert.equal(event.reason.code, 'region-mismatch');
      assert.match(event.message, /"Canada"/);
      assert.match(event.message, /"United States"/);
      assert.match(event.message, /nothing was sent/);
      assert.equal(replay('mv-1', [...started, event]).stage, 'blocked');
    });

    it('blocks when the tenant metadata contradicts the region', () => {
      const [event] = eventsOf(given(contosoHistory('started')).when(preflight({ tenant: { tenantId: CONTOSO_TENANT, regionScope: 'EU' } })));
      assert.ok(event.type === 'MoveBlocked' && event.reason.code === 'region-mismatch' && event.reason.detectedBy === 'tenant-metadata');
    });

    it('blocks when no tenant answers for the domain', () => {
      const [event] = eventsOf(given(contosoHistory('started')).when(preflight({ tenant: null })));
      assert.ok(event.type === 'MoveBlocked' && event.reason.code === 'tenant-not-found');
    });

    it('blocks on a country the region table does not know', () => {
      const [event] = eventsOf(given(contosoHistory('started')).when(preflight({ partnerCountry: 'ZZ' })));
      assert.ok(event.type === 'MoveBlocked' && event.reason.code === 'unknown-country');
    });

    it('is refused at another stage', () => {
      assert.equal(refusalOf(given(contosoHistory('preflight')).when(preflight())).code, 'wrong-stage');
    });

    it('blocks a second move for the same tenant typed under another name', () => {
      const [event] = eventsOf(given(contosoHistory('started')).when(preflight({ otherActiveMove: { moveId: 'mv-0', customerDomain: 'contoso.com' } })));
      assert.ok(event.type === 'MoveBlocked' && event.reason.code === 'duplicate-tenant');
      assert.match(event.message, /contoso\.com/);
    });
  });

  describe('invitation and acceptance', () => {
    it('records the invitation with a 90-day expiry', () => {
      const [event] = eventsOf(given(contosoHistory('preflight')).when({
        type: 'RecordInvitation', actor: system, at: T0, resellerLink: 'https://x', gdapRelationshipId: null, gdapLink: null,
      }));
      assert.ok(event.type === 'InvitationIssued');
      assert.equal(Date.parse(event.expiresAt) - Date.parse(T0), 90 * 86_400_000);
    });

    it('records acceptance and moves to the inventory', () => {
      const events = eventsOf(given(contosoHistory('invited')).when({
        type: 'RecordAcceptance', actor: system, at: T0, customerId: CONTOSO_TENANT, companyName: 'Contoso Ltd', customerCountry: 'US',
      }));
      assert.deepEqual(events.map((e) => e.type), ['RelationshipAccepted']);
      assert.equal(replay('mv-1', [...contosoHistory('invited'), ...events]).stage, 'inventory');
    });

    it('blocks when Partner Center reports a country in another region', () => {
      const events = eventsOf(given(contosoHistory('invited')).when({
        type: 'RecordAcceptance', actor: system, at: T0, customerId: CONTOSO_TENANT, companyName: 'Contoso Ltd', customerCountry: 'DE',
      }));
      assert.deepEqual(events.map((e) => e.type), ['RelationshipAccepted', 'MoveBlocked']);
    });

    it('refuses acceptance before an invitation', () => {
      assert.equal(refusalOf(given(contosoHistory('preflight')).when({
        type: 'RecordAcceptance', actor: system, at: T0, customerId: 'x', companyName: 'x', customerCountry: null,
      })).code, 'wrong-stage');
    });
  });

  describe('inventory and plan', () => {
    it('records the inventory and proposes the plan on behalf of the starter', () => {
      const inv = eventsOf(given(contosoHistory('accepted')).when({ type: 'RecordInventory', actor: system, at: T0, inventory: contosoInventory() }));
      assert.equal(inv[0].type, 'InventoryTaken');
      const [proposed] = eventsOf(given(contosoHistory('inventory')).when({ type: 'ProposePlan', actor: system, at: T0, plan: contosoPlan() }));
      assert.ok(proposed.type === 'PlanProposed');
      assert.equal(proposed.proposer.id, megan.id);
    });

    it('blocks when the tenant\'s own country (its directory) is in another region', () => {
      const events = eventsOf(given(contosoHistory('accepted')).when({ type: 'RecordInventory', actor: system, at: T0, inventory: contosoInventory(), customerCountry: 'de' }));
      assert.deepEqual(events.map((e) => e.type), ['InventoryTaken', 'MoveBlocked']);
      assert.ok(events[1].type === 'MoveBlocked' && events[1].reason.code === 'region-mismatch' && events[1].reason.detectedBy === 'tenant-directory');
      assert.match(events[1].message, /"Europe"/);
    });

    it('blocks a plan with a SKU that has no offer', () => {
      const plan = { ...contosoPlan(), blockers: [{ skuId: 'x', skuPartNumber: 'SPE_E3', kind: 'no-equivalent' as const, reason: 'No CSP offer provisions SPE_E3.', missingPlans: ['TEAMS1'], candidates: [] }] };
      const events = eventsOf(given(contosoHistory('inventory')).when({ type: 'ProposePlan', actor: system, at: T0, plan }));
      assert.deepEqual(events.map((e) => e.type), ['PlanProposed', 'MoveBlocked']);
      assert.match((events[1] as Extract<MoveEvent, { type: 'MoveBlocked' }>).message, /SPE_E3/);
    });

    it('blocks an empty plan', () => {
      const plan = { ...contosoPlan(), lines: [] };
      const events = eventsOf(given(contosoHistory('inventory')).when({ type: 'ProposePlan', actor: system, at: T0, plan }));
      assert.ok(events[1].type === 'MoveBlocked' && events[1].reason.code === 'nothing-to-move');
    });
  });

  describe('approval', () => {
    const approve = (actor = adele, planHash = contosoPlan().hash): MoveCommand => ({ type: 'ApprovePlan', actor, at: T0, planHash, comment: 'looks right' });

    it('lets a Billing agent approve a Sales agent\'s plan', () => {
      const [event] = eventsOf(given(contosoHistory('proposed')).when(approve()));
      assert.ok(event.type === 'PlanApproved');
      assert.equal(replay('mv-1', [...contosoHistory('proposed'), event]).stage, 'provisioning');
    });

    it('refuses a Sales agent and names who can approve', () => {
      const refusal = refusalOf(given(contosoHistory('proposed')).when(approve(megan)));
      assert.equal(refusal.code, 'not-allowed');
      assert.match(refusal.message, /Only an Account admin or a Billing agent can approve this plan\. Your roles: Sales agent/);
    });

    it('refuses the proposer (four-eyes), even an Account admin', () => {
      const refusal = refusalOf(given(contosoHistory('proposed', alex)).when(approve(alex)));
      assert.equal(refusal.code, 'four-eyes');
      assert.match(refusal.message, /other than you/);
    });

    it('refuses an approval of another plan (stale card)', () => {
      assert.equal(refusalOf(given(contosoHistory('proposed')).when(approve(adele, 'deadbeef'))).code, 'stale-plan');
    });

    it('refuses a second approval and says who approved', () => {
      const refusal = refusalOf(given(contosoHistory('approved')).when(approve(alex)));
      assert.equal(refusal.code, 'wrong-stage');
      assert.match(refusal.message, /already approved by Adele Vance/);
    });

    it('rejects with the comment and ends the move', () => {
      const [event] = eventsOf(given(contosoHistory('proposed')).when({ type: 'RejectPlan', actor: adele, at: T0, planHash: contosoPlan().hash, comment: 'wrong quantities' }));
      assert.ok(event.type === 'PlanRejected');
      const state = replay('mv-1', [...contosoHistory('proposed'), event]);
      assert.equal(state.stage, 'rejected');
      assert.equal(state.rejection?.comment, 'wrong quantities');
    });

    it('clips a huge comment', () => {
      const [event] = eventsOf(given(contosoHistory('proposed')).when({ type: 'ApprovePlan', actor: adele, at: T0, planHash: contosoPlan().hash, comment: 'x'.repeat(10_000) }));
      assert.ok(event.type === 'PlanApproved' && event.comment.length <= 500);
    });
  });

  describe('provisioning and completion', () => {
    it('records the cart once; the same cart again is a no-op', () => {
      const cmd: MoveCommand = { type: 'RecordCart', actor: system, at: T0, customerId: CONTOSO_TENANT, cartId: 'cart-1', requestId: 'req-1' };
      assert.equal(eventsOf(given(contosoHistory('approved')).when(cmd))[0].type, 'CartCreated');
      assert.deepEqual(eventsOf(given(contosoHistory('cart')).when(cmd)), []);
      assert.equal(refusalOf(given(contosoHistory('cart')).when({ ...cmd, cartId: 'cart-2' })).code, 'wrong-stage');
    });

    it('records the order only after a cart, and only once', () => {
      const cmd: MoveCommand = { type: 'RecordOrder', actor: system, at: T0, orderIds: ['ord-1'], subscriptions: [] };
      assert.equal(refusalOf(given(contosoHistory('approved')).when(cmd)).code, 'wrong-stage');
      assert.equal(eventsOf(given(contosoHistory('cart')).when(cmd))[0].type, 'OrderPlaced');
      assert.deepEqual(eventsOf(given(contosoHistory('ordered')).when(cmd)), []);
    });

    it('completes provisioning, then gives the source advice and finishes', () => {
      const provisioned = eventsOf(given(contosoHistory('ordered')).when({ type: 'RecordProvisioned', actor: system, at: T0, subscriptions: [], prepaidCheck: [] }));
      assert.equal(replay('mv-1', [...contosoHistory('ordered'), ...provisioned]).stage, 'source-advice');
      const final = eventsOf(given(contosoHistory('provisioned')).when({ type: 'RecordSourceAdvice', actor: system, at: T0, advice: [] }));
      assert.deepEqual(final.map((e) => e.type), ['SourceAdviceGiven', 'MoveCompleted']);
      assert.equal(replay('mv-1', [...contosoHistory('provisioned'), ...final]).stage, 'done');
    });

    it('refuses provisioning results before an order', () => {
      assert.equal(refusalOf(given(contosoHistory('cart')).when({ type: 'RecordProvisioned', actor: system, at: T0, subscriptions: [], prepaidCheck: [] })).code, 'wrong-stage');
    });
  });

  describe('cancel and failures', () => {
    it('lets the starter, an Account admin or an Admin agent cancel a waiting move', () => {
      for (const actor of [megan, alex, patti]) {
        const [event] = eventsOf(given(contosoHistory('invited')).when({ type: 'CancelMove', actor, at: T0, reason: 'customer changed mind' }));
        assert.equal(event.type, 'MoveCancelled');
      }
    });

    it('refuses a cancel from someone else', () => {
      const refusal = refusalOf(given(contosoHistory('invited')).when({ type: 'CancelMove', actor: adele, at: T0, reason: '' }));
      assert.equal(refusal.code, 'not-allowed');
      assert.match(refusal.message, /Megan Bowen/);
    });

    it('refuses a cancel once the order is being placed', () => {
      assert.equal(refusalOf(given(contosoHistory('approved')).when({ type: 'CancelMove', actor: megan, at: T0, reason: '' })).code, 'wrong-stage');
    });

    it('refuses anything on a finished move', () => {
      const refusal = refusalOf(given(contosoHistory('done')).when({ type: 'CancelMove', actor: megan, at: T0, reason: '' }));
      assert.equal(refusal.code, 'wrong-stage');
    });

    it('refuses commands on a move that does not exist', () => {
      assert.equal(refusalOf(given([]).when({ type: 'CancelMove', actor: megan, at: T0, reason: '' })).code, 'wrong-stage');
    });

    it('records a failed step and counts attempts', () => {
      const fail: MoveCommand = { type: 'RecordStepFailure', actor: system, at: T0, step: 'inventory', error: 'no access', retryable: true };
      const first = eventsOf(given(contosoHistory('accepted')).when(fail));
      const second = eventsOf(given([...contosoHistory('accepted'), ...first]).when(fail));
      const state = replay('mv-1', [...contosoHistory('accepted'), ...first, ...second]);
      assert.equal(state.stage, 'inventory');
      assert.equal(state.lastFailure?.attempts, 2);
      const recovered = replay('mv-1', [...contosoHistory('accepted'), ...first, contosoHistory('inventory')[4]]);
      assert.equal(recovered.lastFailure, null);
    });

    it('blocks on a failure that needs a person', () => {
      const events = eventsOf(given(contosoHistory('accepted')).when({
        type: 'RecordStepFailure', actor: system, at: T0, step: 'inventory', error: 'no access', retryable: false,
        blocks: { code: 'no-customer-access', detail: 'no access' },
      }));
      assert.deepEqual(events.map((e) => e.type), ['StepFailed', 'MoveBlocked']);
    });
  });

  describe('reminders and expiry', () => {
    const DAY = 86_400_000;
    const later = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
    const remind = (about: 'invitation' | 'approval', at: string, intervalMs = 7 * DAY): MoveCommand => ({ type: 'RemindWaiting', actor: system, at, about, intervalMs });

    it('reminds about an unaccepted invitation once the interval has passed, then again after another', () => {
      const history = contosoHistory('invited');
      assert.deepEqual(eventsOf(given(history).when(remind('invitation', later(3 * DAY)))), []);
      const [first] = eventsOf(given(history).when(remind('invitation', later(8 * DAY))));
      assert.ok(first.type === 'ReminderDue' && first.count === 1 && first.about === 'invitation');
      assert.deepEqual(eventsOf(given([...history, first]).when(remind('invitation', later(10 * DAY)))), []);
      const [second] = eventsOf(given([...history, first]).when(remind('invitation', later(16 * DAY))));
      assert.ok(second.type === 'ReminderDue' && second.count === 2);
    });

    it('reminds approvers about a plan waiting too long', () => {
      const [event] = eventsOf(given(contosoHistory('proposed')).when(remind('approval', later(2 * DAY), DAY)));
      assert.ok(event.type === 'ReminderDue' && event.about === 'approval');
      assert.equal(replay('mv-1', [...contosoHistory('proposed'), event]).reminders.approval?.count, 1);
    });

    it('refuses a reminder about a wait the move is not in', () => {
      assert.equal(refusalOf(given(contosoHistory('invited')).when(remind('approval', later(9 * DAY)))).code, 'wrong-stage');
    });

    it('ends the move when the invitation expires unanswered, not before', () => {
      const history = contosoHistory('invited');
      assert.deepEqual(eventsOf(given(history).when({ type: 'TimeOutInvitation', actor: system, at: later(30 * DAY) })), []);
      const [event] = eventsOf(given(history).when({ type: 'TimeOutInvitation', actor: system, at: later(91 * DAY) }));
      assert.ok(event.type === 'MoveTimedOut');
      assert.match(event.message, /expired/);
      const state = replay('mv-1', [...history, event]);
      assert.equal(state.stage, 'timed-out');
      assert.equal(refusalOf(given([...history, event]).when({ type: 'CancelMove', actor: megan, at: T0, reason: '' })).code, 'wrong-stage');
    });
  });

  describe('operator override', () => {
    const scopeBlocked = (): MoveEvent[] => {
      const started = contosoHistory('started');
      const [blocked] = eventsOf(given(started).when({
        type: 'RecordPreflight', actor: system, at: T0, tenant: { tenantId: CONTOSO_TENANT, regionScope: 'EU' },
        partnerCountry: 'US', existingCustomerId: null, otherActiveMove: null,
      }));
      return [...started, blocked];
    };
    const override = (actor = alex, reason = 'Tenant is in the US; the EU scope is from its data residency.'): MoveCommand => ({ type: 'OverrideBlock', actor, at: T0, reason });

    it('lets an Account admin lift a coarse region hint with a reason; pre-flight then passes', () => {
      const [event] = eventsOf(given(scopeBlocked()).when(override()));
      assert.ok(event.type === 'BlockOverridden' && event.blockCode === 'region-mismatch');
      const resumed = replay('mv-1', [...scopeBlocked(), event]);
      assert.equal(resumed.stage, 'preflight');
      assert.equal(resumed.overrides[0].by.id, alex.id);
      const [passed] = eventsOf(given([...scopeBlocked(), event]).when({
        type: 'RecordPreflight', actor: system, at: T0, tenant: { tenantId: CONTOSO_TENANT, regionScope: 'EU' },
        partnerCountry: 'US', existingCustomerId: null, otherActiveMove: null,
      }));
      assert.equal(passed.type, 'PreflightPassed');
    });

    it('refuses anyone but an Account admin, a missing reason, and rules that are not judgements', () => {
      assert.equal(refusalOf(given(scopeBlocked()).when(override(patti))).code, 'not-allowed');
      assert.equal(refusalOf(given(scopeBlocked()).when(override(alex, 'ok'))).code, 'invalid-input');
      const started = contosoHistory('started');
      (started[0] as Extract<MoveEvent, { type: 'MoveStarted' }>).customerCountry = 'CA';
      const [typedCountry] = eventsOf(given(started).when({
        type: 'RecordPreflight', actor: system, at: T0, tenant: { tenantId: CONTOSO_TENANT, regionScope: 'NA' },
        partnerCountry: 'US', existingCustomerId: null, otherActiveMove: null,
      }));
      assert.match(refusalOf(given([...started, typedCountry]).when(override())).message, /cannot be overridden/);
      assert.equal(refusalOf(given(contosoHistory('invited')).when(override())).code, 'wrong-stage');
    });
  });
});
