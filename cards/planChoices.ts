/**
 * What staff may change on the plan card before approving — per line, the term and billing, the quantity and the
 * buy date — as inputs with known ids, and the parse of a "Redraw the plan" click back into changes. A line's
 * inputs are named after its index in the plan the card showed (the plan hash says which plan that was).
 */
import { z } from 'zod';
import type { BillingCycle, PlanLine, TermDuration } from '../move/model';
import { termChoices } from '../move/planPricing';
import { clippedText, moveActionContract } from './common';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, type Locale } from './i18n/locales';

/** Lines whose choices a card offers (a plan this long is rare; the rest keep what the bot drew). */
export const MAX_ADJUSTABLE_LINES = 10;

/** The input ids of line `index`: term and billing as `P1Y/monthly`, a whole quantity, a date or empty (at approval). */
export function lineInputIds(index: number): { term: string; quantity: string; buyOn: string } {
  return { term: `term_${index}`, quantity: `quantity_${index}`, buyOn: `buyOn_${index}` };
}

/** `P1Y/monthly`: a term choice's input value. */
export function termValue(choice: { termDuration: TermDuration; billingCycle: BillingCycle }): string {
  return `${choice.termDuration}/${choice.billingCycle}`;
}

/** `move.plan.adjust`: the plan shown (its hash) and whatever line inputs the card sent (checked by `lineChanges`). */
export const planAdjustContract = moveActionContract.extend({
  planHash: clippedText(64),
});
export type PlanAdjustData = z.infer<typeof planAdjustContract>;

/** One line as staff left it on the card. */
export interface LineChoice {
  sourceSkuId: string;
  termDuration: TermDuration;
  billingCycle: BillingCycle;
  quantity: number;
  /** YYYY-MM-DD, or null to buy at approval. */
  buyOn: string | null;
}

/**
 * The lines the click changes (only those that differ from the plan), or the problems that make it change nothing.
 * Inputs a card did not send keep the plan's values; anything else must be what the card offered. The problems are
 * in `locale`, the language of the person who clicked.
 */
export function lineChanges(
  data: Record<string, unknown>, lines: readonly PlanLine[], locale: Locale = DEFAULT_LOCALE,
): { changes: LineChoice[]; problems: string[] } {
  const changes: LineChoice[] = [];
  const problems: string[] = [];
  lines.slice(0, MAX_ADJUSTABLE_LINES).forEach((line, index) => {
    const ids = lineInputIds(index);
    const name = line.source.displayName || line.source.skuPartNumber;
    const term = textOf(data[ids.term]);
    const quantity = textOf(data[ids.quantity]);
    const buyOn = textOf(data[ids.buyOn]);
    let choice: LineChoice = {
      sourceSkuId: line.source.skuId, termDuration: line.termDuration, billingCycle: line.billingCycle, quantity: line.quantity, buyOn: line.buyOn ?? null,
    };
    if (term !== undefined) {
      const picked = termChoices(line).find((c) => termValue(c) === term);
      if (picked) choice = { ...choice, ...picked };
      else problems.push(t(locale, 'planAdjust.problem.term', { name }));
    }
    if (quantity !== undefined) {
      const n = /^\s*\d{1,7}\s*$/.test(quantity) ? Number(quantity) : Number.NaN;
      if (Number.isInteger(n)) choice = { ...choice, quantity: n };
      else problems.push(t(locale, 'planAdjust.problem.quantity', { name }));
    }
    if (buyOn !== undefined) {
      if (buyOn.trim() === '') choice = { ...choice, buyOn: null };
      else if (/^\d{4}-\d{2}-\d{2}$/.test(buyOn.trim()) && Number.isFinite(Date.parse(`${buyOn.trim()}T00:00:00Z`))) choice = { ...choice, buyOn: buyOn.trim() };
      else problems.push(t(locale, 'planAdjust.problem.buyOn', { name }));
    }
    const changed = choice.termDuration !== line.termDuration || choice.billingCycle !== line.billingCycle
      || choice.quantity !== line.quantity || choice.buyOn !== (line.buyOn ?? null);
    if (changed) changes.push(choice);
  });
  return { changes, problems };
}

function textOf(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? value.slice(0, 40) : '';
}
