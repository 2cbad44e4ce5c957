/**
 * The plan card's decision at a glance: a table with one row per line — the licence today (its friendly name, the
 * part number small), the offers bought, seats against the users assigned, term and billing, the buy date and the
 * cost a month and for the term — and, under it, the money: totals per currency, where the prices come from, what
 * is paid twice until the originals end, and the date until which the purchase can be undone.
 *
 * Costs come from move/planPricing.ts for the time `at` the card is drawn for (the proposal, or the approval once
 * there is one), so the card stays a pure function of the move's state.
 */
import type { BillingCycle, MatchKind, Plan, PlanLine, TermDuration } from '../move/model';
import { CANCELLATION_WINDOW_DAYS } from '../move/plan';
import type { LineCost, PlanCost } from '../move/planPricing';
import { formatMoney, planTotals } from '../move/pricing';
import type { Money } from '../move/pricing';
import { addDays, dayOf, effectiveBuyOn } from '../move/schedule';
import { LIMITS, deepFreeze, formatLocalDate, oneLine, truncate } from './common';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, INTL_TAGS, LOCALES, type Locale } from './i18n/locales';

/** Calendar days (buy dates, undo-by dates) are days, not instants: read in UTC so no time zone moves them. */
const DAY_ZONE = 'UTC';

/** The term and billing codes the catalog has words for; anything else is shown as its (clipped) code. */
const TERMS = ['P1M', 'P1Y', 'P3Y'] as const;
const BILLINGS = ['monthly', 'annual', 'triennial'] as const;

function termWord(code: string, locale: Locale): string | undefined {
  return (TERMS as readonly string[]).includes(code) ? t(locale, `planTable.term.${code as (typeof TERMS)[number]}`) : undefined;
}

function billingWord(code: string, locale: Locale): string | undefined {
  return (BILLINGS as readonly string[]).includes(code) ? t(locale, `planTable.billing.${code as (typeof BILLINGS)[number]}`) : undefined;
}

/** The match kinds the catalog names (planTable.match.*). */
const MATCH_KINDS: readonly string[] = deepFreeze(['same', 'equivalent', 'chosen']);

/** Named colours only (Teams adapts them to light, dark and high contrast); Good and Warning text are too faint on light backgrounds. */
const MATCH_COLORS: Readonly<Record<MatchKind, string>> = deepFreeze({ same: 'Default', equivalent: 'Accent', chosen: 'Attention' });

/** One row of the table. Every text is plain text for a TextRun. */
export interface PlanRowView {
  name: string;
  hasPart: boolean;
  part: string;
  match: string;
  matchColor: string;
  offers: string;
  seats: string;
  assigned: string;
  term: string;
  buy: string;
  monthly: string;
  total: string;
}

export interface PlanMoneyView {
  totals: Array<{ text: string }>;
  hasGuide: boolean;
  guide: string;
  hasFootnote: boolean;
  footnote: string;
  hasUnpriced: boolean;
  unpriced: string;
  hasOverlap: boolean;
  overlap: string;
  undo: string;
}

/** The licence's friendly name ("Microsoft 365 E3"), else its part number, else its id. */
export function lineName(line: PlanLine): string {
  return oneLine(line.source.displayName, LIMITS.title) || oneLine(line.source.skuPartNumber, LIMITS.sku) || oneLine(line.source.skuId, LIMITS.id);
}

/** "1 year, monthly": a term and billing plan as the card says it. */
export function termLabel(choice: { termDuration: TermDuration; billingCycle: BillingCycle }, locale: Locale = DEFAULT_LOCALE): string {
  // A one-month term is only ever billed monthly: "1 month" says it all.
  if (choice.termDuration === 'P1M' && choice.billingCycle === 'monthly') return t(locale, 'planTable.term.P1M');
  return t(locale, 'planTable.termAndBilling', {
    term: termWord(choice.termDuration, locale) ?? oneLine(choice.termDuration, 10),
    billing: billingWord(choice.billingCycle, locale) ?? oneLine(choice.billingCycle, 20),
  });
}

/** "USD 1,950.00": the currency code kept to letters, so the amount is safe in a (markdown) TextBlock. */
function money(value: Money): string {
  return formatMoney({ currency: value.currency.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase() || '?', minor: value.minor });
}

/** "A, B +3": at most `max` names, joined by `separator`. */
function names(list: readonly string[], max = 4, separator = ', '): string {
  const shown = list.slice(0, max).join(separator);
  return list.length > max ? `${shown} +${list.length - max}` : shown;
}

/** A line's cost a month and for its term; with an offer unpriced, what the priced offers cost and how many are not. */
function lineMoney(line: PlanLine, cost: LineCost, locale: Locale): { monthly: string; total: string } {
  const term = termWord(line.termDuration, locale) ?? '';
  if (cost.monthly && cost.term) {
    // A one-month term costs what a month costs: no second figure.
    const total = cost.term.minor === cost.monthly.minor && line.termDuration === 'P1M' ? '' : t(locale, 'planTable.forTerm', { money: money(cost.term), term });
    return { monthly: money(cost.monthly), total };
  }
  const priced = planTotals(cost.offers.map((o) => ({ price: o.price, seats: line.quantity })));
  if (priced.byCurrency.length !== 1) return { monthly: t(locale, 'planTable.noPrice'), total: '' };
  const [partial] = priced.byCurrency;
  return { monthly: money(partial.monthly), total: t(locale, 'planTable.partial', { n: priced.unpricedLines }) };
}

/** Characters of the offers' titles a row shows when the card is short of space. */
const SHORT_OFFERS = 160;

export function planRowView(line: PlanLine, cost: LineCost, at: string, short = false, locale: Locale = DEFAULT_LOCALE): PlanRowView {
  const part = oneLine(line.source.skuPartNumber, LIMITS.sku);
  const name = lineName(line);
  const buyOn = effectiveBuyOn(line, at);
  const offers = names(line.offers.map((o) => oneLine(o.title, LIMITS.title) || t(locale, 'planTable.untitled')), 4, ' + ');
  return {
    name,
    hasPart: part !== '' && part !== name,
    part,
    match: MATCH_KINDS.includes(line.match) ? t(locale, `planTable.match.${line.match}`) : oneLine(line.match, 40),
    matchColor: MATCH_COLORS[line.match] ?? 'Default',
    offers: `→ ${short ? truncate(offers, SHORT_OFFERS) : offers}`,
    seats: String(line.quantity),
    assigned: t(locale, 'planTable.assigned', { n: line.source.consumedUnits }),
    term: termLabel(line, locale),
    buy: buyOn ? formatLocalDate(buyOn, locale, DAY_ZONE) : t(locale, 'planTable.atApproval'),
    ...lineMoney(line, cost, locale),
  };
}

/** "Nov 2026" / "2026년 11월" for `2026-11`; the text itself when it is no month. */
function monthText(month: string, locale: Locale): string {
  const day = formatLocalDate(`${oneLine(month, 7)}-01`, locale, DAY_ZONE, oneLine(month, 20));
  if (locale === 'en' || day === oneLine(month, 20)) return day.replace(/^\d+ /, '');
  return new Intl.DateTimeFormat(INTL_TAGS[locale], { year: 'numeric', month: 'long', timeZone: DAY_ZONE }).format(new Date(`${oneLine(month, 7)}-01T00:00:00Z`));
}

function footnote(plan: Pick<Plan, 'pricing'>, locale: Locale): string {
  const pricing = plan.pricing;
  if (!pricing) return '';
  if (pricing.source === 'price-sheet') return t(locale, 'planTable.sheetFootnote', { market: oneLine(pricing.market, 10), month: monthText(pricing.month, locale) });
  return t(locale, 'planTable.guideFootnote', { problem: oneLine(pricing.problem, LIMITS.reason) });
}

function guideText(lines: readonly PlanLine[], cost: PlanCost, locale: Locale): string {
  const guided = cost.lines.map((c, i) => (c.source === 'guide-price' ? lineName(lines[i]) : null)).filter((n): n is string => n !== null);
  if (guided.length === 0) return '';
  const allGuide = cost.lines.every((c) => c.source !== 'price-sheet');
  return allGuide ? t(locale, 'planTable.allGuide') : t(locale, 'planTable.someGuide', { names: names(guided) });
}

function overlapText(cost: PlanCost, locale: Locale): string {
  const known = cost.lines.map((c) => c.overlap).filter((o): o is { days: number; cost: Money } => o !== null && o.days > 0);
  if (known.length === 0 || !cost.overlap.some((m) => m.minor > 0)) return '';
  const days = known.map((o) => o.days);
  const max = Math.max(...days);
  const dayText = t(locale, 'planTable.overlapDays', { n: max });
  return t(locale, 'planTable.overlap', {
    money: cost.overlap.filter((m) => m.minor > 0).map(money).join(' + '),
    days: days.every((d) => d === max) ? dayText : t(locale, 'planTable.overlapUpTo', { days: dayText }),
  });
}

/**
 * Until when the purchase can be undone: the purchase day + the cancellation window. A line bought at approval has
 * no date until someone approves (`approvedAt`), so it says "within 7 days of approval".
 */
export function undoText(lines: readonly PlanLine[], at: string, approvedAt: string | null, locale: Locale = DEFAULT_LOCALE): string {
  const days = CANCELLATION_WINDOW_DAYS;
  const groups = new Map<string, string[]>();
  for (const line of lines) {
    const day = effectiveBuyOn(line, at) ?? (approvedAt ? dayOf(approvedAt) : null) ?? '';
    groups.set(day, [...(groups.get(day) ?? []), lineName(line)]);
  }
  // Dated purchases first, soonest first; those at approval last.
  const entries = [...groups].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  if (entries.length === 1) {
    const [day] = entries[0];
    return day ? t(locale, 'planTable.undoOne', { date: formatLocalDate(addDays(day, days), locale, DAY_ZONE) }) : t(locale, 'planTable.undoAtApproval', { days });
  }
  const dates = entries.map(([day, lineNames]) => (day
    ? t(locale, 'planTable.undoDated', { date: formatLocalDate(addDays(day, days), locale, DAY_ZONE), names: names(lineNames, 3) })
    : t(locale, 'planTable.undoAfterApproval', { days, names: names(lineNames, 3) })));
  return t(locale, 'planTable.undoMany', { dates: dates.join('; ') });
}

export function planMoneyView(
  plan: Pick<Plan, 'lines' | 'pricing'>, cost: PlanCost, at: string, approvedAt: string | null, locale: Locale = DEFAULT_LOCALE,
): PlanMoneyView {
  const { totals } = cost;
  const untitled = t(locale, 'planTable.untitled');
  const unpriced = cost.lines.flatMap((c) => c.offers.filter((o) => o.price === null).map((o) => oneLine(o.offer.title, LIMITS.title) || untitled));
  const guide = guideText(plan.lines, cost, locale);
  const note = footnote(plan, locale);
  const overlap = overlapText(cost, locale);
  return {
    totals: totals.byCurrency.map((total) => ({ text: t(locale, 'planTable.total', { monthly: money(total.monthly), term: money(total.term) }) })),
    hasGuide: guide !== '',
    guide,
    hasFootnote: note !== '',
    footnote: note,
    hasUnpriced: unpriced.length > 0,
    unpriced: t(locale, 'planTable.unpriced', { n: unpriced.length, titles: names([...new Set(unpriced)]) }),
    hasOverlap: overlap !== '',
    overlap,
    undo: plan.lines.length > 0 ? undoText(plan.lines, at, approvedAt, locale) : '',
  };
}

const small = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'TextRun', text, size: 'Small', isSubtle: true, ...extra });
const header = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'TableCell', items: [{ type: 'TextBlock', text, weight: 'Bolder', size: 'Small', wrap: true, ...extra }],
});

/** The lines as a table in `locale`; expects `rows` (PlanRowView[]) in the view model. Four columns, so it reads on a phone too. */
const tableTemplate = (locale: Locale) => deepFreeze({
  type: 'Table',
  spacing: 'Small',
  showGridLines: false,
  verticalCellContentAlignment: 'Top',
  columns: [{ width: 6 }, { width: 2 }, { width: 3 }, { width: 3 }],
  rows: [
    {
      type: 'TableRow',
      style: 'emphasis',
      cells: [
        header(t(locale, 'planTable.column.licence')), header(t(locale, 'planTable.column.seats')),
        header(t(locale, 'planTable.column.term')), header(t(locale, 'planTable.column.cost')),
      ],
    },
    {
      type: 'TableRow',
      $data: '${rows}',
      cells: [
        {
          type: 'TableCell',
          items: [
            { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${name}', weight: 'Bolder' }] },
            {
              type: 'RichTextBlock',
              spacing: 'None',
              inlines: [
                small('${part}', { $when: '${hasPart}' }),
                small(' · ', { $when: '${hasPart}' }),
                { type: 'TextRun', text: '${match}', size: 'Small', color: '${matchColor}' },
              ],
            },
            { type: 'RichTextBlock', spacing: 'Small', inlines: [{ type: 'TextRun', text: '${offers}' }] },
          ],
        },
        {
          type: 'TableCell',
          items: [
            { type: 'TextBlock', text: '${seats}', weight: 'Bolder', wrap: true },
            { type: 'TextBlock', text: '${assigned}', size: 'Small', isSubtle: true, spacing: 'None', wrap: true },
          ],
        },
        {
          type: 'TableCell',
          items: [
            { type: 'TextBlock', text: '${term}', wrap: true },
            { type: 'TextBlock', text: '${buy}', spacing: 'None', wrap: true },
          ],
        },
        {
          type: 'TableCell',
          items: [
            { type: 'TextBlock', text: '${monthly}', weight: 'Bolder', wrap: true },
            { type: 'TextBlock', $when: "${total != ''}", text: '${total}', size: 'Small', isSubtle: true, spacing: 'None', wrap: true },
          ],
        },
      ],
    },
  ],
});

/** The table template in each language, built once. */
export const TABLE_TEMPLATES = deepFreeze(Object.fromEntries(LOCALES.map((locale) => [locale, tableTemplate(locale)])) as Record<Locale, ReturnType<typeof tableTemplate>>);

/** The table in English. */
export const TABLE_TEMPLATE = TABLE_TEMPLATES.en;

/** Totals, price source, overlap and undo; expects `money` (PlanMoneyView) in the view model. */
export const MONEY_TEMPLATE = deepFreeze({
  type: 'Container',
  style: 'emphasis',
  spacing: 'Small',
  items: [
    { type: 'RichTextBlock', $data: '${money.totals}', inlines: [{ type: 'TextRun', text: '${text}', weight: 'Bolder' }] },
    { type: 'TextBlock', $when: '${money.hasGuide}', text: '${money.guide}', weight: 'Bolder', spacing: 'None', wrap: true },
    { type: 'RichTextBlock', $when: '${money.hasUnpriced}', spacing: 'None', inlines: [{ type: 'TextRun', text: '${money.unpriced}', weight: 'Bolder' }] },
    { type: 'RichTextBlock', $when: '${money.hasOverlap}', inlines: [{ type: 'TextRun', text: '${money.overlap}' }] },
    { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${money.undo}', weight: 'Bolder' }] },
    { type: 'RichTextBlock', $when: '${money.hasFootnote}', spacing: 'Small', inlines: [small('${money.footnote}')] },
  ],
});
