/** Stage cancelled: who cancelled it, when and why, and what was already done that a person may need to undo. */
import type { MoveState } from '../move/state';
import { LIMITS, MOVE_CARD_FRAME, expandCard, factLine, formatDateTime, multiLine, plainText, deepFreeze } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { HEADER_TEMPLATE, actionData, actorName, customerDomain, headerView } from './moveView';
import type { MoveHeaderView } from './moveView';
import { undoText } from './provisioningCard';

interface CancelledView {
  act: MoveActionData;
  header: MoveHeaderView;
  by: string;
  reason: string;
  aftermath: Array<{ text: string }>;
}

/** What the cancellation left behind, in the order a person would deal with it. */
export function aftermath(state: MoveState): Array<{ text: string }> {
  const lines: string[] = [];
  if (state.orderIds.length > 0) {
    lines.push(`An order was already placed before the cancellation, and cancelling the move does not undo it. ${undoText(state.subscriptions)}`);
  } else {
    lines.push('Nothing was bought.');
  }
  if (state.invitation && !state.acceptedAt) {
    lines.push("The customer had not accepted the invitation yet: tell their Global Admin not to accept it.");
  }
  if (state.invitation?.gdapRelationshipId) {
    lines.push('A delegated admin (GDAP) relationship was requested; end it in Partner Center if it is not needed any more.');
  }
  lines.push(`The original subscriptions were not touched. To try again later, start a new move with "move ${customerDomain(state)}".`);
  return lines.map((text) => ({ text }));
}

export function cancelledView(state: MoveState): CancelledView {
  const cancelled = state.cancelled;
  return {
    act: actionData(state),
    header: headerView(state),
    by: cancelled ? `${actorName(cancelled.by)}, ${formatDateTime(cancelled.at)}` : 'unknown',
    reason: multiLine(cancelled?.reason, LIMITS.comment) || 'No reason given.',
    aftermath: aftermath(state),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...HEADER_TEMPLATE,
    { type: 'TextBlock', text: 'This move was cancelled', weight: 'Bolder', spacing: 'Medium', wrap: true },
    factLine('Cancelled by', '${by}'),
    factLine('Reason', '${reason}'),
    { type: 'TextBlock', text: 'What this means', weight: 'Bolder', spacing: 'Medium', wrap: true },
    plainText('${text}', { $data: '${aftermath}', spacing: 'Small' }),
  ],
});

export function cancelledCard(state: MoveState): AdaptiveCardJson {
  return expandCard(TEMPLATE, cancelledView(state));
}
