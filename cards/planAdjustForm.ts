/**
 * The plan card's "Change term, seats or dates" (an Action.ShowCard, offered only while the plan can be decided): per
 * line, up to MAX_ADJUSTABLE_LINES, the term and billing plans its offers are sold in, the seats (never below the
 * users assigned) and the buy date (empty = at approval; not after the original ends), then "Redraw the plan", which
 * sends them with the plan's hash. The input ids and the parse back are cards/planChoices.ts's.
 */
import type { PlanLine } from '../move/model';
import { termChoices } from '../move/planPricing';
import { dayOf } from '../move/schedule';
import { VERBS, deepFreeze, executeAction, formatLocalDate } from './common';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './i18n/locales';
import { MAX_ADJUSTABLE_LINES, lineInputIds, termValue } from './planChoices';
import { lineName, termLabel } from './planTable';

/** The original's end is a calendar day: read in UTC so no time zone moves it. */
const DAY_ZONE = 'UTC';

export interface AdjustLineView {
  name: string;
  termId: string;
  quantityId: string;
  buyOnId: string;
  terms: Array<{ title: string; value: string }>;
  term: string;
  quantity: number;
  min: number;
  seatsLabel: string;
  seatsError: string;
  buyOn: string;
  hasEnd: boolean;
  end: string;
  buyOnLabel: string;
  buyOnError: string;
}

export interface AdjustView {
  lines: AdjustLineView[];
  hasMore: boolean;
  more: string;
}

export function adjustLineView(line: PlanLine, index: number, locale: Locale = DEFAULT_LOCALE): AdjustLineView {
  const ids = lineInputIds(index);
  const current = termValue(line);
  const terms = termChoices(line).map((c) => ({ title: termLabel(c, locale), value: termValue(c) }));
  // The line's own term stays pickable even if the sheet no longer lists it, so "Redraw" never changes it unasked.
  if (!terms.some((t) => t.value === current)) terms.unshift({ title: termLabel(line, locale), value: current });
  const end = dayOf(line.source.endsAt);
  const assigned = Math.max(0, line.source.consumedUnits);
  return {
    name: lineName(line),
    termId: ids.term,
    quantityId: ids.quantity,
    buyOnId: ids.buyOn,
    terms,
    term: current,
    quantity: line.quantity,
    min: assigned,
    seatsLabel: t(locale, 'planAdjust.seats', { n: assigned }),
    seatsError: t(locale, 'planAdjust.seatsError', { n: assigned }),
    buyOn: dayOf(line.buyOn ?? null) ?? '',
    hasEnd: end !== null,
    end: end ?? '',
    buyOnLabel: end ? t(locale, 'planAdjust.buyOnByEnd', { date: formatLocalDate(end, locale, DAY_ZONE) }) : t(locale, 'planAdjust.buyOn'),
    buyOnError: t(locale, 'planAdjust.buyOnError', { date: end ? formatLocalDate(end, locale, DAY_ZONE) : '' }),
  };
}

/** The inputs of the first `max` lines (at most MAX_ADJUSTABLE_LINES). */
export function adjustView(lines: readonly PlanLine[], max: number, locale: Locale = DEFAULT_LOCALE): AdjustView {
  const shown = Math.min(max, MAX_ADJUSTABLE_LINES);
  return {
    lines: lines.slice(0, shown).map((line, index) => adjustLineView(line, index, locale)),
    hasMore: lines.length > shown,
    more: t(locale, 'planAdjust.more', { n: shown }),
  };
}

// Columns stretch by default: term and seats share a row; the date, with its longer label, has one of its own.
const column = (items: object[]) => ({ type: 'Column', items });
const buyOnInput = (extra: Record<string, unknown>) => ({
  type: 'Input.Date', id: '${buyOnId}', label: '${buyOnLabel}', value: '${buyOn}', ...extra,
});

/** The ShowCard action in `locale`; expects `canAdjust`, `planHash` and `adjust` (AdjustView) in the view model. */
const adjustActionTemplate = (locale: Locale) => deepFreeze({
  type: 'Action.ShowCard',
  $when: '${canAdjust}',
  title: t(locale, 'planAdjust.title'),
  card: {
    type: 'AdaptiveCard',
    body: [
      { type: 'TextBlock', text: t(locale, 'planAdjust.intro'), wrap: true },
      {
        type: 'Container',
        $data: '${adjust.lines}',
        separator: true,
        items: [
          { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${name}', weight: 'Bolder' }] },
          {
            type: 'ColumnSet',
            columns: [
              column([{
                type: 'Input.ChoiceSet', id: '${termId}', label: t(locale, 'planAdjust.term'), style: 'compact', value: '${term}',
                choices: [{ $data: '${terms}', title: '${title}', value: '${value}' }],
              }]),
              column([{
                type: 'Input.Number', id: '${quantityId}', label: '${seatsLabel}', value: '${quantity}', min: '${min}', isRequired: true,
                errorMessage: '${seatsError}',
              }]),
            ],
          },
          buyOnInput({ $when: '${hasEnd}', max: '${end}', errorMessage: '${buyOnError}' }),
          buyOnInput({ $when: '${!hasEnd}' }),
        ],
      },
      { type: 'TextBlock', $when: '${adjust.hasMore}', text: '${adjust.more}', isSubtle: true, wrap: true },
    ],
    actions: [executeAction(t(locale, 'planAdjust.redraw'), VERBS.adjustPlan, { associatedInputs: 'auto' }, { planHash: '${planHash}' })],
  },
});

/** The ShowCard action in each language, built once. */
export const ADJUST_ACTION_TEMPLATES = deepFreeze(
  Object.fromEntries(LOCALES.map((locale) => [locale, adjustActionTemplate(locale)])) as Record<Locale, ReturnType<typeof adjustActionTemplate>>,
);

/** The ShowCard action in English. */
export const ADJUST_ACTION_TEMPLATE = ADJUST_ACTION_TEMPLATES.en;
