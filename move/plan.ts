import { createHash } from 'node:crypto';
import freeSkuData from './data/free-skus.json';
import type {
  BillingCycle, CatalogOffer, Inventory, InventoryLine, Plan, PlanBlocker, PlanExclusion, PlanLine, TermDuration,
} from './model';

export interface PlanOptions {
  term: TermDuration;
  billing: BillingCycle;
  /** Our own tenant: subscriptions it already owns need no move. */
  partnerTenantId: string;
  freeSkuPartNumbers?: readonly string[];
}

export const DEFAULT_FREE_SKUS: readonly string[] = freeSkuData.skuPartNumbers;

/**
 * Picks, for each licence the customer pays for, the CSP offer that provisions the very same Graph SKU
 * (the catalog's `provisioningId`). A licence with no such offer blocks the plan: equivalents are a
 * human decision until equivalence matching exists.
 */
export function buildPlan(inventory: Inventory, offers: CatalogOffer[], options: PlanOptions): Plan {
  const free = new Set((options.freeSkuPartNumbers ?? DEFAULT_FREE_SKUS).map((s) => s.toUpperCase()));
  const lines: PlanLine[] = [];
  const excluded: PlanExclusion[] = [];
  const blockers: PlanBlocker[] = [];

  for (const line of inventory.lines) {
    const exclusion = exclusionReason(line, free, options.partnerTenantId);
    if (exclusion) {
      excluded.push({ skuId: line.skuId, skuPartNumber: line.skuPartNumber, reason: exclusion });
      continue;
    }
    const offer = offers.find((o) => !o.isTrial && o.provisioningId?.toLowerCase() === line.skuId.toLowerCase());
    if (!offer) {
      blockers.push({
        skuId: line.skuId, skuPartNumber: line.skuPartNumber,
        reason: `No CSP offer in the catalog provisions ${line.skuPartNumber} (${line.skuId}); an equivalent offer must be chosen.`,
      });
      continue;
    }
    const quantity = line.totalUnits;
    if (quantity < line.consumedUnits) {
      blockers.push({ skuId: line.skuId, skuPartNumber: line.skuPartNumber,
        reason: `${line.consumedUnits} ${line.skuPartNumber} licences are assigned but only ${quantity} are in service; buying fewer than are assigned would cut users off.` });
      continue;
    }
    if (quantity > offer.maximumQuantity || quantity < offer.minimumQuantity) {
      blockers.push({ skuId: line.skuId, skuPartNumber: line.skuPartNumber,
        reason: `${offer.title} is sold in quantities from ${offer.minimumQuantity} to ${offer.maximumQuantity}; the customer has ${quantity}.` });
      continue;
    }
    lines.push({
      source: { skuId: line.skuId, skuPartNumber: line.skuPartNumber, totalUnits: line.totalUnits, consumedUnits: line.consumedUnits },
      match: 'same',
      offer: { productId: offer.productId, skuId: offer.skuId, title: offer.title },
      quantity,
      termDuration: options.term,
      billingCycle: options.billing,
      reason: `Same offer: ${offer.title} (${offer.productId}:${offer.skuId}) provisions ${line.skuPartNumber} itself, so users keep their licences and need no reassignment.`,
      needsReassignment: false,
    });
  }
  return { lines, excluded, blockers, hash: planHash(lines) };
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
    .map((l) => [l.source.skuId, l.offer.productId, l.offer.skuId, l.quantity, l.termDuration, l.billingCycle].join('|'))
    .sort()
    .join('\n');
  return createHash('sha256').update(canonical).digest('hex').slice(0, 16);
}
