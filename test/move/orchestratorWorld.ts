/** A MoveOrchestrator over in-memory fakes of every port, for the orchestrator tests; `restart()` keeps the store. */
import assert from 'node:assert/strict';
import { MoveDecider } from '../../move/decider';
import type { MoveEvent } from '../../move/events';
import { MoveOrchestrator } from '../../move/orchestrator';
import { defaultOfferMap } from '../../move/offerMap';
import type { Notifier } from '../../move/ports';
import { RegionTable } from '../../move/regions';
import { fixedSkuCatalog } from '../support/skuCatalogs';
import {
  CONTOSO_DOMAIN, CONTOSO_TENANT, FakeCustomerDirectory, FakeInvitationMailer, FakePartnerCenter, FakePartnerDirectory, FakeTenantLookup,
  FixedClock, InMemoryMoveStore, PARTNER_TENANT, RecordingLog, SequentialIds, STAFF,
} from '../bot/fakes';
import { BUY_AT_APPROVAL_DAYS } from '../../move/schedule';

/** The orchestrator with in-memory fakes of every port; `restart()` builds a new one on the same store. */
export class World {
  readonly store = new InMemoryMoveStore();
  readonly clock = new FixedClock();
  readonly partnerCenter = new FakePartnerCenter();
  readonly customers = new FakeCustomerDirectory(this.partnerCenter);
  readonly directory = new FakePartnerDirectory();
  readonly mailer = new FakeInvitationMailer();
  readonly notified: MoveEvent[] = [];
  orchestrator = this.build();

  build(): MoveOrchestrator {
    const notifier: Notifier = { moveChanged: async (_state, events) => { this.notified.push(...events); } };
    return new MoveOrchestrator({
      store: this.store, decider: new MoveDecider(RegionTable.default()), partnerCenter: this.partnerCenter, customers: this.customers,
      partnerDirectory: this.directory, tenants: new FakeTenantLookup(), notifier, clock: this.clock, ids: new SequentialIds(),
      log: new RecordingLog(), settings: { partnerTenantId: PARTNER_TENANT, term: 'P1Y', billing: 'monthly', buyDaysBeforeEnd: BUY_AT_APPROVAL_DAYS },
      skuCatalog: fixedSkuCatalog(), offerMap: defaultOfferMap(), mailer: this.mailer,
    });
  }

  async restart(): Promise<void> {
    this.orchestrator = this.build();
    await this.orchestrator.restore();
  }

  actor(name: keyof typeof STAFF) {
    const s = STAFF[name];
    return { id: s.aadObjectId, name: s.name, roles: [...s.roles] };
  }

  /** Megan starts the Contoso move; it waits for the customer to accept the invitation. */
  async toAwaitingAcceptance(): Promise<string> {
    const started = await this.orchestrator.startMove({
      customerDomain: CONTOSO_DOMAIN, customerCountry: 'US', source: 'microsoft-direct', multiPartner: false, requestGdap: true, actor: this.actor('megan'),
    });
    assert.ok(started.ok);
    await started.settled;
    assert.equal(this.orchestrator.get(started.state.moveId)?.stage, 'awaiting-acceptance');
    return started.state.moveId;
  }

  async toApproval(): Promise<string> {
    const moveId = await this.toAwaitingAcceptance();
    this.partnerCenter.accept(CONTOSO_TENANT, CONTOSO_DOMAIN, 'Contoso Ltd');
    await this.orchestrator.sweep();
    assert.equal(this.orchestrator.get(moveId)?.stage, 'approval');
    return moveId;
  }

  async approve(moveId: string) {
    const state = this.orchestrator.get(moveId)!;
    return this.orchestrator.approvePlan(moveId, this.actor('adele'), state.plan!.hash, '');
  }

  /** Adele approves; returns once the move waits again. */
  async approveAndSettle(moveId: string): Promise<void> {
    const approved = await this.approve(moveId);
    assert.ok(approved.ok);
    await approved.settled;
  }

  /** A Contoso move approved and provisioned: it watches the original subscriptions. */
  async toWatchingSources(): Promise<string> {
    const moveId = await this.toApproval();
    await this.approveAndSettle(moveId);
    assert.equal(this.orchestrator.get(moveId)?.stage, 'watching-sources');
    return moveId;
  }
}

