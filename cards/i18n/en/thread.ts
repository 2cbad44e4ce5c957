/** The move's channel thread (cards/threadLine.ts): the announcement once pre-flight passed, and the line above a plan sent to an approver. */
import type { AreaMessages } from '../types';

export const thread = {
  /** source: where the subscriptions were bought ("bought direct from Microsoft"); multiPartner: yes when the customer keeps another partner. */
  'thread.started': '{name} started the move of {customer} ({source}{multiPartner, select, yes {; the customer keeps another partner} other {}}).',
  'thread.startedExisting': '{name} started the move of {customer} ({source}{multiPartner, select, yes {; the customer keeps another partner} other {}}); already your customer, so no invitation is needed.',
  'thread.askApprover': '{starter} started the move of {customer}: its plan waits for your approval.',
  'thread.someone': 'Someone',
} as const satisfies AreaMessages<'thread'>;
