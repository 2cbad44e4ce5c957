/**
 * The plan card's lines beyond the table: what must stay in sight (users losing service plans, a quantity below
 * the users assigned), the warnings — grouped, one per kind, naming the lines — and, behind Details, each line's
 * offers with their ids, the original's end and term, why these offers, and the plans not carried.
 */
import type { BillingCycle, PlanLine, PlannedOffer, SourceTerm, TermDuration } from '../move/model';
import { LIMITS, deepFreeze, factLine, formatDate, oneLine } from './common';
import { fill } from './messages';
import { lineName } from './planTable';

const TEXT = deepFreeze({
  terms: { P1M: '1-month term', P1Y: '1-year term', P3Y: '3-year term' } as Record<string, string>,
  billing: { monthly: 'billed monthly', annual: 'billed annually', triennial: 'billed every 3 years' } as Record<string, string>,
  unknown: 'unknown',
  untitled: 'Untitled offer',
  moreOffers: 'and {n} more offers',
  more: '{shown} and {n} more',
  lost: 'Users lose {plans}: check the customer agreed.',
  quantityProblem: 'Error: {quantity} is fewer than the {assigned} licences assigned today; users would lose licences. Raise the seats (Change term, seats or dates) or reject the plan.',
  original: 'ends {date} · {term}',
  termUnknown: 'term unknown',
  purchase: '{term} · {reassign}',
  reassign: 'users move to the new licence',
  keep: 'users keep their licences (no reassignment)',
  noReason: 'No reason given.',
  warningFor: '{names}: {text}',
  moreNames: '{names} +{n}',
  termAndBilling: '{term}, {billing}',
  offer: '{title} ({productId}:{skuId})',
  labels: { offers: 'Offers', original: 'Original', purchase: 'New', why: 'Why', ignored: 'Not carried, no user has them on' },
});

/** At most this many offers and service plan names per line, and warnings per plan, before "and N more". */
const MAX_LINE_OFFERS = 4;
const MAX_PLAN_NAMES = 12;
const MAX_SHORT_PLAN_NAMES = 4;
const MAX_WARNING_NAMES = 4;

/** The planner words lost plans as a line warning too; the card says them once, in attention style. */
const LOST_PLANS_WARNING = /^Users lose /;
/** Date warnings that ask for a quick decision: they stay in sight. */
const URGENT_WARNING = /^The original (has expired|ended on|ends on) /;

export interface LineDetailView {
  name: string;
  offers: string;
  original: string;
  purchase: string;
  reason: string;
  hasIgnored: boolean;
  ignored: string;
}

/** "1-year term, billed monthly"; "unknown" without a term. */
export function termText(term: SourceTerm | { termDuration: TermDuration; billingCycle: BillingCycle } | null): string {
  if (!term) return TEXT.unknown;
  return fill(TEXT.termAndBilling, {
    term: TEXT.terms[term.termDuration] ?? oneLine(term.termDuration, 10),
    billing: TEXT.billing[term.billingCycle] ?? oneLine(term.billingCycle, 20),
  });
}

/** "Visio Plan 1 (CFQ7TTC0QHGZ:0001)": an offer with the ids Partner Center knows it by. */
export function offerText(offer: PlannedOffer): string {
  return fill(TEXT.offer, { title: oneLine(offer.title, LIMITS.title) || TEXT.untitled, productId: oneLine(offer.productId, 40), skuId: oneLine(offer.skuId, 20) });
}

/** "A, B, C and 4 more" of untrusted service plan names. */
export function planNames(names: readonly string[], max = MAX_PLAN_NAMES): string {
  const shown = names.slice(0, max).map((n) => oneLine(n, 60)).join(', ');
  return names.length > max ? fill(TEXT.more, { shown, n: names.length - max }) : shown;
}

export function lineDetailView(line: PlanLine): LineDetailView {
  const { source } = line;
  const offers = line.offers.slice(0, MAX_LINE_OFFERS).map(offerText);
  if (line.offers.length > MAX_LINE_OFFERS) offers.push(fill(TEXT.moreOffers, { n: line.offers.length - MAX_LINE_OFFERS }));
  return {
    name: lineName(line),
    offers: offers.join(' + '),
    original: fill(TEXT.original, { date: formatDate(source.endsAt), term: source.term ? termText(source.term) : TEXT.termUnknown }),
    purchase: fill(TEXT.purchase, { term: termText(line), reassign: line.needsReassignment ? TEXT.reassign : TEXT.keep }),
    reason: oneLine(line.reason, LIMITS.message) || TEXT.noReason,
    hasIgnored: line.ignoredPlans.length > 0,
    ignored: planNames(line.ignoredPlans),
  };
}

/** What must stay in sight for a line: users losing service plans, and a quantity below the users assigned. */
export function lineAttention(line: PlanLine, short = false): Array<{ name: string; text: string }> {
  const items: Array<{ name: string; text: string }> = [];
  const name = lineName(line);
  if (line.lostPlans.length > 0) {
    items.push({ name, text: fill(TEXT.lost, { plans: planNames(line.lostPlans, short ? MAX_SHORT_PLAN_NAMES : MAX_PLAN_NAMES) }) });
  }
  if (line.quantity < line.source.consumedUnits) {
    items.push({ name, text: fill(TEXT.quantityProblem, { quantity: line.quantity, assigned: line.source.consumedUnits }) });
  }
  return items;
}

export interface GroupedWarnings {
  /** Ask for a quick decision (the original ends soon or has ended): shown with the table. */
  urgent: string[];
  /** The rest, for Details. */
  other: string[];
}

/**
 * The lines' warnings, one per kind: the same warning on several lines is said once, naming them. The plan's own
 * warnings come first. Each text is clipped to `max` characters.
 */
export function groupedWarnings(planWarnings: readonly string[], lines: readonly PlanLine[], max: number): GroupedWarnings {
  const byText = new Map<string, string[]>();
  for (const line of lines) {
    const warnings = line.lostPlans.length > 0 ? line.warnings.filter((w) => !LOST_PLANS_WARNING.test(w)) : line.warnings;
    for (const warning of new Set(warnings.map((w) => oneLine(w, max)).filter(Boolean))) {
      byText.set(warning, [...(byText.get(warning) ?? []), lineName(line)]);
    }
  }
  const result: GroupedWarnings = { urgent: [], other: planWarnings.map((w) => oneLine(w, max)).filter(Boolean) };
  const named = lines.length > 1;
  for (const [text, names] of byText) {
    const unique = [...new Set(names)];
    const who = unique.length > MAX_WARNING_NAMES
      ? fill(TEXT.moreNames, { names: unique.slice(0, MAX_WARNING_NAMES).join(', '), n: unique.length - MAX_WARNING_NAMES })
      : unique.join(', ');
    const said = named ? fill(TEXT.warningFor, { names: who, text }) : text;
    (URGENT_WARNING.test(text) ? result.urgent : result.other).push(said);
  }
  return result;
}

/** One line behind Details; expects a LineDetailView as its data. */
export const LINE_DETAIL_TEMPLATE = deepFreeze({
  type: 'Container',
  $data: '${lines}',
  separator: true,
  spacing: 'Small',
  items: [
    { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${name}', weight: 'Bolder' }] },
    factLine(TEXT.labels.offers, '${offers}', { spacing: 'None' }),
    factLine(TEXT.labels.original, '${original}', { spacing: 'None' }),
    factLine(TEXT.labels.purchase, '${purchase}', { spacing: 'None' }),
    factLine(TEXT.labels.why, '${reason}', { spacing: 'None' }),
    factLine(TEXT.labels.ignored, '${ignored}', { $when: '${hasIgnored}', spacing: 'None' }),
  ],
});
