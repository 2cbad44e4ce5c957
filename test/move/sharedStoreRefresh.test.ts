/**
 * Two orchestrators on one store (scale-out): a move blocked while one instance ran it and unblocked through the
 * other is reloaded by the first one's sweep, which then goes on with it (here: the approval reminder).
 */
import assert from 'node:assert/strict';
import { MoveDecider } from '../../move/decider';
import { MoveOrchestrator } from '../../move/orchestrator';
import { defaultOfferMap } from '../../move/offerMap';
import { StepError, type MoveStore } from '../../move/ports';
import { RegionTable } from '../../move/regions';
import { fixedSkuCatalog } from '../support/skuCatalogs';
import {
  CONTOSO_DOMAIN, CONTOSO_TENANT, FakeCustomerDirectory, FakeInvitationMailer, FakePartnerCenter, FakePartnerDirectory, FakeTenantLookup,
  FixedClock, InMemoryMoveStore, PARTNER_TENANT, RecordingLog, SequentialIds, STAFF,
} from '../bot/fakes';
import { BUY_AT_APPROVAL_DAYS } from '../../move/schedule';

const actor = (name: keyof typeof STAFF) => ({ id: STAFF[name].aadObjectId, name: STAFF[name].name, roles: [...STAFF[name].roles] });

/** The store as seen through `MoveStore` only (no stream versions), counting loads. */
function plainStore(inner: InMemoryMoveStore, loads: string[]): MoveStore {
  return {
    load: (moveId) => { loads.push(moveId); return inner.load(moveId); },
    append: (moveId, version, events) => inner.append(moveId, version, events),
    listMoveIds: () => inner.listMoveIds(),
  };
}

/** The memory store (which tells stream versions), counting loads. */
class CountingStore extends InMemoryMoveStore {
  constructor(private readonly loads: string[]) { super(); }
  override load(moveId: string) { this.loads.push(moveId); return super.load(moveId); }
}

for (const kind of ['a store that tells stream versions', 'a store that does not'] as const) {
  describe(`shared store refresh, on ${kind}`, () => {
    const clock = new FixedClock();
    const partnerCenter = new FakePartnerCenter();
    const customers = new FakeCustomerDirectory(partnerCenter);
    const loads: string[] = [];
    const memory = kind === 'a store that does not' ? new InMemoryMoveStore() : new CountingStore(loads);
    const store: MoveStore = kind === 'a store that does not' ? plainStore(memory, loads) : memory;
    const instance = (prefix: string) => new MoveOrchestrator({
      store, decider: new MoveDecider(RegionTable.default()), partnerCenter, customers, partnerDirectory: new FakePartnerDirectory(),
      tenants: new FakeTenantLookup(), notifier: { moveChanged: async () => undefined }, clock,
      ids: { newId: (ids => () => `${prefix}-${ids.newId()}`)(new SequentialIds()) }, log: new RecordingLog(),
      settings: { partnerTenantId: PARTNER_TENANT, term: 'P1Y', billing: 'monthly', sharedStore: true, buyDaysBeforeEnd: BUY_AT_APPROVAL_DAYS },
      skuCatalog: fixedSkuCatalog(), offerMap: defaultOfferMap(), mailer: new FakeInvitationMailer(),
    });
    const leader = instance('a');
    const other = instance('b');
    let moveId = '';

    it('the leader runs the move until the customer\'s tenant cannot be read: blocked', async () => {
      const started = await leader.startMove({
        customerDomain: CONTOSO_DOMAIN, customerCountry: 'US', source: 'microsoft-direct', multiPartner: false, requestGdap: false, actor: actor('megan'),
      });
      assert.ok(started.ok);
      await started.settled;
      moveId = started.state.moveId;
      const readable = customers.subscribedSkus.bind(customers);
      customers.subscribedSkus = async () => {
        throw new StepError('No access to the tenant', { retryable: false, blocks: { code: 'no-customer-access', detail: 'Graph 403' } });
      };
      partnerCenter.accept(CONTOSO_TENANT, CONTOSO_DOMAIN, 'Contoso Ltd');
      await leader.sweep();
      customers.subscribedSkus = readable;
      assert.equal(leader.get(moveId)?.stage, 'blocked');
    });

    it('an Account admin overrides on the other instance, which runs it on to the approval', async () => {
      assert.equal((await other.find(moveId))?.stage, 'blocked');
      const overridden = await other.overrideBlock(moveId, actor('alex'), 'The customer\'s admin granted the app access again.');
      assert.ok(overridden.ok);
      await overridden.settled;
      assert.equal(other.get(moveId)?.stage, 'approval');
      assert.equal(leader.get(moveId)?.stage, 'blocked', 'the leader has not looked yet');
    });

    it('the leader\'s sweep reloads the move and goes on with it: the approvers are reminded', async () => {
      clock.advance(25 * 3_600_000);
      await leader.sweep();
      assert.equal(leader.get(moveId)?.stage, 'approval');
      const reminders = (await store.load(moveId)).filter((e) => e.type === 'ReminderDue');
      assert.equal(reminders.length, 1);
    });

    it(kind === 'a store that does not'
      ? 'reloads every move that can still change (blocked too) on each sweep'
      : 'reloads nothing when no stream changed', async () => {
      loads.length = 0;
      await leader.sweep();
      assert.deepEqual(loads, kind === 'a store that does not' ? [moveId] : []);
      const cancelled = await other.cancel(moveId, actor('megan'), 'The customer changed its mind.');
      assert.ok(cancelled.ok);
      await leader.sweep();
      assert.equal(leader.get(moveId)?.stage, 'cancelled');
      loads.length = 0;
      await leader.sweep();
      assert.deepEqual(loads, [], 'a cancelled move is never reloaded');
    });
  });
}
