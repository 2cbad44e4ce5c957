/** How large a card may be, and drawing a card that can show less until it is no larger. */
import { expandCard, type AdaptiveCardJson } from './common';

/** Teams refuses messages above about 28 KB: a card with room left for the activity around it. */
export const CARD_BUDGET_BYTES = 23_000;

/**
 * The card drawn with the first of `fits` (the most shown first) whose JSON is within CARD_BUDGET_BYTES, else with
 * the last, which must fit whatever the card holds.
 */
export function expandWithinBudget<F>(template: object, fits: readonly F[], view: (fit: F) => object): AdaptiveCardJson {
  let card = expandCard(template, view(fits[0]!));
  for (const fit of fits.slice(1)) {
    if (Buffer.byteLength(JSON.stringify(card)) <= CARD_BUDGET_BYTES) break;
    card = expandCard(template, view(fit));
  }
  return card;
}
