/** Stage provisioning (cards/provisioningCard.ts): the order, the new subscriptions and the undo path. */
import type { AreaMessages } from '../types';

export const provisioning = {
  /** date: the day the new subscription can be cancelled until (formatted). */
  'provisioning.cancellableUntil': 'cancellable until {date}',
  'provisioning.cancellationUnknown': 'cancellation window: see Partner Center',
  /** One new subscription; undo: provisioning.cancellableUntil or provisioning.cancellationUnknown. */
  'provisioning.newSubscription': '{quantity} × {title} ({offerId}) · status {status} · subscription {id} · {undo}',
  'provisioning.unknown': 'unknown',
  'provisioning.undoBase': 'Undo path: new-commerce subscriptions can be cancelled for a prorated refund within 7 days of purchase; after that they run for their full term.',
  /** base: provisioning.undoBase; deadline: a date and time. */
  'provisioning.undoUntil': '{base} For this order: until {deadline} (cancel in Partner Center if the move must be undone).',
  'provisioning.undoEach': "{base} For these orders: until the date on each subscription's line, the latest {deadline} (cancel in Partner Center if the move must be undone).",
  'provisioning.undoNoDeadline': '{base} Partner Center has not given the exact deadline yet; check the subscriptions there.',
  'provisioning.notApproved': 'not approved',
  'provisioning.ordered': 'Order placed. Waiting for Partner Center to provision the subscriptions; the bot checks by itself.',
  'provisioning.cartCreated': 'Cart created in Partner Center. Checking out to place the order.',
  'provisioning.creatingCart': 'Creating the cart in Partner Center.',
  'provisioning.order': 'order {id}',
  'provisioning.cart': 'cart {id}',
  'provisioning.title': 'Buying the new subscriptions',
  'provisioning.approvalLabel': 'Plan approved by',
  'provisioning.partnerCenterLabel': 'Partner Center',
  'provisioning.newSubscriptionsTitle': 'New subscriptions',
  'provisioning.keepOriginals': 'Do not cancel the original subscriptions: cancelled subscriptions are not refunded. The advice on each one follows when provisioning is done.',
} as const satisfies AreaMessages<'provisioning'>;
