/**
 * The human follow-ups after a purchase (docs/ARCHITECTURE.md §1, stage 11): what people must still do by hand, each with an owner
 * and a due date — turn auto-renew off for each original subscription still renewing (let it expire: there are no
 * refunds on cancelled subscriptions), move by hand the users an override left on an original licence, and confirm
 * the originals ended. Derived from the move's state (which keeps what the events said: the users an override left,
 * the ticks and the reminders), so old streams replay unchanged. Pure.
 */
import type { MoveEvent } from './events';
import type { Actor, Role, SourceAdvice } from './model';
import { needsAttention, reassignmentKey, type ReassignmentOutcome, type ReassignmentProgress } from './reassignment';
import { addDays, dayOf } from './schedule';

export type FollowUpKind = 'auto-renew-off' | 'move-users' | 'confirm-originals-ended';

/** Open; ticked by a person; or settled by what the bot saw (the original ended, or a person confirmed they all did). */
export type FollowUpStatus = 'open' | 'done' | 'settled';

/** Days before an original's end by which its auto-renew must be off (a few: the seller needs time to act). */
export const AUTO_RENEW_DAYS_BEFORE_END = 3;

/** A user an override left on the original licence. */
export interface UserLeftBehind {
  userId: string;
  userPrincipalName: string;
  sourceSkuId: string;
  outcome: ReassignmentOutcome;
}

/** What the events said about the follow-ups: kept in the move's state (see state.ts). */
export interface FollowUpLedger {
  /** Per reassignment override, in order: who overrode, when, and the users it left on an original licence. */
  leftByOverride: Array<{ by: Actor; at: string; users: UserLeftBehind[] }>;
  /** Tasks ticked: task id → who and when. */
  done: Record<string, { by: Actor; at: string }>;
  /** Reminders sent, as `taskId@due`: one per task per due date. */
  reminded: string[];
}

export const EMPTY_FOLLOW_UP_LEDGER: FollowUpLedger = Object.freeze({ leftByOverride: [], done: {}, reminded: [] }) as FollowUpLedger;

interface FollowUpBase {
  /** Stable across replays: `auto-renew:<subscription id>`, `move-users:<n>` (n-th override), `confirm-originals-ended`. */
  id: string;
  /** The role that owns the task, and the person when known (who approved the plan, or who overrode). */
  ownerRole: Role;
  owner: Actor | null;
  /** YYYY-MM-DD; null when the date it depends on is unknown. */
  due: string | null;
  status: FollowUpStatus;
  /** Who ticked it, and when (status done). */
  doneBy: { by: Actor; at: string } | null;
}

export type FollowUp = FollowUpBase & (
  | { kind: 'auto-renew-off'; subscriptionId: string; skuPartNumber: string; expires: string | null; where: 'old-partner' | 'admin-center'; monthly: boolean }
  | { kind: 'move-users'; users: UserLeftBehind[]; overriddenAt: string }
  | { kind: 'confirm-originals-ended'; latestEnd: string | null; originals: number }
);

/** Who owns each kind of task (the role a card names beside the person). */
export const FOLLOW_UP_OWNER_ROLES: { readonly [K in FollowUpKind]: Role } = Object.freeze({
  'auto-renew-off': 'billing-agent',
  'move-users': 'admin-agent',
  'confirm-originals-ended': 'billing-agent',
});

/**
 * Who may tick each kind: staff whose role does that kind of work (moving users is tenant administration, not billing;
 * auto-renew and the originals' end are billing, not helpdesk). The task's named owner always may.
 */
export const FOLLOW_UP_TICK_ROLES: { readonly [K in FollowUpKind]: readonly Role[] } = Object.freeze({
  'auto-renew-off': ['account-admin', 'admin-agent', 'sales-agent', 'billing-agent'],
  'move-users': ['account-admin', 'admin-agent', 'sales-agent', 'helpdesk-agent'],
  'confirm-originals-ended': ['account-admin', 'admin-agent', 'sales-agent', 'billing-agent'],
});

export const CONFIRM_TASK_ID = 'confirm-originals-ended';

/** What the follow-ups need of a move's state. */
export interface FollowUpSource {
  advice: SourceAdvice[];
  sourcesEnded: string[];
  approval: { by: Actor } | null;
  plan: { lines: ReadonlyArray<{ source: { skuId: string; endsAt: string | null } }> } | null;
  followUps: FollowUpLedger;
}

/** The move's checklist, in the order people work through it: auto-renew, users, then the confirmation. */
export function followUpsOf(state: FollowUpSource): FollowUp[] {
  const ledger = state.followUps ?? EMPTY_FOLLOW_UP_LEDGER;
  const ticked = (id: string) => ledger.done[id] ?? null;
  const confirmed = ticked(CONFIRM_TASK_ID);
  const allEnded = state.advice.length > 0 && state.advice.every((a) => state.sourcesEnded.includes(a.subscriptionId));
  const approver = state.approval?.by ?? null;
  const tasks: FollowUp[] = [];
  for (const advice of state.advice) {
    const id = `auto-renew:${advice.subscriptionId}`;
    const end = dayOf(advice.expires);
    const doneBy = ticked(id);
    const ended = state.sourcesEnded.includes(advice.subscriptionId);
    tasks.push({
      id, kind: 'auto-renew-off', ownerRole: FOLLOW_UP_OWNER_ROLES['auto-renew-off'], owner: approver,
      due: end ? addDays(end, -AUTO_RENEW_DAYS_BEFORE_END) : null,
      status: doneBy ? 'done' : ended || confirmed ? 'settled' : 'open', doneBy,
      subscriptionId: advice.subscriptionId, skuPartNumber: advice.skuPartNumber, expires: advice.expires,
      where: advice.kind === 'let-expire-or-transfer' ? 'old-partner' : 'admin-center', monthly: advice.monthly === true,
    });
  }
  ledger.leftByOverride.forEach((left, index) => {
    if (left.users.length === 0) return;
    const id = `move-users:${index + 1}`;
    const doneBy = ticked(id);
    const ends = left.users.map((u) => endOfOriginal(state, u.sourceSkuId)).filter((d): d is string => d !== null).sort();
    tasks.push({
      id, kind: 'move-users', ownerRole: FOLLOW_UP_OWNER_ROLES['move-users'], owner: left.by,
      due: ends[0] ? addDays(ends[0], -1) : null, status: doneBy ? 'done' : 'open', doneBy, users: left.users, overriddenAt: left.at,
    });
  });
  if (state.advice.length > 0) {
    const ends = state.advice.map((a) => dayOf(a.expires)).filter((d): d is string => d !== null).sort();
    const latestEnd = ends.at(-1) ?? null;
    tasks.push({
      id: CONFIRM_TASK_ID, kind: 'confirm-originals-ended', ownerRole: FOLLOW_UP_OWNER_ROLES['confirm-originals-ended'], owner: approver,
      due: latestEnd ? addDays(latestEnd, 1) : null,
      status: confirmed ? 'done' : allEnded ? 'settled' : 'open', doneBy: confirmed, latestEnd, originals: state.advice.length,
    });
  }
  return tasks;
}

export function openFollowUps(state: FollowUpSource): FollowUp[] {
  return followUpsOf(state).filter((t) => t.status === 'open');
}

/** Whether the task is past its due date on `at` (an ISO time): due is the last day to do it. */
export function isOverdue(task: Pick<FollowUp, 'due' | 'status'>, at: string): boolean {
  const today = dayOf(at);
  return task.status === 'open' && task.due !== null && today !== null && today > task.due;
}

/** Whether `actor` may tick `task`: its named owner, or staff with a role that does that kind of work. */
export function mayTick(actor: Actor, task: Pick<FollowUp, 'kind' | 'owner'>): boolean {
  if (task.owner && task.owner.id === actor.id && actor.roles.length > 0) return true;
  return actor.roles.some((r) => FOLLOW_UP_TICK_ROLES[task.kind].includes(r));
}

/** When a task's reminder is due (`leadMs` before its due day starts), or null for one without a date. */
export function followUpReminderAt(task: Pick<FollowUp, 'due'>, leadMs: number): number | null {
  return task.due === null ? null : Date.parse(`${task.due}T00:00:00Z`) - leadMs;
}

export function reminderKey(taskId: string, due: string): string {
  return `${taskId}@${due}`;
}

/** The ledger after an event (state.ts calls it for every event; the others leave it as it is). */
export function ledgerAfter(ledger: FollowUpLedger, event: MoveEvent, reassignment: ReassignmentProgress): FollowUpLedger {
  switch (event.type) {
    case 'BlockOverridden': {
      if (event.blockCode !== 'reassignment-incomplete') return ledger;
      // The users this override leaves on an original licence: the last pass's, as they stood when it was lifted.
      const seen = new Set<string>();
      const users = Object.values(reassignment.results).filter(needsAttention).filter((r) => {
        const key = reassignmentKey(r);
        return seen.has(key) ? false : (seen.add(key), true);
      }).map((r): UserLeftBehind => ({ userId: r.userId, userPrincipalName: r.userPrincipalName, sourceSkuId: r.sourceSkuId, outcome: r.outcome }));
      return { ...ledger, leftByOverride: [...ledger.leftByOverride, { by: event.actor, at: event.at, users }] };
    }
    case 'FollowUpDone':
      return { ...ledger, done: { ...ledger.done, [event.taskId]: { by: event.actor, at: event.at } } };
    case 'FollowUpReminderDue':
      return { ...ledger, reminded: [...ledger.reminded, reminderKey(event.taskId, event.due)] };
    default:
      return ledger;
  }
}

function endOfOriginal(state: FollowUpSource, sourceSkuId: string): string | null {
  const line = state.plan?.lines.find((l) => l.source.skuId.toLowerCase() === sourceSkuId.toLowerCase());
  return dayOf(line?.source.endsAt ?? null);
}
