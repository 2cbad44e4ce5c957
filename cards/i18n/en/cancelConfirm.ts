/** "Cancel the move?" (cards/cancelConfirmCard.ts): what cancelling does and does not do, and the reason. */
import type { AreaMessages } from '../types';

export const cancelConfirm = {
  'cancelConfirm.title': 'Cancel the move of {domain}?',
  'cancelConfirm.doesTitle': 'Cancelling does this',
  'cancelConfirm.doesNotTitle': 'It does not do this',
  'cancelConfirm.stops': 'Stops the move: the bot sends nothing more to the customer and buys nothing.',
  /** dates: the buy dates not reached yet, formatted and joined. */
  'cancelConfirm.purchasesNotMade': 'The purchases planned for {dates} are not made.',
  'cancelConfirm.gdapWithdrawn': 'Withdraws the delegated admin (GDAP) request the customer has not approved, so their Global Admin can no longer approve it.',
  /** n: the subscriptions bought; undo: the undo path (provisioning.undo*). */
  'cancelConfirm.nothingRefunded': 'Nothing bought is refunded or cancelled: the {n, plural, one {subscription} other {{n} subscriptions}} already bought stay bought. {undo}',
  'cancelConfirm.nothingBought': 'Nothing has been bought, so there is nothing to refund.',
  'cancelConfirm.resellerLink': "The reseller invitation link cannot be withdrawn (it is one link for every customer): tell the customer's Global Admin not to accept it.",
  'cancelConfirm.gdapStays': 'The delegated admin (GDAP) access the customer approved stays; end it in Partner Center if it is not needed.',
  'cancelConfirm.originals': 'The original subscriptions are not touched.',
  'cancelConfirm.reasonLabel': 'Why is the move cancelled? (goes on the record and the cancelled card)',
  'cancelConfirm.reasonPlaceholder': 'e.g. The customer decided to stay with its current partner.',
  'cancelConfirm.reasonError': 'Say why, in up to 500 characters.',
  'cancelConfirm.problemIntro': 'Nothing was cancelled: ',
  'cancelConfirm.confirm': 'Cancel the move',
  'cancelConfirm.keep': 'Keep the move',
  /** Instead of a buy date: bought at once. */
  'cancelConfirm.now': 'now',
} as const satisfies AreaMessages<'cancelConfirm'>;
