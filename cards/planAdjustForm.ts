/**
 * The plan card's "Change term, seats or dates" (an Action.ShowCard, offered only while the plan can be decided): per
 * line, up to MAX_ADJUSTABLE_LINES, the term and billing plans its offers are sold in, the seats (never below the
 * users assigned) and the buy date (empty = at approval; not after the original ends), then "Redraw the plan", which
 * sends them with the plan's hash. The input ids and the parse back are cards/planChoices.ts's.
 */
import type { PlanLine } from '../move/model';
import { termChoices } from '../move/planPricing';
import { dayOf } from '../move/schedule';
import { VERBS, deepFreeze, executeAction, formatDate } from './common';
import { fill } from './messages';
import { MAX_ADJUSTABLE_LINES, lineInputIds, termValue } from './planChoices';
import { lineName, termLabel } from './planTable';

const TEXT = deepFreeze({
  title: 'Change term, seats or dates',
  intro: 'Change what you need, then redraw: the plan is drawn again with its prices and goes back for approval.',
  term: 'Term and billing',
  seats: 'Seats (at least {n} assigned)',
  seatsError: 'At least {n}, the users assigned.',
  buyOn: 'Buy on (empty = at approval)',
  buyOnByEnd: 'Buy on (empty = at approval; by {date})',
  buyOnError: 'By {date}, when the original ends.',
  redraw: 'Redraw the plan',
  more: 'Lines after the first {n} keep what the bot drew; change them once these are redrawn, or reject the plan.',
});

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

export function adjustLineView(line: PlanLine, index: number): AdjustLineView {
  const ids = lineInputIds(index);
  const current = termValue(line);
  const terms = termChoices(line).map((c) => ({ title: termLabel(c), value: termValue(c) }));
  // The line's own term stays pickable even if the sheet no longer lists it, so "Redraw" never changes it unasked.
  if (!terms.some((t) => t.value === current)) terms.unshift({ title: termLabel(line), value: current });
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
    seatsLabel: fill(TEXT.seats, { n: assigned }),
    seatsError: fill(TEXT.seatsError, { n: assigned }),
    buyOn: dayOf(line.buyOn ?? null) ?? '',
    hasEnd: end !== null,
    end: end ?? '',
    buyOnLabel: end ? fill(TEXT.buyOnByEnd, { date: formatDate(end) }) : TEXT.buyOn,
    buyOnError: fill(TEXT.buyOnError, { date: end ? formatDate(end) : '' }),
  };
}

/** The inputs of the first `max` lines (at most MAX_ADJUSTABLE_LINES). */
export function adjustView(lines: readonly PlanLine[], max: number): AdjustView {
  const shown = Math.min(max, MAX_ADJUSTABLE_LINES);
  return {
    lines: lines.slice(0, shown).map(adjustLineView),
    hasMore: lines.length > shown,
    more: fill(TEXT.more, { n: shown }),
  };
}

// Columns stretch by default: term and seats share a row; the date, with its longer label, has one of its own.
const column = (items: object[]) => ({ type: 'Column', items });
const buyOnInput = (extra: Record<string, unknown>) => ({
  type: 'Input.Date', id: '${buyOnId}', label: '${buyOnLabel}', value: '${buyOn}', ...extra,
});

/** The ShowCard action; expects `canAdjust`, `planHash` and `adjust` (AdjustView) in the view model. */
export const ADJUST_ACTION_TEMPLATE = deepFreeze({
  type: 'Action.ShowCard',
  $when: '${canAdjust}',
  title: TEXT.title,
  card: {
    type: 'AdaptiveCard',
    body: [
      { type: 'TextBlock', text: TEXT.intro, wrap: true },
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
                type: 'Input.ChoiceSet', id: '${termId}', label: TEXT.term, style: 'compact', value: '${term}',
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
    actions: [executeAction(TEXT.redraw, VERBS.adjustPlan, { associatedInputs: 'auto' }, { planHash: '${planHash}' })],
  },
});
