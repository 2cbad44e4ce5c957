/**
 * The moves as a list for one person (the `list` dashboard): which moves a filter keeps, since when each has
 * waited, and whether the next action is one the person may take. Pure: reads only move states (never their
 * event histories), so a listing over thousands of moves costs no store reads.
 */
import { isOverridable } from './decide/interventions';
import type { Actor } from './model';
import { approvalRequirement, hasAnyRole, ROLES_THAT_START, type ApprovalPolicy } from './policy';
import { TERMINAL_STAGES, type MoveState, type Stage } from './state';

/** What `list` shows: every move, the moves I started or acted on, the moves waiting on me, the blocked ones. */
export type ListFilter = 'all' | 'mine' | 'waiting' | 'blocked';

export const LIST_FILTERS: readonly ListFilter[] = Object.freeze(['all', 'mine', 'waiting', 'blocked'] as ListFilter[]);

/** The words a person may type after `list` for each filter. */
const FILTER_WORDS: Readonly<Record<string, ListFilter>> = Object.freeze({
  all: 'all', everything: 'all',
  mine: 'mine', my: 'mine', me: 'mine',
  waiting: 'waiting', todo: 'waiting', 'waiting-on-me': 'waiting',
  blocked: 'blocked', stuck: 'blocked',
});

/** The filter a typed word names, or null when it names none. */
export function filterNamed(word: string): ListFilter | null {
  const key = word.trim().toLowerCase();
  return Object.hasOwn(FILTER_WORDS, key) ? FILTER_WORDS[key] : null;
}

/** Whether the move is over (done, rejected, cancelled, expired): it waits for nothing, not even a person. */
export function isFinished(state: MoveState): boolean {
  return TERMINAL_STAGES.has(state.stage);
}

/**
 * Since when the move has waited where it is: when it entered its current stage (a reminder or a failed attempt
 * does not restart the wait). Older states without it fall back to the last change, then the start.
 */
export function waitingSince(state: MoveState): string | null {
  return state.stageSince ?? state.updatedAt ?? state.startedAt;
}

/** How long the move has waited at `now`, in milliseconds (0 when unknown or in the future). */
export function waitedMs(state: MoveState, now: Date): number {
  const since = Date.parse(waitingSince(state) ?? '');
  return Number.isNaN(since) ? 0 : Math.max(0, now.getTime() - since);
}

/** Whether the person started the move or recorded anything on it (a decision, an override, typed inventory…). */
export function involves(state: MoveState, person: Actor): boolean {
  return state.startedBy?.id === person.id || state.actedBy.includes(person.id);
}

/**
 * Whether the move's next action is one the decider would let this person take: approving its plan (their role
 * approves it, and four-eyes does not rule them out), or resolving its blocker (picking offers, typing the
 * inventory, another reassignment pass, an override). Moves waiting on the bot or the customer wait on no one here.
 */
export function mayActNext(state: MoveState, person: Actor, policy: ApprovalPolicy): boolean {
  switch (state.stage) {
    case 'approval': {
      const requirement = approvalRequirement(state.plan ?? { lines: [] }, policy);
      return hasAnyRole(person, requirement.roles) && !(requirement.fourEyes && state.proposer?.id === person.id);
    }
    case 'blocked':
      return mayResolveBlock(state, person);
    default:
      return false;
  }
}

function mayResolveBlock(state: MoveState, person: Actor): boolean {
  const reason = state.blocked?.reason;
  if (!reason) return false;
  const overrides = isOverridable(reason) && hasAnyRole(person, ['account-admin']);
  switch (reason.code) {
    case 'plan-has-no-offer':
      return hasAnyRole(person, ['account-admin']);
    case 'no-customer-access':
      // Blocked while reading the inventory: staff who start moves may type it in instead.
      return overrides || (state.blocked?.fromStage === 'inventory' && hasAnyRole(person, ROLES_THAT_START));
    case 'reassignment-incomplete':
      return overrides || hasAnyRole(person, ROLES_THAT_START);
    default:
      return overrides;
  }
}

/** Whether the filter keeps the move, for this person. */
export function keeps(filter: ListFilter, state: MoveState, person: Actor, policy: ApprovalPolicy): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'mine':
      return involves(state, person);
    case 'waiting':
      return mayActNext(state, person, policy);
    case 'blocked':
      return state.stage === 'blocked';
  }
}

/** The order stages are listed in: blocked first (someone must act), then as a move meets them, the finished last. */
export const LISTING_STAGE_ORDER: readonly Stage[] = Object.freeze([
  'blocked', 'intake', 'preflight', 'invitation', 'awaiting-acceptance', 'inventory', 'plan', 'approval', 'scheduled', 'provisioning',
  'reassigning-licenses', 'source-advice', 'watching-sources', 'done', 'rejected', 'cancelled', 'timed-out',
] as Stage[]);

export interface MoveListing {
  filter: ListFilter;
  /** Moves still running that the filter keeps, longest wait first. */
  running: MoveState[];
  /** Finished moves that the filter keeps, the most recently finished first. */
  finished: MoveState[];
  /** How many moves each filter keeps for this person, running or finished (for the filter buttons). */
  filterCounts: Record<ListFilter, number>;
}

/** The listing for one person under one filter. */
export function listMoves(states: readonly MoveState[], filter: ListFilter, person: Actor, policy: ApprovalPolicy, now: Date): MoveListing {
  const filterCounts: Record<ListFilter, number> = { all: 0, mine: 0, waiting: 0, blocked: 0 };
  const running: MoveState[] = [];
  const finished: MoveState[] = [];
  for (const state of states) {
    if (state.version === 0) continue; // a move id handed out for a start form that was never sent
    for (const f of LIST_FILTERS) if (keeps(f, state, person, policy)) filterCounts[f] += 1;
    if (!keeps(filter, state, person, policy)) continue;
    (isFinished(state) ? finished : running).push(state);
  }
  // Longest wait first; equal waits by customer, so the order never depends on the store's.
  running.sort((a, b) => waitedMs(b, now) - waitedMs(a, now) || a.customerDomain.localeCompare(b.customerDomain) || a.moveId.localeCompare(b.moveId));
  finished.sort((a, b) => waitedMs(a, now) - waitedMs(b, now) || a.moveId.localeCompare(b.moveId));
  return { filter, running, finished, filterCounts };
}
