/**
 * The offer map: a maintained data file that says which Graph SKU a CSP offer provisions (where the live
 * catalog does not), its guide price, and the operator's preferred equivalents for a source SKU. The live
 * catalog stays the authority on what is sold; a preferred set is still checked service plan by service plan.
 */
import defaultMapData from './data/offer-map.json';

export interface OfferMapOffer {
  /** `productId:skuId` */
  offer: string;
  title: string;
  graphSkuId: string;
  skuPartNumber: string;
  /** US list price per licence per month on an annual term (a guide only); null when unknown. */
  listPriceUsd: number | null;
  confirmed: boolean;
}

export interface OfferMapPreference {
  graphSkuId: string;
  skuPartNumber: string;
  /** `productId:skuId` of each offer of the preferred set. */
  offers: string[];
  note: string;
}

export interface OfferMapData {
  offers: OfferMapOffer[];
  preferred: OfferMapPreference[];
}

export class OfferMap {
  private readonly byOffer = new Map<string, OfferMapOffer>();
  private readonly preferredBySku = new Map<string, OfferMapPreference[]>();

  constructor(readonly data: OfferMapData) {
    for (const entry of data.offers) this.byOffer.set(entry.offer.toUpperCase(), entry);
    for (const pref of data.preferred) {
      const key = pref.graphSkuId.toLowerCase();
      this.preferredBySku.set(key, [...(this.preferredBySku.get(key) ?? []), pref]);
    }
  }

  offer(productId: string, skuId: string): OfferMapOffer | undefined {
    return this.byOffer.get(`${productId}:${skuId}`.toUpperCase());
  }

  preferredFor(graphSkuId: string): OfferMapPreference[] {
    return this.preferredBySku.get(graphSkuId.toLowerCase()) ?? [];
  }

  /** The operator's entries replace the shipped ones with the same offer (or the same source SKU's preferences). */
  withOverrides(overrides: Partial<OfferMapData>): OfferMap {
    const offers = new Map(this.data.offers.map((o) => [o.offer.toUpperCase(), o]));
    for (const o of overrides.offers ?? []) offers.set(o.offer.toUpperCase(), o);
    const replaced = new Set((overrides.preferred ?? []).map((p) => p.graphSkuId.toLowerCase()));
    const preferred = [...this.data.preferred.filter((p) => !replaced.has(p.graphSkuId.toLowerCase())), ...(overrides.preferred ?? [])];
    return new OfferMap({ offers: [...offers.values()], preferred });
  }
}

/** The map shipped with the project (move/data/offer-map.json, November 2026; its `note` says where the ids come from). */
export function defaultOfferMap(): OfferMap {
  return new OfferMap(defaultMapData as OfferMapData);
}

/** Checks an operator's map file; returns the problems (empty when it is fine). Pure: the caller reads the file. */
export function offerMapProblems(value: unknown): string[] {
  const problems: string[] = [];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return ['the offer map must be a JSON object with "offers" and/or "preferred" arrays'];
  const { offers, preferred } = value as Record<string, unknown>;
  const offerId = /^[A-Z0-9]{12}:[A-Z0-9]{4}$/i;
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (offers !== undefined && !Array.isArray(offers)) problems.push('"offers" must be an array');
  if (preferred !== undefined && !Array.isArray(preferred)) problems.push('"preferred" must be an array');
  (Array.isArray(offers) ? offers : []).forEach((o: Record<string, unknown>, i) => {
    if (typeof o?.offer !== 'string' || !offerId.test(o.offer)) problems.push(`offers[${i}].offer must be "productId:skuId" like CFQ7TTC0LFLX:0001`);
    if (typeof o?.graphSkuId !== 'string' || !guid.test(o.graphSkuId)) problems.push(`offers[${i}].graphSkuId must be the Graph skuId (a GUID)`);
    if (typeof o?.title !== 'string' || !o.title) problems.push(`offers[${i}].title is required`);
    if (o?.listPriceUsd !== undefined && o.listPriceUsd !== null && (typeof o.listPriceUsd !== 'number' || o.listPriceUsd < 0)) {
      problems.push(`offers[${i}].listPriceUsd must be a positive number or null`);
    }
  });
  (Array.isArray(preferred) ? preferred : []).forEach((p: Record<string, unknown>, i) => {
    if (typeof p?.graphSkuId !== 'string' || !guid.test(p.graphSkuId)) problems.push(`preferred[${i}].graphSkuId must be the source's Graph skuId (a GUID)`);
    if (!Array.isArray(p?.offers) || p.offers.length === 0 || !p.offers.every((x) => typeof x === 'string' && offerId.test(x))) {
      problems.push(`preferred[${i}].offers must list "productId:skuId" offers`);
    }
  });
  return problems;
}

/** Fills the optional fields of an operator's (checked) map. */
export function normaliseOfferMap(value: Record<string, unknown>): Partial<OfferMapData> {
  const offers = Array.isArray(value.offers) ? value.offers.map((o: Record<string, unknown>) => ({
    offer: String(o.offer).toUpperCase(), title: String(o.title), graphSkuId: String(o.graphSkuId).toLowerCase(),
    skuPartNumber: typeof o.skuPartNumber === 'string' ? o.skuPartNumber : '',
    listPriceUsd: typeof o.listPriceUsd === 'number' ? o.listPriceUsd : null, confirmed: o.confirmed !== false,
  })) : undefined;
  const preferred = Array.isArray(value.preferred) ? value.preferred.map((p: Record<string, unknown>) => ({
    graphSkuId: String(p.graphSkuId).toLowerCase(), skuPartNumber: typeof p.skuPartNumber === 'string' ? p.skuPartNumber : '',
    offers: (p.offers as string[]).map((x) => x.toUpperCase()), note: typeof p.note === 'string' ? p.note : '',
  })) : undefined;
  return { ...(offers ? { offers } : {}), ...(preferred ? { preferred } : {}) };
}
