/** Realistic move histories (event streams) and the states they replay to. */
import type { MoveEvent } from '../../move/events';
import { SYSTEM_ACTOR } from '../../move/model';
import type { Actor, Plan } from '../../move/model';
import { replay } from '../../move/state';
import { DEFAULT_CARD_OPTIONS } from '../../cards/moveView';
import type { CardOptions } from '../../cards/moveView';
import type { MoveState } from '../../move/state';

/** The cards' options as bot/app.ts builds them by default (the default approval policy). */
export const OPTIONS: CardOptions = DEFAULT_CARD_OPTIONS;

export const MEGAN: Actor = { id: '00000000-0000-0000-0000-0000000000021', name: 'Megan Bowen', roles: ['sales-agent'] };
export const ADELE: Actor = { id: '00000000-0000-0000-0000-0000000000022', name: 'Adele Vance', roles: ['billing-agent'] };
export const ALEX: Actor = { id: '00000000-0000-0000-0000-0000000000020', name: 'Alex Wilber', roles: ['account-admin'] };
const BOT = SYSTEM_ACTOR;

export const MOVE_ID = 'mv-contoso-0001';
export const RESELLER_LINK =
  'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=3b33e682-00c3-41ee-9dd2-a548adf56438&msppId=0&DAP=false#/BillingAccounts/partner-invitation';
export const GDAP_ID = '5d027261-d21f-4aa9-b7db-7fa1f56fb163-8777b240-c6f0-4469-9e98-a3205431b836';
export const GDAP_LINK = `https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/${GDAP_ID}`;
export const PLAN_HASH = '9f2c4e1ab37d5c0e';

export const PLAN: Plan = {
  lines: [
    {
      source: {
        skuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46', skuPartNumber: 'SPB', totalUnits: 25, consumedUnits: 20,
        endsAt: '2025-09-30T00:00:00Z', term: { termDuration: 'P1Y', billingCycle: 'monthly' },
      },
      match: 'same',
      offers: [{ productId: 'CFQ7TTC0LCHC', skuId: '0002', title: 'Microsoft 365 Business Premium', provisioningId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46', listPriceUsd: 22 }],
      quantity: 25,
      termDuration: 'P1Y',
      billingCycle: 'monthly',
      reason: 'The catalog offer provisions the same Graph SKU (cbdc14ab…) the customer has.',
      ignoredPlans: [],
      lostPlans: [],
      warnings: [],
      needsReassignment: false,
    },
    {
      source: { skuId: '4b9405b0-7788-4568-add1-99614e613b69', skuPartNumber: 'EXCHANGESTANDARD', totalUnits: 10, consumedUnits: 7, endsAt: null, term: null },
      match: 'same',
      offers: [{ productId: 'CFQ7TTC0LH16', skuId: '0001', title: 'Exchange Online (Plan 1)', provisioningId: '4b9405b0-7788-4568-add1-99614e613b69', listPriceUsd: 4 }],
      quantity: 10,
      termDuration: 'P1Y',
      billingCycle: 'monthly',
      reason: 'The catalog offer provisions the same Graph SKU (4b9405b0…) the customer has.',
      ignoredPlans: [],
      lostPlans: [],
      warnings: ["The original's term is unknown (Microsoft Graph does not report terms), so this buys P1Y billed monthly, the configured default."],
      needsReassignment: false,
    },
  ],
  excluded: [{ skuId: 'f30db892-07e9-47e9-837c-80727f46fd3d', skuPartNumber: 'FLOW_FREE', reason: 'Free viral SKU: nothing to buy.' }],
  blockers: [],
  warnings: [],
  hash: PLAN_HASH,
};

const started: MoveEvent = {
  type: 'MoveStarted', at: '2025-03-03T09:00:00Z', actor: MEGAN, moveId: MOVE_ID, correlationId: 'corr-7d1e',
  customerDomain: 'contoso.onmicrosoft.com', customerCountry: 'US', source: 'microsoft-direct', multiPartner: false, requestGdap: true,
};
const preflight: MoveEvent = {
  type: 'PreflightPassed', at: '2025-03-03T09:00:05Z', actor: BOT, tenantId: '6f0c3bd6-2f43-4b1a-9c2e-7b5d9a1e0c44',
  partnerCountry: 'US', partnerRegion: 'United States', customerRegion: 'United States', existingCustomerId: null,
};
const invitation: MoveEvent = {
  type: 'InvitationIssued', at: '2025-03-03T09:00:09Z', actor: BOT, resellerLink: RESELLER_LINK,
  gdapRelationshipId: GDAP_ID, gdapLink: GDAP_LINK, expiresAt: '2025-06-01T09:00:09Z',
};
const accepted: MoveEvent = {
  type: 'RelationshipAccepted', at: '2025-03-04T14:12:00Z', actor: BOT, customerId: '6f0c3bd6-2f43-4b1a-9c2e-7b5d9a1e0c44',
  companyName: 'Contoso Ltd', customerCountry: 'US',
};
const inventory: MoveEvent = {
  type: 'InventoryTaken', at: '2025-03-04T14:15:00Z', actor: BOT,
  inventory: {
    takenAt: '2025-03-04T14:15:00Z',
    lines: [
      {
        skuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46', skuPartNumber: 'SPB', capabilityStatus: 'Enabled', appliesTo: 'User',
        totalUnits: 25, consumedUnits: 20, servicePlans: [{ id: 'efb87545-963c-4e0d-99df-69c6916d9eb0', name: 'EXCHANGE_S_ENTERPRISE' }],
        subscriptions: [{
          id: 'a1b2c3d4-0000-4000-8000-000000000001', skuId: 'cbdc14ab-d96c-4c30-b9f4-6ada7cdc1d46', skuPartNumber: 'SPB', status: 'Enabled',
          totalLicenses: 25, isTrial: false, createdDateTime: '2024-09-30T00:00:00Z', nextLifecycleDateTime: '2025-09-30T00:00:00Z', ownerTenantId: null,
        }],
      },
      {
        skuId: '4b9405b0-7788-4568-add1-99614e613b69', skuPartNumber: 'EXCHANGESTANDARD', capabilityStatus: 'Enabled', appliesTo: 'User',
        totalUnits: 10, consumedUnits: 7, servicePlans: [{ id: '9aaf7827-d63c-4b61-89c3-182f06f82e5c', name: 'EXCHANGE_S_STANDARD' }],
        subscriptions: [{
          id: 'a1b2c3d4-0000-4000-8000-000000000002', skuId: '4b9405b0-7788-4568-add1-99614e613b69', skuPartNumber: 'EXCHANGESTANDARD', status: 'Enabled',
          totalLicenses: 10, isTrial: false, createdDateTime: null, nextLifecycleDateTime: null, ownerTenantId: null,
        }],
      },
    ],
  },
};
const proposed: MoveEvent = { type: 'PlanProposed', at: '2025-03-04T14:15:30Z', actor: BOT, plan: PLAN, proposer: MEGAN };
const approved: MoveEvent = {
  type: 'PlanApproved', at: '2025-03-04T16:40:00Z', actor: ADELE, planHash: PLAN_HASH, comment: "Same offers and quantities as today. Go ahead.",
};
const cart: MoveEvent = { type: 'CartCreated', at: '2025-03-04T16:40:10Z', actor: BOT, customerId: '6f0c3bd6-2f43-4b1a-9c2e-7b5d9a1e0c44', cartId: 'cart-5e1f', requestId: 'req-91aa' };
const NEW_SUBS = [
  { subscriptionId: 'sub-spb-0001', offerId: 'CFQ7TTC0LCHC:0002', title: 'Microsoft 365 Business Premium', quantity: 25, cancellationAllowedUntil: '2025-03-11T16:40:20Z' },
  { subscriptionId: 'sub-exo-0002', offerId: 'CFQ7TTC0LH16:0001', title: 'Exchange Online (Plan 1)', quantity: 10, cancellationAllowedUntil: '2025-03-11T16:40:20Z' },
];
const ordered: MoveEvent = {
  type: 'OrderPlaced', at: '2025-03-04T16:40:20Z', actor: BOT, orderIds: ['ORD-123'],
  subscriptions: NEW_SUBS.map((s) => ({ ...s, status: 'pending' })),
};
const provisioned: MoveEvent = {
  type: 'ProvisioningCompleted', at: '2025-03-04T16:45:00Z', actor: BOT, subscriptions: NEW_SUBS.map((s) => ({ ...s, status: 'active' })),
};
const advice: MoveEvent = {
  type: 'SourceAdviceGiven', at: '2025-03-04T16:45:05Z', actor: BOT,
  advice: [
    {
      subscriptionId: 'a1b2c3d4-0000-4000-8000-000000000001', skuPartNumber: 'SPB', totalLicenses: 25, expires: '2025-09-30T00:00:00Z', kind: 'let-expire-or-credit',
      text: 'Let it expire on its end date: cancelled subscriptions are not refunded. A Microsoft-direct purchase may be eligible for a credit through Microsoft 365 billing support.',
    },
    {
      subscriptionId: 'a1b2c3d4-0000-4000-8000-000000000002', skuPartNumber: 'EXCHANGESTANDARD', totalLicenses: 10, expires: null, kind: 'unknown-expiry',
      text: 'Graph does not say when it ends: check the end date in the Microsoft 365 admin center (Billing > Your products) and let it expire then.',
    },
  ],
};
const completed: MoveEvent = { type: 'MoveCompleted', at: '2025-03-04T16:45:06Z', actor: BOT };

/** The whole Contoso move, in order. */
export const CONTOSO_EVENTS: readonly MoveEvent[] = Object.freeze([
  started, preflight, invitation, accepted, inventory, proposed, approved, cart, ordered, provisioned, advice, completed,
]);

/** The Contoso history up to and including the event of that type. */
export function contosoUntil(type: MoveEvent['type']): MoveEvent[] {
  const index = CONTOSO_EVENTS.findIndex((e) => e.type === type);
  if (index < 0) throw new Error(`no ${type} in the Contoso history`);
  return CONTOSO_EVENTS.slice(0, index + 1);
}

export function contosoState(until: MoveEvent['type']): MoveState {
  return replay(MOVE_ID, contosoUntil(until));
}

/** Fabrikam (Germany) started by a US partner: blocked by the region rule. */
export const BLOCKED_EVENTS: readonly MoveEvent[] = Object.freeze([
  { ...started, moveId: 'mv-fabrikam-0002', customerDomain: 'fabrikam.de', customerCountry: 'DE', source: 'other-csp-partner' } as MoveEvent,
  {
    type: 'MoveBlocked', at: '2025-03-03T09:00:04Z', actor: BOT,
    reason: { code: 'region-mismatch', customerCountry: 'DE', customerRegion: 'Europe', partnerCountry: 'US', partnerRegion: 'United States', detectedBy: 'intake' },
    message: "The customer's tenant country DE is in the CSP region Europe, but your partner account (US) is in the region United States.",
  },
]);

/** The Contoso plan rejected by Alex Wilber. */
export const REJECTED_EVENTS: readonly MoveEvent[] = Object.freeze([
  ...contosoUntil('PlanProposed'),
  { type: 'PlanRejected', at: '2025-03-04T15:00:00Z', actor: ALEX, planHash: PLAN_HASH, comment: 'The customer wants annual billing, not monthly.' },
]);

/** Cancelled by Megan while waiting for the customer. */
export const CANCELLED_EVENTS: readonly MoveEvent[] = Object.freeze([
  ...contosoUntil('InvitationIssued'),
  { type: 'MoveCancelled', at: '2025-03-10T08:00:00Z', actor: MEGAN, reason: 'The customer decided to stay with its current partner.' },
]);

/** Checkout failing twice after the approval (retryable). */
export const FAILURE_EVENTS: readonly MoveEvent[] = Object.freeze([
  ...contosoUntil('CartCreated'),
  { type: 'StepFailed', at: '2025-03-04T16:40:15Z', actor: BOT, step: 'checkout', error: 'Partner Center answered 503 Service Unavailable.', retryable: true },
  { type: 'StepFailed', at: '2025-03-04T16:41:15Z', actor: BOT, step: 'checkout', error: 'Partner Center answered 503 Service Unavailable.', retryable: true },
]);

/** An existing customer: no invitation, straight to the inventory. */
export const EXISTING_CUSTOMER_EVENTS: readonly MoveEvent[] = Object.freeze([
  { ...started, moveId: 'mv-northwind-0003', customerDomain: 'northwind.com' } as MoveEvent,
  { ...preflight, existingCustomerId: '2a9f1c3e-1111-4222-8333-944455556666' } as MoveEvent,
]);

export function stateOf(events: readonly MoveEvent[]): MoveState {
  const first = events[0];
  return replay(first.type === 'MoveStarted' ? first.moveId : MOVE_ID, events);
}

/** 10 kB of hostile text: markdown link, template syntax, bidi override, control characters, HTML. */
export const HOSTILE = ('[click me](https://evil.example/x) ${$root.act} \u202Egnp.exe\u0007 <script>alert(1)</script> **bold** ').repeat(120).slice(0, 10_240);
