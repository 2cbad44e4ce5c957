/**
 * "Cancel the move?" — the answer to a Cancel button (and to `cancel <customer>`): what cancelling does and does not
 * do at the move's stage, a required reason, then "Cancel the move" (`move.cancel.confirm`, carrying what cancelling
 * meant when the card was drawn) or "Keep the move" (today's card again). Nothing is cancelled until confirmed.
 */
import type { z } from 'zod';
import { cancelConsequences, cancelTermsKey } from '../move/cancellation';
import { DEFAULT_APPROVAL_POLICY } from '../move/policy';
import type { MoveState } from '../move/state';
import {
  LIMITS, MOVE_CARD_FRAME, VERBS, clippedText, deepFreeze, executeAction, expandCard, formatDate, moveActionContract, multiLine, plainText,
} from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { fill } from './messages';
import { actionData, customerDomain } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';
import { undoText } from './provisioningCard';

/** The reason's input id (it arrives in the confirm's data). */
export const CANCEL_REASON_INPUT_ID = 'cancelReason';
/** The reason's limit, as the decider enforces it. */
export const CANCEL_REASON_MAX = 500;

const TEXT = deepFreeze({
  title: 'Cancel the move of {domain}?',
  doesTitle: 'Cancelling does this',
  doesNotTitle: 'It does not do this',
  stops: 'Stops the move: the bot sends nothing more to the customer and buys nothing.',
  purchasesNotMade: 'The purchases planned for {dates} are not made.',
  gdapWithdrawn: 'Withdraws the delegated admin (GDAP) request the customer has not approved, so their Global Admin can no longer approve it.',
  nothingRefunded: 'Nothing bought is refunded or cancelled: the {n} already bought stay bought. {undo}',
  nothingBought: 'Nothing has been bought, so there is nothing to refund.',
  resellerLink: 'The reseller invitation link cannot be withdrawn (it is one link for every customer): tell the customer\'s Global Admin not to accept it.',
  gdapStays: 'The delegated admin (GDAP) access the customer approved stays; end it in Partner Center if it is not needed.',
  originals: 'The original subscriptions are not touched.',
  reasonLabel: 'Why is the move cancelled? (goes on the record and the cancelled card)',
  reasonPlaceholder: 'e.g. The customer decided to stay with its current partner.',
  reasonError: 'Say why, in up to 500 characters.',
  problemIntro: 'Nothing was cancelled: ',
  confirm: 'Cancel the move',
  keep: 'Keep the move',
  subscriptionsOne: 'subscription',
  subscriptionsMany: '{n} subscriptions',
});

/**
 * `move.cancel.confirm`: the move action, what cancelling meant when the card was drawn (`seen`, the decider's
 * cancelTermsKey) and the reason typed (clipped with room to spare: the decider says when it is too long).
 */
export const cancelConfirmContract = moveActionContract.extend({
  seen: clippedText(100),
  [CANCEL_REASON_INPUT_ID]: clippedText(2000),
});
export type CancelConfirmData = z.infer<typeof cancelConfirmContract>;

interface CancelConfirmView {
  act: MoveActionData;
  seen: string;
  header: CompactHeaderView;
  title: string;
  does: Array<{ text: string }>;
  doesNot: Array<{ text: string }>;
  hasProblem: boolean;
  problem: string;
  reason: string;
}

export interface CancelConfirmInput {
  /** What was wrong with the last confirm (the reason missing or too long), shown above the reason. */
  problem?: string;
  /** The reason as typed, kept when the form comes back. */
  reason?: string;
}

export function cancelConfirmView(state: MoveState, options: CardOptions, input: CancelConfirmInput = {}): CancelConfirmView {
  const facts = cancelConsequences(state);
  const does = [TEXT.stops];
  if (facts.purchasesNotMade.length > 0) {
    const dates = facts.purchasesNotMade.map((p) => formatDate(p.buyOn, 'now')).join(', ');
    does.push(fill(TEXT.purchasesNotMade, { dates }));
  }
  if (facts.gdapWithdrawn) does.push(TEXT.gdapWithdrawn);
  const doesNot: string[] = [];
  if (facts.ordersPlaced > 0) {
    const n = state.subscriptions.length === 1 ? TEXT.subscriptionsOne : fill(TEXT.subscriptionsMany, { n: state.subscriptions.length });
    doesNot.push(fill(TEXT.nothingRefunded, { n, undo: undoText(state.subscriptions) }));
  } else {
    doesNot.push(TEXT.nothingBought);
  }
  if (facts.resellerLinkOut) doesNot.push(TEXT.resellerLink);
  if (facts.gdapStays) doesNot.push(TEXT.gdapStays);
  doesNot.push(TEXT.originals);
  const problem = multiLine(input.problem, LIMITS.message);
  return {
    act: actionData(state),
    seen: cancelTermsKey(state),
    header: compactHeaderView(state, options),
    title: fill(TEXT.title, { domain: customerDomain(state) }),
    does: does.map((text) => ({ text })),
    doesNot: doesNot.map((text) => ({ text })),
    hasProblem: problem !== '',
    problem,
    reason: multiLine(input.reason, CANCEL_REASON_MAX),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    { type: 'TextBlock', text: '${title}', weight: 'Bolder', size: 'Medium', spacing: 'Medium', wrap: true },
    { type: 'TextBlock', text: TEXT.doesTitle, weight: 'Bolder', spacing: 'Small', wrap: true },
    plainText('• ${text}', { $data: '${does}', spacing: 'Small' }),
    { type: 'TextBlock', text: TEXT.doesNotTitle, weight: 'Bolder', spacing: 'Medium', wrap: true },
    plainText('• ${text}', { $data: '${doesNot}', spacing: 'Small' }),
    {
      type: 'Container',
      $when: '${hasProblem}',
      style: 'attention',
      spacing: 'Medium',
      items: [{
        type: 'RichTextBlock',
        inlines: [{ type: 'TextRun', text: TEXT.problemIntro, weight: 'Bolder' }, { type: 'TextRun', text: '${problem}' }],
      }],
    },
    {
      type: 'Input.Text',
      id: CANCEL_REASON_INPUT_ID,
      label: TEXT.reasonLabel,
      placeholder: TEXT.reasonPlaceholder,
      value: '${reason}',
      isMultiline: true,
      maxLength: CANCEL_REASON_MAX,
      isRequired: true,
      errorMessage: TEXT.reasonError,
      spacing: 'Medium',
    },
  ],
  actions: [
    executeAction(TEXT.confirm, VERBS.cancelConfirm, { style: 'destructive', associatedInputs: 'auto' }, { seen: '${seen}' }),
    executeAction(TEXT.keep, VERBS.refresh, { associatedInputs: 'none' }),
  ],
});

/** The confirmation, drawn from the move as it stands (and, when it comes back, the problem and the reason typed). */
export function cancelConfirmCard(state: MoveState, options: CardOptions = { approvalPolicy: DEFAULT_APPROVAL_POLICY }, input?: CancelConfirmInput): AdaptiveCardJson {
  return expandCard(TEMPLATE, cancelConfirmView(state, options, input));
}
