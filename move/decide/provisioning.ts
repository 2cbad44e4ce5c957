/** Provisioning: each purchase's cart, order and new subscriptions, each recorded once and in that order. */
import type { RecordCart, RecordOrder, RecordProvisioned } from '../commands';
import { accept, expectStage, refuse, type Decision } from '../decision';
import type { MoveState } from '../state';
import type { DecisionContext } from './handler';

/** The same cart again (a retried step) records nothing; another cart is refused. */
export function recordCart(command: RecordCart, state: MoveState, { envelope }: DecisionContext): Decision {
  const wrong = expectStage(state, 'provisioning');
  if (wrong) return wrong;
  if (state.cart) return state.cart.cartId === command.cartId ? accept() : refuse({ kind: 'cart-already-recorded', cartId: state.cart.cartId });
  return accept({ type: 'CartCreated', ...envelope, customerId: command.customerId, cartId: command.cartId, requestId: command.requestId });
}

/** Only after a cart; an order already on record makes a repeat record nothing. */
export function recordOrder(command: RecordOrder, state: MoveState, { envelope }: DecisionContext): Decision {
  const wrong = expectStage(state, 'provisioning');
  if (wrong) return wrong;
  if (!state.cart) return refuse({ kind: 'no-cart' });
  if (state.orderedAt !== null) return accept();
  return accept({ type: 'OrderPlaced', ...envelope, orderIds: command.orderIds, subscriptions: command.subscriptions });
}

export function recordProvisioned(command: RecordProvisioned, state: MoveState, { envelope }: DecisionContext): Decision {
  const wrong = expectStage(state, 'provisioning');
  if (wrong) return wrong;
  if (state.orderedAt === null) return refuse({ kind: 'no-order' });
  return accept({ type: 'ProvisioningCompleted', ...envelope, subscriptions: command.subscriptions, prepaidCheck: command.prepaidCheck });
}
