/**
 * The JSON Partner Center sends, as far as this adapter reads it (SDK models, camelCase), and the
 * mapping to the domain's types. Unknown fields are ignored; missing optional ones get a neutral value.
 */
import { z } from 'zod';
import type { CatalogOffer, OrderedSubscription } from '../../move/model';
import type { CustomerRecord, PartnerProfile, PlacedOrder } from '../../move/ports';
import type { CatalogAvailability, CatalogProduct, OrganizationProfile, ProvisioningStatus } from './partnerCenterTypes';

/** `links.next.headers` is a list of `{ key, value }` (KeyValuePair); a plain object is accepted too. */
const linkHeadersSchema = z.union([
  z.array(z.object({ key: z.string(), value: z.string() })),
  z.record(z.string(), z.string()).transform((o) => Object.entries(o).map(([key, value]) => ({ key, value }))),
]);

export const linkSchema = z.object({
  uri: z.string().min(1),
  method: z.string().optional(),
  headers: linkHeadersSchema.nullish().transform((h) => h ?? []),
});

/** A Partner Center resource collection: `{ totalCount, items, links: { self, next } }`. */
export function collectionSchema<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item).nullish().transform((items) => items ?? []),
    links: z.object({ next: linkSchema.nullish() }).nullish(),
  });
}

export const legalBusinessProfileSchema = z.object({
  companyName: z.string(),
  address: z.object({ country: z.string() }),
});

export function toPartnerProfile(wire: z.infer<typeof legalBusinessProfileSchema>): PartnerProfile {
  return { companyName: wire.companyName, country: wire.address.country.toUpperCase() };
}

export const customerSchema = z.object({
  id: z.string(),
  companyProfile: z.object({
    tenantId: z.string().nullish(),
    domain: z.string().nullish(),
    companyName: z.string().nullish(),
    address: z.object({ country: z.string().nullish() }).nullish(),
  }).nullish(),
  relationshipToPartner: z.string().nullish(),
});

export function toCustomerRecord(wire: z.infer<typeof customerSchema>): CustomerRecord {
  const profile = wire.companyProfile;
  return {
    id: wire.id,
    tenantId: profile?.tenantId ?? wire.id,
    domain: profile?.domain ?? '',
    companyName: profile?.companyName ?? '',
    relationshipToPartner: (wire.relationshipToPartner ?? 'unknown').toLowerCase(),
    country: profile?.address?.country ? profile.address.country.toUpperCase() : null,
  };
}

export const relationshipRequestSchema = z.object({ url: z.string().min(1) });

/** `OrganizationProfile` (App+User); the documented sample has `id` and `tenantId` as placeholders. */
export const organizationProfileSchema = z.object({
  tenantId: z.string().nullish(),
  companyName: z.string().nullish(),
  domain: z.string().nullish(),
  defaultAddress: z.object({ country: z.string().nullish() }).nullish(),
  culture: z.string().nullish(),
  language: z.string().nullish(),
});

export function toOrganizationProfile(wire: z.infer<typeof organizationProfileSchema>): OrganizationProfile {
  const country = wire.defaultAddress?.country;
  return {
    tenantId: wire.tenantId ?? null,
    companyName: wire.companyName ?? '',
    domain: wire.domain ?? '',
    country: country ? country.toUpperCase() : null,
    culture: wire.culture ?? null,
    language: wire.language ?? null,
  };
}

export const productSchema = z.object({
  id: z.string(),
  title: z.string().nullish(),
  productType: z.object({ id: z.string().nullish() }).nullish(),
});

export function toCatalogProduct(wire: z.infer<typeof productSchema>): CatalogProduct {
  return { id: wire.id, title: wire.title ?? wire.id, productType: wire.productType?.id ?? null };
}

export const skuSchema = z.object({
  id: z.string(),
  productId: z.string().nullish(),
  title: z.string().nullish(),
  minimumQuantity: z.number().nullish(),
  maximumQuantity: z.number().nullish(),
  isTrial: z.boolean().nullish(),
  // Free-form and "can change without notice"; only provisioningId (the Graph skuId) is read.
  dynamicAttributes: z.record(z.string(), z.unknown()).nullish(),
});

export function toCatalogOffer(product: z.infer<typeof productSchema>, sku: z.infer<typeof skuSchema>): CatalogOffer {
  const provisioningId = sku.dynamicAttributes?.['provisioningId'];
  return {
    productId: sku.productId ?? product.id,
    skuId: sku.id,
    title: sku.title ?? product.title ?? `${product.id}:${sku.id}`,
    provisioningId: typeof provisioningId === 'string' && provisioningId !== '' ? provisioningId.toLowerCase() : null,
    minimumQuantity: sku.minimumQuantity ?? 1,
    maximumQuantity: sku.maximumQuantity ?? Number.MAX_SAFE_INTEGER,
    isTrial: sku.isTrial ?? false,
  };
}

export const availabilitySchema = z.object({
  id: z.string().nullish(),
  productId: z.string().nullish(),
  skuId: z.string().nullish(),
  catalogItemId: z.string(),
  country: z.string().nullish(),
  segment: z.string().nullish(),
  isPurchasable: z.boolean().nullish(),
  terms: z.array(z.object({
    duration: z.string().nullish(),
    description: z.string().nullish(),
    billingCycle: z.string().nullish(),
  })).nullish(),
});

export function toCatalogAvailability(wire: z.infer<typeof availabilitySchema>): CatalogAvailability {
  return {
    id: wire.id ?? null,
    productId: wire.productId ?? null,
    skuId: wire.skuId ?? null,
    catalogItemId: wire.catalogItemId,
    country: wire.country ?? null,
    segment: wire.segment ?? null,
    isPurchasable: wire.isPurchasable !== false,
    terms: (wire.terms ?? []).filter((t) => t.duration).map((t) => ({
      duration: (t.duration as string).toUpperCase(),
      billingCycle: t.billingCycle ? t.billingCycle.toLowerCase() : null,
      description: t.description ?? null,
    })),
  };
}

export const cartSchema = z.object({
  id: z.string(),
  lineItems: z.array(z.object({
    id: z.number().nullish(),
    catalogItemId: z.string().nullish(),
    error: z.object({
      errorCode: z.union([z.string(), z.number()]).nullish(),
      errorDescription: z.string().nullish(),
    }).nullish(),
  })).nullish(),
});

export const orderSchema = z.object({
  id: z.string(),
  status: z.string().nullish(),
  lineItems: z.array(z.object({
    offerId: z.string().nullish(),
    subscriptionId: z.string().nullish(),
    quantity: z.number().nullish(),
    friendlyName: z.string().nullish(),
  })).nullish(),
});

export function toPlacedOrder(wire: z.infer<typeof orderSchema>): PlacedOrder {
  return {
    id: wire.id,
    status: wire.status ?? 'unknown',
    lineItems: (wire.lineItems ?? []).map((line) => ({
      offerId: line.offerId ?? '',
      subscriptionId: line.subscriptionId ?? null,
      quantity: line.quantity ?? 0,
      friendlyName: line.friendlyName ?? '',
    })),
  };
}

export const checkoutResultSchema = z.object({
  orders: z.array(orderSchema).nullish().transform((o) => o ?? []),
  orderErrors: z.array(z.object({
    orderGroupId: z.union([z.string(), z.number()]).nullish(),
    code: z.union([z.string(), z.number()]).nullish(),
    description: z.string().nullish(),
  })).nullish().transform((e) => e ?? []),
});

export const subscriptionSchema = z.object({
  id: z.string(),
  offerId: z.string().nullish(),
  offerName: z.string().nullish(),
  friendlyName: z.string().nullish(),
  quantity: z.number().nullish(),
  status: z.string().nullish(),
  cancellationAllowedUntilDate: z.string().nullish(),
});

export function toOrderedSubscription(wire: z.infer<typeof subscriptionSchema>): OrderedSubscription {
  return {
    subscriptionId: wire.id,
    offerId: wire.offerId ?? '',
    title: wire.offerName ?? wire.friendlyName ?? '',
    quantity: wire.quantity ?? 0,
    status: wire.status ?? 'unknown',
    cancellationAllowedUntil: wire.cancellationAllowedUntilDate ?? null,
  };
}

/** `SubscriptionProvisioningStatus`; `skuId` is documented as "a GUID formatted string" (upper case in the sample). */
export const provisioningStatusSchema = z.object({
  skuId: z.string().nullish(),
  status: z.string(),
  quantity: z.number().nullish(),
  endDate: z.string().nullish(),
});

export function toProvisioningStatus(wire: z.infer<typeof provisioningStatusSchema>): ProvisioningStatus {
  return {
    skuId: wire.skuId ? wire.skuId.toLowerCase() : null,
    status: wire.status.toLowerCase(),
    quantity: wire.quantity ?? 0,
    endDate: wire.endDate ?? null,
  };
}
