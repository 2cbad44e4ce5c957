/**
 * Stage cancelled: who cancelled it, when and why, and what was already done that a person may need to undo; then who
 * started the move and where its subscriptions were bought.
 */
import { DEFAULT_APPROVAL_POLICY } from '../move/policy';
import type { MoveState } from '../move/state';
import { LIMITS, MOVE_CARD_FRAME, expandCard, factLine, formatLocalDateTime, multiLine, oneLine, plainText, deepFreeze } from './common';
import { withdrawalLine } from './eventText';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, LOCALES, type Locale } from './i18n/locales';
import { STARTED_TEMPLATE, actionData, actorName, customerDomain, startedText } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';
import { undoText } from './provisioningCard';

interface CancelledView {
  act: MoveActionData;
  header: CompactHeaderView;
  by: string;
  reason: string;
  aftermath: Array<{ text: string }>;
  started: string;
}

/** What the cancellation left behind, in the order a person would deal with it. */
export function aftermath(state: MoveState, locale: Locale = DEFAULT_LOCALE, timeZone: string = DEFAULT_TIME_ZONE): Array<{ text: string }> {
  const lines: string[] = [];
  lines.push(state.orderIds.length > 0
    ? t(locale, 'cancelled.ordered', { undo: undoText(state.subscriptions, locale, timeZone) })
    : t(locale, 'cancelled.nothingBought'));
  if (state.invitation?.resellerLink && !state.acceptedAt) lines.push(t(locale, 'cancelled.notAccepted'));
  const gdap = gdapLine(state, locale);
  if (gdap) lines.push(gdap);
  lines.push(t(locale, 'cancelled.originals', { domain: customerDomain(state) }));
  return lines.map((text) => ({ text }));
}

/** Where the GDAP request stands after the cancellation: approved (it stays), being withdrawn, or what became of it. */
function gdapLine(state: MoveState, locale: Locale): string | null {
  if (state.delegatedAccess) return t(locale, 'cancelled.gdapStays');
  if (!state.invitation?.gdapRelationshipId) return null;
  const tried = state.withdrawal;
  if (!tried) return t(locale, 'cancelled.gdapWithdrawing');
  return withdrawalLine(tried.outcome, oneLine(tried.detail, 300), customerDomain(state), locale);
}

export function cancelledView(state: MoveState, options: CardOptions = { approvalPolicy: DEFAULT_APPROVAL_POLICY }): CancelledView {
  const cancelled = state.cancelled;
  const locale = options.locale ?? DEFAULT_LOCALE;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    by: cancelled ? `${actorName(cancelled.by)}, ${formatLocalDateTime(cancelled.at, locale, timeZone)}` : t(locale, 'cancelled.unknown'),
    reason: multiLine(cancelled?.reason, LIMITS.comment) || t(locale, 'cancelled.noReason'),
    aftermath: aftermath(state, locale, timeZone),
    started: startedText(state),
  };
}

/** The card's frame in `locale`. */
const template = (locale: Locale): object => deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    { type: 'TextBlock', text: t(locale, 'cancelled.title'), weight: 'Bolder', spacing: 'Medium', wrap: true },
    factLine(t(locale, 'cancelled.byLabel'), '${by}'),
    factLine(t(locale, 'cancelled.reasonLabel'), '${reason}'),
    { type: 'TextBlock', text: t(locale, 'cancelled.meaningTitle'), weight: 'Bolder', spacing: 'Medium', wrap: true },
    plainText('${text}', { $data: '${aftermath}', spacing: 'Small' }),
    STARTED_TEMPLATE,
  ],
});

/** The card's frame in each language, built once. */
const TEMPLATES: Readonly<Record<Locale, object>> = Object.freeze(Object.fromEntries(LOCALES.map((l) => [l, template(l)])) as Record<Locale, object>);

export function cancelledCard(state: MoveState, options?: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATES[options?.locale ?? DEFAULT_LOCALE], cancelledView(state, options));
}
