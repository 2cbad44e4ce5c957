/**
 * Offer matching over SKU tables in the layout of Microsoft's licensing CSV: the project's own (the sandbox's
 * hand-typed SKUs, test/support/skuTableFixture.ts) and, where it is beside the project, Microsoft's whole table
 * (../shared/data, never copied into the project). The offers are the project's offer map (a catalog as Partner
 * Center would list it), minus what each case says is not sold. Cases whose offers only Microsoft's whole table
 * describes run on that table alone, and are skipped, saying why, where it is absent.
 */
import assert from 'node:assert/strict';
import type { CatalogOffer, InventoryLine } from '../../move/model';
import { defaultOfferMap } from '../../move/offerMap';
import { buildPlan } from '../../move/plan';
import type { SkuCatalog } from '../../move/skuCatalog';
import { microsoftSkuCatalog, projectSkuCatalog, skipWithoutMicrosoftSkuTable } from '../support/skuTableFixture';

const NOW = '2026-11-24T09:00:00.000Z';

/** SKUs no NCE id is known for: test-only offers, so the no-Teams bundles and Teams EEA can be sold here. */
const TEST_OFFERS: Array<{ offer: string; skuPartNumber: string }> = [
  { offer: 'TESTO365E3NT:0001', skuPartNumber: 'Office_365_E3_(no_Teams)' },
  { offer: 'TESTTEAMSEEA:0001', skuPartNumber: 'Microsoft_Teams_EEA_New' },
];

interface MatchCase {
  name: string;
  source: string;
  off?: string[];
  notSold: string[];
  match: 'same' | 'equivalent' | 'none';
  offers?: string[];
  upgrade?: boolean;
  /** The SKU the case needs that only Microsoft's whole table has (the project's data lacks it). */
  onlyInMicrosoftTable?: string;
}

const CASES: MatchCase[] = [
  { name: 'Microsoft 365 E3 sold: same offer', source: 'SPE_E3', notSold: [], match: 'same', offers: ['Microsoft 365 E3'] },
  { name: 'Microsoft 365 E3 not sold: E3 (no Teams) + Teams Enterprise', source: 'SPE_E3', notSold: ['SPE_E3'], match: 'equivalent', offers: ['Microsoft 365 E3 (no Teams)', 'Microsoft Teams Enterprise'], upgrade: false },
  { name: 'Microsoft 365 E3 not sold, nobody uses Teams: E3 (no Teams) alone', source: 'SPE_E3', off: ['TEAMS1'], notSold: ['SPE_E3'], match: 'equivalent', offers: ['Microsoft 365 E3 (no Teams)'] },
  {
    name: 'EEA market (Teams Enterprise not sold): E3 (no Teams) + Teams EEA', source: 'SPE_E3', notSold: ['SPE_E3', 'Microsoft_Teams_Enterprise_New', 'TEAMS_ESSENTIALS_AAD'],
    match: 'equivalent', offers: ['Microsoft 365 E3 (no Teams)', 'Microsoft Teams EEA'], onlyInMicrosoftTable: 'Microsoft_Teams_EEA_New',
  },
  {
    name: 'Office 365 E3 not sold: its no-Teams twin + Teams Enterprise, never the Microsoft 365 E3 upgrade', source: 'ENTERPRISEPACK', notSold: ['ENTERPRISEPACK'],
    match: 'equivalent', offers: ['Office 365 E3 (no Teams)', 'Microsoft Teams Enterprise'], upgrade: false, onlyInMicrosoftTable: 'Office_365_E3_(no_Teams)',
  },
  {
    name: 'Business Premium not sold: Business Premium (no Teams) + Teams Enterprise', source: 'SPB', notSold: ['SPB'],
    match: 'equivalent', offers: ['Microsoft 365 Business Premium (no Teams)', 'Microsoft Teams Enterprise'], upgrade: false, onlyInMicrosoftTable: 'Microsoft_365_Business_Premium_(no_Teams)',
  },
  {
    name: 'Business Standard not sold, users without Yammer, Kaizala, Invoicing, Relationship Management: (no Teams) + Teams Enterprise',
    source: 'O365_BUSINESS_PREMIUM', off: ['YAMMER_ENTERPRISE', 'KAIZALA_O365_P2', 'DYN365BC_MS_INVOICING', 'O365_SB_Relationship_Management'],
    notSold: ['O365_BUSINESS_PREMIUM', 'SPB'], match: 'equivalent', offers: ['Microsoft 365 Business Standard (no Teams)', 'Microsoft Teams Enterprise'], upgrade: false,
    onlyInMicrosoftTable: 'Microsoft_365_Business_Standard_(no_Teams)',
  },
  {
    name: 'Business Standard not sold, all plans in use: only an upgrade covers, and the line says so', source: 'O365_BUSINESS_PREMIUM', notSold: ['O365_BUSINESS_PREMIUM'],
    match: 'equivalent', upgrade: true, onlyInMicrosoftTable: 'Microsoft_365_Business_Standard_(no_Teams)',
  },
  {
    name: 'Microsoft 365 E5 with no E5-class offer sold: none, with the missing plans named',
    source: 'SPE_E5', notSold: ['SPE_E5', 'SPE_E5_NOPSTNCONF', 'Microsoft_365_E5_(no_Teams)', 'ENTERPRISEPREMIUM', 'ENTERPRISEPREMIUM_NOPSTNCONF', 'EMSPREMIUM', 'AAD_PREMIUM_P2'],
    match: 'none',
  },
];

/** The catalog: the offer map, plus the test-only offers of SKUs the table has, minus what is not sold. */
function catalog(skus: SkuCatalog, notSold: string[]): CatalogOffer[] {
  const map = defaultOfferMap().data.offers
    .filter((o) => !notSold.includes(o.skuPartNumber))
    .map((o) => ({ offer: o.offer, title: o.title, provisioningId: o.graphSkuId }));
  const extra = TEST_OFFERS.filter((t) => !notSold.includes(t.skuPartNumber)).flatMap((t) => {
    const sku = skus.byPartNumber(t.skuPartNumber);
    return sku ? [{ offer: t.offer, title: sku.displayName, provisioningId: sku.skuId }] : [];
  });
  return [...map, ...extra].map((o) => {
    const [productId, skuId] = o.offer.split(':');
    return { productId, skuId, title: o.title, provisioningId: o.provisioningId, minimumQuantity: 1, maximumQuantity: 5000, isTrial: false };
  });
}

function skuOf(skus: SkuCatalog, partNumber: string) {
  const found = skus.byPartNumber(partNumber);
  if (!found) throw new Error(`${partNumber} is not in the table`);
  return found;
}

function line(skus: SkuCatalog, partNumber: string, offForEveryone: string[] = []): InventoryLine {
  const s = skuOf(skus, partNumber);
  return {
    skuId: s.skuId, skuPartNumber: s.skuPartNumber, capabilityStatus: 'Enabled', appliesTo: 'User', totalUnits: 40, consumedUnits: 38,
    servicePlans: s.servicePlans.map((p) => ({ id: p.id, name: p.name })),
    subscriptions: [{ id: 's1', skuId: s.skuId, skuPartNumber: s.skuPartNumber, status: 'Enabled', totalLicenses: 40, isTrial: false, createdDateTime: null, nextLifecycleDateTime: '2027-03-01T00:00:00Z', ownerTenantId: null }],
    usage: { assignedUsers: 38, enabledPlanIds: s.servicePlans.filter((p) => !offForEveryone.includes(p.name)).map((p) => p.id) },
  };
}

function assertCase(skus: SkuCatalog, c: MatchCase): void {
  const plan = buildPlan({ lines: [line(skus, c.source, c.off)], takenAt: NOW }, catalog(skus, c.notSold), {
    term: 'P1Y', billing: 'monthly', partnerTenantId: 'partner', now: NOW, skus, offerMap: defaultOfferMap(),
  });
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
}

describe('plan: offer matching over the project\'s SKU table (the sandbox\'s SKUs)', () => {
  const skus = projectSkuCatalog();

  for (const c of CASES.filter((x) => !x.onlyInMicrosoftTable)) it(c.name, () => assertCase(skus, c));

  it('lacks the SKU each Microsoft-table-only case needs (run the case here once the sandbox has it)', () => {
    for (const c of CASES) if (c.onlyInMicrosoftTable) assert.equal(skus.byPartNumber(c.onlyInMicrosoftTable), undefined, c.name);
  });
});

describe('plan: offer matching over Microsoft\'s whole SKU table (../shared/data)', function () {
  let skus: SkuCatalog;

  before(function () {
    skipWithoutMicrosoftSkuTable(this, '      ');
    skus = microsoftSkuCatalog();
  });

  for (const c of CASES) it(c.name, () => assertCase(skus, c));
});
