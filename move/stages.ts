/** The stage vocabulary of a move: the stages, their labels, and which of them end it. */

/** The stages of a move (docs/ARCHITECTURE.md §1) that this engine runs, plus the ways a move can stop. */
export type Stage =
  | 'intake'
  | 'preflight'
  | 'invitation'
  | 'awaiting-acceptance'
  | 'inventory'
  | 'plan'
  | 'approval'
  | 'scheduled'
  | 'provisioning'
  | 'reassigning-licenses'
  | 'source-advice'
  | 'watching-sources'
  | 'done'
  | 'blocked'
  | 'rejected'
  | 'cancelled'
  | 'timed-out';

export const STAGE_LABELS: Record<Stage, string> = {
  intake: 'Intake',
  preflight: 'Pre-flight checks',
  invitation: 'Invitation',
  'awaiting-acceptance': 'Waiting for the customer to accept',
  inventory: 'Reading the inventory',
  plan: 'Drafting the plan',
  approval: 'Waiting for approval',
  scheduled: 'Approved, waiting for the buy date',
  provisioning: 'Provisioning',
  'reassigning-licenses': 'Reassigning licences',
  'source-advice': 'Advice on the original subscriptions',
  'watching-sources': 'Waiting for the original subscriptions to end',
  done: 'Done',
  blocked: 'Blocked',
  rejected: 'Plan rejected',
  cancelled: 'Cancelled',
  'timed-out': 'Invitation expired',
};

/** Stages in which nothing more will happen on its own (a blocked move waits for a person to resolve it). */
export const FINAL_STAGES: ReadonlySet<Stage> = new Set<Stage>(['done', 'blocked', 'rejected', 'cancelled', 'timed-out']);

/**
 * Stages a move never leaves. Unlike FINAL_STAGES, not `blocked`: a person may lift the blocker (override,
 * offers picked, inventory typed, reassignment resumed), possibly on another instance sharing the store.
 */
export const TERMINAL_STAGES: ReadonlySet<Stage> = new Set<Stage>(['done', 'rejected', 'cancelled', 'timed-out']);
