/** move/decide/planAdjustment.ts: staff change a line before approval; the plan is redrawn and approved again. */
import assert from 'node:assert/strict';
import type { MoveCommand, PlanLineChange } from '../../../move/commands';
import { termDefaultWarning } from '../../../move/plan';
import { adele, alex, contosoHistory, isaiah, megan, SPB, EXO1, system } from '../fixtures';
import { given, recorded } from '../givenWhenThen';

const proposed = contosoHistory('proposed');
const plan = given(proposed).state.plan!;
const spb = plan.lines.find((l) => l.source.skuId === SPB)!;

function change(overrides: Partial<PlanLineChange> = {}): PlanLineChange {
  return { sourceSkuId: SPB, termDuration: spb.termDuration, billingCycle: spb.billingCycle, quantity: spb.quantity, buyOn: null, ...overrides };
}

function adjust(changes: PlanLineChange[], overrides: Partial<Extract<MoveCommand, { type: 'AdjustPlan' }>> = {}): MoveCommand {
  return { type: 'AdjustPlan', actor: adele, at: '2026-11-24T12:00:00.000Z', planHash: plan.hash, changes, ...overrides };
}

describe('decider: changing the plan before approval', () => {
  it('redraws the plan with a new hash, proposed by whoever changed it', () => {
    const changes = [change({ termDuration: 'P1Y', billingCycle: 'annual', quantity: 22, buyOn: '2027-02-20' })];
    const { events, state } = given(proposed).when(adjust(changes)).accepted();
    assert.equal(events.length, 1);
    const event = events[0] as Extract<typeof events[0], { type: 'PlanAdjusted' }>;
    assert.deepEqual({ ...event, plan: undefined }, { type: 'PlanAdjusted', ...recorded(adele, '2026-11-24T12:00:00.000Z'), plan: undefined, changes });
    const line = state.plan!.lines.find((l) => l.source.skuId === SPB)!;
    assert.deepEqual([line.termDuration, line.billingCycle, line.quantity, line.buyOn], ['P1Y', 'annual', 22, '2027-02-20']);
    assert.notEqual(state.plan!.hash, plan.hash);
    assert.ok(!line.warnings.includes(termDefaultWarning('P1Y', 'monthly')), 'a chosen term is no longer the configured default');
    assert.equal(state.stage, 'approval');
    assert.equal(state.proposer?.id, adele.id);
  });

  it('an approval of the plan shown before the change buys nothing; the changer cannot approve their own change (four-eyes)', () => {
    const { history, state } = given(proposed).when(adjust([change({ quantity: 24 })])).accepted();
    given(history).when({ type: 'ApprovePlan', actor: alex, at: '2026-11-24T12:05:00.000Z', planHash: plan.hash, comment: '' }).refused('stale-plan');
    given(history).when({ type: 'ApprovePlan', actor: adele, at: '2026-11-24T12:05:00.000Z', planHash: state.plan!.hash, comment: '' }).refused('four-eyes');
    given(history).when({ type: 'ApprovePlan', actor: alex, at: '2026-11-24T12:05:00.000Z', planHash: state.plan!.hash, comment: '' }).accepted();
  });

  it('refuses what cannot be bought, changing nothing', () => {
    given(proposed).when(adjust([change({ quantity: 19 })])).refused('invalid-input', /19 is fewer than the 20 licences assigned today/);
    given(proposed).when(adjust([change({ quantity: 2.5 })])).refused('invalid-input', /2\.5 is not a whole number of licences/);
    given(proposed).when(adjust([change({ quantity: 1_000_000 })])).refused('invalid-input', /more than the 100000/);
    given(proposed).when(adjust([change({ buyOn: '2026-11-23' })])).refused('invalid-input', /2026-11-23 has passed \(today is 2026-11-24\)/);
    given(proposed).when(adjust([change({ buyOn: '2027-03-02' })])).refused('invalid-input', /after the original ends \(2027-03-01\)/);
    given(proposed).when(adjust([change({ sourceSkuId: 'not-a-line' })])).refused('invalid-input', /not a line of the current plan/);
    given(proposed).when(adjust([change()])).refused('invalid-input', /Nothing was changed/);
    given(proposed).when(adjust([change({ quantity: 30 })], { planHash: 'old' })).refused('stale-plan');
    given(proposed).when(adjust([change({ quantity: 30 })], { actor: isaiah })).refused('not-allowed', /Only an Account admin, an Admin agent, a Sales agent or a Billing agent can change this plan/);
    given(contosoHistory('approved')).when(adjust([change({ quantity: 30 })])).refused('wrong-stage');
  });

  it('a term the sheet does not sell the offer in is refused', () => {
    const exo = plan.lines.find((l) => l.source.skuId === EXO1)!;
    const priced = { ...plan, lines: plan.lines.map((l) => l === exo ? { ...l, offers: l.offers.map((o) => ({ ...o, prices: [{ productId: o.productId, skuId: o.skuId, termDuration: 'P1Y' as const, billingCycle: 'monthly' as const, currency: 'USD', termPriceMicros: 48_000_000, erpTermPriceMicros: null, source: 'price-sheet' as const, effectiveFrom: null, effectiveTo: null }] })) } : l) };
    const history = [...contosoHistory('inventory'), { type: 'PlanProposed' as const, at: '2026-11-24T10:02:00.000Z', actor: system, plan: priced, proposer: megan, correlationId: 'corr-1' }];
    given(history).when(adjust([{ sourceSkuId: EXO1, termDuration: 'P3Y', billingCycle: 'triennial', quantity: exo.quantity, buyOn: null }], { planHash: priced.hash }))
      .refused('invalid-input', /not sold as 3 years, billed every 3 years/);
  });
});
