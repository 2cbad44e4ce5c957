import assert from 'node:assert/strict';
import type { Decision, MoveDecider, Refusal } from '../../move/decider';
import { refusalText } from '../../cards/refusalText';
import type { MoveCommand } from '../../move/commands';
import type { MoveEvent } from '../../move/events';
import type { Actor, Inventory, Plan } from '../../move/model';
import { buildPlan } from '../../move/plan';
import { BUY_AT_APPROVAL_DAYS } from '../../move/schedule';
import { defaultOfferMap } from '../../move/offerMap';
import { sandboxSkuCatalog } from '../support/skuCatalogs';
import { evolve, replay, type MoveState } from '../../move/state';

export const T0 = '2026-11-24T09:00:00.000Z';
export const PARTNER_TENANT = '00000000-0000-0000-0000-0000000000001';
export const CONTOSO_TENANT = 'a1b2c3d4-0000-4000-8000-000000000001';

export const alex: Actor = { id: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber', roles: ['account-admin'] };
export const megan: Actor = { id: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen', roles: ['sales-agent'] };
export const adele: Actor = { id: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance', roles: ['billing-agent'] };
export const isaiah: Actor = { id: '00000000-0000-0000-0000-0000000000023', name: 'Isaiah Langer', roles: [] };
export const patti: Actor = { id: '00000000-0000-0000-0000-0000000000024', name: 'Patti Fernandez', roles: ['admin-agent'] };
export const lynne: Actor = { id: '00000000-0000-0000-0000-0000000000025', name: 'Lynne Robbins', roles: ['helpdesk-agent'] };
export const system: Actor = { id: 'system', name: 'CSP Move Assistant', roles: [] };

export const SPB = 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46';
export const EXO1 = '4b9405b0-7788-4568-add1-99614e613b69';
export const SPE_E3 = '05e9a617-0261-4cee-bb44-138d3ef5d965';

export function contosoInventory(): Inventory {
  return {
    takenAt: T0,
    lines: [
      { skuId: SPB, skuPartNumber: 'SPB', capabilityStatus: 'Enabled', appliesTo: 'User', totalUnits: 25, consumedUnits: 20, servicePlans: [],
        subscriptions: [{ id: 'sub-spb', skuId: SPB, skuPartNumber: 'SPB', status: 'Enabled', totalLicenses: 25, isTrial: false, createdDateTime: '2025-03-01T00:00:00Z', nextLifecycleDateTime: '2027-03-01T00:00:00Z', ownerTenantId: null }] },
      { skuId: EXO1, skuPartNumber: 'EXCHANGESTANDARD', capabilityStatus: 'Enabled', appliesTo: 'User', totalUnits: 10, consumedUnits: 7, servicePlans: [],
        subscriptions: [{ id: 'sub-exo', skuId: EXO1, skuPartNumber: 'EXCHANGESTANDARD', status: 'Enabled', totalLicenses: 10, isTrial: false, createdDateTime: '2025-06-01T00:00:00Z', nextLifecycleDateTime: '2027-06-01T00:00:00Z', ownerTenantId: null }] },
    ],
  };
}

export const CATALOG = [
  { productId: 'CFQ7TTC0LCHC', skuId: '0002', title: 'Microsoft 365 Business Premium', provisioningId: SPB, minimumQuantity: 1, maximumQuantity: 300, isTrial: false },
  { productId: 'CFQ7TTC0LH16', skuId: '0001', title: 'Exchange Online (Plan 1)', provisioningId: EXO1, minimumQuantity: 1, maximumQuantity: 10000, isTrial: false },
];

export function contosoPlan(): Plan {
  return buildPlan(contosoInventory(), CATALOG, {
    term: 'P1Y', billing: 'monthly', partnerTenantId: PARTNER_TENANT, now: T0, skus: sandboxSkuCatalog(), offerMap: defaultOfferMap(), buyDaysBeforeEnd: BUY_AT_APPROVAL_DAYS,
  });
}

const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

/** Events of a Contoso move up to (and including) the given stage. */
export function contosoHistory(until: 'started' | 'preflight' | 'invited' | 'accepted' | 'inventory' | 'proposed' | 'approved' | 'cart' | 'ordered' | 'provisioned' | 'done', starter: Actor = megan): MoveEvent[] {
  const plan = contosoPlan();
  const all: Array<[string, MoveEvent]> = [
    ['started', { type: 'MoveStarted', at: at(0), actor: starter, moveId: 'mv-1', correlationId: 'corr-1', customerDomain: 'contoso.onmicrosoft.com', customerCountry: 'US', source: 'microsoft-direct', multiPartner: false, requestGdap: true }],
    ['preflight', { type: 'PreflightPassed', at: at(1), actor: system, tenantId: CONTOSO_TENANT, partnerCountry: 'US', partnerRegion: 'United States', customerRegion: 'United States', existingCustomerId: null }],
    ['invited', { type: 'InvitationIssued', at: at(2), actor: system, resellerLink: 'https://admin.microsoft.com/x', gdapRelationshipId: 'gdap-1', gdapLink: 'https://admin.microsoft.com/g', expiresAt: at(90 * 24 * 60) }],
    ['accepted', { type: 'RelationshipAccepted', at: at(60), actor: system, customerId: CONTOSO_TENANT, companyName: 'Contoso Ltd', customerCountry: 'US' }],
    ['inventory', { type: 'InventoryTaken', at: at(61), actor: system, inventory: contosoInventory() }],
    ['proposed', { type: 'PlanProposed', at: at(62), actor: system, plan, proposer: starter }],
    ['approved', { type: 'PlanApproved', at: at(70), actor: adele, planHash: plan.hash, comment: 'ok' }],
    ['cart', { type: 'CartCreated', at: at(71), actor: system, customerId: CONTOSO_TENANT, cartId: 'cart-1', requestId: 'req-1' }],
    ['ordered', { type: 'OrderPlaced', at: at(72), actor: system, orderIds: ['ord-1'], subscriptions: [] }],
    ['provisioned', { type: 'ProvisioningCompleted', at: at(80), actor: system, subscriptions: [], prepaidCheck: [] }],
    ['done', { type: 'MoveCompleted', at: at(81), actor: system }],
  ];
  const index = all.findIndex(([name]) => name === until);
  return all.slice(0, index + 1).map(([, e]) => e);
}

export function stateAfter(events: MoveEvent[]): MoveState {
  return replay('mv-1', events);
}

export function startCommand(overrides: Partial<Extract<MoveCommand, { type: 'StartMove' }>> = {}): MoveCommand {
  return {
    type: 'StartMove', actor: megan, at: T0, moveId: 'mv-1', correlationId: 'corr-1', customerDomain: 'contoso.onmicrosoft.com',
    customerCountry: 'US', source: 'microsoft-direct', multiPartner: false, requestGdap: true, activeMoveId: null, ...overrides,
  };
}

/** The events a decision accepted (fails the test, with the reason, when it refused). */
/** Decides each command on the state the previous ones left (each must be accepted); the state and every event. */
export function runCommands(decider: MoveDecider, history: MoveEvent[], ...commands: MoveCommand[]): { state: MoveState; events: MoveEvent[] } {
  let state = stateAfter(history);
  const events: MoveEvent[] = [];
  for (const command of commands) {
    const decided = eventsOf(decider.decide(command, state));
    events.push(...decided);
    state = decided.reduce(evolve, state);
  }
  return { state, events };
}

export function eventsOf(decision: Decision): MoveEvent[] {
  assert.ok(decision.ok, decision.ok ? '' : `refused: ${refusalText(decision.refusal)}`);
  return decision.events;
}

/** The refusal, with the words staff read (cards/refusalText.ts), so a test can check both the facts and the wording. */
export function refusalOf(decision: Decision): Refusal & { message: string } {
  assert.ok(!decision.ok, 'expected a refusal');
  return { ...decision.refusal, message: refusalText(decision.refusal) };
}
