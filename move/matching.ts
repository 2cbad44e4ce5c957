/**
 * Offer matching: for one licence the customer holds, which sold CSP offers give its users every
 * service plan they have. Pure; the catalog, SKU table and offer map are passed in.
 *
 * - same: an offer provisions the very same Graph SKU (no reassignment, no disruption);
 * - equivalent: up to three sold offers whose service plans together cover every plan some user has on
 *   (plans nobody has on are ignored); the operator's preferred set wins when it covers with no more
 *   offers, otherwise the fewest offers, then the least waste (plans bought twice or not needed), then the
 *   lowest guide price; a set that adds far more than the source had is an upgrade and only chosen when
 *   nothing else covers;
 * - none: no set covers; the plans nobody sells are named and the closest offers offered for a pick.
 */
import type { CatalogOffer, InventoryLine, PlannedOffer } from './model';
import type { OfferMap } from './offerMap';
import type { SkuCatalog } from './skuCatalog';

/** A sold offer with the service plans of the Graph SKU it provisions. */
export interface SoldOffer {
  offer: PlannedOffer;
  skuPartNumber: string;
  planIds: ReadonlySet<string>;
  minimumQuantity: number;
  maximumQuantity: number;
}

export type MatchResult =
  | { kind: 'same'; offer: SoldOffer }
  | { kind: 'equivalent'; offers: SoldOffer[]; surplus: string[]; upgrade: boolean; ignored: string[]; preferredNote: string | null; alternatives: SoldOffer[][] }
  | { kind: 'none'; missing: string[]; ignored: string[]; candidates: SoldOffer[]; closest: { offer: SoldOffer; lacks: string[] } | null };

/** Above this share of extra plans (over the plans needed) a set is an upgrade, not an equivalent. */
export const UPGRADE_SURPLUS_RATIO = 0.25;
/** How much more waste an alternative may have and still be named on the card. */
const ALTERNATIVE_WASTE_MARGIN = 10;
/** Bounds the pair and triple search on very large catalogs (best-covering offers first). */
const MAX_SEARCH_WIDTH = 80;

/** The sold, non-trial offers with the service plans they grant (offers whose SKU nobody can tell are left out). */
export function soldOffers(offers: readonly CatalogOffer[], skus: SkuCatalog, map: OfferMap): SoldOffer[] {
  const sold: SoldOffer[] = [];
  for (const o of offers) {
    if (o.isTrial) continue;
    const mapped = map.offer(o.productId, o.skuId);
    const provisioningId = (o.provisioningId ?? mapped?.graphSkuId ?? null)?.toLowerCase() ?? null;
    const sku = provisioningId ? skus.bySkuId(provisioningId) : undefined;
    sold.push({
      offer: { productId: o.productId, skuId: o.skuId, title: o.title, provisioningId, listPriceUsd: mapped?.listPriceUsd ?? null },
      skuPartNumber: sku?.skuPartNumber ?? mapped?.skuPartNumber ?? '',
      planIds: new Set(sku?.servicePlans.map((p) => p.id) ?? []),
      minimumQuantity: o.minimumQuantity,
      maximumQuantity: o.maximumQuantity,
    });
  }
  return sold;
}

/** The source's service plans users have on; all of them when nobody could tell. */
export function requiredPlans(line: InventoryLine): { required: Map<string, string>; ignored: string[] } {
  const enabled = line.usage ? new Set(line.usage.enabledPlanIds.map((id) => id.toLowerCase())) : null;
  const required = new Map<string, string>();
  const ignored: string[] = [];
  for (const plan of line.servicePlans) {
    const id = plan.id.toLowerCase();
    if (enabled && !enabled.has(id)) ignored.push(plan.name);
    else required.set(id, plan.name);
  }
  return { required, ignored };
}

export function matchLine(line: InventoryLine, quantity: number, sold: readonly SoldOffer[], map: OfferMap): MatchResult {
  const fits = (s: SoldOffer) => quantity >= s.minimumQuantity && quantity <= s.maximumQuantity;
  const same = sold.find((s) => s.offer.provisioningId === line.skuId.toLowerCase() && fits(s));
  if (same) return { kind: 'same', offer: same };

  const { required, ignored } = requiredPlans(line);
  const usable = sold.filter((s) => fits(s) && s.planIds.size > 0 && s.offer.provisioningId !== line.skuId.toLowerCase());
  if (required.size === 0) return { kind: 'none', missing: [], ignored, candidates: [], closest: null };

  const preferred = preferredSet(line, required, usable, map);
  const sets = coveringSets(required, usable);
  const ranked = rank(sets, required);
  // The operator's preference wins among sets as small as the best one (it never adds an offer nobody needs).
  const usePreferred = preferred && (!ranked[0] || preferred.offers.length <= ranked[0].offers.length);
  const best = usePreferred ? preferred : ranked[0];
  if (best) {
    const surplus = surplusOf(best.offers, required);
    return {
      kind: 'equivalent', offers: best.offers, surplus, upgrade: isUpgrade(surplus.length, required.size), ignored, preferredNote: usePreferred ? preferred?.note ?? null : null,
      // Only sets nearly as good are worth a line on the card: as many offers, hardly more waste.
      alternatives: ranked
        .filter((r) => r !== best && !sameSet(r.offers, best.offers) && r.offers.length === best.offers.length
          && waste(r.offers, required) <= waste(best.offers, required) + ALTERNATIVE_WASTE_MARGIN)
        .slice(0, 3).map((r) => r.offers),
    };
  }
  const union = new Set(usable.flatMap((s) => [...s.planIds]));
  const missing = [...required].filter(([id]) => !union.has(id)).map(([, name]) => name);
  const byCoverage = [...usable]
    .map((s) => ({ s, covered: [...required.keys()].filter((id) => s.planIds.has(id)).length }))
    .filter((c) => c.covered > 0)
    .sort((a, b) => b.covered - a.covered || price(a.s) - price(b.s) || a.s.offer.title.localeCompare(b.s.offer.title));
  const closest = byCoverage[0]
    ? { offer: byCoverage[0].s, lacks: [...required].filter(([id]) => !byCoverage[0].s.planIds.has(id)).map(([, name]) => name) }
    : null;
  return { kind: 'none', missing: missing.length > 0 ? missing : closest?.lacks ?? [], ignored, candidates: pickList(required, byCoverage.map((c) => c.s)), closest };
}

const PICK_LIST_SIZE = 8;

/**
 * Offers to offer an Account admin: greedily those that add the most of what is still uncovered (so a
 * suite and the add-on that completes it are both there), then the best-covering others.
 */
function pickList(required: Map<string, string>, byCoverage: readonly SoldOffer[]): SoldOffer[] {
  const picked: SoldOffer[] = [];
  let open = [...required.keys()];
  while (picked.length < PICK_LIST_SIZE && open.length > 0) {
    const next = byCoverage
      .filter((s) => !picked.includes(s))
      .map((s) => ({ s, adds: open.filter((id) => s.planIds.has(id)).length }))
      .filter((c) => c.adds > 0)
      .sort((a, b) => b.adds - a.adds || price(a.s) - price(b.s))[0];
    if (!next) break;
    picked.push(next.s);
    open = open.filter((id) => !next.s.planIds.has(id));
  }
  for (const s of byCoverage) if (picked.length < PICK_LIST_SIZE && !picked.includes(s)) picked.push(s);
  return picked;
}

interface CoveringSet {
  offers: SoldOffer[];
  note?: string;
}

function preferredSet(line: InventoryLine, required: Map<string, string>, usable: readonly SoldOffer[], map: OfferMap): CoveringSet | null {
  for (const pref of map.preferredFor(line.skuId)) {
    const offers = pref.offers.map((id) => usable.find((s) => `${s.offer.productId}:${s.offer.skuId}`.toUpperCase() === id.toUpperCase()));
    if (offers.some((o) => !o)) continue;
    const set = offers as SoldOffer[];
    if (uncovered(required, set).length === 0) return { offers: set, note: pref.note };
  }
  return null;
}

/**
 * Sets of up to three offers covering all required plans, smallest first: singles; pairs only when every
 * single is an upgrade; triples only when every smaller set is. A set is minimal: no member adds nothing.
 */
function coveringSets(required: Map<string, string>, usable: readonly SoldOffer[]): CoveringSet[] {
  const ids = [...required.keys()];
  const relevant = usable
    .map((s) => ({ s, covered: ids.filter((id) => s.planIds.has(id)).length }))
    .filter((c) => c.covered > 0)
    .sort((a, b) => b.covered - a.covered)
    .slice(0, MAX_SEARCH_WIDTH)
    .map((c) => c.s);
  const likeForLike = (sets: CoveringSet[]) => sets.some((set) => !isUpgrade(surplusOf(set.offers, required).length, required.size));
  const singles = relevant.filter((s) => ids.every((id) => s.planIds.has(id))).map((s) => ({ offers: [s] }));
  if (likeForLike(singles)) return singles;
  const partial = relevant.filter((s) => !ids.every((id) => s.planIds.has(id)));
  const pairs: CoveringSet[] = [];
  const triples: CoveringSet[] = [];
  for (let a = 0; a < partial.length; a += 1) {
    const afterA = ids.filter((id) => !partial[a].planIds.has(id));
    for (let b = a + 1; b < partial.length; b += 1) {
      const afterB = afterA.filter((id) => !partial[b].planIds.has(id));
      if (afterB.length === afterA.length) continue;
      if (afterB.length === 0) { pairs.push({ offers: [partial[a], partial[b]] }); continue; }
      triples.push(...partial.slice(b + 1).filter((c) => afterB.every((id) => c.planIds.has(id))).map((c) => ({ offers: [partial[a], partial[b], c] })));
    }
  }
  if (likeForLike([...singles, ...pairs])) return [...singles, ...pairs];
  // Triples whose first two members already cover were never built; drop those where a pair inside covers.
  const minimalTriples = triples.filter((t) => !pairs.some((p) => p.offers.every((o) => t.offers.includes(o))));
  return [...singles, ...pairs, ...minimalTriples];
}

function rank(sets: CoveringSet[], required: Map<string, string>): CoveringSet[] {
  const keyed = sets.map((set) => {
    const surplus = surplusOf(set.offers, required).length;
    const upgrade = isUpgrade(surplus, required.size) ? 1 : 0;
    const total = set.offers.reduce((sum, o) => sum + price(o), 0);
    return { set, key: [upgrade, set.offers.length, waste(set.offers, required), total] as const, name: set.offers.map((o) => o.offer.title).join('+') };
  });
  keyed.sort((x, y) => x.key[0] - y.key[0] || x.key[1] - y.key[1] || x.key[2] - y.key[2] || x.key[3] - y.key[3] || x.name.localeCompare(y.name));
  return keyed.map((k) => k.set);
}

/** Plans bought twice or not needed: a whole suite bought for one missing plan is waste, even if it adds nothing new. */
function waste(offers: readonly SoldOffer[], required: Map<string, string>): number {
  return offers.reduce((sum, o) => sum + o.planIds.size, 0) - required.size;
}

function isUpgrade(surplus: number, required: number): boolean {
  return surplus > Math.max(3, required * UPGRADE_SURPLUS_RATIO);
}

/** Plans the set grants that the source did not (counted once). */
function surplusOf(offers: readonly SoldOffer[], required: Map<string, string>): string[] {
  const extra = new Set<string>();
  for (const o of offers) for (const id of o.planIds) if (!required.has(id)) extra.add(id);
  return [...extra];
}

function uncovered(required: Map<string, string>, offers: readonly SoldOffer[]): string[] {
  return [...required.keys()].filter((id) => !offers.some((o) => o.planIds.has(id)));
}

function sameSet(a: readonly SoldOffer[], b: readonly SoldOffer[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Unknown prices rank after known ones. */
function price(offer: SoldOffer): number {
  return offer.offer.listPriceUsd ?? 1_000_000;
}
