/** The "working on it" card for the stages the bot runs by itself (cards/progressCard.ts). */
import type { AreaMessages } from '../types';

export const progress = {
  /** what: what the bot is doing (moveView.waiting.*). */
  'progress.doing': 'Checking… {what}',
  // What comes after the stage the bot is in.
  'progress.next.intake': 'Next: pre-flight checks (tenant and CSP region).',
  'progress.next.preflight': 'Next: the reseller invitation for the customer, unless the customer is already yours.',
  'progress.next.invitation': "Next: a card with the invitation link and a message to send to the customer's Global Admin.",
  'progress.next.inventory': 'Next: the plan, with the same offers and quantities, for approval.',
  'progress.next.plan': 'Next: the plan card, for approval.',
  'progress.updatesItself': 'This card updates itself at each step; select Refresh to redraw it now.',
  'progress.latest': 'Latest',
  'progress.refresh': 'Refresh',
  'progress.cancel': 'Cancel the move',
} as const satisfies AreaMessages<'progress'>;
