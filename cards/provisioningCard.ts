/**
 * Stage provisioning: the approval, the cart and order ids, the new subscriptions with their status, and the
 * undo path: the new purchase can be cancelled for a prorated refund until `cancellationAllowedUntil`.
 */
import type { OrderedSubscription } from '../move/model';
import { DEFAULT_APPROVAL_POLICY } from '../move/policy';
import type { MoveState } from '../move/state';
import { deepFreeze, expandCard, factLine, formatLocalDate, formatLocalDateTime, LIMITS, MOVE_CARD_FRAME, oneLine, plainText } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, LOCALES, type Locale } from './i18n/locales';
import { STARTED_TEMPLATE, actionData, actorName, startedText } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';

/** Punctuation that joins already-translated pieces; the same in every language. */
const LIST_SEPARATOR = ', ';

interface ProvisioningView {
  act: MoveActionData;
  header: CompactHeaderView;
  approval: string;
  progress: string;
  hasOrders: boolean;
  orders: string;
  subscriptions: Array<{ text: string }>;
  hasSubscriptions: boolean;
  undo: string;
  started: string;
}

export function newSubscriptionText(subscription: OrderedSubscription, locale: Locale = DEFAULT_LOCALE, timeZone: string = DEFAULT_TIME_ZONE): string {
  return t(locale, 'provisioning.newSubscription', {
    quantity: subscription.quantity,
    title: oneLine(subscription.title, LIMITS.title),
    offerId: oneLine(subscription.offerId, 60),
    status: oneLine(subscription.status, 40) || t(locale, 'provisioning.unknown'),
    id: oneLine(subscription.subscriptionId, LIMITS.id),
    undo: subscription.cancellationAllowedUntil
      ? t(locale, 'provisioning.cancellableUntil', { date: formatLocalDate(subscription.cancellationAllowedUntil, locale, timeZone) })
      : t(locale, 'provisioning.cancellationUnknown'),
  });
}

/** The undo path in words, from the earliest cancellation deadline of the new subscriptions. */
export function undoText(subscriptions: readonly OrderedSubscription[], locale: Locale = DEFAULT_LOCALE, timeZone: string = DEFAULT_TIME_ZONE): string {
  const deadlines = [...new Set(subscriptions
    .map((s) => s.cancellationAllowedUntil)
    .filter((d): d is string => typeof d === 'string' && d !== '')
    .map((d) => d.slice(0, 10)))].sort();
  const base = t(locale, 'provisioning.undoBase');
  if (subscriptions.length === 0) return base;
  if (deadlines.length === 0) return t(locale, 'provisioning.undoNoDeadline', { base });
  // Bought on several dates (or orders with different windows): each line says its own deadline.
  const earliest = subscriptions.map((s) => s.cancellationAllowedUntil).filter((d): d is string => Boolean(d)).sort();
  return deadlines.length === 1
    ? t(locale, 'provisioning.undoUntil', { base, deadline: formatLocalDateTime(earliest[0], locale, timeZone) })
    : t(locale, 'provisioning.undoEach', { base, deadline: formatLocalDateTime(earliest[earliest.length - 1], locale, timeZone) });
}

function progressText(state: MoveState, locale: Locale): string {
  if (state.orderedAt !== null) return t(locale, 'provisioning.ordered');
  return state.cart ? t(locale, 'provisioning.cartCreated') : t(locale, 'provisioning.creatingCart');
}

export function provisioningView(state: MoveState, options: CardOptions = { approvalPolicy: DEFAULT_APPROVAL_POLICY }): ProvisioningView {
  const subs = state.subscriptions;
  const locale = options.locale ?? DEFAULT_LOCALE;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    approval: state.approval
      ? `${actorName(state.approval.by)}, ${formatLocalDateTime(state.approval.at, locale, timeZone)}`
      : t(locale, 'provisioning.notApproved'),
    progress: progressText(state, locale),
    hasOrders: state.orderIds.length > 0 || state.cart !== null,
    orders: [
      ...state.orderIds.slice(0, 10).map((id) => t(locale, 'provisioning.order', { id: oneLine(id, LIMITS.id) })),
      ...(state.cart ? [t(locale, 'provisioning.cart', { id: oneLine(state.cart.cartId, LIMITS.id) })] : []),
    ].join(LIST_SEPARATOR),
    subscriptions: subs.slice(0, LIMITS.listRows).map((s) => ({ text: newSubscriptionText(s, locale, timeZone) })),
    hasSubscriptions: subs.length > 0,
    undo: undoText(subs, locale, timeZone),
    started: startedText(state),
  };
}

/** The card's frame in `locale`. */
const template = (locale: Locale): object => deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    { type: 'TextBlock', text: t(locale, 'provisioning.title'), weight: 'Bolder', spacing: 'Medium', wrap: true },
    factLine(t(locale, 'provisioning.approvalLabel'), '${approval}'),
    { type: 'TextBlock', text: '${progress}', wrap: true },
    factLine(t(locale, 'provisioning.partnerCenterLabel'), '${orders}', { $when: '${hasOrders}' }),
    {
      type: 'Container',
      $when: '${hasSubscriptions}',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: t(locale, 'provisioning.newSubscriptionsTitle'), weight: 'Bolder', wrap: true },
        plainText('${text}', { $data: '${subscriptions}', spacing: 'Small' }),
      ],
    },
    { type: 'TextBlock', text: '${undo}', wrap: true, spacing: 'Medium', isSubtle: true },
    { type: 'TextBlock', wrap: true, text: t(locale, 'provisioning.keepOriginals') },
    STARTED_TEMPLATE,
  ],
});

/** The card's frame in each language, built once. */
const TEMPLATES: Readonly<Record<Locale, object>> = Object.freeze(Object.fromEntries(LOCALES.map((l) => [l, template(l)])) as Record<Locale, object>);

export function provisioningCard(state: MoveState, options?: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATES[options?.locale ?? DEFAULT_LOCALE], provisioningView(state, options));
}
