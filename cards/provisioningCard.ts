/**
 * Stage provisioning: the approval, the cart and order ids, the new subscriptions with their status, and the
 * undo path: the new purchase can be cancelled for a prorated refund until `cancellationAllowedUntil`.
 */
import type { OrderedSubscription } from '../move/model';
import { DEFAULT_APPROVAL_POLICY } from '../move/policy';
import type { MoveState } from '../move/state';
import { deepFreeze, expandCard, factLine, formatDate, formatDateTime, LIMITS, MOVE_CARD_FRAME, oneLine, plainText } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { fill } from './messages';
import { STARTED_TEMPLATE, actionData, actorName, startedText } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';

const TEXT = deepFreeze({
  cancellableUntil: 'cancellable until {date}',
  cancellationUnknown: 'cancellation window: see Partner Center',
  newSubscription: '{quantity} × {title} ({offerId}) · status {status} · subscription {id} · {undo}',
  unknown: 'unknown',
  undoBase: 'Undo path: new-commerce subscriptions can be cancelled for a prorated refund within 7 days of purchase; after that they run for their full term.',
  undoUntil: '{base} For this order: until {deadline} (cancel in Partner Center if the move must be undone).',
  undoEach: '{base} For these orders: until the date on each subscription\'s line, the latest {deadline} (cancel in Partner Center if the move must be undone).',
  undoNoDeadline: '{base} Partner Center has not given the exact deadline yet; check the subscriptions there.',
  approvedBy: '{name}, {at}',
  notApproved: 'not approved',
  ordered: 'Order placed. Waiting for Partner Center to provision the subscriptions; the bot checks by itself.',
  cartCreated: 'Cart created in Partner Center. Checking out to place the order.',
  creatingCart: 'Creating the cart in Partner Center.',
  order: 'order {id}',
  cart: 'cart {id}',
  listSeparator: ', ',
  title: 'Buying the new subscriptions',
  approvalLabel: 'Plan approved by',
  partnerCenterLabel: 'Partner Center',
  newSubscriptionsTitle: 'New subscriptions',
  keepOriginals: 'Do not cancel the original subscriptions: cancelled subscriptions are not refunded. The advice on each one follows when provisioning is done.',
});

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

export function newSubscriptionText(subscription: OrderedSubscription): string {
  return fill(TEXT.newSubscription, {
    quantity: subscription.quantity,
    title: oneLine(subscription.title, LIMITS.title),
    offerId: oneLine(subscription.offerId, 60),
    status: oneLine(subscription.status, 40) || TEXT.unknown,
    id: oneLine(subscription.subscriptionId, LIMITS.id),
    undo: subscription.cancellationAllowedUntil
      ? fill(TEXT.cancellableUntil, { date: formatDate(subscription.cancellationAllowedUntil) })
      : TEXT.cancellationUnknown,
  });
}

/** The undo path in words, from the earliest cancellation deadline of the new subscriptions. */
export function undoText(subscriptions: readonly OrderedSubscription[]): string {
  const deadlines = [...new Set(subscriptions
    .map((s) => s.cancellationAllowedUntil)
    .filter((d): d is string => typeof d === 'string' && d !== '')
    .map((d) => d.slice(0, 10)))].sort();
  if (subscriptions.length === 0) return TEXT.undoBase;
  if (deadlines.length === 0) return fill(TEXT.undoNoDeadline, { base: TEXT.undoBase });
  // Bought on several dates (or orders with different windows): each line says its own deadline.
  const earliest = subscriptions.map((s) => s.cancellationAllowedUntil).filter((d): d is string => Boolean(d)).sort();
  return deadlines.length === 1
    ? fill(TEXT.undoUntil, { base: TEXT.undoBase, deadline: formatDateTime(earliest[0]) })
    : fill(TEXT.undoEach, { base: TEXT.undoBase, deadline: formatDateTime(earliest[earliest.length - 1]) });
}

function progressText(state: MoveState): string {
  if (state.orderedAt !== null) return TEXT.ordered;
  return state.cart ? TEXT.cartCreated : TEXT.creatingCart;
}

export function provisioningView(state: MoveState, options: CardOptions = { approvalPolicy: DEFAULT_APPROVAL_POLICY }): ProvisioningView {
  const subs = state.subscriptions;
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    approval: state.approval
      ? fill(TEXT.approvedBy, { name: actorName(state.approval.by), at: formatDateTime(state.approval.at) })
      : TEXT.notApproved,
    progress: progressText(state),
    hasOrders: state.orderIds.length > 0 || state.cart !== null,
    orders: [
      ...state.orderIds.slice(0, 10).map((id) => fill(TEXT.order, { id: oneLine(id, LIMITS.id) })),
      ...(state.cart ? [fill(TEXT.cart, { id: oneLine(state.cart.cartId, LIMITS.id) })] : []),
    ].join(TEXT.listSeparator),
    subscriptions: subs.slice(0, LIMITS.listRows).map((s) => ({ text: newSubscriptionText(s) })),
    hasSubscriptions: subs.length > 0,
    undo: undoText(subs),
    started: startedText(state),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    { type: 'TextBlock', text: TEXT.title, weight: 'Bolder', spacing: 'Medium', wrap: true },
    factLine(TEXT.approvalLabel, '${approval}'),
    { type: 'TextBlock', text: '${progress}', wrap: true },
    factLine(TEXT.partnerCenterLabel, '${orders}', { $when: '${hasOrders}' }),
    {
      type: 'Container',
      $when: '${hasSubscriptions}',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: TEXT.newSubscriptionsTitle, weight: 'Bolder', wrap: true },
        plainText('${text}', { $data: '${subscriptions}', spacing: 'Small' }),
      ],
    },
    { type: 'TextBlock', text: '${undo}', wrap: true, spacing: 'Medium', isSubtle: true },
    { type: 'TextBlock', wrap: true, text: TEXT.keepOriginals },
    STARTED_TEMPLATE,
  ],
});

export function provisioningCard(state: MoveState, options?: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATE, provisioningView(state, options));
}
