/**
 * The new-commerce catalog: products → SKUs → availabilities, per country and segment
 * (`GET /v1/products?country=&targetView=OnlineServices&targetSegment=`, `/skus`, `/availabilities`).
 * Availability ids and `catalogItemId`s "can change over time": they are resolved at purchase time only.
 */
import type { Logger } from '../../move/ports';
import type { BillingCycle, CatalogOffer, TermDuration } from '../../move/model';
import type { CallContext } from '../../move/ports';
import { PartnerCenterError } from './partnerCenterError';
import { segment, type PartnerCenterTransport } from './partnerCenterTransport';
import type { CatalogAvailability, CatalogProduct, CatalogSegment } from './partnerCenterTypes';
import {
  availabilitySchema, productSchema, skuSchema, toCatalogAvailability, toCatalogOffer, toCatalogProduct,
} from './partnerCenterWire';

export interface PartnerCenterCatalogOptions {
  transport: PartnerCenterTransport;
  /** Default `commercial`. */
  segment?: CatalogSegment;
  /** Parallel SKU reads while building the offer list. Default 4. */
  concurrency?: number;
  /** How long a country's offer list is reused (ms). Default 1 hour; 0 turns the cache off. */
  offersCacheMs?: number;
  /** Epoch milliseconds, for the cache. */
  now?: () => number;
  logger?: Logger;
}

const SEGMENTS = new Set<CatalogSegment>(['commercial', 'education', 'government', 'nonprofit']);

export class PartnerCenterCatalog {
  private readonly segment: CatalogSegment;
  private readonly concurrency: number;

  private readonly offersCache = new Map<string, { offers: Promise<CatalogOffer[]>; until: number }>();

  constructor(private readonly options: PartnerCenterCatalogOptions) {
    this.segment = checkSegment(options.segment ?? 'commercial');
    this.concurrency = Math.max(1, options.concurrency ?? 4);
  }

  /** License-based (`OnlineServices`) products sold in a country. */
  async products(country: string, ctx: CallContext, targetSegment: CatalogSegment = this.segment): Promise<CatalogProduct[]> {
    const market = checkCountry(country);
    const products: CatalogProduct[] = [];
    for await (const product of this.options.transport.pages({
      step: `Partner Center: list license-based products for ${market}`,
      target: `/v1/products?country=${market}&targetView=OnlineServices&targetSegment=${checkSegment(targetSegment)}`,
      ctx,
    }, productSchema)) {
      products.push(toCatalogProduct(product));
    }
    return products;
  }

  /** Every SKU of every product, as offers with the Graph skuId they provision. */
  /**
   * The offers sold in a country, reused for a while: every move's plan needs them, and a busy sweep
   * would otherwise read the whole catalog once per accepted customer. One read is shared by callers.
   */
  offers(country: string, ctx: CallContext): Promise<CatalogOffer[]> {
    const ttl = this.options.offersCacheMs ?? 3_600_000;
    if (ttl <= 0) return this.readOffers(country, ctx);
    const now = (this.options.now ?? Date.now)();
    const key = `${checkCountry(country)}|${this.segment}`;
    const cached = this.offersCache.get(key);
    if (cached && cached.until > now) return cached.offers;
    const offers = this.readOffers(country, ctx);
    this.offersCache.set(key, { offers, until: now + ttl });
    offers.catch(() => { if (this.offersCache.get(key)?.offers === offers) this.offersCache.delete(key); });
    return offers;
  }

  private async readOffers(country: string, ctx: CallContext): Promise<CatalogOffer[]> {
    const market = checkCountry(country);
    const products = await this.products(market, ctx);
    const perProduct = await mapLimited(products, this.concurrency, async (product) => {
      const offers: CatalogOffer[] = [];
      try {
        for await (const sku of this.options.transport.pages({
          step: `Partner Center: list SKUs of ${product.id} for ${market}`,
          target: `/v1/products/${segment(product.id)}/skus?country=${market}&targetSegment=${this.segment}`,
          ctx,
        }, skuSchema)) {
          offers.push(toCatalogOffer({ id: product.id, title: product.title }, sku));
        }
      } catch (error) {
        // A product listed a moment ago and gone now (400013) is skipped, not fatal.
        if (error instanceof PartnerCenterError && error.httpStatus === 404) {
          this.options.logger?.warn({ productId: product.id, correlationId: ctx.correlationId }, 'product vanished from the catalog');
          return [];
        }
        throw error;
      }
      return offers;
    });
    return perProduct.flat();
  }

  /** The availabilities of one SKU; an unknown product or SKU gives an empty list. */
  async availabilities(productId: string, skuId: string, country: string, ctx: CallContext): Promise<CatalogAvailability[]> {
    const market = checkCountry(country);
    const found: CatalogAvailability[] = [];
    try {
      for await (const availability of this.options.transport.pages({
        step: `Partner Center: list availabilities of ${productId}:${skuId} for ${market}`,
        target: `/v1/products/${segment(productId)}/skus/${segment(skuId)}/availabilities?country=${market}&targetSegment=${this.segment}`,
        ctx,
      }, availabilitySchema)) {
        found.push(toCatalogAvailability(availability));
      }
    } catch (error) {
      if (error instanceof PartnerCenterError && error.httpStatus === 404) return [];
      throw error;
    }
    return found;
  }

  /** The purchasable availability for a term and billing cycle, or null. */
  async findCatalogItemId(
    productId: string, skuId: string, country: string, term: TermDuration, billing: BillingCycle, ctx: CallContext,
  ): Promise<string | null> {
    const availabilities = await this.availabilities(productId, skuId, country, ctx);
    const match = availabilities.find((availability) => availability.isPurchasable
      && availability.terms.some((t) => t.duration === term && t.billingCycle === billing));
    return match?.catalogItemId ?? null;
  }
}

export function checkCountry(country: string): string {
  const upper = country.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(upper)) throw new Error(`Not an ISO 3166 two-letter country code: ${JSON.stringify(country.slice(0, 20))}.`);
  return upper;
}

function checkSegment(value: string): CatalogSegment {
  const lower = value.toLowerCase() as CatalogSegment;
  if (!SEGMENTS.has(lower)) throw new Error(`Not a catalog segment: ${JSON.stringify(value.slice(0, 20))} (commercial, education, government, nonprofit).`);
  return lower;
}

/** `map` with at most `limit` calls in flight; results keep the input order. */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
