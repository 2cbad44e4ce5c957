import assert from 'node:assert/strict';
import type { CatalogOffer, InventoryLine, Inventory, SourceSubscription } from '../../move/model';
import { defaultOfferMap, OfferMap } from '../../move/offerMap';
import { buildPlan, cartQuantities, type OfferChoice, type PlanOptions } from '../../move/plan';
import { unavailableSkuCatalog } from '../../move/skuCatalog';
import { CATALOG_PRODUCTS } from '../../sandbox/world/catalog';
import { ALL_SKUS } from '../../sandbox/world/skus';
import { sandboxSkuCatalog } from '../support/skuCatalogs';

const NOW = '2026-11-24T09:00:00.000Z';
const PARTNER = '00000000-0000-0000-0000-0000000000001';

function sku(partNumber: string) {
  const found = ALL_SKUS.find((s) => s.skuPartNumber === partNumber);
  if (!found) throw new Error(`no sandbox SKU ${partNumber}`);
  return found;
}

/** The sandbox catalog as Partner Center lists it (Microsoft 365 E3 with Teams is not sold there). */
function sandboxOffers(): CatalogOffer[] {
  return CATALOG_PRODUCTS.flatMap((p) => p.skus.map((s) => ({
    productId: p.productId, skuId: s.catalogSkuId, title: s.title, provisioningId: s.graphSku.skuId,
    minimumQuantity: s.minimumQuantity, maximumQuantity: s.maximumQuantity, isTrial: false,
  })));
}

interface LineSpec {
  total: number;
  consumed?: number;
  /** Plans every holder has switched off (so no user has them on). */
  offForEveryone?: string[];
  /** null: nobody could tell which plans users have on. */
  usageKnown?: boolean;
  ends?: string | null;
  term?: SourceSubscription['term'];
  trial?: boolean;
  owner?: string | null;
}

function line(partNumber: string, spec: LineSpec): InventoryLine {
  const s = sku(partNumber);
  const off = new Set(spec.offForEveryone ?? []);
  return {
    skuId: s.skuId, skuPartNumber: s.skuPartNumber, capabilityStatus: 'Enabled', appliesTo: 'User',
    totalUnits: spec.total, consumedUnits: spec.consumed ?? spec.total,
    servicePlans: s.servicePlans.map((p) => ({ id: p.servicePlanId, name: p.servicePlanName })),
    subscriptions: [{
      id: `sub-${partNumber}`, skuId: s.skuId, skuPartNumber: s.skuPartNumber, status: 'Enabled', totalLicenses: spec.total,
      isTrial: spec.trial ?? false, createdDateTime: '2026-01-01T00:00:00Z',
      nextLifecycleDateTime: spec.ends === undefined ? '2027-02-18T00:00:00.000Z' : spec.ends, ownerTenantId: spec.owner ?? null, term: spec.term ?? null,
    }],
    usage: spec.usageKnown === false ? null : {
      assignedUsers: spec.consumed ?? spec.total,
      enabledPlanIds: s.servicePlans.filter((p) => !off.has(p.servicePlanName)).map((p) => p.servicePlanId),
    },
  };
}

function options(overrides: Partial<PlanOptions> = {}): PlanOptions {
  return { term: 'P1Y', billing: 'monthly', partnerTenantId: PARTNER, now: NOW, skus: sandboxSkuCatalog(), offerMap: defaultOfferMap(), ...overrides };
}

function plan(lines: InventoryLine[], overrides: Partial<PlanOptions> = {}, offers = sandboxOffers()) {
  const inventory: Inventory = { lines, takenAt: NOW };
  return buildPlan(inventory, offers, options(overrides));
}

const titles = (p: ReturnType<typeof plan>, i = 0) => p.lines[i].offers.map((o) => o.title);
/** The shipped map without its preferred sets: the ranking alone decides. */
const NO_PREFERENCES = new OfferMap({ offers: defaultOfferMap().data.offers, preferred: [] });

describe('plan: offer matching over the sandbox SKUs', () => {
  const cases: Array<{ name: string; lines: InventoryLine[]; overrides?: Partial<PlanOptions>; expect: (p: ReturnType<typeof plan>) => void }> = [
    {
      name: 'same offer: Business Premium is sold, so it is bought as is, with no reassignment',
      lines: [line('SPB', { total: 25, consumed: 20 })],
      expect: (p) => {
        assert.equal(p.lines[0].match, 'same');
        assert.deepEqual(titles(p), ['Microsoft 365 Business Premium']);
        assert.equal(p.lines[0].quantity, 25);
        assert.equal(p.lines[0].needsReassignment, false);
      },
    },
    {
      name: 'equivalent: Microsoft 365 E3 (not sold) → E3 (no Teams) + Teams Enterprise, TEAMS1 from Teams',
      lines: [line('SPE_E3', { total: 50, consumed: 46 })],
      expect: (p) => {
        assert.equal(p.lines[0].match, 'equivalent');
        assert.deepEqual(titles(p), ['Microsoft 365 E3 (no Teams)', 'Microsoft Teams Enterprise']);
        assert.equal(p.lines[0].needsReassignment, true);
        assert.match(p.lines[0].reason, /TEAMS1 from Microsoft Teams Enterprise/);
        assert.match(p.lines[0].reason, /offer map prefers/);
        assert.equal(p.lines[0].quantity, 50);
      },
    },
    {
      name: 'equivalent by ranking alone: the pair with the least surplus wins over other Teams carriers',
      lines: [line('SPE_E3', { total: 50 })],
      overrides: { offerMap: NO_PREFERENCES },
      expect: (p) => {
        assert.deepEqual(titles(p), ['Microsoft 365 E3 (no Teams)', 'Microsoft Teams Enterprise']);
        assert.match(p.lines[0].reason, /fewest offers with the least waste/);
        const also = p.lines[0].warnings.find((w) => /Also covering/.test(w));
        assert.ok(also, 'nearly-as-good sets are named');
        assert.doesNotMatch(also, /Office 365 E3/, 'not a whole suite bought for one plan');
      },
    },
    {
      name: 'disabled plans: nobody has Teams on, so E3 (no Teams) alone is equivalent',
      lines: [line('SPE_E3', { total: 50, offForEveryone: ['TEAMS1'] })],
      expect: (p) => {
        assert.deepEqual(titles(p), ['Microsoft 365 E3 (no Teams)']);
        assert.deepEqual(p.lines[0].ignoredPlans, ['TEAMS1']);
        assert.match(p.lines[0].reason, /Ignored, since no user has them on: TEAMS1/);
      },
    },
    {
      name: 'none: Microsoft 365 E5 (not sold, nothing covers it) blocks, naming the missing plans and offering picks',
      lines: [line('SPE_E5', { total: 10 })],
      expect: (p) => {
        assert.equal(p.lines.length, 0);
        assert.equal(p.blockers[0].kind, 'no-equivalent');
        assert.ok(p.blockers[0].missingPlans.length > 0);
        assert.ok(p.blockers[0].candidates.length > 0);
        assert.match(p.blockers[0].reason, /missing: /);
      },
    },
    {
      name: 'quantity error: fewer licences than assigned users blocks the line',
      lines: [line('SPB', { total: 20, consumed: 22 })],
      expect: (p) => {
        assert.equal(p.blockers[0].kind, 'below-consumed');
        assert.match(p.blockers[0].reason, /22 SPB licences are assigned but only 20/);
      },
    },
    {
      name: 'quantity limit: Business Premium is capped at 300 seats',
      lines: [line('SPB', { total: 350, consumed: 340 })],
      expect: (p) => {
        assert.equal(p.blockers[0].kind, 'quantity-limit');
        assert.match(p.blockers[0].reason, /from 1 to 300/);
      },
    },
    {
      name: 'unknown term: the configured default is bought and the card says the term is unknown',
      lines: [line('SPB', { total: 25 })],
      expect: (p) => {
        assert.equal(p.lines[0].source.term, null);
        assert.equal(p.lines[0].termDuration, 'P1Y');
        assert.ok(p.lines[0].warnings.some((w) => /term is unknown/.test(w)));
      },
    },
    {
      name: 'known term (typed in): bought like the source, no guess',
      lines: [line('SPB', { total: 25, term: { termDuration: 'P1M', billingCycle: 'monthly' } })],
      expect: (p) => {
        assert.deepEqual(p.lines[0].source.term, { termDuration: 'P1M', billingCycle: 'monthly' });
        assert.equal(p.lines[0].termDuration, 'P1M');
        assert.ok(!p.lines[0].warnings.some((w) => /term is unknown/.test(w)));
      },
    },
    {
      name: 'dates: an original in its grace period and one ending soon are called out; an unknown end says so',
      lines: [line('SPB', { total: 5, ends: '2026-11-20T00:00:00Z' }), line('EXCHANGESTANDARD', { total: 5, ends: '2026-11-30T00:00:00Z' }), line('POWER_BI_PRO', { total: 2, ends: null })],
      expect: (p) => {
        assert.ok(p.lines[0].warnings.some((w) => /grace period/.test(w)));
        assert.ok(p.lines[1].warnings.some((w) => /in 5 days/.test(w)));
        assert.ok(p.lines[2].warnings.some((w) => /end date is unknown/.test(w)));
        assert.equal(p.lines[2].source.endsAt, null);
      },
    },
    {
      name: 'grace period: a subscription Graph shows as Warning has expired; the line says to approve soon',
      lines: [{ ...line('EXCHANGEENTERPRISE', { total: 5, ends: '2026-12-19T00:00:00Z' }), capabilityStatus: 'Warning',
        subscriptions: [{ ...line('EXCHANGEENTERPRISE', { total: 5 }).subscriptions[0], status: 'Warning', nextLifecycleDateTime: '2026-12-19T00:00:00Z' }] }],
      expect: (p) => {
        assert.equal(p.lines[0].match, 'same');
        assert.ok(p.lines[0].warnings.some((w) => /grace period until 2026-12-19/.test(w)));
      },
    },
    {
      name: 'exclusions: trials and free licences are listed, not bought; our own subscriptions need no move',
      lines: [line('SPE_E5', { total: 25, trial: true }), line('FLOW_FREE', { total: 10000, consumed: 5 }), line('POWER_BI_PRO', { total: 5, owner: PARTNER })],
      expect: (p) => {
        assert.equal(p.lines.length, 0);
        assert.deepEqual(p.excluded.map((e) => e.skuPartNumber), ['SPE_E5', 'FLOW_FREE', 'POWER_BI_PRO']);
        assert.match(p.excluded[0].reason, /Trial/);
        assert.match(p.excluded[2].reason, /Already bought through us/);
      },
    },
    {
      name: 'usage unknown: every plan must be covered and the plan says why',
      lines: [line('SPE_E3', { total: 50, usageKnown: false })],
      expect: (p) => {
        assert.deepEqual(titles(p), ['Microsoft 365 E3 (no Teams)', 'Microsoft Teams Enterprise']);
        assert.ok(p.warnings.some((w) => /Which service plans users have on is unknown/.test(w)));
      },
    },
    {
      name: 'no SKU table: same offers still match; equivalents block with the reason and the fix',
      lines: [line('SPB', { total: 25 }), line('SPE_E3', { total: 50 })],
      overrides: { skus: unavailableSkuCatalog('https://example.invalid/skus.csv', 'Reading the SKU table failed: 404. Set SKU_CATALOG_SOURCE.') },
      expect: (p) => {
        assert.equal(p.lines[0].match, 'same');
        assert.equal(p.blockers[0].skuPartNumber, 'SPE_E3');
        assert.match(p.blockers[0].reason, /SKU_CATALOG_SOURCE/);
        assert.ok(p.warnings.some((w) => /SKU table is not loaded/.test(w)));
      },
    },
    {
      name: 'an Account admin\'s pick for a licence nothing covers becomes a "chosen" line naming what users lose',
      lines: [line('SPE_E5', { total: 10 })],
      overrides: {
        choices: [{
          sourceSkuId: sku('SPE_E5').skuId, by: { id: 'u-1', name: 'Patti Fernandez', roles: ['account-admin'] }, reason: 'Customer agreed to drop the E5 security add-ons.', at: NOW,
          offers: [{ productId: 'CFQ7TTC0LFLX', skuId: '0021', title: 'Microsoft 365 E3 (no Teams)', provisioningId: sku('Microsoft_365_E3_(no_Teams)').skuId, listPriceUsd: 30.45 },
            { productId: 'CFQ7TTC0MZJF', skuId: '0009', title: 'Microsoft Teams Enterprise', provisioningId: sku('Microsoft_Teams_Enterprise_New').skuId, listPriceUsd: null }],
        } satisfies OfferChoice],
      },
      expect: (p) => {
        assert.equal(p.blockers.length, 0);
        assert.equal(p.lines[0].match, 'chosen');
        assert.ok(p.lines[0].lostPlans.length > 0);
        assert.match(p.lines[0].reason, /Picked by Patti Fernandez/);
        assert.ok(p.lines[0].warnings.some((w) => /Users lose/.test(w)));
      },
    },
  ];

  for (const c of cases) {
    it(c.name, () => c.expect(plan(c.lines, c.overrides)));
  }

  it('the same inventory always gives the same plan hash; a different offer set changes it', () => {
    const a = plan([line('SPE_E3', { total: 50 })]);
    const b = plan([line('SPE_E3', { total: 50 })]);
    const c = plan([line('SPE_E3', { total: 50, offForEveryone: ['TEAMS1'] })]);
    assert.equal(a.hash, b.hash);
    assert.notEqual(a.hash, c.hash);
  });

  it('the cart buys each offer once, adding up the lines that need it', () => {
    const p = plan([line('SPE_E3', { total: 50 }), line('ENTERPRISEPACK', { total: 10 })], {}, sandboxOffers().filter((o) => o.productId !== 'CFQ7TTC0LF8R'));
    const teams = cartQuantities(p).filter((c) => c.offer.title === 'Microsoft Teams Enterprise');
    assert.equal(teams.length, 1);
    assert.equal(teams[0].quantity, p.lines.filter((l) => l.offers.some((o) => o.title === 'Microsoft Teams Enterprise')).reduce((n, l) => n + l.quantity, 0));
  });

  it('a catalog offer without provisioningId is matched through the offer map', () => {
    const offers = sandboxOffers().map((o) => (o.productId === 'CFQ7TTC0LCHC' ? { ...o, provisioningId: null } : o));
    const p = plan([line('SPB', { total: 25 })], {}, offers);
    assert.equal(p.lines[0].match, 'same');
  });
});
