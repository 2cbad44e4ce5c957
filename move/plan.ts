import { createHash } from 'node:crypto';
import freeSkuData from './data/free-skus.json';
import { matchLine, requiredPlans, soldOffers, type MatchResult, type SoldOffer } from './matching';
import type {
  Actor, BillingCycle, CatalogOffer, Inventory, InventoryLine, Plan, PlanBlocker, PlanExclusion, PlanLine, PlannedOffer,
  PlanSource, TermDuration,
} from './model';
import type { OfferMap } from './offerMap';
import { offerPrices, type PlanPricing } from './planPricing';
import type { PriceBook } from './pricing';
import { DEFAULT_BUY_DAYS_BEFORE_END, defaultBuyOn } from './schedule';
import type { SkuCatalog } from './skuCatalog';

/** An Account admin's pick for a licence nothing covers (recorded with who and why). */
export interface OfferChoice {
  sourceSkuId: string;
  offers: PlannedOffer[];
  by: Actor;
  reason: string;
  at: string;
}

export interface PlanOptions {
  /** The purchase term and billing when the source's are unknown (configuration). */
  term: TermDuration;
  billing: BillingCycle;
  /** Our own tenant: subscriptions it already owns need no move. */
  partnerTenantId: string;
  freeSkuPartNumbers?: readonly string[];
  /** When the plan is drawn (dates in the warnings are relative to it). */
  now: string;
  skus: SkuCatalog;
  offerMap: OfferMap;
  choices?: readonly OfferChoice[];
  /** Days before the original's end to buy each line (default 7); a day already past means at approval. */
  buyDaysBeforeEnd?: number;
  /** The partner's price sheet for the customer's market, or why it could not be read (guide prices then). */
  prices?: { book: PriceBook } | { problem: string };
}

export const DEFAULT_FREE_SKUS: readonly string[] = freeSkuData.skuPartNumbers;

/** Days a new-commerce purchase can be cancelled with a prorated refund: the plan's undo path. */
export const CANCELLATION_WINDOW_DAYS = 7;
const SOON_DAYS = 14;

/**
 * For each licence the customer pays for, the CSP offers to buy (see matching.ts), the quantity, the
 * term and what staff should know. A licence with no equivalent, or with fewer licences than users,
 * blocks the plan until a person resolves it.
 */
export function buildPlan(inventory: Inventory, offers: CatalogOffer[], options: PlanOptions): Plan {
  const free = new Set((options.freeSkuPartNumbers ?? DEFAULT_FREE_SKUS).map((s) => s.toUpperCase()));
  const sold = soldOffers(offers, options.skus, options.offerMap);
  const lines: PlanLine[] = [];
  const excluded: PlanExclusion[] = [];
  const blockers: PlanBlocker[] = [];

  for (const original of inventory.lines) {
    const exclusion = exclusionReason(original, free, options.partnerTenantId);
    if (exclusion) {
      excluded.push({ skuId: original.skuId, skuPartNumber: original.skuPartNumber, reason: exclusion });
      continue;
    }
    const line = withKnownPlans(original, options.skus);
    const quantity = line.totalUnits;
    const source = sourceOf(line, options.skus);
    if (quantity < line.consumedUnits) {
      blockers.push(blocker(line, 'below-consumed',
        `${line.consumedUnits} ${line.skuPartNumber} licences are assigned but only ${quantity} are in service; buying fewer than are assigned would cut users off. Free up ${line.consumedUnits - quantity} licences or add them to the source first.`));
      continue;
    }
    const sameOffer = sold.find((s) => s.offer.provisioningId === line.skuId.toLowerCase());
    if (sameOffer && (quantity > sameOffer.maximumQuantity || quantity < sameOffer.minimumQuantity)) {
      blockers.push(blocker(line, 'quantity-limit',
        `${sameOffer.offer.title} is sold in quantities from ${sameOffer.minimumQuantity} to ${sameOffer.maximumQuantity} per customer; the customer has ${quantity}. Moving to another offer is a licensing decision to take with the customer.`));
      continue;
    }
    const choice = options.choices?.filter((c) => c.sourceSkuId.toLowerCase() === line.skuId.toLowerCase()).at(-1);
    const match = matchLine(line, quantity, sold, options.offerMap);
    if (match.kind === 'none' && choice) {
      const chosen = chosenLine(line, source, quantity, choice, sold, options);
      if ('kind' in chosen) blockers.push(chosen);
      else lines.push(chosen);
      continue;
    }
    if (match.kind === 'none') {
      blockers.push(noEquivalent(line, quantity, match, sold, options));
      continue;
    }
    lines.push(planLine(line, source, quantity, match, options));
  }
  const priced = withPrices(lines, options.prices);
  return { lines: priced, excluded, blockers, warnings: planWarnings(inventory, lines, options), hash: planHash(priced), ...pricingOf(options.prices) };
}

/** Each offer carries its sheet prices, so the card can price any term without reading the sheet again. */
function withPrices(lines: PlanLine[], prices: PlanOptions['prices']): PlanLine[] {
  if (!prices || !('book' in prices)) return lines;
  return lines.map((line) => ({ ...line, offers: line.offers.map((offer) => ({ ...offer, prices: offerPrices(prices.book, offer) })) }));
}

function pricingOf(prices: PlanOptions['prices']): { pricing?: PlanPricing } {
  if (!prices) return {};
  if ('book' in prices) return { pricing: { source: 'price-sheet', market: prices.book.market, month: prices.book.month, readAt: prices.book.readAt } };
  return { pricing: { source: 'guide-price', problem: prices.problem } };
}

function planLine(line: InventoryLine, source: PlanSource, quantity: number, match: Exclude<MatchResult, { kind: 'none' }>, options: PlanOptions): PlanLine {
  const { termDuration, billingCycle, warnings } = termFor(source, options);
  warnings.push(...dateWarnings(line, source, options.now));
  const buyOn = buyDay(line, source, options);
  if (match.kind === 'same') {
    const o = match.offer.offer;
    return {
      source, match: 'same', offers: [o], quantity, termDuration, billingCycle, ignoredPlans: [], lostPlans: [], warnings,
      reason: `Same offer: ${o.title} (${o.productId}:${o.skuId}) provisions ${line.skuPartNumber} itself, so users keep their licences and need no reassignment.`,
      needsReassignment: false, buyOn,
    };
  }
  const titles = match.offers.map((o) => o.offer.title).join(' + ');
  const { required } = requiredPlans(line);
  const contributions = match.offers.slice(1)
    .map((o) => ({ o, only: [...required].filter(([id]) => o.planIds.has(id) && !match.offers[0].planIds.has(id)).map(([, n]) => n) }))
    .filter((c) => c.only.length > 0)
    .map((c) => `${c.only.slice(0, 4).join(', ')}${c.only.length > 4 ? ` and ${c.only.length - 4} more` : ''} from ${c.o.offer.title}`);
  const why = [
    `Equivalent: ${line.skuPartNumber} is not sold in this market; ${titles} together carry all ${required.size} service plans your users have on`
      + (contributions.length > 0 ? ` (${contributions.join('; ')})` : '') + '.',
    match.preferredNote ? `The offer map prefers this set: ${match.preferredNote}` : 'Chosen as the fewest offers with the least waste (plans bought twice or not needed), then the lowest guide price.',
    match.ignored.length > 0 ? `Ignored, since no user has them on: ${match.ignored.join(', ')}.` : '',
    match.surplus.length > 0 ? `Adds ${match.surplus.length} plan${match.surplus.length === 1 ? '' : 's'} the original lacked.` : '',
    'Users move to the new licences after provisioning (one change per user that adds before it removes).',
  ];
  if (match.upgrade) warnings.push(`This is an upgrade, not a like-for-like move: it adds ${match.surplus.length} service plans the original lacked and likely costs more. Nothing closer is sold.`);
  if (match.alternatives.length > 0) warnings.push(`Also covering: ${match.alternatives.map((a) => a.map((o) => o.offer.title).join(' + ')).join('; ')}.`);
  return {
    source, match: 'equivalent', offers: match.offers.map((o) => o.offer), quantity, termDuration, billingCycle,
    reason: why.filter(Boolean).join(' '), ignoredPlans: match.ignored, lostPlans: [], warnings, needsReassignment: true,
    buyOn: buyDay(line, source, options),
  };
}

function chosenLine(line: InventoryLine, source: PlanSource, quantity: number, choice: OfferChoice, sold: readonly SoldOffer[], options: PlanOptions): PlanLine | PlanBlocker {
  const picked = choice.offers.map((c) => sold.find((s) => s.offer.productId === c.productId && s.offer.skuId === c.skuId));
  if (picked.some((p) => !p)) {
    return blocker(line, 'no-equivalent', `${choice.by.name} picked ${choice.offers.map((o) => o.title).join(' + ')}, which is no longer sold in this market. Pick again.`);
  }
  const offers = picked as SoldOffer[];
  const { required, ignored } = requiredPlans(line);
  const lost = [...required].filter(([id]) => !offers.some((o) => o.planIds.has(id))).map(([, n]) => n);
  const { termDuration, billingCycle, warnings } = termFor(source, options);
  warnings.push(...dateWarnings(line, source, options.now));
  if (lost.length > 0) warnings.push(`Users lose ${lost.join(', ')}: the picked offers do not carry ${lost.length === 1 ? 'it' : 'them'}.`);
  const same = offers.length === 1 && offers[0].offer.provisioningId === line.skuId.toLowerCase();
  return {
    source, match: 'chosen', offers: offers.map((o) => o.offer), quantity, termDuration, billingCycle,
    reason: `Picked by ${choice.by.name} (Account admin) on ${choice.at.slice(0, 10)}: "${choice.reason}". No sold offer carries every plan of ${line.skuPartNumber}.`,
    ignoredPlans: ignored, lostPlans: lost, warnings, needsReassignment: !same,
    buyOn: buyDay(line, source, options),
  };
}

function noEquivalent(line: InventoryLine, quantity: number, match: Extract<MatchResult, { kind: 'none' }>, sold: readonly SoldOffer[], options: PlanOptions): PlanBlocker {
  const soldHere = sold.length;
  let reason: string;
  if (line.servicePlans.length === 0) {
    reason = `No offer provisions ${line.skuPartNumber}, and its service plans are unknown (${options.skus.problem ?? 'it is not in the SKU table'}), so no equivalent can be checked.`;
  } else if (options.skus.problem) {
    reason = `No offer provisions ${line.skuPartNumber}, and equivalents cannot be checked: ${options.skus.problem}`;
  } else {
    reason = `No sold offer, nor any set of up to three, carries every service plan your users have on ${line.skuPartNumber}`
      + (match.missing.length > 0 ? `; missing: ${match.missing.join(', ')}.` : '.')
      + (match.closest ? ` Closest: ${match.closest.offer.offer.title}, which lacks ${match.closest.lacks.slice(0, 8).join(', ')}${match.closest.lacks.length > 8 ? '…' : ''}.` : '')
      + ` (${soldHere} offers checked for ${quantity} licences.) An Account admin may pick an offer on the card; users would lose what it lacks.`;
  }
  return { ...blocker(line, 'no-equivalent', reason), missingPlans: match.missing, candidates: match.candidates.map((c) => c.offer) };
}

function blocker(line: InventoryLine, kind: PlanBlocker['kind'], reason: string): PlanBlocker {
  return { skuId: line.skuId, skuPartNumber: line.skuPartNumber, kind, reason, missingPlans: [], candidates: [] };
}

/** Staff-typed lines carry no plans: take them from the SKU table. */
function withKnownPlans(line: InventoryLine, skus: SkuCatalog): InventoryLine {
  if (line.servicePlans.length > 0) return line;
  const sku = skus.bySkuId(line.skuId);
  return sku ? { ...line, servicePlans: sku.servicePlans.map((p) => ({ id: p.id, name: p.name })) } : line;
}

function sourceOf(line: InventoryLine, skus: SkuCatalog): PlanSource {
  const paid = line.subscriptions.filter((s) => !s.isTrial);
  const ends = paid.map((s) => s.nextLifecycleDateTime).filter((d): d is string => Boolean(d)).sort();
  const terms = paid.map((s) => s.term ?? null);
  const first = terms[0] ?? null;
  const common = first && terms.every((t) => t && t.termDuration === first.termDuration && t.billingCycle === first.billingCycle) ? first : null;
  return {
    skuId: line.skuId, skuPartNumber: line.skuPartNumber, displayName: skus.bySkuId(line.skuId)?.displayName || null,
    totalUnits: line.totalUnits, consumedUnits: line.consumedUnits, endsAt: ends[0] ?? null, term: common,
  };
}

function termFor(source: PlanSource, options: PlanOptions): { termDuration: TermDuration; billingCycle: BillingCycle; warnings: string[] } {
  if (source.term) return { ...source.term, warnings: [] };
  return { termDuration: options.term, billingCycle: options.billing, warnings: [termDefaultWarning(options.term, options.billing)] };
}

/** The warning on a line whose term is only the configured default (dropped once staff choose the term). */
export function termDefaultWarning(term: TermDuration, billing: BillingCycle): string {
  return `The original's term is unknown (Microsoft Graph does not report terms), so this buys ${term} billed ${billing}, the configured default. Check the original's term with its seller.`;
}

/** Graph's "Warning" status: the subscription expired and is in its grace period until nextLifecycleDateTime. */
function inGracePeriod(line: InventoryLine): boolean {
  return line.subscriptions.some((s) => !s.isTrial && s.status.toLowerCase() === 'warning');
}

/** A few days before the original ends; at approval when it has ended (grace period), ends sooner, or its end is unknown. */
function buyDay(line: InventoryLine, source: PlanSource, options: PlanOptions): string | null {
  if (inGracePeriod(line)) return null;
  return defaultBuyOn(source.endsAt, options.now, options.buyDaysBeforeEnd ?? DEFAULT_BUY_DAYS_BEFORE_END);
}

function dateWarnings(line: InventoryLine, source: PlanSource, now: string): string[] {
  if (inGracePeriod(line)) {
    const until = source.endsAt ? ` until ${source.endsAt.slice(0, 10)}` : '';
    return [`The original has expired and is in its grace period${until}, after which it is suspended: approve soon so users keep their service.`];
  }
  if (!source.endsAt) return ['The original\'s end date is unknown: the new subscription starts at purchase; check the original\'s end with its seller.'];
  const days = Math.floor((Date.parse(source.endsAt) - Date.parse(now)) / 86_400_000);
  const date = source.endsAt.slice(0, 10);
  if (days < 0) return [`The original ended on ${date} and is in its grace period: buy now so users keep their service.`];
  if (days <= SOON_DAYS) return [`The original ends on ${date}, in ${days} day${days === 1 ? '' : 's'}: approve soon so the new subscription starts before it.`];
  return [];
}

function planWarnings(inventory: Inventory, lines: PlanLine[], options: PlanOptions): string[] {
  const warnings: string[] = [];
  if (options.skus.problem) warnings.push(`Microsoft's SKU table is not loaded, so only same offers can be matched: ${options.skus.problem}`);
  else if (options.skus.stale) warnings.push(`Microsoft's SKU table is old (as of ${options.skus.asOf?.slice(0, 10) ?? 'an unknown date'}); equivalents were checked against it.`);
  if (inventory.enteredBy) warnings.push(`The inventory was typed in by ${inventory.enteredBy.name}: the bot could not read the tenant, so check the figures and the plans users have.`);
  if (lines.some((l) => l.match !== 'same') && inventory.lines.some((l) => !l.usage)) {
    warnings.push('Which service plans users have on is unknown for some licences, so every plan of those licences had to be covered.');
  }
  return warnings;
}

function exclusionReason(line: InventoryLine, free: Set<string>, partnerTenantId: string): string | null {
  if (free.has(line.skuPartNumber.toUpperCase())) return 'Free or self-service licence: nothing to buy.';
  if (line.subscriptions.length > 0 && line.subscriptions.every((s) => s.isTrial)) return 'Trial: not moved; buy it only if the customer decides to keep it.';
  if (line.totalUnits === 0) return `No licences in service (status ${line.capabilityStatus}).`;
  if (line.subscriptions.length > 0 && line.subscriptions.every((s) => s.ownerTenantId?.toLowerCase() === partnerTenantId.toLowerCase())) {
    return 'Already bought through us.';
  }
  return null;
}

/** A short, stable fingerprint of what would be bought: approvals are for exactly this. */
export function planHash(lines: PlanLine[]): string {
  const canonical = lines
    // The buy date only when there is one, so plans drawn before buy dates existed keep their hash.
    .map((l) => [l.source.skuId, l.offers.map((o) => `${o.productId}:${o.skuId}`).join('+'), l.quantity, l.termDuration, l.billingCycle, ...(l.buyOn ? [l.buyOn] : [])].join('|'))
    .sort()
    .join('\n');
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}

/** What goes in the cart: one line per offer, term and billing, with the quantities of every plan line that buys it. */
export function cartQuantities(plan: Pick<Plan, 'lines'>): Array<{ offer: PlannedOffer; quantity: number; termDuration: TermDuration; billingCycle: BillingCycle }> {
  const byKey = new Map<string, { offer: PlannedOffer; quantity: number; termDuration: TermDuration; billingCycle: BillingCycle }>();
  for (const line of plan.lines) {
    for (const offer of line.offers) {
      const key = [offer.productId, offer.skuId, line.termDuration, line.billingCycle].join('|');
      const entry = byKey.get(key);
      if (entry) entry.quantity += line.quantity;
      else byKey.set(key, { offer, quantity: line.quantity, termDuration: line.termDuration, billingCycle: line.billingCycle });
    }
  }
  return [...byKey.values()];
}
