/**
 * Stage cancelled: who cancelled it, when and why, and what was already done that a person may need to undo; then who
 * started the move and where its subscriptions were bought.
 */
import { DEFAULT_APPROVAL_POLICY } from '../move/policy';
import type { MoveState } from '../move/state';
import { LIMITS, MOVE_CARD_FRAME, expandCard, factLine, formatDateTime, multiLine, oneLine, plainText, deepFreeze } from './common';
import { withdrawalLine } from './eventText';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { fill } from './messages';
import { STARTED_TEMPLATE, actionData, actorName, customerDomain, startedText } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';
import { undoText } from './provisioningCard';

const TEXT = deepFreeze({
  ordered: 'An order was already placed before the cancellation, and cancelling the move does not undo it. {undo}',
  nothingBought: 'Nothing was bought.',
  notAccepted: 'The customer had not accepted the reseller invitation yet, and its link cannot be withdrawn (it is one link for every customer): '
    + 'tell their Global Admin not to accept it.',
  gdapWithdrawing: 'The delegated admin (GDAP) request the customer had not approved is being withdrawn.',
  gdapStays: 'The customer approved delegated admin (GDAP), so that access stays; end it in Partner Center if it is not needed any more.',
  originals: 'The original subscriptions were not touched. To try again later, start a new move with "move {domain}".',
  cancelledBy: '{name}, {at}',
  unknown: 'unknown',
  noReason: 'No reason given.',
  title: 'This move was cancelled',
  byLabel: 'Cancelled by',
  reasonLabel: 'Reason',
  meaningTitle: 'What this means',
});

interface CancelledView {
  act: MoveActionData;
  header: CompactHeaderView;
  by: string;
  reason: string;
  aftermath: Array<{ text: string }>;
  started: string;
}

/** What the cancellation left behind, in the order a person would deal with it. */
export function aftermath(state: MoveState): Array<{ text: string }> {
  const lines: string[] = [];
  lines.push(state.orderIds.length > 0 ? fill(TEXT.ordered, { undo: undoText(state.subscriptions) }) : TEXT.nothingBought);
  if (state.invitation?.resellerLink && !state.acceptedAt) lines.push(TEXT.notAccepted);
  const gdap = gdapLine(state);
  if (gdap) lines.push(gdap);
  lines.push(fill(TEXT.originals, { domain: customerDomain(state) }));
  return lines.map((text) => ({ text }));
}

/** Where the GDAP request stands after the cancellation: approved (it stays), being withdrawn, or what became of it. */
function gdapLine(state: MoveState): string | null {
  if (state.delegatedAccess) return TEXT.gdapStays;
  if (!state.invitation?.gdapRelationshipId) return null;
  const tried = state.withdrawal;
  if (!tried) return TEXT.gdapWithdrawing;
  return withdrawalLine(tried.outcome, oneLine(tried.detail, 300), customerDomain(state));
}

export function cancelledView(state: MoveState, options: CardOptions = { approvalPolicy: DEFAULT_APPROVAL_POLICY }): CancelledView {
  const cancelled = state.cancelled;
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    by: cancelled ? fill(TEXT.cancelledBy, { name: actorName(cancelled.by), at: formatDateTime(cancelled.at) }) : TEXT.unknown,
    reason: multiLine(cancelled?.reason, LIMITS.comment) || TEXT.noReason,
    aftermath: aftermath(state),
    started: startedText(state),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    { type: 'TextBlock', text: TEXT.title, weight: 'Bolder', spacing: 'Medium', wrap: true },
    factLine(TEXT.byLabel, '${by}'),
    factLine(TEXT.reasonLabel, '${reason}'),
    { type: 'TextBlock', text: TEXT.meaningTitle, weight: 'Bolder', spacing: 'Medium', wrap: true },
    plainText('${text}', { $data: '${aftermath}', spacing: 'Small' }),
    STARTED_TEMPLATE,
  ],
});

export function cancelledCard(state: MoveState, options?: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATE, cancelledView(state, options));
}
