/**
 * Stage scheduled: the plan is approved and waits for its buy dates. What is bought on which day (each original runs
 * until its own end, so buying just before it avoids paying twice), what was bought already, and Cancel, which
 * stops the purchases still to come.
 */
import type { PlanLine } from '../move/model';
import { linesOf } from '../move/schedule';
import type { MoveState } from '../move/state';
import { MOVE_CARD_FRAME, VERBS, deepFreeze, executeAction, expandCard, factLine, formatLocalDate, formatLocalDateTime, LIMITS, oneLine, plainText } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { readablePartNumber } from './productNames';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, LOCALES, type Locale } from './i18n/locales';
import { STARTED_TEMPLATE, actionData, actorName, canCancel, startedText } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';
import { DEFAULT_APPROVAL_POLICY } from '../move/policy';

interface ScheduledView {
  act: MoveActionData;
  header: CompactHeaderView;
  approval: string;
  next: string;
  purchases: Array<{ when: string; what: string; status: string; color: string }>;
  started: string;
  canCancel: boolean;
}

/** Joins the offers of one line, and the lines bought on one date: punctuation, the same in every language. */
const OFFER_SEPARATOR = ' + ';
const LINE_SEPARATOR = '; ';

function lineText(line: PlanLine, locale: Locale, timeZone: string): string {
  const values = {
    quantity: line.quantity,
    offers: line.offers.map((o) => oneLine(o.title, LIMITS.title)).join(OFFER_SEPARATOR),
    original: oneLine(line.source.displayName || readablePartNumber(line.source.skuPartNumber), LIMITS.title),
  };
  return line.source.endsAt
    ? t(locale, 'scheduled.lineEnding', { ...values, date: formatLocalDate(line.source.endsAt, locale, timeZone) })
    : t(locale, 'scheduled.line', values);
}

export function scheduledView(state: MoveState, options: CardOptions = { approvalPolicy: DEFAULT_APPROVAL_POLICY }): ScheduledView {
  const plan = state.plan ?? { lines: [] };
  const next = state.schedule[state.bought];
  const locale = options.locale ?? DEFAULT_LOCALE;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const now = t(locale, 'scheduled.now');
  return {
    act: actionData(state),
    header: compactHeaderView(state, options, 'decision'),
    approval: state.approval
      ? `${actorName(state.approval.by)}, ${formatLocalDateTime(state.approval.at, locale, timeZone)}`
      : t(locale, 'scheduled.notApproved'),
    next: next ? t(locale, 'scheduled.nextPurchase', { date: formatLocalDate(next.buyOn, locale, timeZone, now) }) : '',
    purchases: state.schedule.slice(0, LIMITS.listRows).map((purchase) => {
      const status = purchase.round < state.bought ? 'bought' : purchase.round === state.bought ? 'nextUp' : 'later';
      return {
        when: formatLocalDate(purchase.buyOn, locale, timeZone, now),
        what: linesOf(plan, purchase).map((line) => lineText(line, locale, timeZone)).join(LINE_SEPARATOR),
        status: t(locale, `scheduled.${status}`),
        color: status === 'nextUp' ? 'Accent' : 'Default',
      };
    }),
    started: startedText(state),
    canCancel: canCancel(state, options),
  };
}

/** The card's frame in `locale`. */
const template = (locale: Locale): object => deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    { type: 'TextBlock', text: t(locale, 'scheduled.title'), weight: 'Bolder', spacing: 'Medium', wrap: true },
    factLine(t(locale, 'scheduled.approvalLabel'), '${approval}'),
    {
      type: 'ColumnSet',
      $data: '${purchases}',
      spacing: 'Small',
      separator: true,
      columns: [
        { type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: '${when}', weight: 'Bolder', wrap: true }] },
        { type: 'Column', width: 'stretch', items: [plainText('${what}')] },
        { type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: '${status}', color: '${color}', wrap: true }] },
      ],
    },
    { type: 'TextBlock', text: '${next}', wrap: true, spacing: 'Medium', $when: "${next != ''}" },
    { type: 'TextBlock', text: t(locale, 'scheduled.why'), wrap: true, isSubtle: true, spacing: 'Medium' },
    { type: 'TextBlock', text: t(locale, 'scheduled.reminder'), wrap: true, isSubtle: true },
    STARTED_TEMPLATE,
  ],
  actions: [
    executeAction(t(locale, 'scheduled.refresh'), VERBS.refresh, { associatedInputs: 'none' }),
    executeAction(t(locale, 'scheduled.cancel'), VERBS.cancel, { $when: '${canCancel}', associatedInputs: 'none', style: 'destructive' }),
  ],
});

/** The card's frame in each language, built once. */
const TEMPLATES: Readonly<Record<Locale, object>> = Object.freeze(Object.fromEntries(LOCALES.map((l) => [l, template(l)])) as Record<Locale, object>);

export function scheduledCard(state: MoveState, options?: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATES[options?.locale ?? DEFAULT_LOCALE], scheduledView(state, options));
}
