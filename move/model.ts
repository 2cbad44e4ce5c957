/**
 * The vocabulary of a customer move: who acts, what the customer has, what we plan to buy.
 * Pure data types; no behaviour and no imports from the edges.
 */

/** Partner staff roles (DESIGN §1). The procedure names the first three; Partner Center has the other two. */
export type Role = 'account-admin' | 'admin-agent' | 'sales-agent' | 'billing-agent' | 'helpdesk-agent';

export const ROLE_LABELS: Record<Role, string> = {
  'account-admin': 'Account admin',
  'admin-agent': 'Admin agent',
  'sales-agent': 'Sales agent',
  'billing-agent': 'Billing agent',
  'helpdesk-agent': 'Helpdesk agent',
};

/** A person acting on a move: Entra object id, display name and the roles resolved for them. */
export interface Actor {
  id: string;
  name: string;
  roles: Role[];
}

/** The bot itself, for steps nobody clicked (sweeps, side-effect results). */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'CSP Move Assistant', roles: [] };

/** Where the customer's current subscriptions were bought. */
export type SourceChannel = 'microsoft-direct' | 'other-csp-partner' | 'other-program' | 'unknown';

export const SOURCE_CHANNEL_LABELS: Record<SourceChannel, string> = {
  'microsoft-direct': 'bought direct from Microsoft',
  'other-csp-partner': 'bought from another CSP partner',
  'other-program': 'bought through another licensing program',
  unknown: 'source not yet known',
};

/** One commercial subscription in the customer tenant (Graph `directory/subscriptions`). */
export interface SourceSubscription {
  id: string;
  skuId: string;
  skuPartNumber: string;
  status: string;
  totalLicenses: number;
  isTrial: boolean;
  createdDateTime: string | null;
  /** When the subscription moves to its next status if not renewed; null when Graph does not say. */
  nextLifecycleDateTime: string | null;
  /** Partner tenant that created it, when bought through a partner; null for Microsoft direct. */
  ownerTenantId: string | null;
}

/** One licence SKU the customer holds (Graph `subscribedSkus`), with its subscriptions joined in. */
export interface InventoryLine {
  skuId: string;
  skuPartNumber: string;
  capabilityStatus: string;
  appliesTo: string;
  /** `prepaidUnits.enabled`: the licences the customer pays for and can assign. */
  totalUnits: number;
  consumedUnits: number;
  servicePlans: Array<{ id: string; name: string }>;
  subscriptions: SourceSubscription[];
}

export interface Inventory {
  lines: InventoryLine[];
  takenAt: string;
}

/** A CSP new-commerce offer: `productId:skuId`, with the Graph SKU it provisions. */
export interface CatalogOffer {
  productId: string;
  skuId: string;
  title: string;
  /** `dynamicAttributes.provisioningId`: the Graph skuId this offer provisions. */
  provisioningId: string | null;
  minimumQuantity: number;
  maximumQuantity: number;
  isTrial: boolean;
}

/** ISO 8601 durations Partner Center uses for terms. */
export type TermDuration = 'P1M' | 'P1Y' | 'P3Y';
export type BillingCycle = 'monthly' | 'annual' | 'triennial';

export type MatchKind = 'same';

export interface PlanLine {
  source: { skuId: string; skuPartNumber: string; totalUnits: number; consumedUnits: number };
  match: MatchKind;
  offer: { productId: string; skuId: string; title: string };
  quantity: number;
  termDuration: TermDuration;
  billingCycle: BillingCycle;
  /** Why this offer was chosen, in words staff can check. */
  reason: string;
  /** True when users must be moved to a different Graph SKU. */
  needsReassignment: boolean;
}

/** A source SKU we deliberately leave out of the purchase (free, trial, viral). */
export interface PlanExclusion {
  skuId: string;
  skuPartNumber: string;
  reason: string;
}

export interface PlanBlocker {
  skuId: string;
  skuPartNumber: string;
  reason: string;
}

export interface Plan {
  lines: PlanLine[];
  excluded: PlanExclusion[];
  blockers: PlanBlocker[];
  /** Hash of the lines: an approval is for exactly this plan. */
  hash: string;
}

/** A line of a placed order, as the domain cares about it. */
export interface OrderedSubscription {
  subscriptionId: string;
  offerId: string;
  title: string;
  quantity: number;
  status: string;
  /** Last day the new purchase can be cancelled for a prorated refund (the undo path). */
  cancellationAllowedUntil: string | null;
}

/** After provisioning: did the customer's prepaid licences of a SKU rise by what was ordered? */
export interface PrepaidCheck {
  skuId: string;
  skuPartNumber: string;
  /** Licences in service before the purchase (the inventory). */
  before: number;
  /** Licences in service now (Graph subscribedSkus). */
  after: number;
  ordered: number;
  ok: boolean;
}

export type SourceAdviceKind = 'let-expire' | 'let-expire-or-credit' | 'let-expire-or-transfer' | 'unknown-expiry';

export interface SourceAdvice {
  subscriptionId: string;
  skuPartNumber: string;
  totalLicenses: number;
  expires: string | null;
  kind: SourceAdviceKind;
  text: string;
}
