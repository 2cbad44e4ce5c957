/**
 * The vocabulary of a customer move: who acts, what the customer has, what we plan to buy.
 * Pure data types; no behaviour and no imports from the edges.
 */
import type { PlanPricing } from './planPricing';
import type { SeatPrice } from './pricing';

/** Partner staff roles (docs/ARCHITECTURE.md §1). The procedure names the first three; Partner Center has the other two. */
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

/**
 * The mailbox an email leaves from: the signed-in staff member's own (Teams SSO, delegated Mail.Send) or the
 * configured mailbox (MAIL_SENDER_MAILBOX, application Mail.Send).
 */
export type MailSender = { kind: 'user' } | { kind: 'mailbox'; address: string };

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
  /** Term and billing cycle, only when someone who knows typed them in: Graph never reports them. */
  term?: SourceTerm | null;
}

/** A term and billing cycle, as Partner Center sells them. */
export interface SourceTerm {
  termDuration: TermDuration;
  billingCycle: BillingCycle;
}

/** Which of a SKU's service plans the customer's users actually have switched on. */
export interface PlanUsage {
  /** Users holding the SKU (directly or through a group). */
  assignedUsers: number;
  /** Service plan ids enabled for at least one of them. */
  enabledPlanIds: string[];
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
  /** Which plans users have on; null when unknown (then every plan counts as used). */
  usage?: PlanUsage | null;
}

export interface Inventory {
  lines: InventoryLine[];
  takenAt: string;
  /** Set when staff typed the inventory on a card because the bot cannot read the tenant. */
  enteredBy?: Actor | null;
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

/**
 * How a source licence maps to what we buy: the very same offer; a set of sold offers whose service
 * plans cover every plan the users have (equivalent); or offers an Account admin picked by hand.
 */
export type MatchKind = 'same' | 'equivalent' | 'chosen';

export const MATCH_KIND_LABELS: Record<MatchKind, string> = {
  same: 'Same offer',
  equivalent: 'Equivalent',
  chosen: 'Picked by an Account admin',
};

/** One CSP offer of a plan line, with the Graph SKU it provisions. */
export interface PlannedOffer {
  productId: string;
  skuId: string;
  title: string;
  /** Graph skuId the offer provisions (null when neither the catalog nor the offer map says). */
  provisioningId: string | null;
  /** Guide list price per licence per month (USD), from the offer map; null when unknown. */
  listPriceUsd: number | null;
  /** The partner's prices of this offer, every term and billing plan, from the price sheet read when the plan was drawn. */
  prices?: SeatPrice[];
}

export interface PlanSource {
  skuId: string;
  skuPartNumber: string;
  /** Its name in Microsoft's SKU table ("Microsoft 365 E3"); absent on old plans or SKUs the table lacks. */
  displayName?: string | null;
  totalUnits: number;
  consumedUnits: number;
  /** The earliest natural end of its subscriptions (Graph nextLifecycleDateTime); null when unknown. */
  endsAt: string | null;
  /** The source's term when someone typed it in; null = unknown (never inferred from dates). */
  term: SourceTerm | null;
}

export interface PlanLine {
  source: PlanSource;
  match: MatchKind;
  offers: PlannedOffer[];
  quantity: number;
  termDuration: TermDuration;
  billingCycle: BillingCycle;
  /** Why these offers were chosen, in words staff can check. */
  reason: string;
  /** Source service plans the new offers lack but no user has enabled (so nobody loses them). */
  ignoredPlans: string[];
  /** Source service plans the new offers lack although users have them (only on `chosen` lines). */
  lostPlans: string[];
  warnings: string[];
  /** True when users must be moved to a different Graph SKU. */
  needsReassignment: boolean;
  /**
   * The day to buy it (YYYY-MM-DD): by default a few days before the original ends; null or absent = as soon as the
   * plan is approved (plans drawn before buy dates existed have none).
   */
  buyOn?: string | null;
}

/** A source SKU we deliberately leave out of the purchase (free, trial, viral). */
export interface PlanExclusion {
  skuId: string;
  skuPartNumber: string;
  reason: string;
}

export type PlanBlockerKind = 'no-equivalent' | 'below-consumed' | 'quantity-limit';

export interface PlanBlocker {
  skuId: string;
  skuPartNumber: string;
  kind: PlanBlockerKind;
  reason: string;
  /** The service plans users have that no sold offer (or set of up to three) covers. */
  missingPlans: string[];
  /** Sold offers an Account admin may pick instead (best coverage first); empty unless kind is no-equivalent. */
  candidates: PlannedOffer[];
}

export interface Plan {
  lines: PlanLine[];
  excluded: PlanExclusion[];
  blockers: PlanBlocker[];
  /** Warnings about the plan as a whole (e.g. the SKU table is missing or old). */
  warnings: string[];
  /** Hash of the lines: an approval is for exactly this plan. */
  hash: string;
  /** Where its prices come from (absent on plans drawn before prices were shown). */
  pricing?: PlanPricing;
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
  /** A monthly term renews every month: no reminder before each renewal (absent on old streams = false). */
  monthly?: boolean;
}
