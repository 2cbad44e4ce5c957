/** The compact header every move card opens with (cards/compactHeader.ts): the badge, on whom the move waits, the failure box. */
import type { AreaMessages } from '../types';

export const header = {
  // The badge on a card about the plan decision, once made.
  'header.approved': 'Approved',
  'header.rejected': 'Rejected',
  // Badge words where the stage's own name (stages.*) is a sentence too long for a badge.
  'header.badge.awaiting-acceptance': 'Invitation sent',
  'header.badge.scheduled': 'Scheduled',
  'header.badge.source-advice': 'Provisioned',
  'header.badge.watching-sources': 'Originals ending',
  /** who: on whom the move waits (a person's name, roles, or what the bot does). */
  'header.waitingOn': 'Waiting on {who}',
  'header.stepFailed': 'Step failed',
  'header.error': 'Error',
} as const satisfies AreaMessages<'header'>;
