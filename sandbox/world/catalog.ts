/**
 * The new-commerce (NCE) license-based catalog the sandbox partner can sell. Product and SKU ids are the
 * real NCE ids (those of move/data/offer-map.json); `provisioningId` is the Graph skuId, as Partner Center's SKUs
 * carry it (learn.microsoft.com/partner-center/developer/get-a-list-of-skus-for-a-product). Availability ids
 * are invented (hash of the seed), because Microsoft replaces them over time anyway.
 *
 * Deliberately NOT sold: Microsoft 365 E3 `CFQ7TTC0LFLX:0001` (SPE_E3), so Fabrikam's move needs the
 * equivalent pair "Microsoft 365 E3 (no Teams)" + "Microsoft Teams Enterprise"; the free and trial SKUs.
 */
import { hashCode } from '../util/ids';
import type { BillingCycle, SkuDefinition, TermDuration } from './types';
import { MICROSOFT_365_BUSINESS_BASIC, MICROSOFT_365_BUSINESS_PREMIUM, MICROSOFT_365_BUSINESS_STANDARD } from './skus/business';
import { MICROSOFT_365_E3_NO_TEAMS } from './skus/microsoft365E3';
import { OFFICE_365_E1, OFFICE_365_E3 } from './skus/office365';
import {
  ENTRA_ID_P1,
  EXCHANGE_ONLINE_PLAN_1,
  EXCHANGE_ONLINE_PLAN_2,
  MICROSOFT_TEAMS_ENTERPRISE,
  POWER_BI_PRO,
} from './skus/standalone';

export interface CatalogTerm {
  duration: TermDuration;
  billingCycle: BillingCycle;
}

export interface CatalogSkuDefinition {
  catalogSkuId: string;
  graphSku: SkuDefinition;
  title: string;
  description: string;
  minimumQuantity: number;
  maximumQuantity: number;
  terms: readonly CatalogTerm[];
}

export interface CatalogProductDefinition {
  productId: string;
  title: string;
  description: string;
  skus: readonly CatalogSkuDefinition[];
}

/** P1M monthly, P1Y monthly, P1Y annual: the usual NCE license-based combinations. */
const STANDARD_TERMS: readonly CatalogTerm[] = [
  { duration: 'P1M', billingCycle: 'monthly' },
  { duration: 'P1Y', billingCycle: 'monthly' },
  { duration: 'P1Y', billingCycle: 'annual' },
];
const WITH_THREE_YEARS: readonly CatalogTerm[] = [...STANDARD_TERMS, { duration: 'P3Y', billingCycle: 'annual' }];

/** Business suites are capped at 300 seats (Partner Center "Pricing and offers"); 5,000 elsewhere is a sandbox value. */
const BUSINESS_MAX = 300;
const ENTERPRISE_MAX = 5000;

function sku(catalogSkuId: string, graphSku: SkuDefinition, maximumQuantity: number, terms: readonly CatalogTerm[], title = graphSku.displayName): CatalogSkuDefinition {
  return { catalogSkuId, graphSku, title, description: `${title} (new commerce, license-based)`, minimumQuantity: 1, maximumQuantity, terms };
}

export const CATALOG_PRODUCTS: readonly CatalogProductDefinition[] = [
  { productId: 'CFQ7TTC0LCHC', title: 'Microsoft 365 Business Premium', description: 'Productivity apps, services and advanced security for small businesses.', skus: [sku('0002', MICROSOFT_365_BUSINESS_PREMIUM, BUSINESS_MAX, STANDARD_TERMS)] },
  { productId: 'CFQ7TTC0LDPB', title: 'Microsoft 365 Business Standard', description: 'Desktop apps and services for small businesses.', skus: [sku('0001', MICROSOFT_365_BUSINESS_STANDARD, BUSINESS_MAX, STANDARD_TERMS)] },
  { productId: 'CFQ7TTC0LH18', title: 'Microsoft 365 Business Basic', description: 'Web and mobile apps and services for small businesses.', skus: [sku('0001', MICROSOFT_365_BUSINESS_BASIC, BUSINESS_MAX, STANDARD_TERMS)] },
  { productId: 'CFQ7TTC0LH16', title: 'Exchange Online (Plan 1)', description: 'Business email.', skus: [sku('0001', EXCHANGE_ONLINE_PLAN_1, ENTERPRISE_MAX, STANDARD_TERMS)] },
  { productId: 'CFQ7TTC0LH1P', title: 'Exchange Online (Plan 2)', description: 'Business email with archiving.', skus: [sku('0001', EXCHANGE_ONLINE_PLAN_2, ENTERPRISE_MAX, STANDARD_TERMS)] },
  { productId: 'CFQ7TTC0LF8R', title: 'Office 365 E3', description: 'Office apps and services for enterprises.', skus: [sku('0001', OFFICE_365_E3, ENTERPRISE_MAX, WITH_THREE_YEARS)] },
  { productId: 'CFQ7TTC0LF8Q', title: 'Office 365 E1', description: 'Web-based Office services for enterprises.', skus: [sku('0001', OFFICE_365_E1, ENTERPRISE_MAX, STANDARD_TERMS)] },
  // Product LFLX is Microsoft 365 E3; only its no-Teams SKU 0021 is sold here (pair UNCONFIRMED, see reference).
  { productId: 'CFQ7TTC0LFLX', title: 'Microsoft 365 E3', description: 'Office, Windows and security for enterprises.', skus: [sku('0021', MICROSOFT_365_E3_NO_TEAMS, ENTERPRISE_MAX, WITH_THREE_YEARS)] },
  // Product CFQ7TTC0MZJF and SKU 0009 for Teams Enterprise are UNCONFIRMED (one labelled source each).
  { productId: 'CFQ7TTC0MZJF', title: 'Microsoft Teams Enterprise', description: 'Microsoft Teams for enterprise customers.', skus: [sku('0009', MICROSOFT_TEAMS_ENTERPRISE, ENTERPRISE_MAX, STANDARD_TERMS)] },
  { productId: 'CFQ7TTC0LHSF', title: 'Power BI Pro', description: 'Self-service analytics.', skus: [sku('0001', POWER_BI_PRO, ENTERPRISE_MAX, STANDARD_TERMS)] },
  { productId: 'CFQ7TTC0LFLS', title: 'Microsoft Entra ID P1', description: 'Identity and access management.', skus: [sku('0002', ENTRA_ID_P1, ENTERPRISE_MAX, WITH_THREE_YEARS)] },
];

export interface CatalogAvailability {
  availabilityId: string;
  catalogItemId: string;
  product: CatalogProductDefinition;
  sku: CatalogSkuDefinition;
  term: CatalogTerm;
}

export interface Catalog {
  readonly products: readonly CatalogProductDefinition[];
  findProduct(productId: string): CatalogProductDefinition | undefined;
  findSku(productId: string, catalogSkuId: string): CatalogSkuDefinition | undefined;
  availabilitiesOf(productId: string, catalogSkuId: string): CatalogAvailability[];
  findByCatalogItemId(catalogItemId: string): CatalogAvailability | undefined;
}

export function buildCatalog(seed: string): Catalog {
  const availabilities: CatalogAvailability[] = [];
  for (const product of CATALOG_PRODUCTS) {
    for (const catalogSku of product.skus) {
      for (const term of catalogSku.terms) {
        const availabilityId = `CFQ7TTC0${hashCode(4, seed, 'availability', product.productId, catalogSku.catalogSkuId, term.duration, term.billingCycle)}`;
        availabilities.push({
          availabilityId,
          catalogItemId: `${product.productId}:${catalogSku.catalogSkuId}:${availabilityId}`,
          product,
          sku: catalogSku,
          term,
        });
      }
    }
  }
  if (new Set(availabilities.map((a) => a.catalogItemId)).size !== availabilities.length) {
    throw new Error('Sandbox catalog: two availabilities hashed to the same id; change the seed.');
  }
  const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();
  return {
    products: CATALOG_PRODUCTS,
    findProduct: (productId) => CATALOG_PRODUCTS.find((p) => same(p.productId, productId)),
    findSku(productId, catalogSkuId) {
      return CATALOG_PRODUCTS.find((p) => same(p.productId, productId))?.skus.find((s) => same(s.catalogSkuId, catalogSkuId));
    },
    availabilitiesOf: (productId, catalogSkuId) =>
      availabilities.filter((a) => same(a.product.productId, productId) && same(a.sku.catalogSkuId, catalogSkuId)),
    findByCatalogItemId: (catalogItemId) => availabilities.find((a) => same(a.catalogItemId, catalogItemId)),
  };
}
