/** Turns the compact hand-typed tuples of the SKU data files into SkuDefinition objects. */
import type { SkuDefinition, SkuAppliesTo } from '../types';

type PlanTuple = readonly [servicePlanName: string, servicePlanId: string, friendlyName: string];

export interface SkuSource {
  skuId: string;
  skuPartNumber: string;
  displayName: string;
  appliesTo: SkuAppliesTo;
  servicePlans: readonly PlanTuple[];
}

/** Frozen: the SKU data is shared by every sandbox world in the process and must never change. */
export function defineSku(source: SkuSource): SkuDefinition {
  return Object.freeze({
    skuId: source.skuId,
    skuPartNumber: source.skuPartNumber,
    displayName: source.displayName,
    appliesTo: source.appliesTo,
    servicePlans: Object.freeze(
      source.servicePlans.map(([servicePlanName, servicePlanId, friendlyName]) => Object.freeze({ servicePlanName, servicePlanId, friendlyName })),
    ),
  });
}
