import assert from 'node:assert/strict';
import { retryDelayMs } from '../../move/orchestrator';
import { StepError, type PartnerDirectory } from '../../move/ports';
import { CONTOSO_DOMAIN, CONTOSO_TENANT } from '../bot/fakes';
import { World } from './orchestratorWorld';

describe('move orchestrator', () => {
  it('runs a whole move with one cart, one checkout and one order', async () => {
    const w = new World();
    const moveId = await w.toWatchingSources();
    assert.equal(w.partnerCenter.orderCount, 1);
    const check = w.orchestrator.get(moveId)!.prepaidCheck;
    assert.deepEqual(check.map((c) => [c.skuPartNumber, c.before, c.after, c.ok]), [['SPB', 25, 50, true], ['EXCHANGESTANDARD', 10, 20, true]]);
  });

  it('detects acceptance from the customer listing alone (no read per accepted customer)', async () => {
    const w = new World();
    await w.toApproval();
    const reads = w.partnerCenter.calls.filter((c) => c === 'getCustomer').length;
    assert.equal(reads, 1, 'only the pre-flight\'s "is it already our customer?" read');
  });

  it('resumes after a crash between the cart and the checkout without a second cart or order', async () => {
    const w = new World();
    const moveId = await w.toApproval();
    w.partnerCenter.failNext('checkoutCart');
    await w.approveAndSettle(moveId);
    assert.ok(w.orchestrator.get(moveId)!.cart, 'the cart id was recorded before checkout');
    assert.equal(w.partnerCenter.orderCount, 0);

    await w.restart();
    w.clock.advance(retryDelayMs(1));
    await w.orchestrator.sweep();
    assert.equal(w.orchestrator.get(moveId)?.stage, 'watching-sources');
    assert.equal(w.partnerCenter.carts.size, 1);
    assert.equal(w.partnerCenter.orderCount, 1);
  });

  it('repeats a checkout whose answer was lost: the same cart gives the same order', async () => {
    const w = new World();
    const moveId = await w.toApproval();
    const realCheckout = w.partnerCenter.checkoutCart.bind(w.partnerCenter);
    let lostOnce = false;
    // The order is placed, then the answer is lost (a timeout after checkout).
    w.partnerCenter.checkoutCart = async (customerId, cartId) => {
      const orders = await realCheckout(customerId, cartId);
      if (!lostOnce) { lostOnce = true; throw new StepError('timeout after checkout', { retryable: true }); }
      return orders;
    };
    await w.approveAndSettle(moveId);
    assert.equal(w.orchestrator.get(moveId)?.lastFailure?.step, 'provisioning');
    w.clock.advance(retryDelayMs(1));
    await w.orchestrator.sweep();
    assert.equal(w.orchestrator.get(moveId)?.stage, 'watching-sources');
    assert.equal(w.partnerCenter.orderCount, 1);
  });

  it('waits for the back-off before retrying a failed step, then retries', async () => {
    const w = new World();
    w.partnerCenter.failNext('resellerInvitationLink');
    const started = await w.orchestrator.startMove({
      customerDomain: CONTOSO_DOMAIN, customerCountry: 'US', source: 'microsoft-direct', multiPartner: false, requestGdap: false, actor: w.actor('megan'),
    });
    assert.ok(started.ok);
    await started.settled;
    const moveId = started.state.moveId;
    assert.equal(w.orchestrator.get(moveId)?.lastFailure?.attempts, 1);
    await w.orchestrator.sweep();
    assert.equal(w.orchestrator.get(moveId)?.stage, 'invitation', 'not retried before the back-off');
    w.clock.advance(retryDelayMs(1));
    await w.orchestrator.sweep();
    assert.equal(w.orchestrator.get(moveId)?.stage, 'awaiting-acceptance');
    assert.equal(w.orchestrator.get(moveId)?.lastFailure, null);
  });

  it('waits up to an hour for Graph to show the new licences, then records the shortfall', async () => {
    const w = new World();
    const moveId = await w.toApproval();
    w.customers.subscribedSkus = async () => [];
    await w.approveAndSettle(moveId);
    assert.equal(w.orchestrator.get(moveId)?.stage, 'provisioning');
    w.clock.advance(30 * 60_000);
    await w.orchestrator.sweep();
    assert.equal(w.orchestrator.get(moveId)?.stage, 'provisioning');
    w.clock.advance(31 * 60_000);
    await w.orchestrator.sweep();
    const state = w.orchestrator.get(moveId)!;
    assert.equal(state.stage, 'watching-sources');
    assert.ok(state.prepaidCheck.every((c) => !c.ok));
  });

  it('keeps the notifier informed of every recorded event exactly once, across a restart', async () => {
    const w = new World();
    const moveId = await w.toApproval();
    await w.restart();
    await w.approveAndSettle(moveId);
    const stored = await w.store.load(moveId);
    assert.deepEqual(w.notified.map((e) => e.type), stored.map((e) => e.type));
  });

  it('lends the starter\'s sign-in to the App+User invitation calls only, then forgets it', async () => {
    const w = new World();
    const seen: Array<string | undefined> = [];
    const realLink = w.partnerCenter.resellerInvitationLink.bind(w.partnerCenter);
    w.partnerCenter.resellerInvitationLink = async (ctx) => { seen.push(ctx.userAssertion); return realLink(ctx); };
    const directory: PartnerDirectory = w.directory;
    const realGdap = directory.requestDelegatedAdmin.bind(directory);
    directory.requestDelegatedAdmin = async (tenantId, name, ctx) => { seen.push(ctx.userAssertion); return realGdap(tenantId, name, ctx); };
    const realProfile = w.partnerCenter.partnerProfile.bind(w.partnerCenter);
    w.partnerCenter.partnerProfile = async (ctx) => { assert.equal(ctx.userAssertion, undefined, 'app-only calls get no sign-in'); return realProfile(ctx); };
    const started = await w.orchestrator.startMove({
      customerDomain: CONTOSO_DOMAIN, customerCountry: 'US', source: 'microsoft-direct', multiPartner: false, requestGdap: true,
      actor: w.actor('megan'), userAssertion: 'sso-token-of-megan',
    });
    assert.ok(started.ok);
    await started.settled;
    assert.deepEqual(seen, ['sso-token-of-megan', 'sso-token-of-megan']);
    assert.doesNotMatch(JSON.stringify(await w.store.load(started.state.moveId)), /sso-token/, 'never stored');
  });

  it('reminds about the unaccepted invitation weekly, then times the move out after 90 days', async () => {
    const w = new World();
    const started = await w.orchestrator.startMove({
      customerDomain: CONTOSO_DOMAIN, customerCountry: 'US', source: 'microsoft-direct', multiPartner: false, requestGdap: true, actor: w.actor('megan'),
    });
    assert.ok(started.ok);
    await started.settled;
    const moveId = started.state.moveId;
    for (let day = 1; day <= 92; day += 1) {
      w.clock.advance(86_400_000);
      await w.orchestrator.sweep();
    }
    const reminders = w.notified.filter((e) => e.type === 'ReminderDue');
    assert.equal(reminders.length, 12, 'one reminder a week until the 90-day expiry');
    assert.equal(w.orchestrator.get(moveId)?.stage, 'timed-out');
    assert.equal(w.notified.filter((e) => e.type === 'MoveTimedOut').length, 1);
  });

  it('reminds the approvers daily while a plan waits', async () => {
    const w = new World();
    await w.toApproval();
    for (let hour = 1; hour <= 72; hour += 6) {
      w.clock.advance(6 * 3_600_000);
      await w.orchestrator.sweep();
    }
    assert.equal(w.notified.filter((e) => e.type === 'ReminderDue' && e.about === 'approval').length, 3);
  });

  it('watches the original subscriptions: a reminder before each end, then done once they have all ended', async () => {
    const w = new World();
    const moveId = await w.toWatchingSources();
    const realSubscriptions = w.customers.subscriptions.bind(w.customers);
    let graphReads = 0;
    const ended = new Map<string, string>();
    w.customers.subscriptions = async (tenantId, ctx) => {
      graphReads += 1;
      return (await realSubscriptions(tenantId, ctx)).filter((s) => ended.get(s.id) !== 'gone').map((s) => ({ ...s, status: ended.get(s.id) ?? s.status }));
    };
    const moveTo = async (iso: string) => { w.clock.advance(Date.parse(iso) - w.clock.now().getTime()); await w.orchestrator.sweep(); };

    await moveTo('2027-01-15T00:00:00Z');
    assert.equal(graphReads, 0, 'Graph is not asked before any date has passed');
    await moveTo('2027-02-20T00:00:00Z');
    assert.deepEqual(w.notified.filter((e) => e.type === 'SourceExpiryReminder').map((e) => (e as { skuPartNumber: string }).skuPartNumber), ['SPB']);
    await moveTo('2027-02-21T00:00:00Z');
    assert.equal(w.notified.filter((e) => e.type === 'SourceExpiryReminder').length, 1, 'one reminder per subscription');

    ended.set('sub-spb', 'Deleted');
    await moveTo('2027-03-02T00:00:00Z');
    assert.deepEqual(w.orchestrator.get(moveId)?.sourcesEnded, ['sub-spb']);
    assert.equal(w.orchestrator.get(moveId)?.stage, 'watching-sources');

    ended.set('sub-exo', 'gone');
    await moveTo('2027-06-02T00:00:00Z');
    assert.equal(w.orchestrator.get(moveId)?.stage, 'done');
    assert.equal(w.notified.filter((e) => e.type === 'MoveCompleted').length, 1);
  });

  it('backs off 5 s, 10 s, 20 s … and never more than 15 minutes', () => {
    assert.deepEqual([1, 2, 3, 4].map(retryDelayMs), [5_000, 10_000, 20_000, 40_000]);
    assert.equal(retryDelayMs(30), 15 * 60_000);
  });
});

describe('move orchestrator: which service plans are in use', () => {
  it('reads them per paid licence from the users holding it', async () => {
    const w = new World();
    const moveId = await w.toApproval();
    const lines = w.orchestrator.get(moveId)!.inventory!.lines;
    assert.ok(lines.every((l) => l.usage && l.usage.assignedUsers > 0), 'usage read for every paid licence');
    assert.ok(w.customers.licenceCalls.some((c) => c.method === 'licensedUsers'));
  });

  it('goes on without them when the users cannot be read (403): every plan then counts, and the plan says so', async () => {
    const w = new World();
    w.customers.licensedUsers = async function* () {
      // As the customer-tenant adapter judges a 403: no access (here, to the users only).
      throw new StepError('Graph: list users failed (HTTP 403, Authorization_RequestDenied)', {
        retryable: false, blocks: { code: 'no-customer-access', detail: 'Graph answered 403 Authorization_RequestDenied' },
      });
    };
    const moveId = await w.toApproval();
    const state = w.orchestrator.get(moveId)!;
    assert.equal(state.stage, 'approval');
    assert.ok(state.inventory!.lines.every((l) => l.usage === null));
  });

  it('retries the inventory when reading the users fails for a passing reason', async () => {
    const w = new World();
    w.customers.licensedUsers = async function* () {
      throw new StepError('Graph: list users failed (HTTP 503)', { retryable: true });
    };
    const moveId = await w.toAwaitingAcceptance();
    w.partnerCenter.accept(CONTOSO_TENANT, CONTOSO_DOMAIN, 'Contoso Ltd');
    await w.orchestrator.sweep();
    const state = w.orchestrator.get(moveId)!;
    assert.equal(state.stage, 'inventory');
    assert.equal(state.lastFailure?.retryable, true);
  });
});

describe('move orchestrator: no access to the customer tenant', () => {
  /** Reading Contoso's licences fails as the customer-tenant adapter judges no access (403, or no token for the tenant). */
  function noAccess(w: World): void {
    w.customers.subscribedSkus = async () => {
      throw new StepError('Graph: read the customer\'s licences failed (HTTP 403, Authorization_RequestDenied)', {
        retryable: false, blocks: { code: 'no-customer-access', detail: 'Graph answered 403 Authorization_RequestDenied' },
      });
    };
  }

  it('blocks the move at once when the GDAP relationship is active (or was never requested): a person must act', async () => {
    const w = new World();
    noAccess(w);
    const moveId = await w.toAwaitingAcceptance();
    w.partnerCenter.accept(CONTOSO_TENANT, CONTOSO_DOMAIN, 'Contoso Ltd');
    await w.orchestrator.sweep();
    const state = w.orchestrator.get(moveId)!;
    assert.equal(state.stage, 'blocked');
    assert.deepEqual(state.blocked?.reason, { code: 'no-customer-access', detail: 'Graph answered 403 Authorization_RequestDenied' });
    assert.equal(state.blocked?.fromStage, 'inventory');
  });

  it('waits (retryable) while the customer has not approved the GDAP request yet, and reads the licences once approved', async () => {
    const w = new World();
    const readLicences = w.customers.subscribedSkus.bind(w.customers);
    noAccess(w);
    w.directory.gdapStatus = 'approvalPending';
    const moveId = await w.toAwaitingAcceptance();
    w.partnerCenter.accept(CONTOSO_TENANT, CONTOSO_DOMAIN, 'Contoso Ltd');
    await w.orchestrator.sweep();
    let state = w.orchestrator.get(moveId)!;
    assert.equal(state.stage, 'inventory');
    assert.equal(state.lastFailure?.retryable, true);
    assert.match(state.lastFailure?.error ?? '', /has not approved the GDAP request yet \(approvalPending\)/);

    w.directory.gdapStatus = 'active';
    w.customers.subscribedSkus = readLicences;
    w.clock.advance(retryDelayMs(1));
    await w.orchestrator.sweep();
    state = w.orchestrator.get(moveId)!;
    assert.equal(state.stage, 'approval');
  });
});
