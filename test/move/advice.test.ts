import assert from 'node:assert/strict';
import { adviseOnSources, type AdviceContext } from '../../move/advice';
import type { Inventory, SourceSubscription } from '../../move/model';

const PARTNER = 'partner-tenant';
const OTHER = 'other-partner-tenant';
const SKU = '05e9a617-0261-4cee-bb44-138d3ef5d965';

function inventory(...subscriptions: Array<Partial<SourceSubscription>>): Inventory {
  return {
    takenAt: '2026-11-24T09:00:00Z',
    lines: [{
      skuId: SKU, skuPartNumber: 'SPE_E3', capabilityStatus: 'Enabled', appliesTo: 'User', totalUnits: 50, consumedUnits: 46, servicePlans: [],
      subscriptions: subscriptions.map((s, i) => ({
        id: `sub-${i}`, skuId: SKU, skuPartNumber: 'SPE_E3', status: 'Enabled', totalLicenses: 50, isTrial: false, createdDateTime: null,
        nextLifecycleDateTime: '2027-02-18T00:00:00Z', ownerTenantId: null, ...s,
      })),
    }],
  };
}

function context(over: Partial<AdviceContext> = {}): AdviceContext {
  return { source: 'microsoft-direct', multiPartner: false, partnerTenantId: PARTNER, hasDelegatedAdmin: true, movedSkuIds: new Set([SKU]), ...over };
}

describe('source advice per subscription and channel', () => {
  const cases: Array<{ name: string; sub: Partial<SourceSubscription>; ctx?: Partial<AdviceContext>; kind: string; text: RegExp[]; none?: RegExp[] }> = [
    { name: 'Microsoft direct with delegated admin: let it expire, or a credit the partner can request', sub: {}, kind: 'let-expire-or-credit',
      text: [/Let it expire on 2027-02-18/, /no refund/, /credit through Microsoft 365 billing support/, /you can open that request for the customer/] },
    { name: 'Microsoft direct without delegated admin: the customer asks for the credit', sub: {}, ctx: { hasDelegatedAdmin: false }, kind: 'let-expire-or-credit',
      text: [/ask the customer to open that request/] },
    { name: 'another CSP partner (owner known): let it expire or transfer partner-to-partner', sub: { ownerTenantId: OTHER }, ctx: { source: 'other-csp-partner' }, kind: 'let-expire-or-transfer',
      text: [/another CSP partner/, /partner-to-partner transfer/, /turn off auto-renew/] },
    { name: 'another CSP partner (typed in, owner unknown): the same advice', sub: {}, ctx: { source: 'other-csp-partner' }, kind: 'let-expire-or-transfer', text: [/partner-to-partner transfer/] },
    { name: 'another licensing program: let it expire', sub: {}, ctx: { source: 'other-program' }, kind: 'let-expire', text: [/Let it expire/], none: [/credit/, /transfer/] },
    { name: 'unknown end date: ask the seller, never cancel early', sub: { nextLifecycleDateTime: null }, kind: 'unknown-expiry', text: [/end date is unknown/, /do not cancel early/] },
    { name: 'multi-partner customers keep their other partner', sub: { ownerTenantId: OTHER }, ctx: { source: 'other-csp-partner', multiPartner: true }, kind: 'let-expire-or-transfer', text: [/keeps its other partner/] },
    { name: 'a monthly term gets no reminders before each renewal', sub: { term: { termDuration: 'P1M', billingCycle: 'monthly' } }, kind: 'let-expire-or-credit', text: [/monthly term/, /no reminder/] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [advice] = adviseOnSources(inventory(c.sub), context(c.ctx));
      assert.equal(advice.kind, c.kind);
      for (const r of c.text) assert.match(advice.text, r);
      for (const r of c.none ?? []) assert.doesNotMatch(advice.text, r);
      assert.equal(advice.monthly, c.sub.term?.termDuration === 'P1M');
    });
  }

  it('never advises on trials, on our own subscriptions, or on licences the plan did not buy', () => {
    assert.deepEqual(adviseOnSources(inventory({ isTrial: true }, { ownerTenantId: PARTNER }), context()), []);
    assert.deepEqual(adviseOnSources(inventory({}), context({ movedSkuIds: new Set() })), []);
  });
});
