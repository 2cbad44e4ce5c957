/**
 * Stages source-advice and done: what was bought, whether users were moved to new licences (and who was
 * left on an original one), and for each original subscription the advice and its date — let it expire
 * (no refunds on cancelled subscriptions; wait until near the natural expiry) — plus the undo window of the
 * new purchase, the multi-partner note, and who started the move and where its subscriptions were bought. First of all,
 * the follow-ups people must still do by hand (cards/followUpsView.ts), each with its owner, due date and Done button.
 */
import type { SourceAdvice } from '../move/model';
import { DEFAULT_APPROVAL_POLICY } from '../move/policy';
import type { MoveState } from '../move/state';
import {
  LIMITS, MOVE_CARD_FRAME, expandCard, factLine, formatLocalDate, formatLocalDateTime, oneLine, plainText, deepFreeze,
} from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, LOCALES, type Locale } from './i18n/locales';
import { STARTED_TEMPLATE, actionData, actorName, startedText } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';
import { newSubscriptionText, undoText } from './provisioningCard';
import { ATTENTION_TEMPLATE, attentionView } from './reassignmentView';
import type { AttentionView } from './reassignmentView';
import { productName, productNameWithPart } from './productNames';
import { FOLLOW_UPS_TEMPLATE, followUpsView, type FollowUpsView } from './followUpsView';

/** Joins the order ids: punctuation, the same in every language. */
const LIST_SEPARATOR = ', ';

interface AdviceView {
  heading: string;
  expires: string;
  text: string;
}

interface DoneView {
  act: MoveActionData;
  header: CompactHeaderView;
  headline: string;
  summary: string;
  bought: Array<{ text: string }>;
  hasBought: boolean;
  orders: string;
  advice: AdviceView[];
  doNotCancel: string;
  undo: string;
  multiPartner: boolean;
  prepaid: Array<{ text: string; color: 'Default' | 'Attention' }>;
  hasPrepaid: boolean;
  hasReassignment: boolean;
  reassignment: string;
  hasLeftBehind: boolean;
  leftBehind: string;
  attention: AttentionView;
  followUps: FollowUpsView;
  started: string;
}

/** Who moved to the new licences, and who an override left on an original licence (they must be moved by hand). */
function reassignmentSummary(state: MoveState, locale: Locale, timeZone: string): Pick<DoneView, 'hasReassignment' | 'reassignment' | 'hasLeftBehind' | 'leftBehind' | 'attention'> {
  const { pass, movedTotal } = state.reassignment;
  const attention = attentionView(state, locale);
  const override = state.overrides.filter((o) => o.code === 'reassignment-incomplete').at(-1);
  const left = Object.values(state.reassignment.results).filter((r) => r.outcome !== 'moved').length;
  return {
    hasReassignment: pass > 0,
    reassignment: pass > 1
      ? t(locale, 'done.reassignedPasses', { users: movedTotal, passes: pass })
      : t(locale, 'done.reassigned', { users: movedTotal }),
    hasLeftBehind: left > 0 && override !== undefined,
    leftBehind: override
      ? t(locale, 'done.leftBehind', {
        n: left, name: actorName(override.by), date: formatLocalDate(override.at, locale, timeZone), reason: oneLine(override.reason, LIMITS.reason),
      })
      : '',
    attention,
  };
}

export function adviceView(
  advice: SourceAdvice,
  state: Pick<MoveState, 'plan' | 'sourcesEnded'> = { plan: null, sourcesEnded: [] },
  locale: Locale = DEFAULT_LOCALE,
  timeZone: string = DEFAULT_TIME_ZONE,
): AdviceView {
  const ended = state.sourcesEnded.includes(advice.subscriptionId);
  return {
    heading: t(locale, 'done.adviceHeading', {
      product: productNameWithPart(state, { skuPartNumber: advice.skuPartNumber }),
      licences: advice.totalLicenses,
      id: oneLine(advice.subscriptionId, LIMITS.id),
    }),
    expires: ended ? t(locale, 'done.ended')
      : advice.expires ? t(locale, 'done.expiresOn', { date: formatLocalDate(advice.expires, locale, timeZone) }) : t(locale, 'done.expiryUnknown'),
    text: oneLine(advice.text, LIMITS.message),
  };
}

export function doneView(state: MoveState, options: CardOptions = { approvalPolicy: DEFAULT_APPROVAL_POLICY }): DoneView {
  const subs = state.subscriptions;
  const quantity = subs.reduce((sum, s) => sum + s.quantity, 0);
  const locale = options.locale ?? DEFAULT_LOCALE;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const bought = { subscriptions: subs.length, licences: quantity };
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    headline: t(locale, state.stage === 'done' ? 'done.complete' : 'done.active'),
    summary: state.provisionedAt
      ? t(locale, 'done.summaryProvisioned', { ...bought, at: formatLocalDateTime(state.provisionedAt, locale, timeZone) })
      : t(locale, 'done.summary', bought),
    bought: subs.slice(0, LIMITS.listRows).map((s) => ({ text: newSubscriptionText(s, locale, timeZone) })),
    hasBought: subs.length > 0,
    orders: state.orderIds.slice(0, 10).map((id) => oneLine(id, LIMITS.id)).join(LIST_SEPARATOR) || t(locale, 'done.noOrders'),
    advice: state.advice.slice(0, LIMITS.listRows).map((advice) => adviceView(advice, state, locale, timeZone)),
    doNotCancel: t(locale, 'done.doNotCancel', { hint: t(locale, state.advice.length > 0 ? 'done.adviceWatching' : 'done.advicePending') }),
    undo: undoText(subs, locale, timeZone),
    multiPartner: state.multiPartner,
    prepaid: state.prepaidCheck.slice(0, LIMITS.listRows).map((c) => ({
      text: t(locale, c.ok ? 'done.prepaidOk' : 'done.prepaidShort', {
        product: productName(state, { skuId: c.skuId, skuPartNumber: c.skuPartNumber }), before: c.before, after: c.after, ordered: c.ordered,
      }),
      color: c.ok ? 'Default' : 'Attention',
    })),
    hasPrepaid: state.prepaidCheck.length > 0,
    ...reassignmentSummary(state, locale, timeZone),
    followUps: followUpsView(state, options),
    started: startedText(state),
  };
}

/** The card's frame in `locale`. */
const template = (locale: Locale): object => deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    { type: 'TextBlock', text: '${headline}', weight: 'Bolder', size: 'Medium', spacing: 'Medium', wrap: true },
    { type: 'TextBlock', text: '${summary}', wrap: true },
    // What people must still do comes before the account of what was done.
    ...FOLLOW_UPS_TEMPLATE,
    factLine(t(locale, 'done.ordersLabel'), '${orders}', { spacing: 'Medium' }),
    plainText('${text}', { $data: '${bought}', spacing: 'Small' }),
    { type: 'TextBlock', $when: '${hasPrepaid}', text: t(locale, 'done.checkedTitle'), weight: 'Bolder', spacing: 'Medium', wrap: true },
    { type: 'RichTextBlock', $data: '${prepaid}', spacing: 'Small', inlines: [{ type: 'TextRun', text: '${text}', color: '${color}' }] },
    { type: 'TextBlock', $when: '${hasReassignment}', text: '${reassignment}', wrap: true, spacing: 'Medium' },
    {
      type: 'Container',
      $when: '${hasLeftBehind}',
      style: 'attention',
      spacing: 'Small',
      items: [plainText('${leftBehind}'), ...ATTENTION_TEMPLATE],
    },
    {
      type: 'Container',
      style: 'warning',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: t(locale, 'done.expireTitle'), weight: 'Bolder', wrap: true },
        { type: 'TextBlock', wrap: true, text: '${doNotCancel}' },
        {
          type: 'Container',
          $data: '${advice}',
          separator: true,
          items: [
            { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${heading}', weight: 'Bolder' }] },
            { type: 'TextBlock', text: '${expires}', wrap: true, spacing: 'None', weight: 'Bolder' },
            plainText('${text}', { spacing: 'None' }),
          ],
        },
      ],
    },
    { type: 'TextBlock', text: '${undo}', wrap: true, spacing: 'Medium', isSubtle: true },
    { type: 'TextBlock', $when: '${multiPartner}', wrap: true, text: t(locale, 'done.multiPartner') },
    STARTED_TEMPLATE,
  ],
});

/** The card's frame in each language, built once. */
const TEMPLATES: Readonly<Record<Locale, object>> = Object.freeze(Object.fromEntries(LOCALES.map((l) => [l, template(l)])) as Record<Locale, object>);

export function doneCard(state: MoveState, options?: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATES[options?.locale ?? DEFAULT_LOCALE], doneView(state, options));
}
