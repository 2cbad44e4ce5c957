/**
 * Stage provisioning: the approval, the cart and order ids, the new subscriptions with their status, and the
 * undo path: the new purchase can be cancelled for a prorated refund until `cancellationAllowedUntil`.
 */
import type { OrderedSubscription } from '../move/model';
import type { MoveState } from '../move/state';
import { deepFreeze, expandCard, factLine, formatDate, formatDateTime, LIMITS, MOVE_CARD_FRAME, oneLine, plainText } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { HEADER_TEMPLATE, actionData, actorName, headerView } from './moveView';
import type { MoveHeaderView } from './moveView';

interface ProvisioningView {
  act: MoveActionData;
  header: MoveHeaderView;
  approval: string;
  progress: string;
  hasOrders: boolean;
  orders: string;
  subscriptions: Array<{ text: string }>;
  hasSubscriptions: boolean;
  undo: string;
}

export function newSubscriptionText(subscription: OrderedSubscription): string {
  const undo = subscription.cancellationAllowedUntil
    ? `cancellable until ${formatDate(subscription.cancellationAllowedUntil)}`
    : 'cancellation window: see Partner Center';
  return `${subscription.quantity} × ${oneLine(subscription.title, LIMITS.title)} (${oneLine(subscription.offerId, 60)}) · ` +
    `status ${oneLine(subscription.status, 40) || 'unknown'} · subscription ${oneLine(subscription.subscriptionId, LIMITS.id)} · ${undo}`;
}

/** The undo path in words, from the earliest cancellation deadline of the new subscriptions. */
export function undoText(subscriptions: readonly OrderedSubscription[]): string {
  const deadline = subscriptions
    .map((s) => s.cancellationAllowedUntil)
    .filter((d): d is string => typeof d === 'string' && d !== '')
    .sort()[0];
  const base = 'Undo path: new-commerce subscriptions can be cancelled for a prorated refund within 7 days of purchase; after that they run for their full term.';
  if (subscriptions.length === 0) return base;
  return deadline
    ? `${base} For this order: until ${formatDateTime(deadline)} (cancel in Partner Center if the move must be undone).`
    : `${base} Partner Center has not given the exact deadline yet; check the subscriptions there.`;
}

export function provisioningView(state: MoveState): ProvisioningView {
  const subs = state.subscriptions;
  let progress: string;
  if (state.orderedAt !== null) progress = 'Order placed. Waiting for Partner Center to provision the subscriptions; the bot checks by itself.';
  else if (state.cart) progress = 'Cart created in Partner Center. Checking out to place the order.';
  else progress = 'Creating the cart in Partner Center.';
  return {
    act: actionData(state),
    header: headerView(state),
    approval: state.approval
      ? `${actorName(state.approval.by)}, ${formatDateTime(state.approval.at)}`
      : 'not approved',
    progress,
    hasOrders: state.orderIds.length > 0 || state.cart !== null,
    orders: [
      ...state.orderIds.slice(0, 10).map((id) => `order ${oneLine(id, LIMITS.id)}`),
      ...(state.cart ? [`cart ${oneLine(state.cart.cartId, LIMITS.id)}`] : []),
    ].join(', '),
    subscriptions: subs.slice(0, LIMITS.listRows).map((s) => ({ text: newSubscriptionText(s) })),
    hasSubscriptions: subs.length > 0,
    undo: undoText(subs),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...HEADER_TEMPLATE,
    { type: 'TextBlock', text: 'Buying the new subscriptions', weight: 'Bolder', spacing: 'Medium', wrap: true },
    factLine('Plan approved by', '${approval}'),
    { type: 'TextBlock', text: '${progress}', wrap: true },
    factLine('Partner Center', '${orders}', { $when: '${hasOrders}' }),
    {
      type: 'Container',
      $when: '${hasSubscriptions}',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: 'New subscriptions', weight: 'Bolder', wrap: true },
        plainText('${text}', { $data: '${subscriptions}', spacing: 'Small' }),
      ],
    },
    { type: 'TextBlock', text: '${undo}', wrap: true, spacing: 'Medium', isSubtle: true },
    {
      type: 'TextBlock',
      wrap: true,
      text: 'Do not cancel the original subscriptions: cancelled subscriptions are not refunded. The advice on each one follows when provisioning is done.',
    },
  ],
});

export function provisioningCard(state: MoveState): AdaptiveCardJson {
  return expandCard(TEMPLATE, provisioningView(state));
}
