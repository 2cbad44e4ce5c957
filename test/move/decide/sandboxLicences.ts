/** Moves of a tenant holding the sandbox's licences (SPE_E3, SPE_E5), planned against the sandbox's catalog. */
import type { MoveEvent } from '../../../move/events';
import type { Inventory, InventoryLine, Plan } from '../../../move/model';
import { defaultOfferMap } from '../../../move/offerMap';
import { buildPlan, type OfferChoice } from '../../../move/plan';
import { CATALOG_PRODUCTS } from '../../../sandbox/world/catalog';
import { ALL_SKUS } from '../../../sandbox/world/skus';
import { sandboxSkuCatalog } from '../../support/skuCatalogs';
import { adele, contosoHistory, megan, PARTNER_TENANT, system, T0 } from '../fixtures';

export const E3 = ALL_SKUS.find((s) => s.skuPartNumber === 'SPE_E3')!;
export const E5 = ALL_SKUS.find((s) => s.skuPartNumber === 'SPE_E5')!;

/** `minutes` after T0. */
export const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export function inventoryLine(sku: typeof E3, total: number): InventoryLine {
  return {
    skuId: sku.skuId, skuPartNumber: sku.skuPartNumber, capabilityStatus: 'Enabled', appliesTo: 'User', totalUnits: total, consumedUnits: total - 4,
    servicePlans: sku.servicePlans.map((p) => ({ id: p.servicePlanId, name: p.servicePlanName })),
    subscriptions: [{ id: `sub-${sku.skuPartNumber}`, skuId: sku.skuId, skuPartNumber: sku.skuPartNumber, status: 'Enabled', totalLicenses: total, isTrial: false, createdDateTime: null, nextLifecycleDateTime: '2027-02-18T00:00:00Z', ownerTenantId: 'other-partner' }],
    usage: null,
  };
}

/** The plan for `inventory` against every offer of the sandbox's catalog (with the offers Account admins picked). */
export function planOf(inventory: Inventory, choices?: readonly OfferChoice[]): Plan {
  const offers = CATALOG_PRODUCTS.flatMap((p) => p.skus.map((s) => ({
    productId: p.productId, skuId: s.catalogSkuId, title: s.title, provisioningId: s.graphSku.skuId, minimumQuantity: 1, maximumQuantity: s.maximumQuantity, isTrial: false,
  })));
  return buildPlan(inventory, offers, {
    term: 'P1Y', billing: 'monthly', partnerTenantId: PARTNER_TENANT, now: T0, skus: sandboxSkuCatalog(), offerMap: defaultOfferMap(),
    ...(choices ? { choices } : {}),
  });
}

/** A Contoso move for a tenant holding `lines`, up to its inventory, its proposed plan (blocked when the plan has blockers), or provisioned. */
export function moveHolding(lines: InventoryLine[], until: 'inventory' | 'proposed' | 'provisioned'): MoveEvent[] {
  const base = contosoHistory('accepted');
  const inventory: Inventory = { lines, takenAt: at(61) };
  const plan = planOf(inventory);
  const events: MoveEvent[] = [...base, { type: 'InventoryTaken', at: at(61), actor: system, inventory }];
  if (until === 'inventory') return events;
  events.push({ type: 'PlanProposed', at: at(62), actor: system, plan, proposer: megan });
  if (plan.blockers.length > 0) {
    events.push({ type: 'MoveBlocked', at: at(62), actor: system, reason: { code: 'plan-has-no-offer', skus: plan.blockers.map((b) => b.skuPartNumber) }, message: 'blocked' });
  }
  if (until === 'proposed') return events;
  events.push(
    { type: 'PlanApproved', at: at(70), actor: adele, planHash: plan.hash, comment: 'ok' },
    { type: 'CartCreated', at: at(71), actor: system, customerId: 'c-1', cartId: 'cart-1', requestId: 'req-1' },
    { type: 'OrderPlaced', at: at(72), actor: system, orderIds: ['ord-1'], subscriptions: [] },
    { type: 'ProvisioningCompleted', at: at(80), actor: system, subscriptions: [], prepaidCheck: [] },
  );
  return events;
}
