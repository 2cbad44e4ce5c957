/**
 * Products by the names staff know — Microsoft's display names ("Microsoft 365 E3 (no Teams)") — with the part number
 * (`Microsoft_365_E3_(no_Teams)`) as secondary text at most. The names come from what the move recorded: the plan's
 * sources (named from Microsoft's SKU table when the plan was drawn) and the offers it buys (Partner Center titles).
 */
import type { MoveState } from '../move/state';
import { LIMITS, oneLine } from './common';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, type Locale } from './i18n/locales';

/** What a card knows of a SKU: its id and/or its part number. */
export interface SkuRef {
  skuId?: string | null;
  skuPartNumber?: string | null;
}

/**
 * `Microsoft_365_E3_(no_Teams)` → `Microsoft 365 E3 (no Teams)`: the best a part number alone can give. Codes in
 * capitals (`SPE_E3`, `VISIOCLIENT`) are left as they are: spaced out they read no better.
 */
export function readablePartNumber(partNumber: string): string {
  if (!/[a-z]/.test(partNumber)) return partNumber.trim();
  return partNumber.replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The SKU's display name as the move recorded it, else its part number made readable ("Unknown product" in `locale` without either). */
export function productName(state: Pick<MoveState, 'plan'>, sku: SkuRef, locale: Locale = DEFAULT_LOCALE): string {
  const id = sku.skuId?.toLowerCase();
  const part = sku.skuPartNumber?.toLowerCase();
  for (const line of state.plan?.lines ?? []) {
    const source = line.source;
    if (source.displayName && ((id && source.skuId.toLowerCase() === id) || (part && source.skuPartNumber.toLowerCase() === part))) {
      return oneLine(source.displayName, LIMITS.title);
    }
    const offer = id ? line.offers.find((o) => o.provisioningId?.toLowerCase() === id) : undefined;
    if (offer?.title) return oneLine(offer.title, LIMITS.title);
  }
  for (const blocker of state.plan?.blockers ?? []) {
    if (id && blocker.skuId.toLowerCase() === id && blocker.skuPartNumber) return oneLine(readablePartNumber(blocker.skuPartNumber), LIMITS.title);
  }
  return oneLine(readablePartNumber(sku.skuPartNumber ?? sku.skuId ?? ''), LIMITS.title) || t(locale, 'productNames.unknown');
}

/** "Microsoft 365 E3 (SPE_E3)": the name, with the part number after it when it says something the name does not. */
export function productNameWithPart(state: Pick<MoveState, 'plan'>, sku: SkuRef, locale: Locale = DEFAULT_LOCALE): string {
  const name = productName(state, sku, locale);
  const part = oneLine(sku.skuPartNumber ?? '', LIMITS.sku);
  return part && readablePartNumber(part).toLowerCase() !== name.toLowerCase() ? `${name} (${part})` : name;
}
