/** Stage scheduled (cards/scheduledCard.ts): the approved plan waiting for its buy dates. */
import type { AreaMessages } from '../types';

export const scheduled = {
  'scheduled.title': 'Approved: buying on the dates below',
  'scheduled.approvalLabel': 'Plan approved by',
  'scheduled.notApproved': 'not approved',
  /** date: the next buy date (formatted), or scheduled.now. */
  'scheduled.nextPurchase': 'Next purchase: {date}.',
  /** A line bought on a date: quantity × the new offers (joined with " + ") replacing the original subscription. */
  'scheduled.line': '{quantity} × {offers} (replacing {original})',
  'scheduled.lineEnding': '{quantity} × {offers} (replacing {original}, which ends {date})',
  'scheduled.why': 'Each original subscription runs until its own end and cancelled subscriptions are not refunded, so each line is bought a few days before its original ends: the customer does not pay twice, and the new subscription can still be undone within 7 days of purchase.',
  'scheduled.reminder': 'The approvers are reminded the day before each purchase. Cancel the move to stop the purchases not made yet (what was bought stays bought).',
  'scheduled.bought': 'Bought',
  'scheduled.nextUp': 'Next',
  'scheduled.later': 'Later',
  /** Instead of a date: bought when the plan was approved. */
  'scheduled.now': 'at approval',
  'scheduled.refresh': 'Refresh',
  'scheduled.cancel': 'Cancel the move',
} as const satisfies AreaMessages<'scheduled'>;
