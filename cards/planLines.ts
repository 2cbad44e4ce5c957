/**
 * The plan card's lines beyond the table: what must stay in sight (users losing service plans, a quantity below
 * the users assigned), the warnings — grouped, one per kind, naming the lines — and, behind Details, each line's
 * offers with their ids, the original's end and term, why these offers, and the plans not carried.
 */
import type { BillingCycle, PlanLine, PlannedOffer, SourceTerm, TermDuration } from '../move/model';
import { LIMITS, deepFreeze, factLine, formatLocalDate, oneLine } from './common';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './i18n/locales';
import { lineName } from './planTable';

/** The term and billing codes the catalog has words for; anything else is shown as its (clipped) code. */
const TERMS: readonly string[] = Object.freeze(['P1M', 'P1Y', 'P3Y']);
const BILLINGS: readonly string[] = Object.freeze(['monthly', 'annual', 'triennial']);

/** The original's end is a calendar day: read in UTC so no time zone moves it. */
const DAY_ZONE = 'UTC';

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
export function termText(
  term: SourceTerm | { termDuration: TermDuration; billingCycle: BillingCycle } | null, locale: Locale = DEFAULT_LOCALE,
): string {
  if (!term) return t(locale, 'planLines.unknown');
  return t(locale, 'planLines.termAndBilling', {
    term: TERMS.includes(term.termDuration) ? t(locale, `planLines.term.${term.termDuration as 'P1M' | 'P1Y' | 'P3Y'}`) : oneLine(term.termDuration, 10),
    billing: BILLINGS.includes(term.billingCycle)
      ? t(locale, `planLines.billing.${term.billingCycle as 'monthly' | 'annual' | 'triennial'}`) : oneLine(term.billingCycle, 20),
  });
}

/** "Visio Plan 1 (CFQ7TTC0QHGZ:0001)": an offer with the ids Partner Center knows it by. */
export function offerText(offer: PlannedOffer, locale: Locale = DEFAULT_LOCALE): string {
  const title = oneLine(offer.title, LIMITS.title) || t(locale, 'planLines.untitled');
  return `${title} (${oneLine(offer.productId, 40)}:${oneLine(offer.skuId, 20)})`;
}

/** "A, B, C and 4 more" of untrusted service plan names. */
export function planNames(names: readonly string[], max = MAX_PLAN_NAMES, locale: Locale = DEFAULT_LOCALE): string {
  const shown = names.slice(0, max).map((n) => oneLine(n, 60)).join(', ');
  return names.length > max ? t(locale, 'planLines.more', { shown, n: names.length - max }) : shown;
}

export function lineDetailView(line: PlanLine, locale: Locale = DEFAULT_LOCALE): LineDetailView {
  const offers = line.offers.slice(0, MAX_LINE_OFFERS).map((offer) => offerText(offer, locale));
  if (line.offers.length > MAX_LINE_OFFERS) offers.push(t(locale, 'planLines.moreOffers', { n: line.offers.length - MAX_LINE_OFFERS }));
  const reassign = t(locale, line.needsReassignment ? 'planLines.reassign' : 'planLines.keep');
  return {
    name: lineName(line),
    offers: offers.join(' + '),
    original: originalText(line, locale),
    purchase: `${termText(line, locale)} · ${reassign}`,
    reason: oneLine(line.reason, LIMITS.message) || t(locale, 'planLines.noReason'),
    hasIgnored: line.ignoredPlans.length > 0,
    ignored: planNames(line.ignoredPlans, MAX_PLAN_NAMES, locale),
  };
}

/** "ends 30 Sep 2025 · 1-year term, billed monthly": the original's end (a day, in UTC) and term. */
function originalText(line: PlanLine, locale: Locale): string {
  const { source } = line;
  const term = source.term ? termText(source.term, locale) : t(locale, 'planLines.termUnknown');
  const end = formatLocalDate(source.endsAt, locale, DAY_ZONE, '');
  return end ? t(locale, 'planLines.original', { date: end, term }) : t(locale, 'planLines.originalNoEnd', { term });
}

/** What must stay in sight for a line: users losing service plans, and a quantity below the users assigned. */
export function lineAttention(line: PlanLine, short = false, locale: Locale = DEFAULT_LOCALE): Array<{ name: string; text: string }> {
  const items: Array<{ name: string; text: string }> = [];
  const name = lineName(line);
  if (line.lostPlans.length > 0) {
    items.push({ name, text: t(locale, 'planLines.lost', { plans: planNames(line.lostPlans, short ? MAX_SHORT_PLAN_NAMES : MAX_PLAN_NAMES, locale) }) });
  }
  if (line.quantity < line.source.consumedUnits) {
    items.push({ name, text: t(locale, 'planLines.quantityProblem', { quantity: line.quantity, assigned: line.source.consumedUnits }) });
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
      ? `${unique.slice(0, MAX_WARNING_NAMES).join(', ')} +${unique.length - MAX_WARNING_NAMES}`
      : unique.join(', ');
    const said = named ? `${who}: ${text}` : text;
    (URGENT_WARNING.test(text) ? result.urgent : result.other).push(said);
  }
  return result;
}

/** One line behind Details in `locale`; expects a LineDetailView as its data. */
const lineDetailTemplate = (locale: Locale) => deepFreeze({
  type: 'Container',
  $data: '${lines}',
  separator: true,
  spacing: 'Small',
  items: [
    { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${name}', weight: 'Bolder' }] },
    factLine(t(locale, 'planLines.label.offers'), '${offers}', { spacing: 'None' }),
    factLine(t(locale, 'planLines.label.original'), '${original}', { spacing: 'None' }),
    factLine(t(locale, 'planLines.label.purchase'), '${purchase}', { spacing: 'None' }),
    factLine(t(locale, 'planLines.label.why'), '${reason}', { spacing: 'None' }),
    factLine(t(locale, 'planLines.label.ignored'), '${ignored}', { $when: '${hasIgnored}', spacing: 'None' }),
  ],
});

/** The line template in each language, built once. */
export const LINE_DETAIL_TEMPLATES = deepFreeze(
  Object.fromEntries(LOCALES.map((locale) => [locale, lineDetailTemplate(locale)])) as Record<Locale, ReturnType<typeof lineDetailTemplate>>,
);

/** One line behind Details, in English. */
export const LINE_DETAIL_TEMPLATE = LINE_DETAIL_TEMPLATES.en;
