/**
 * What took a move on since a card was drawn, for the answer to a click that came too late ("Adele Vance approved
 * this plan at 14:02; nothing was done"): the decision or stage the state records, with who and when.
 */
import type { MoveChange } from './refusals';
import type { MoveState, Stage } from './state';

/** Stages an approved plan leads to, where the approval is what changed the plan card's buttons. */
const AFTER_APPROVAL: ReadonlySet<Stage> = new Set<Stage>(['scheduled', 'provisioning', 'reassigning-licenses', 'source-advice', 'watching-sources']);

export function latestChange(state: MoveState): MoveChange {
  if (state.stage === 'cancelled' && state.cancelled) return { kind: 'cancelled', by: state.cancelled.by.name, at: state.cancelled.at };
  if (state.stage === 'rejected' && state.rejection) return { kind: 'plan-rejected', by: state.rejection.by.name, at: state.rejection.at };
  if (state.stage === 'timed-out' && state.timedOut) return { kind: 'timed-out', at: state.timedOut.at };
  if (state.stage === 'blocked' && state.blocked) return { kind: 'blocked', at: state.blocked.at, message: state.blocked.message };
  if (AFTER_APPROVAL.has(state.stage) && state.approval) return { kind: 'plan-approved', by: state.approval.by.name, at: state.approval.at };
  return { kind: 'stage', stage: state.stage, at: state.stageSince ?? state.updatedAt };
}
