/**
 * The plan card's lines: for each licence the customer pays for, how it is matched (same offer, equivalent,
 * or picked by an Account admin), the offers to buy, why, the quantity against the licences assigned today,
 * the original's end date and term against the purchase, and what staff should check. A line is drawn in
 * full or, when the plan is long, in short (offers and quantity, plus anything users would lose).
 */
import { MATCH_KIND_LABELS } from '../move/model';
import type { BillingCycle, MatchKind, PlanLine, PlannedOffer, SourceTerm, TermDuration } from '../move/model';
import { LIMITS, count, deepFreeze, factLine, formatDate, oneLine, plainText } from './common';

const TERMS: Readonly<Record<TermDuration, string>> = deepFreeze({ P1M: '1-month term', P1Y: '1-year term', P3Y: '3-year term' });
const BILLING: Readonly<Record<BillingCycle, string>> = deepFreeze({ monthly: 'billed monthly', annual: 'billed annually', triennial: 'billed every 3 years' });
const MATCH_COLORS: Readonly<Record<MatchKind, string>> = deepFreeze({ same: 'Good', equivalent: 'Warning', chosen: 'Attention' });

/** Per line, at most this many warnings and offers are drawn (the planner gives one to three of each); fewer in short. */
const MAX_LINE_WARNINGS = 4;
const MAX_LINE_OFFERS = 4;
const MAX_SHORT_OFFERS = 2;
/** Service plan names listed before "and N more"; fewer in short. */
const MAX_PLAN_NAMES = 12;
const MAX_SHORT_PLAN_NAMES = 4;

export interface PlanLineView {
  detailed: boolean;
  sku: string;
  match: string;
  matchColor: string;
  offers: Array<{ text: string }>;
  quantity: string;
  original: string;
  purchase: string;
  reason: string;
  hasIgnored: boolean;
  ignored: string;
  hasLost: boolean;
  lost: string;
  warnings: Array<{ text: string }>;
  hasWarnings: boolean;
  hasQuantityProblem: boolean;
  quantityProblem: string;
}

export function termText(term: SourceTerm | null): string {
  if (!term) return 'unknown';
  return `${TERMS[term.termDuration] ?? oneLine(term.termDuration, 10)}, ${BILLING[term.billingCycle] ?? oneLine(term.billingCycle, 20)}`;
}

export function offerText(offer: PlannedOffer): string {
  return `${oneLine(offer.title, LIMITS.title) || 'Untitled offer'} (${oneLine(offer.productId, 40)}:${oneLine(offer.skuId, 20)})`;
}

/** "A, B, C and 4 more" of untrusted service plan names. */
export function planNames(names: readonly string[], max = MAX_PLAN_NAMES): string {
  const shown = names.slice(0, max).map((n) => oneLine(n, 60)).join(', ');
  return names.length > max ? `${shown} and ${names.length - max} more` : shown;
}

export function planLineView(line: PlanLine, detailed: boolean): PlanLineView {
  const { source } = line;
  const quantityProblem = line.quantity < source.consumedUnits;
  const maxOffers = detailed ? MAX_LINE_OFFERS : MAX_SHORT_OFFERS;
  const offers = line.offers.slice(0, maxOffers).map((o) => ({ text: offerText(o) }));
  if (line.offers.length > maxOffers) offers.push({ text: `and ${line.offers.length - maxOffers} more offers` });
  // The planner also words the lost plans as a warning; the card shows them once, in attention style.
  const lineWarnings = line.lostPlans.length > 0 ? line.warnings.filter((w) => !w.startsWith('Users lose ')) : line.warnings;
  const warnings = lineWarnings.slice(0, MAX_LINE_WARNINGS).map((w) => ({ text: oneLine(w, LIMITS.reason) }));
  if (lineWarnings.length > MAX_LINE_WARNINGS) warnings.push({ text: `and ${lineWarnings.length - MAX_LINE_WARNINGS} more warnings` });
  return {
    detailed,
    sku: oneLine(source.skuPartNumber, LIMITS.sku) || oneLine(source.skuId, LIMITS.id),
    match: MATCH_KIND_LABELS[line.match] ?? oneLine(line.match, 40),
    matchColor: MATCH_COLORS[line.match] ?? 'Default',
    offers,
    quantity: `${count(line.quantity, 'licence', 'licences')} to buy · today ${source.totalUnits} in service, ${source.consumedUnits} assigned`,
    original: `ends ${source.endsAt ? formatDate(source.endsAt) : 'unknown'} · ${source.term ? termText(source.term) : 'term unknown'}`,
    purchase: `starts at purchase · ${termText({ termDuration: line.termDuration, billingCycle: line.billingCycle })} · `
      + (line.needsReassignment ? 'users move to the new licence' : 'users keep their licences (no reassignment)'),
    reason: oneLine(line.reason, LIMITS.message) || 'No reason given.',
    hasIgnored: line.ignoredPlans.length > 0,
    ignored: planNames(line.ignoredPlans),
    hasLost: line.lostPlans.length > 0,
    lost: `Users lose ${planNames(line.lostPlans, detailed ? MAX_PLAN_NAMES : MAX_SHORT_PLAN_NAMES)}: the picked offers do not carry `
      + `${line.lostPlans.length === 1 ? 'it' : 'them'}. Approve only if the customer agreed.`,
    warnings,
    hasWarnings: warnings.length > 0,
    hasQuantityProblem: quantityProblem,
    quantityProblem: `Error: ${line.quantity} is fewer than the ${source.consumedUnits} licences assigned today; users would lose licences. Reject the plan.`,
  };
}

/** One plan line; expects a PlanLineView as its data. Detail rows only when `detailed`. */
export const PLAN_LINE_TEMPLATE = deepFreeze({
  type: 'Container',
  $data: '${lines}',
  separator: true,
  items: [
    {
      type: 'RichTextBlock',
      inlines: [
        { type: 'TextRun', text: '${sku}', weight: 'Bolder' },
        { type: 'TextRun', text: ' · ' },
        { type: 'TextRun', text: '${match}', weight: 'Bolder', color: '${matchColor}' },
      ],
    },
    factLine('Offer', '${text}', { $data: '${offers}', spacing: 'None' }),
    factLine('Quantity', '${quantity}', { spacing: 'None' }),
    factLine('Original', '${original}', { $when: '${detailed}', spacing: 'None' }),
    factLine('New', '${purchase}', { $when: '${detailed}', spacing: 'None' }),
    factLine('Why', '${reason}', { $when: '${detailed}', spacing: 'None' }),
    factLine('Not carried, no user has them on', '${ignored}', { $when: '${detailed && hasIgnored}', spacing: 'None' }),
    {
      type: 'Container',
      $when: '${detailed && hasWarnings}',
      style: 'warning',
      spacing: 'Small',
      items: [plainText('${text}', { $data: '${warnings}', spacing: 'None' })],
    },
    {
      type: 'Container',
      $when: '${hasLost}',
      style: 'attention',
      spacing: 'Small',
      items: [{ type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${lost}', weight: 'Bolder', color: 'Attention' }] }],
    },
    { type: 'TextBlock', $when: '${hasQuantityProblem}', text: '${quantityProblem}', color: 'Attention', weight: 'Bolder', wrap: true },
  ],
});
