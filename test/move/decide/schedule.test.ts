/** move/decide/schedule.ts and move/schedule.ts: an approved plan buys each line on its date, each purchase once. */
import assert from 'node:assert/strict';
import type { MoveCommand } from '../../../move/commands';
import type { MoveEvent } from '../../../move/events';
import type { Plan } from '../../../move/model';
import { defaultOfferMap } from '../../../move/offerMap';
import { buildPlan } from '../../../move/plan';
import { defaultBuyOn, purchaseSchedule } from '../../../move/schedule';
import { evolve } from '../../../move/state';
import { sandboxSkuCatalog } from '../../support/skuCatalogs';
import { adele, CATALOG, contosoHistory, contosoInventory, contosoPlan, megan, PARTNER_TENANT, system, T0 } from '../fixtures';
import { given, recorded } from '../givenWhenThen';

/** Contoso's plan with buy dates: Business Premium ends 1 Mar 2027, Exchange Online 1 Jun 2027. */
function datedPlan(now = T0, days = 7): Plan {
  return buildPlan(contosoInventory(), CATALOG, {
    term: 'P1Y', billing: 'monthly', partnerTenantId: PARTNER_TENANT, now, skus: sandboxSkuCatalog(), offerMap: defaultOfferMap(), buyDaysBeforeEnd: days,
  });
}

/** Contoso's history up to the plan's approval, with the dated plan. */
function approvedDated(plan = datedPlan()): MoveEvent[] {
  const history = contosoHistory('inventory');
  return [
    ...history,
    { type: 'PlanProposed', at: '2026-11-24T10:02:00.000Z', actor: system, plan, proposer: megan, correlationId: 'corr-1' },
    { type: 'PlanApproved', at: '2026-11-24T10:10:00.000Z', actor: adele, planHash: plan.hash, comment: 'ok', correlationId: 'corr-1' },
  ];
}

const sweep = (type: 'StartDuePurchase', at: string): MoveCommand => ({ type, actor: system, at });
const remind = (at: string): MoveCommand => ({ type: 'RemindPurchase', actor: system, at, leadMs: 24 * 3_600_000 });

/** The cart, order and provisioning of the purchase under way, as the provisioning step records them. */
function buy(history: MoveEvent[], n: number, at: string): MoveEvent[] {
  const commands: MoveCommand[] = [
    { type: 'RecordCart', actor: system, at, customerId: 'c', cartId: `cart-${n}`, requestId: `req-${n}` },
    { type: 'RecordOrder', actor: system, at, orderIds: [`ord-${n}`], subscriptions: [] },
    { type: 'RecordProvisioned', actor: system, at, subscriptions: [], prepaidCheck: [] },
  ];
  let all = history;
  for (const command of commands) all = given(all).when(command).accepted().history;
  return all;
}

describe('buy dates (schedule)', () => {
  it('dates each line a week before its original ends, and at approval when that has passed or the end is unknown', () => {
    const plan = datedPlan();
    assert.deepEqual(plan.lines.map((l) => [l.source.skuPartNumber, l.buyOn]), [['SPB', '2027-02-22'], ['EXCHANGESTANDARD', '2027-05-25']]);
    assert.notEqual(plan.hash, contosoPlan().hash, 'a date is part of what is approved');
    assert.equal(defaultBuyOn('2026-11-30T00:00:00Z', T0, 7), null, 'ends within the week: buy at approval');
    assert.equal(defaultBuyOn(null, T0, 7), null);
    assert.equal(defaultBuyOn('2027-03-01T00:00:00Z', T0, 0), '2027-03-01');
    assert.ok(contosoPlan().lines.every((l) => !l.buyOn), 'a buy-ahead of ten years buys at approval');
  });

  it('groups lines of the same day into one purchase, soonest first, and dates already come into the first', () => {
    const plan = datedPlan();
    assert.deepEqual(purchaseSchedule(plan, T0), [
      { round: 0, buyOn: '2027-02-22', skuIds: [plan.lines[0].source.skuId.toLowerCase()] },
      { round: 1, buyOn: '2027-05-25', skuIds: [plan.lines[1].source.skuId.toLowerCase()] },
    ]);
    assert.deepEqual(purchaseSchedule(plan, '2027-03-10T00:00:00Z').map((p) => p.buyOn), [null, '2027-05-25']);
  });

  it('approving buys nothing while the originals run: the move waits as scheduled', () => {
    const { state } = given(approvedDated()).when(sweep('StartDuePurchase', '2027-02-21T23:59:59.000Z')).accepted();
    assert.equal(state.stage, 'scheduled');
    assert.equal(state.cart, null);
    given(approvedDated()).when(sweep('StartDuePurchase', '2027-02-21T23:59:59.000Z')).then([]);
    given(approvedDated()).when({ type: 'RecordCart', actor: system, at: '2027-01-01T00:00:00Z', customerId: 'c', cartId: 'x', requestId: 'r' })
      .refused('wrong-stage');
  });

  it('starts each purchase once on its day, each with its own cart and order, then goes on to the originals', () => {
    const history = approvedDated();
    const first = given(history).when(sweep('StartDuePurchase', '2027-02-22T00:00:00.000Z'))
      .then([{ type: 'PurchaseDue', ...recorded(system, '2027-02-22T00:00:00.000Z'), round: 0, buyOn: '2027-02-22' }]);
    given(first.history).when(sweep('StartDuePurchase', '2027-02-22T00:05:00.000Z')).refused('wrong-stage');
    const afterFirst = buy(first.history, 1, '2027-02-22T01:00:00.000Z');
    const between = afterFirst.reduce(evolve, given([]).state);
    assert.equal(between.stage, 'scheduled');
    assert.equal(between.bought, 1);
    given(afterFirst).when(sweep('StartDuePurchase', '2027-05-24T12:00:00.000Z')).then([]);
    const second = given(afterFirst).when(sweep('StartDuePurchase', '2027-05-25T00:00:01.000Z'))
      .then([{ type: 'PurchaseDue', ...recorded(system, '2027-05-25T00:00:01.000Z'), round: 1, buyOn: '2027-05-25' }]);
    assert.equal(second.state.cart, null, 'the second purchase gets a cart of its own');
    const done = buy(second.history, 2, '2027-05-25T01:00:00.000Z').reduce(evolve, given([]).state);
    assert.equal(done.stage, 'source-advice');
    assert.deepEqual(done.orderIds, ['ord-1', 'ord-2']);
  });

  it('a line due at approval is bought at once, and the later one waits', () => {
    const plan = datedPlan('2026-11-24T09:00:00.000Z', 100);
    assert.deepEqual(plan.lines.map((l) => l.buyOn), [null, '2027-02-21']);
    assert.equal(given(approvedDated(plan)).state.stage, 'provisioning');
    given(approvedDated(plan)).when(sweep('StartDuePurchase', T0)).refused('wrong-stage');
    const bought = buy(approvedDated(plan), 1, '2026-11-24T11:00:00.000Z').reduce(evolve, given([]).state);
    assert.equal(bought.stage, 'scheduled');
    assert.equal(bought.schedule[bought.bought]?.buyOn, '2027-02-21');
  });

  it('reminds the approvers once, the day before', () => {
    const history = approvedDated();
    given(history).when(remind('2027-02-20T23:59:00.000Z')).then([]);
    const reminded = given(history).when(remind('2027-02-21T00:00:00.000Z'))
      .then([{ type: 'PurchaseReminderDue', ...recorded(system, '2027-02-21T00:00:00.000Z'), round: 0, buyOn: '2027-02-22' }]);
    given(reminded.history).when(remind('2027-02-21T06:00:00.000Z')).then([]);
  });

  it('cancelling while scheduled stops what is not bought, even after a first purchase', () => {
    const cancel = (at: string): MoveCommand => ({ type: 'CancelMove', actor: megan, at, reason: 'The customer stays with its partner.' });
    assert.equal(given(approvedDated()).when(cancel('2027-01-10T00:00:00Z')).accepted().state.stage, 'cancelled');
    const afterFirst = buy(given(approvedDated()).when(sweep('StartDuePurchase', '2027-02-22T00:00:00.000Z')).accepted().history, 1, '2027-02-22T01:00:00.000Z');
    const cancelled = given(afterFirst).when(cancel('2027-03-01T00:00:00Z')).accepted().state;
    assert.equal(cancelled.stage, 'cancelled');
    given(afterFirst).when(sweep('StartDuePurchase', '2027-05-25T00:00:01.000Z')).accepted();
    const after = given([...afterFirst, ...given(afterFirst).when(cancel('2027-03-01T00:00:00Z')).accepted().events]);
    after.when(sweep('StartDuePurchase', '2027-05-26T00:00:00.000Z')).refused('wrong-stage');
  });
});
