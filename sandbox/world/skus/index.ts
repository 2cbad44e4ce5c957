/** Every SKU the sandbox knows, by part number and by Graph skuId. */
import type { SkuDefinition } from '../types';
import { MICROSOFT_365_BUSINESS_BASIC, MICROSOFT_365_BUSINESS_PREMIUM, MICROSOFT_365_BUSINESS_STANDARD } from './business';
import { MICROSOFT_365_E3, MICROSOFT_365_E3_NO_TEAMS } from './microsoft365E3';
import { MICROSOFT_365_E5 } from './microsoft365E5';
import { OFFICE_365_E1, OFFICE_365_E3 } from './office365';
import {
  ENTRA_ID_P1,
  EXCHANGE_ONLINE_PLAN_1,
  EXCHANGE_ONLINE_PLAN_2,
  MICROSOFT_TEAMS_ENTERPRISE,
  POWER_AUTOMATE_FREE,
  POWER_BI_PRO,
} from './standalone';

export const ALL_SKUS: readonly SkuDefinition[] = [
  MICROSOFT_365_BUSINESS_PREMIUM,
  MICROSOFT_365_BUSINESS_STANDARD,
  MICROSOFT_365_BUSINESS_BASIC,
  EXCHANGE_ONLINE_PLAN_1,
  EXCHANGE_ONLINE_PLAN_2,
  OFFICE_365_E3,
  OFFICE_365_E1,
  MICROSOFT_365_E3,
  MICROSOFT_365_E3_NO_TEAMS,
  MICROSOFT_TEAMS_ENTERPRISE,
  POWER_BI_PRO,
  POWER_AUTOMATE_FREE,
  MICROSOFT_365_E5,
  ENTRA_ID_P1,
];

export function skuByPartNumber(skuPartNumber: string): SkuDefinition {
  const sku = ALL_SKUS.find((candidate) => candidate.skuPartNumber === skuPartNumber);
  if (!sku) throw new Error(`Sandbox world data refers to unknown SKU part number ${skuPartNumber}`);
  return sku;
}

export function findSkuById(skuId: string): SkuDefinition | undefined {
  const wanted = skuId.toLowerCase();
  return ALL_SKUS.find((candidate) => candidate.skuId === wanted);
}
