/**
 * Offer matching over Microsoft's real SKU table (shared/data, never committed): the offers are the
 * project's offer map (a catalog as Partner Center would list it), minus what each case says is not sold.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CatalogOffer, InventoryLine } from '../../move/model';
import { defaultOfferMap } from '../../move/offerMap';
import { buildPlan } from '../../move/plan';
import { skuCatalogFrom, type SkuCatalog } from '../../move/skuCatalog';
import { parseLicensingCsv } from '../../services/skuCatalog/licensingCsv';
import { skusMissingFromCsv } from '../../services/skuCatalog/missingSkus';

const CSV = path.resolve(__dirname, '../../..', 'shared/data/licensing-service-plan-reference.csv');
const NOW = '2026-11-24T09:00:00.000Z';

/** SKUs no NCE id is known for: test-only offers, so the no-Teams bundles and Teams EEA can be sold here. */
const TEST_OFFERS: Array<{ offer: string; skuPartNumber: string }> = [
  { offer: 'TESTO365E3NT:0001', skuPartNumber: 'Office_365_E3_(no_Teams)' },
  { offer: 'TESTTEAMSEEA:0001', skuPartNumber: 'Microsoft_Teams_EEA_New' },
];

describe('plan: offer matching over Microsoft\'s SKU table', function () {
  let skus: SkuCatalog;

  before(function () {
    if (!existsSync(CSV)) {
      console.log(`      skipped: ${CSV} is absent (Microsoft's licensing CSV; see shared/data/README.md)`);
      this.skip();
    }
    skus = skuCatalogFrom(parseLicensingCsv(readFileSync(CSV, 'utf8')), { source: CSV, asOf: null, stale: false, problem: null }, skusMissingFromCsv());
  });

  function sku(partNumber: string) {
    const found = skus.byPartNumber(partNumber);
    if (!found) throw new Error(`${partNumber} is not in the table`);
    return found;
  }

  function catalog(notSold: string[]): CatalogOffer[] {
    const map = defaultOfferMap().data.offers
      .filter((o) => !notSold.includes(o.skuPartNumber))
      .map((o) => ({ offer: o.offer, title: o.title, provisioningId: o.graphSkuId }));
    const extra = TEST_OFFERS.filter((t) => !notSold.includes(t.skuPartNumber))
      .map((t) => ({ offer: t.offer, title: sku(t.skuPartNumber).displayName, provisioningId: sku(t.skuPartNumber).skuId }));
    return [...map, ...extra].map((o) => {
      const [productId, skuId] = o.offer.split(':');
      return { productId, skuId, title: o.title, provisioningId: o.provisioningId, minimumQuantity: 1, maximumQuantity: 5000, isTrial: false };
    });
  }

  function line(partNumber: string, offForEveryone: string[] = []): InventoryLine {
    const s = sku(partNumber);
    return {
      skuId: s.skuId, skuPartNumber: s.skuPartNumber, capabilityStatus: 'Enabled', appliesTo: 'User', totalUnits: 40, consumedUnits: 38,
      servicePlans: s.servicePlans.map((p) => ({ id: p.id, name: p.name })),
      subscriptions: [{ id: 's1', skuId: s.skuId, skuPartNumber: s.skuPartNumber, status: 'Enabled', totalLicenses: 40, isTrial: false, createdDateTime: null, nextLifecycleDateTime: '2027-03-01T00:00:00Z', ownerTenantId: null }],
      usage: { assignedUsers: 38, enabledPlanIds: s.servicePlans.filter((p) => !offForEveryone.includes(p.name)).map((p) => p.id) },
    };
  }

  function planFor(source: InventoryLine, notSold: string[]) {
    return buildPlan({ lines: [source], takenAt: NOW }, catalog(notSold), {
      term: 'P1Y', billing: 'monthly', partnerTenantId: 'partner', now: NOW, skus, offerMap: defaultOfferMap(),
    });
  }

  const cases: Array<{ name: string; source: string; off?: string[]; notSold: string[]; match: 'same' | 'equivalent' | 'none'; offers?: string[]; upgrade?: boolean }> = [
    { name: 'Microsoft 365 E3 sold: same offer', source: 'SPE_E3', notSold: [], match: 'same', offers: ['Microsoft 365 E3'] },
    { name: 'Microsoft 365 E3 not sold: E3 (no Teams) + Teams Enterprise', source: 'SPE_E3', notSold: ['SPE_E3'], match: 'equivalent', offers: ['Microsoft 365 E3 (no Teams)', 'Microsoft Teams Enterprise'], upgrade: false },
    { name: 'Microsoft 365 E3 not sold, nobody uses Teams: E3 (no Teams) alone', source: 'SPE_E3', off: ['TEAMS1'], notSold: ['SPE_E3'], match: 'equivalent', offers: ['Microsoft 365 E3 (no Teams)'] },
    { name: 'EEA market (Teams Enterprise not sold): E3 (no Teams) + Teams EEA', source: 'SPE_E3', notSold: ['SPE_E3', 'Microsoft_Teams_Enterprise_New', 'TEAMS_ESSENTIALS_AAD'], match: 'equivalent', offers: ['Microsoft 365 E3 (no Teams)', 'Microsoft Teams EEA'] },
    { name: 'Office 365 E3 not sold: its no-Teams twin + Teams Enterprise, never the Microsoft 365 E3 upgrade', source: 'ENTERPRISEPACK', notSold: ['ENTERPRISEPACK'], match: 'equivalent', offers: ['Office 365 E3 (no Teams)', 'Microsoft Teams Enterprise'], upgrade: false },
    { name: 'Business Premium not sold: Business Premium (no Teams) + Teams Enterprise', source: 'SPB', notSold: ['SPB'], match: 'equivalent', offers: ['Microsoft 365 Business Premium (no Teams)', 'Microsoft Teams Enterprise'], upgrade: false },
    {
      name: 'Business Standard not sold, users without Yammer, Kaizala, Invoicing, Relationship Management: (no Teams) + Teams Enterprise',
      source: 'O365_BUSINESS_PREMIUM', off: ['YAMMER_ENTERPRISE', 'KAIZALA_O365_P2', 'DYN365BC_MS_INVOICING', 'O365_SB_Relationship_Management'],
      notSold: ['O365_BUSINESS_PREMIUM', 'SPB'], match: 'equivalent', offers: ['Microsoft 365 Business Standard (no Teams)', 'Microsoft Teams Enterprise'], upgrade: false,
    },
    { name: 'Business Standard not sold, all plans in use: only an upgrade covers, and the line says so', source: 'O365_BUSINESS_PREMIUM', notSold: ['O365_BUSINESS_PREMIUM'], match: 'equivalent', upgrade: true },
    {
      name: 'Microsoft 365 E5 with no E5-class offer sold: none, with the missing plans named',
      source: 'SPE_E5', notSold: ['SPE_E5', 'SPE_E5_NOPSTNCONF', 'Microsoft_365_E5_(no_Teams)', 'ENTERPRISEPREMIUM', 'ENTERPRISEPREMIUM_NOPSTNCONF', 'EMSPREMIUM', 'AAD_PREMIUM_P2'],
      match: 'none',
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const plan = planFor(line(c.source, c.off), c.notSold);
      if (c.match === 'none') {
        assert.equal(plan.lines.length, 0);
        assert.equal(plan.blockers[0].kind, 'no-equivalent');
        assert.ok(plan.blockers[0].missingPlans.length > 0, 'names the missing plans');
        assert.ok(plan.blockers[0].reason.includes(plan.blockers[0].missingPlans[0]));
        assert.ok(plan.blockers[0].candidates.length > 0, 'offers picks to an Account admin');
        return;
      }
      assert.equal(plan.blockers.length, 0, plan.blockers.map((b) => b.reason).join('\n'));
      const l = plan.lines[0];
      assert.equal(l.match, c.match);
      if (c.offers) assert.deepEqual(l.offers.map((o) => o.title), c.offers);
      assert.equal(l.needsReassignment, c.match !== 'same');
      if (c.upgrade !== undefined) assert.equal(l.warnings.some((w) => /This is an upgrade/.test(w)), c.upgrade);
      assert.equal(l.quantity, 40, 'the same total licences');
    });
  }
});
