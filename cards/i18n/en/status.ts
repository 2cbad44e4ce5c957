/** The status card (cards/statusCard.ts) and its timeline of milestones (cards/statusTimeline.ts). */
import type { AreaMessages } from '../types';

export const status = {
  // Milestones that happened, and the steps still to come
  'status.timeline.started': 'Started',
  'status.timeline.invitationSent': 'Invitation sent',
  'status.timeline.accepted': 'Accepted by the customer',
  'status.timeline.inventoryRead': 'Inventory read',
  'status.timeline.inventoryTyped': 'Inventory typed in',
  'status.timeline.planProposed': 'Plan proposed',
  'status.timeline.planChanged': 'Plan changed',
  'status.timeline.approvedBy': 'Approved by {name}',
  'status.timeline.rejectedBy': 'Rejected by {name}',
  'status.timeline.bought': 'Bought',
  /** n: which purchase; all: how many the plan makes. */
  'status.timeline.boughtRound': 'Bought (purchase {n} of {all})',
  'status.timeline.reassigned': 'Licences reassigned: {moved} moved',
  'status.timeline.reassignedLeft': 'Licences reassigned: {moved} moved, {left} left on the original licence',
  'status.timeline.blocked': 'Blocked: {message}',
  'status.timeline.overriddenBy': 'Blocker overridden by {name}',
  'status.timeline.advice': 'Advice on the originals: let them expire',
  'status.timeline.originalEnded': 'Original {sku} ended',
  'status.timeline.followUpDone': 'Follow-up done: {title}',
  'status.timeline.done': 'Done',
  'status.timeline.cancelledBy': 'Cancelled by {name}',
  'status.timeline.timedOut': 'Invitation expired unanswered',
  'status.timeline.buyOn': 'Buy on {date}',
  'status.timeline.buyNext': 'Buy',
  'status.timeline.approved': 'Approved',
  'status.timeline.reassignment': 'Licences reassigned',
  'status.timeline.followUps': 'Follow-ups ticked done',
  // The current step
  'status.timeline.nowWaiting': 'Now: {stage}',
  'status.timeline.followUpsOpen': 'Now: follow-ups ({n} open)',
  'status.timeline.waitingOn': 'waiting on {who}',
  'status.timeline.someone': 'someone',
  // A long history folded
  'status.timeline.more': 'Show {n} more',
  'status.timeline.moreBeyond': '{n} earlier milestones are only in the audit export (say "audit" with the customer\'s domain).',

  // The card around the timeline
  'status.waitingFor': 'Waiting for',
  'status.timeline': 'Timeline',
  'status.latest': 'Show the latest events',
  'status.hidden': '{n, plural, one {{n} earlier event is not shown} other {{n} earlier events are not shown}}. Type "audit" with the customer\'s domain for the full history.',
  'status.nothingYet': 'Nothing has happened yet.',
  'status.refresh': 'Refresh',
  'status.cancel': 'Cancel the move',
} as const satisfies AreaMessages<'status'>;
