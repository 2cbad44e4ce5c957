/**
 * Fabrikam's move for the card tests: Microsoft 365 E3 is not sold, so the plan buys the equivalent pair
 * (users are reassigned), a Visio licence has no equivalent (an Account admin picks an offer), and the
 * reassignment leaves some users for a person. Also the blocked views of each resolvable blocker.
 */
import type { BlockReason, MoveEvent } from '../../move/events';
import { SYSTEM_ACTOR } from '../../move/model';
import type { BillingCycle, Plan, PlanBlocker, PlanLine, PlannedOffer, TermDuration } from '../../move/model';
import type { SeatPrice } from '../../move/pricing';
import type { ReassignmentOutcome, UserReassignment } from '../../move/reassignment';
import { replay } from '../../move/state';
import type { MoveState } from '../../move/state';
import { ALEX, MEGAN, contosoUntil } from './fixtures';

const BOT = SYSTEM_ACTOR;
export const FABRIKAM_MOVE_ID = 'mv-fabrikam-0005';
export const SPE_E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';
export const VISIO = 'c5928f49-12ba-48f7-ada3-0d743a3601d5';

export const E3_NO_TEAMS: PlannedOffer = { productId: 'CFQ7TTC0LFLX', skuId: '0021', title: 'Microsoft 365 E3 (no Teams)', provisioningId: 'dcf0408c-aaec-446c-afd4-43e3683943ea', listPriceUsd: 33.75 };
export const TEAMS_ENTERPRISE: PlannedOffer = { productId: 'CFQ7TTC0MZJF', skuId: '0009', title: 'Microsoft Teams Enterprise', provisioningId: '7e31c0d9-9551-471d-836f-32ee72be4a01', listPriceUsd: 5.25 };
export const VISIO_PLAN1: PlannedOffer = { productId: 'CFQ7TTC0QHGZ', skuId: '0001', title: 'Visio Plan 1', provisioningId: 'ca7f3140-d88c-455b-9a1c-7f0679e31a76', listPriceUsd: 5 };
export const O365_E1: PlannedOffer = { productId: 'CFQ7TTC0LF8Q', skuId: '0001', title: 'Office 365 E1', provisioningId: '18181a46-0d4e-45cd-891e-60aabd171b4e', listPriceUsd: null };

export const E3_LINE: PlanLine = {
  source: { skuId: SPE_E3, skuPartNumber: 'SPE_E3', totalUnits: 50, consumedUnits: 46, endsAt: '2027-02-18T00:00:00Z', term: null },
  match: 'equivalent',
  offers: [E3_NO_TEAMS, TEAMS_ENTERPRISE],
  quantity: 50,
  termDuration: 'P1Y',
  billingCycle: 'annual',
  reason: 'Equivalent: SPE_E3 is not sold in this market; Microsoft 365 E3 (no Teams) + Microsoft Teams Enterprise together carry all 61 service plans your users have on (TEAMS1 from Microsoft Teams Enterprise).',
  ignoredPlans: ['KAIZALA_O365_P3', 'SWAY'],
  lostPlans: [],
  warnings: ["The original's term is unknown (Microsoft Graph does not report terms), so this buys P1Y billed annual, the configured default. Check the original's term with its seller."],
  needsReassignment: true,
};

export const VISIO_CHOSEN_LINE: PlanLine = {
  source: { skuId: VISIO, skuPartNumber: 'VISIOCLIENT', totalUnits: 5, consumedUnits: 4, endsAt: null, term: { termDuration: 'P1M', billingCycle: 'monthly' } },
  match: 'chosen',
  offers: [VISIO_PLAN1],
  quantity: 5,
  termDuration: 'P1M',
  billingCycle: 'monthly',
  reason: 'Picked by Alex Wilber (Account admin) on 2026-11-25: "The customer only uses Visio in the browser." No sold offer carries every plan of VISIOCLIENT.',
  ignoredPlans: [],
  lostPlans: ['VISIO_CLIENT_SUBSCRIPTION'],
  warnings: ["The original's end date is unknown: the new subscription starts at purchase; check the original's end with its seller."],
  needsReassignment: true,
};

export const VISIO_BLOCKER: PlanBlocker = {
  skuId: VISIO, skuPartNumber: 'VISIOCLIENT', kind: 'no-equivalent',
  reason: 'No sold offer, nor any set of up to three, carries every service plan your users have on VISIOCLIENT; missing: VISIO_CLIENT_SUBSCRIPTION. An Account admin may pick an offer on the card; users would lose what it lacks.',
  missingPlans: ['VISIO_CLIENT_SUBSCRIPTION'],
  candidates: [VISIO_PLAN1, O365_E1],
};

export const FABRIKAM_PLAN: Plan = {
  lines: [E3_LINE, VISIO_CHOSEN_LINE],
  excluded: [],
  blockers: [],
  warnings: ['The inventory was typed in by Megan Bowen: the bot could not read the tenant, so check the figures and the plans users have.'],
  hash: 'fab1e3a2c4d5e6f7',
};

/** A price sheet row of the fixtures (USD, per seat for the whole term). */
function sheetPrice(offer: PlannedOffer, termDuration: TermDuration, billingCycle: BillingCycle, termPrice: number): SeatPrice {
  return {
    productId: offer.productId, skuId: offer.skuId, termDuration, billingCycle, currency: 'USD', termPriceMicros: Math.round(termPrice * 1_000_000),
    erpTermPriceMicros: null, source: 'price-sheet', effectiveFrom: '2026-11-01', effectiveTo: null,
  };
}

/** The offers as a plan drawn with the partner's price sheet carries them (monthly billing of a year costs 5% more). */
export const PRICED_OFFERS = {
  e3NoTeams: { ...E3_NO_TEAMS, prices: [sheetPrice(E3_NO_TEAMS, 'P1M', 'monthly', 40.5), sheetPrice(E3_NO_TEAMS, 'P1Y', 'monthly', 425.25), sheetPrice(E3_NO_TEAMS, 'P1Y', 'annual', 405), sheetPrice(E3_NO_TEAMS, 'P3Y', 'annual', 1215)] },
  teams: { ...TEAMS_ENTERPRISE, prices: [sheetPrice(TEAMS_ENTERPRISE, 'P1M', 'monthly', 6.3), sheetPrice(TEAMS_ENTERPRISE, 'P1Y', 'monthly', 66.15), sheetPrice(TEAMS_ENTERPRISE, 'P1Y', 'annual', 63), sheetPrice(TEAMS_ENTERPRISE, 'P3Y', 'annual', 189)] },
  visio: { ...VISIO_PLAN1, prices: [sheetPrice(VISIO_PLAN1, 'P1M', 'monthly', 6), sheetPrice(VISIO_PLAN1, 'P1Y', 'monthly', 63), sheetPrice(VISIO_PLAN1, 'P1Y', 'annual', 60)] },
} satisfies Record<string, PlannedOffer>;

/**
 * The Fabrikam plan as the planner draws it today: friendly names from Microsoft's SKU table, the partner's price
 * sheet (US, Nov 2026), E3 bought a week before its original ends, Visio at approval (its end is unknown).
 */
export const FABRIKAM_PRICED_PLAN: Plan = {
  ...FABRIKAM_PLAN,
  lines: [
    { ...E3_LINE, source: { ...E3_LINE.source, displayName: 'Microsoft 365 E3' }, offers: [PRICED_OFFERS.e3NoTeams, PRICED_OFFERS.teams], buyOn: '2027-02-11' },
    { ...VISIO_CHOSEN_LINE, source: { ...VISIO_CHOSEN_LINE.source, displayName: 'Visio Plan 2' }, offers: [PRICED_OFFERS.visio], buyOn: null },
  ],
  hash: 'fab1e3a2c4d5e6f8',
  pricing: { source: 'price-sheet', market: 'US', month: '2026-11', readAt: '2026-11-20T08:00:00Z' },
};

const [contosoStart, contosoPreflight] = contosoUntil('PreflightPassed');
const started = { ...contosoStart, moveId: FABRIKAM_MOVE_ID, customerDomain: 'fabrikam.onmicrosoft.com', source: 'other-csp-partner' } as MoveEvent;
const preflight = { ...contosoPreflight, existingCustomerId: 'fabrikam-customer-id' } as MoveEvent;
const inventory: MoveEvent = {
  type: 'InventoryTaken', at: '2025-03-04T14:15:00Z', actor: MEGAN,
  inventory: { takenAt: '2025-03-04T14:15:00Z', enteredBy: MEGAN, lines: [] },
};

function at(minute: number): string {
  return `2025-03-05T10:${String(minute).padStart(2, '0')}:00Z`;
}

function stateFrom(events: MoveEvent[]): MoveState {
  return replay(FABRIKAM_MOVE_ID, events);
}

/** Blocked at the inventory: no access to the tenant (the typed-inventory form). */
export function noAccessState(fromInventory = true): MoveState {
  const reason: BlockReason = { code: 'no-customer-access', detail: 'Graph answered 403: the GDAP relationship is not active.' };
  const events: MoveEvent[] = [started, preflight];
  if (!fromInventory) events.splice(1, 1);
  return stateFrom([...events, { type: 'MoveBlocked', at: at(0), actor: BOT, reason, message: 'The bot cannot read the customer\'s licences: Graph answered 403.' }]);
}

/** At the inventory with reading failing (the progress card with the typed-inventory form). */
export function inventoryFailingState(): MoveState {
  return stateFrom([started, preflight, { type: 'StepFailed', at: at(1), actor: BOT, step: 'inventory', error: 'Graph answered 403 Forbidden.', retryable: true }]);
}

/** The plan blocked on VISIOCLIENT (no equivalent), E3 matched by an equivalent pair. */
export function noEquivalentEvents(blockers: PlanBlocker[] = [VISIO_BLOCKER]): MoveEvent[] {
  const plan: Plan = { ...FABRIKAM_PLAN, lines: [E3_LINE], blockers, hash: 'fab0000000000001' };
  return [started, preflight, inventory,
    { type: 'PlanProposed', at: at(2), actor: BOT, plan, proposer: MEGAN },
    { type: 'MoveBlocked', at: at(2), actor: BOT, reason: { code: 'plan-has-no-offer', skus: blockers.map((b) => b.skuPartNumber) }, message: 'The plan cannot go to approval: VISIOCLIENT has no equivalent.' },
  ];
}

/** The plan with Alex's pick, waiting for approval. */
export function pickedPlanEvents(plan: Plan = FABRIKAM_PLAN): MoveEvent[] {
  return [
    ...noEquivalentEvents(),
    { type: 'OfferChosen', at: at(3), actor: ALEX, sourceSkuId: VISIO, skuPartNumber: 'VISIOCLIENT', offers: [VISIO_PLAN1], reason: 'The customer only uses Visio in the browser.' },
    { type: 'PlanProposed', at: at(4), actor: BOT, plan, proposer: MEGAN },
  ];
}

export function user(n: number, outcome: ReassignmentOutcome, sourceSkuId = SPE_E3): UserReassignment {
  const details: Record<ReassignmentOutcome, string> = {
    moved: 'Now on Microsoft 365 E3 (no Teams) + Microsoft Teams Enterprise.',
    'skipped-group': 'SPE_E3 comes from group g-sales: assign the new offers to that group in Microsoft Entra, then remove SPE_E3 from it.',
    'skipped-usage-location': "No usage location: set the user's usage location in Microsoft Entra, then say `retry`.",
    'would-lose-plans': 'Would lose 1 service plan (TEAMS1): not changed. Check the plan\'s offers.',
    failed: 'License assignment failed. Say `retry` to try again.',
  };
  return { userId: `u-${n}`, userPrincipalName: `user${String(n).padStart(3, '0')}@fabrikam.onmicrosoft.com`, sourceSkuId, outcome, detail: details[outcome] };
}

const SUBSCRIPTIONS = [{ subscriptionId: 'sub-e3', offerId: 'CFQ7TTC0LFLX:0021', title: 'Microsoft 365 E3 (no Teams)', quantity: 50, status: 'active', cancellationAllowedUntil: '2025-03-12T10:10:00Z' }];

/** Approved and provisioned, in the middle of the first reassignment pass. */
export function reassigningEvents(results: UserReassignment[] = [user(1, 'moved'), user(2, 'moved'), user(3, 'skipped-usage-location')]): MoveEvent[] {
  return [
    ...pickedPlanEvents(),
    { type: 'PlanApproved', at: at(5), actor: ALEX, planHash: FABRIKAM_PLAN.hash, comment: '' },
    { type: 'CartCreated', at: at(6), actor: BOT, customerId: 'fabrikam-customer-id', cartId: 'cart-9', requestId: 'req-9' },
    { type: 'OrderPlaced', at: at(7), actor: BOT, orderIds: ['ORD-9'], subscriptions: SUBSCRIPTIONS },
    { type: 'ProvisioningCompleted', at: at(8), actor: BOT, subscriptions: SUBSCRIPTIONS },
    { type: 'LicencesReassigned', at: at(9), actor: BOT, results },
  ];
}

/** The first pass ended with users the bot could not move: blocked, reassignment incomplete. */
export function reassignmentIncompleteEvents(results: UserReassignment[]): MoveEvent[] {
  const stuck = results.filter((r) => r.outcome !== 'moved').length;
  return [
    ...reassigningEvents(results),
    { type: 'ReassignmentFinished', at: at(10), actor: BOT, moved: results.length - stuck, attention: stuck },
    { type: 'MoveBlocked', at: at(10), actor: BOT, reason: { code: 'reassignment-incomplete', users: stuck }, message: `${stuck} users still hold the old licence. Fix what the card lists for each, then say \`retry\`.` },
  ];
}

export const noEquivalentState = (blockers?: PlanBlocker[]): MoveState => stateFrom(noEquivalentEvents(blockers));
export const pickedPlanState = (plan?: Plan): MoveState => stateFrom(pickedPlanEvents(plan));
/** The priced Fabrikam plan, waiting for approval. */
export const pricedPlanState = (): MoveState => stateFrom(pickedPlanEvents(FABRIKAM_PRICED_PLAN));
export const reassigningState = (results?: UserReassignment[]): MoveState => stateFrom(reassigningEvents(results));
export const reassignmentIncompleteState = (results: UserReassignment[]): MoveState => stateFrom(reassignmentIncompleteEvents(results));
