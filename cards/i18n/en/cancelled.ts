/** Stage cancelled (cards/cancelledCard.ts): who cancelled, why, and what was already done. */
import type { AreaMessages } from '../types';

export const cancelled = {
  /** undo: the undo path of the new subscriptions (provisioning.undo*). */
  'cancelled.ordered': 'An order was already placed before the cancellation, and cancelling the move does not undo it. {undo}',
  'cancelled.nothingBought': 'Nothing was bought.',
  'cancelled.notAccepted': 'The customer had not accepted the reseller invitation yet, and its link cannot be withdrawn (it is one link for every customer): '
    + 'tell their Global Admin not to accept it.',
  'cancelled.gdapWithdrawing': 'The delegated admin (GDAP) request the customer had not approved is being withdrawn.',
  'cancelled.gdapStays': 'The customer approved delegated admin (GDAP), so that access stays; end it in Partner Center if it is not needed any more.',
  'cancelled.originals': 'The original subscriptions were not touched. To try again later, start a new move with "move {domain}".',
  'cancelled.unknown': 'unknown',
  'cancelled.noReason': 'No reason given.',
  'cancelled.title': 'This move was cancelled',
  'cancelled.byLabel': 'Cancelled by',
  'cancelled.reasonLabel': 'Reason',
  'cancelled.meaningTitle': 'What this means',
} as const satisfies AreaMessages<'cancelled'>;
