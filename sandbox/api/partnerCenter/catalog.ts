/**
 * The catalog: `/v1/products`, `/skus`, `/availabilities` for the license-based new-commerce view
 * (`targetView=OnlineServices`). Shapes follow the SDK's Product, Sku and Availability models.
 */
import { partnerCenterError } from '../../http/errors';
import type { Router } from '../../http/router';
import { json, type SandboxRequest } from '../../http/types';
import type { CatalogAvailability, CatalogProductDefinition, CatalogSkuDefinition } from '../../world/catalog';
import type { SandboxWorld } from '../../world/world';
import { collection, link } from './presenters';
import { partnerCenterRoute, requireSellableCountry } from './route';

/** Documented targetView values (SDK docs 2021); only OnlineServices has products in the sandbox. */
const KNOWN_TARGET_VIEWS = ['azure', 'azurereservations', 'azurereservationsvm', 'azurereservationssql', 'azurereservationscosmosdb', 'microsoftazure', 'onlineservices', 'software', 'softwaresuselinux', 'softwareperpetual', 'softwaresubscriptions'];
const KNOWN_SEGMENTS = ['commercial', 'education', 'government', 'nonprofit'];

export function registerCatalogRoutes(router: Router, world: SandboxWorld): void {
  const route = (handler: (request: SandboxRequest, country: string) => unknown) =>
    partnerCenterRoute(world, (request) => json(200, handler(request, requireSellableCountry(world, request))));

  router.add('partnerCenter', 'GET', '/v1/products', route((request, country) => {
    const targetView = request.query.get('targetView');
    if (!targetView) throw partnerCenterError(400, 400, 'The targetView parameter is required.');
    // 400036 / 400030 are the documented "access to the requested targetView/targetSegment is not allowed" codes.
    if (!KNOWN_TARGET_VIEWS.includes(targetView.toLowerCase())) throw partnerCenterError(403, 400036, 'Access to the requested targetView is not allowed.');
    const products = targetView.toLowerCase() === 'onlineservices' && segmentIsCommercial(request) ? world.catalog.products : [];
    const query = `country=${country}&targetView=${encodeURIComponent(targetView)}`;
    return collection(products.map((p) => productJson(p, country)), `/v1/products?${query}`);
  }));
  router.add('partnerCenter', 'GET', '/v1/products/:productId', route((request, country) => productJson(findProduct(world, request), country)));
  router.add('partnerCenter', 'GET', '/v1/products/:productId/skus', route((request, country) => {
    const product = findProduct(world, request);
    const skus = segmentIsCommercial(request) ? product.skus : [];
    return collection(skus.map((s) => skuJson(product, s, country)), `/v1/products/${product.productId}/skus?country=${country}`);
  }));
  router.add('partnerCenter', 'GET', '/v1/products/:productId/skus/:skuId', route((request, country) => {
    const { product, sku } = findSku(world, request);
    return skuJson(product, sku, country);
  }));
  router.add('partnerCenter', 'GET', '/v1/products/:productId/skus/:skuId/availabilities', route((request, country) => {
    const { product, sku } = findSku(world, request);
    const availabilities = segmentIsCommercial(request) ? world.catalog.availabilitiesOf(product.productId, sku.catalogSkuId) : [];
    return collection(availabilities.map((a) => availabilityJson(a, country)), `/v1/products/${product.productId}/skus/${sku.catalogSkuId}/availabilities?country=${country}`);
  }));
  router.add('partnerCenter', 'GET', '/v1/products/:productId/skus/:skuId/availabilities/:availabilityId', route((request, country) => {
    const { product, sku } = findSku(world, request);
    const availability = world.catalog.availabilitiesOf(product.productId, sku.catalogSkuId)
      .find((a) => a.availabilityId.toUpperCase() === request.params.availabilityId.toUpperCase());
    if (!availability) throw partnerCenterError(404, 400013, `The availability ${request.params.availabilityId.slice(0, 40)} was not found.`);
    return availabilityJson(availability, country);
  }));
}

function segmentIsCommercial(request: SandboxRequest): boolean {
  const segment = request.query.get('targetSegment');
  if (segment === null || segment === '') return true;
  if (!KNOWN_SEGMENTS.includes(segment.toLowerCase())) throw partnerCenterError(403, 400030, 'Access to the requested targetSegment is not allowed.');
  return segment.toLowerCase() === 'commercial';
}

function findProduct(world: SandboxWorld, request: SandboxRequest): CatalogProductDefinition {
  const product = world.catalog.findProduct(request.params.productId);
  if (!product) throw partnerCenterError(404, 400013, 'The parent product was not found.');
  return product;
}

function findSku(world: SandboxWorld, request: SandboxRequest) {
  const product = findProduct(world, request);
  const sku = world.catalog.findSku(product.productId, request.params.skuId);
  // The code for an unknown SKU under a known product is UNCONFIRMED; the sandbox reuses 400013.
  if (!sku) throw partnerCenterError(404, 400013, `The sku ${request.params.skuId.slice(0, 40)} of product ${product.productId} was not found.`);
  return { product, sku };
}

function productJson(product: CatalogProductDefinition, country: string) {
  return {
    id: product.productId,
    title: product.title,
    description: product.description,
    productType: { id: 'OnlineServices', displayName: 'OnlineServices' },
    isMicrosoftProduct: true,
    publisherName: 'Microsoft Corporation',
    links: {
      skus: link(`/v1/products/${product.productId}/skus?country=${country}`),
      self: link(`/v1/products/${product.productId}?country=${country}`),
    },
  };
}

function skuJson(product: CatalogProductDefinition, sku: CatalogSkuDefinition, country: string) {
  const cycles = [...new Set(sku.terms.map((t) => t.billingCycle))];
  return {
    id: sku.catalogSkuId,
    productId: product.productId,
    title: sku.title,
    description: sku.description,
    minimumQuantity: sku.minimumQuantity,
    maximumQuantity: sku.maximumQuantity,
    isTrial: false,
    supportedBillingCycles: cycles,
    purchasePrerequisites: [],
    inventoryVariables: [],
    provisioningVariables: [],
    // dynamicAttributes is free-form in the SDK; provisioningId = Graph skuId (learn.microsoft.com/partner-center/developer/get-a-list-of-skus-for-a-product).
    dynamicAttributes: {
      provisioningId: sku.graphSku.skuId,
      isAddon: false,
      hasAddOns: false,
      isMicrosoftProduct: true,
      upgradeTargetOffers: [],
    },
    consumptionType: 'None',
    links: {
      availabilities: link(`/v1/products/${product.productId}/skus/${sku.catalogSkuId}/availabilities?country=${country}`),
      self: link(`/v1/products/${product.productId}/skus/${sku.catalogSkuId}?country=${country}`),
    },
  };
}

const TERM_DESCRIPTIONS: Record<string, string> = {
  'P1M/monthly': 'One-Month commitment for monthly/recurring billing',
  'P1Y/monthly': 'One-Year commitment for monthly/recurring billing',
  'P1Y/annual': 'One-Year commitment for yearly/upfront billing',
  'P3Y/annual': 'Three-Year commitment for yearly/upfront billing',
};

function availabilityJson(availability: CatalogAvailability, country: string) {
  const { product, sku, term } = availability;
  return {
    id: availability.availabilityId,
    productId: product.productId,
    skuId: sku.catalogSkuId,
    catalogItemId: availability.catalogItemId,
    defaultCurrency: { code: 'USD', symbol: '$' },
    segment: 'commercial',
    country,
    isPurchasable: true,
    isRenewable: true,
    terms: [
      {
        id: `${availability.availabilityId}:${term.duration}`,
        duration: term.duration,
        description: TERM_DESCRIPTIONS[`${term.duration}/${term.billingCycle}`],
        billingCycle: term.billingCycle,
        renewalOptions: [{ termDuration: term.duration, description: TERM_DESCRIPTIONS[`${term.duration}/${term.billingCycle}`] }],
        // Exact NCE refund values are UNCONFIRMED: full refund the first day, prorated within seven days.
        cancellationPolicies: [
          {
            refundOptions: [
              { sequenceId: 1, type: 'Full', expiresAfter: 'P1D' },
              { sequenceId: 2, type: 'Partial', expiresAfter: 'P7D' },
            ],
          },
        ],
      },
    ],
    includedQuantityOptions: [],
    product: { id: product.productId, title: product.title, productType: { id: 'OnlineServices', displayName: 'OnlineServices' } },
    sku: { id: sku.catalogSkuId, title: sku.title, minimumQuantity: sku.minimumQuantity, maximumQuantity: sku.maximumQuantity },
    links: { self: link(`/v1/products/${product.productId}/skus/${sku.catalogSkuId}/availabilities/${availability.availabilityId}?country=${country}`) },
  };
}
