/** The stages of a move as cards name them (the same words as move/stages.ts STAGE_LABELS, the domain's identifiers). */
import type { AreaMessages } from '../types';

export const stages = {
  'stages.intake': 'Intake',
  'stages.preflight': 'Pre-flight checks',
  'stages.invitation': 'Invitation',
  'stages.awaiting-acceptance': 'Waiting for the customer to accept',
  'stages.inventory': 'Reading the inventory',
  'stages.plan': 'Drafting the plan',
  'stages.approval': 'Waiting for approval',
  'stages.scheduled': 'Approved, waiting for the buy date',
  'stages.provisioning': 'Provisioning',
  'stages.reassigning-licenses': 'Reassigning licences',
  'stages.source-advice': 'Advice on the original subscriptions',
  'stages.watching-sources': 'Waiting for the original subscriptions to end',
  'stages.done': 'Done',
  'stages.blocked': 'Blocked',
  'stages.rejected': 'Plan rejected',
  'stages.cancelled': 'Cancelled',
  'stages.timed-out': 'Invitation expired',
} as const satisfies AreaMessages<'stages'>;
