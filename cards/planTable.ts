/**
 * The plan card's decision at a glance: a table with one row per line — the licence today (its friendly name, the
 * part number small), the offers bought, seats against the users assigned, term and billing, the buy date and the
 * cost a month and for the term — and, under it, the money: totals per currency, where the prices come from, what
 * is paid twice until the originals end, and the date until which the purchase can be undone.
 *
 * Costs come from move/planPricing.ts for the time `at` the card is drawn for (the proposal, or the approval once
 * there is one), so the card stays a pure function of the move's state.
 */
import { MATCH_KIND_LABELS } from '../move/model';
import type { BillingCycle, MatchKind, Plan, PlanLine, TermDuration } from '../move/model';
import { CANCELLATION_WINDOW_DAYS } from '../move/plan';
import type { LineCost, PlanCost } from '../move/planPricing';
import { formatMoney, planTotals } from '../move/pricing';
import type { Money } from '../move/pricing';
import { addDays, dayOf, effectiveBuyOn } from '../move/schedule';
import { LIMITS, deepFreeze, formatDate, oneLine, truncate } from './common';
import { fill, plural } from './messages';

const TEXT = deepFreeze({
  columns: { licence: 'Today → buy in CSP', seats: 'Seats', term: 'Term · buy on', cost: 'Cost a month' },
  offers: '→ {offers}',
  assigned: '{n} assigned',
  terms: { P1M: '1 month', P1Y: '1 year', P3Y: '3 years' } as Record<string, string>,
  billing: { monthly: 'monthly', annual: 'annual', triennial: 'triennial' } as Record<string, string>,
  termAndBilling: '{term}, {billing}',
  atApproval: 'at approval',
  forTerm: '{money} for {term}',
  noPrice: 'no price',
  partial: 'plus {unpriced} without a price',
  unpricedOfferOne: '{n} offer',
  unpricedOfferMany: '{n} offers',
  untitled: 'Untitled offer',
  moreNames: '{names} +{n}',
  total: 'Total: {monthly} a month · {term} committed',
  allGuide: 'Guide prices (not your price sheet).',
  someGuide: 'Includes guide prices (not your price sheet) for {names}.',
  sheetFootnote: 'Prices: your Partner Center price sheet, {market}, {month}.',
  guideFootnote: 'Guide list prices: {problem}',
  unpricedOne: '{n} offer has no price and is not in the total: {titles}.',
  unpricedMany: '{n} offers have no price and are not in the total: {titles}.',
  overlap: 'Paid twice until the originals end: {money} over {days}.',
  overlapDaysOne: '{n} day',
  overlapDaysMany: '{n} days',
  overlapUpTo: 'up to {days}',
  undoOne: 'Undo by {date} for a prorated refund.',
  undoAtApproval: 'Undo within {days} days of approval for a prorated refund.',
  undoMany: 'Undo for a prorated refund: {dates}.',
  undoDated: 'by {date} ({names})',
  undoAfterApproval: 'within {days} days of approval ({names})',
});

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
export function termLabel(choice: { termDuration: TermDuration; billingCycle: BillingCycle }): string {
  // A one-month term is only ever billed monthly: "1 month" says it all.
  if (choice.termDuration === 'P1M' && choice.billingCycle === 'monthly') return TEXT.terms.P1M;
  return fill(TEXT.termAndBilling, {
    term: TEXT.terms[choice.termDuration] ?? oneLine(choice.termDuration, 10),
    billing: TEXT.billing[choice.billingCycle] ?? oneLine(choice.billingCycle, 20),
  });
}

/** "USD 1,950.00": the currency code kept to letters, so the amount is safe in a (markdown) TextBlock. */
function money(value: Money): string {
  return formatMoney({ currency: value.currency.replace(/[^A-Za-z]/g, '').slice(0, 3).toUpperCase() || '?', minor: value.minor });
}

/** "A, B +3": at most `max` names, joined by `separator`. */
function names(list: readonly string[], max = 4, separator = ', '): string {
  const shown = list.slice(0, max).join(separator);
  return list.length > max ? fill(TEXT.moreNames, { names: shown, n: list.length - max }) : shown;
}

/** A line's cost a month and for its term; with an offer unpriced, what the priced offers cost and how many are not. */
function lineMoney(line: PlanLine, cost: LineCost): { monthly: string; total: string } {
  const term = TEXT.terms[line.termDuration] ?? '';
  if (cost.monthly && cost.term) {
    // A one-month term costs what a month costs: no second figure.
    const total = cost.term.minor === cost.monthly.minor && line.termDuration === 'P1M' ? '' : fill(TEXT.forTerm, { money: money(cost.term), term });
    return { monthly: money(cost.monthly), total };
  }
  const priced = planTotals(cost.offers.map((o) => ({ price: o.price, seats: line.quantity })));
  const unpriced = plural(TEXT.unpricedOfferOne, TEXT.unpricedOfferMany, priced.unpricedLines);
  if (priced.byCurrency.length !== 1) return { monthly: TEXT.noPrice, total: '' };
  const [partial] = priced.byCurrency;
  return { monthly: money(partial.monthly), total: fill(TEXT.partial, { unpriced }) };
}

/** Characters of the offers' titles a row shows when the card is short of space. */
const SHORT_OFFERS = 160;

export function planRowView(line: PlanLine, cost: LineCost, at: string, short = false): PlanRowView {
  const part = oneLine(line.source.skuPartNumber, LIMITS.sku);
  const name = lineName(line);
  const buyOn = effectiveBuyOn(line, at);
  const offers = names(line.offers.map((o) => oneLine(o.title, LIMITS.title) || TEXT.untitled), 4, ' + ');
  return {
    name,
    hasPart: part !== '' && part !== name,
    part,
    match: MATCH_KIND_LABELS[line.match] ?? oneLine(line.match, 40),
    matchColor: MATCH_COLORS[line.match] ?? 'Default',
    offers: fill(TEXT.offers, { offers: short ? truncate(offers, SHORT_OFFERS) : offers }),
    seats: String(line.quantity),
    assigned: fill(TEXT.assigned, { n: line.source.consumedUnits }),
    term: termLabel(line),
    buy: buyOn ? formatDate(buyOn) : TEXT.atApproval,
    ...lineMoney(line, cost),
  };
}

/** "Nov 2026" for `2026-11`. */
function monthText(month: string): string {
  return formatDate(`${oneLine(month, 7)}-01`, oneLine(month, 20)).replace(/^\d+ /, '');
}

function footnote(plan: Pick<Plan, 'pricing'>): string {
  const pricing = plan.pricing;
  if (!pricing) return '';
  if (pricing.source === 'price-sheet') return fill(TEXT.sheetFootnote, { market: oneLine(pricing.market, 10), month: monthText(pricing.month) });
  return fill(TEXT.guideFootnote, { problem: oneLine(pricing.problem, LIMITS.reason) });
}

function guideText(lines: readonly PlanLine[], cost: PlanCost): string {
  const guided = cost.lines.map((c, i) => (c.source === 'guide-price' ? lineName(lines[i]) : null)).filter((n): n is string => n !== null);
  if (guided.length === 0) return '';
  const allGuide = cost.lines.every((c) => c.source !== 'price-sheet');
  return allGuide ? TEXT.allGuide : fill(TEXT.someGuide, { names: names(guided) });
}

function overlapText(cost: PlanCost): string {
  const known = cost.lines.map((c) => c.overlap).filter((o): o is { days: number; cost: Money } => o !== null && o.days > 0);
  if (known.length === 0 || !cost.overlap.some((m) => m.minor > 0)) return '';
  const days = known.map((o) => o.days);
  const max = Math.max(...days);
  const dayText = plural(TEXT.overlapDaysOne, TEXT.overlapDaysMany, max);
  return fill(TEXT.overlap, {
    money: cost.overlap.filter((m) => m.minor > 0).map(money).join(' + '),
    days: days.every((d) => d === max) ? dayText : fill(TEXT.overlapUpTo, { days: dayText }),
  });
}

/**
 * Until when the purchase can be undone: the purchase day + the cancellation window. A line bought at approval has
 * no date until someone approves (`approvedAt`), so it says "within 7 days of approval".
 */
export function undoText(lines: readonly PlanLine[], at: string, approvedAt: string | null): string {
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
    return day ? fill(TEXT.undoOne, { date: formatDate(addDays(day, days)) }) : fill(TEXT.undoAtApproval, { days });
  }
  const dates = entries.map(([day, lineNames]) => (day
    ? fill(TEXT.undoDated, { date: formatDate(addDays(day, days)), names: names(lineNames, 3) })
    : fill(TEXT.undoAfterApproval, { days, names: names(lineNames, 3) })));
  return fill(TEXT.undoMany, { dates: dates.join('; ') });
}

export function planMoneyView(plan: Pick<Plan, 'lines' | 'pricing'>, cost: PlanCost, at: string, approvedAt: string | null): PlanMoneyView {
  const { totals } = cost;
  const unpriced = cost.lines.flatMap((c) => c.offers.filter((o) => o.price === null).map((o) => oneLine(o.offer.title, LIMITS.title) || TEXT.untitled));
  const guide = guideText(plan.lines, cost);
  const note = footnote(plan);
  const overlap = overlapText(cost);
  return {
    totals: totals.byCurrency.map((t) => ({ text: fill(TEXT.total, { monthly: money(t.monthly), term: money(t.term) }) })),
    hasGuide: guide !== '',
    guide,
    hasFootnote: note !== '',
    footnote: note,
    hasUnpriced: unpriced.length > 0,
    unpriced: plural(TEXT.unpricedOne, TEXT.unpricedMany, unpriced.length, { titles: names([...new Set(unpriced)]) }),
    hasOverlap: overlap !== '',
    overlap,
    undo: plan.lines.length > 0 ? undoText(plan.lines, at, approvedAt) : '',
  };
}

const small = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'TextRun', text, size: 'Small', isSubtle: true, ...extra });
const header = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'TableCell', items: [{ type: 'TextBlock', text, weight: 'Bolder', size: 'Small', wrap: true, ...extra }],
});

/** The lines as a table; expects `rows` (PlanRowView[]) in the view model. Four columns, so it reads on a phone too. */
export const TABLE_TEMPLATE = deepFreeze({
  type: 'Table',
  spacing: 'Small',
  showGridLines: false,
  verticalCellContentAlignment: 'Top',
  columns: [{ width: 6 }, { width: 2 }, { width: 3 }, { width: 3 }],
  rows: [
    {
      type: 'TableRow',
      style: 'emphasis',
      cells: [header(TEXT.columns.licence), header(TEXT.columns.seats), header(TEXT.columns.term), header(TEXT.columns.cost)],
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
