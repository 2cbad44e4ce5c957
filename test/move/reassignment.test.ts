import assert from 'node:assert/strict';
import type { PlanLine } from '../../move/model';
import type { LicensedUser } from '../../move/ports';
import { decideUser } from '../../move/reassignment';
import { summarizeUsage } from '../../move/inventory';

const OLD = '05e9a617-0261-4cee-bb44-138d3ef5d965';
const NO_TEAMS = 'dcf0408c-aaec-446c-afd4-43e3683943ea';
const TEAMS = '7e31c0d9-9551-471d-836f-32ee72be4a01';
const [EXO, SWAY, TEAMS1, PLACES] = ['p-exo', 'p-sway', 'p-teams1', 'p-places'];

const sourcePlans = new Map([[EXO, 'EXCHANGE_S_ENTERPRISE'], [SWAY, 'SWAY'], [TEAMS1, 'TEAMS1']]);
const newSkuPlans = new Map([[NO_TEAMS, new Set([EXO, SWAY, PLACES])], [TEAMS, new Set([TEAMS1])]]);

function line(over: Partial<PlanLine> = {}): PlanLine {
  return {
    source: { skuId: OLD, skuPartNumber: 'SPE_E3', totalUnits: 50, consumedUnits: 46, endsAt: null, term: null },
    match: 'equivalent',
    offers: [
      { productId: 'CFQ7TTC0LFLX', skuId: '0021', title: 'Microsoft 365 E3 (no Teams)', provisioningId: NO_TEAMS, listPriceUsd: null },
      { productId: 'CFQ7TTC0MZJF', skuId: '0009', title: 'Microsoft Teams Enterprise', provisioningId: TEAMS, listPriceUsd: null },
    ],
    quantity: 50, termDuration: 'P1Y', billingCycle: 'monthly', reason: '', ignoredPlans: [], lostPlans: [], warnings: [], needsReassignment: true, ...over,
  };
}

function user(over: Partial<LicensedUser> = {}): LicensedUser {
  return {
    id: 'u1', userPrincipalName: 'u1@fabrikam.onmicrosoft.com', displayName: 'U1', usageLocation: 'US',
    assignedLicenses: [{ skuId: OLD, disabledPlans: [] }], licenseAssignmentStates: [{ skuId: OLD, assignedByGroup: null }], ...over,
  };
}

describe('licence reassignment, per user', () => {
  it('adds every new SKU and removes the old one in the same change', () => {
    const d = decideUser(user(), line(), sourcePlans, newSkuPlans);
    assert.ok(d.kind === 'change');
    assert.deepEqual(d.change, { userId: 'u1', addLicenses: [{ skuId: NO_TEAMS, disabledPlans: [] }, { skuId: TEAMS, disabledPlans: [] }], removeLicenses: [OLD] });
  });

  it('carries the user\'s disabled plans over to the SKU that has them', () => {
    const d = decideUser(user({ assignedLicenses: [{ skuId: OLD, disabledPlans: [SWAY, TEAMS1] }] }), line(), sourcePlans, newSkuPlans);
    assert.ok(d.kind === 'change');
    assert.deepEqual(d.change.addLicenses, [{ skuId: NO_TEAMS, disabledPlans: [SWAY] }, { skuId: TEAMS, disabledPlans: [TEAMS1] }]);
    assert.equal(d.carriedDisabled, 2);
  });

  it('only adds what the user does not hold yet', () => {
    const d = decideUser(user({ assignedLicenses: [{ skuId: OLD, disabledPlans: [] }, { skuId: TEAMS, disabledPlans: [] }] }), line(), sourcePlans, newSkuPlans);
    assert.ok(d.kind === 'change');
    assert.deepEqual(d.change.addLicenses.map((l) => l.skuId), [NO_TEAMS]);
  });

  it('skips a group-based licence, naming the group and what to do', () => {
    const d = decideUser(user({ licenseAssignmentStates: [{ skuId: OLD, assignedByGroup: 'grp-e3' }] }), line(), sourcePlans, newSkuPlans);
    assert.ok(d.kind === 'skip');
    assert.equal(d.result.outcome, 'skipped-group');
    assert.match(d.result.detail, /group grp-e3/);
  });

  it('skips a user without a usage location', () => {
    const d = decideUser(user({ usageLocation: null }), line(), sourcePlans, newSkuPlans);
    assert.ok(d.kind === 'skip' && d.result.outcome === 'skipped-usage-location');
  });

  it('never takes a plan away: a user who would lose one is not changed', () => {
    const withoutTeams = new Map([[NO_TEAMS, new Set([EXO, SWAY])], [TEAMS, new Set<string>()]]);
    const d = decideUser(user(), line(), sourcePlans, withoutTeams);
    assert.ok(d.kind === 'skip');
    assert.equal(d.result.outcome, 'would-lose-plans');
    assert.match(d.result.detail, /TEAMS1/);
  });

  it('a line an Account admin picked moves users although they lose what the pick lacks (it is on the plan)', () => {
    const withoutTeams = new Map([[NO_TEAMS, new Set([EXO, SWAY])]]);
    const picked = line({ match: 'chosen', offers: [line().offers[0]], lostPlans: ['TEAMS1'] });
    assert.equal(decideUser(user(), picked, sourcePlans, withoutTeams).kind, 'change');
  });
});

describe('plan usage', () => {
  it('counts a plan as used when one holder has it on', () => {
    const users = [
      user({ id: 'a', assignedLicenses: [{ skuId: OLD, disabledPlans: [TEAMS1, SWAY] }] }),
      user({ id: 'b', assignedLicenses: [{ skuId: OLD.toUpperCase(), disabledPlans: [TEAMS1] }] }),
      user({ id: 'c', assignedLicenses: [{ skuId: NO_TEAMS, disabledPlans: [] }] }),
    ];
    const usage = summarizeUsage(users, OLD, [EXO, SWAY, TEAMS1]);
    assert.equal(usage.assignedUsers, 2);
    assert.deepEqual(usage.enabledPlanIds.sort(), [EXO, SWAY].sort());
  });
});
