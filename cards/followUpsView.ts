/**
 * The follow-ups section of the move cards (done card, status card): each human task after the purchase — title,
 * owner (the person when known, and the role), due date (overdue in the attention colour) and a Done button — then
 * the tasks already closed, one subtle line each. Also the follow-ups' words for "waiting on" and the thread's lines.
 */
import { z } from 'zod';
import { ROLE_LABELS, type Actor, type Role } from '../move/model';
import { followUpsOf, isOverdue, mayTick, type FollowUp } from '../move/followUps';
import type { MoveState } from '../move/state';
import { LIMITS, VERBS, clippedText, deepFreeze, formatDate, formatDateTime, moveActionContract, oneLine } from './common';
import { fill, plural } from './messages';
import type { CardOptions, WaitingView } from './moveView';
import { productName } from './productNames';

const TEXT = deepFreeze({
  heading: 'Follow-ups: {open} open of {all}',
  headingAllDone: 'Follow-ups: all {all} done',
  autoRenew: 'Turn auto-renew off for {product} (subscription {id}) at {where}',
  autoRenewMonthly: 'Turn auto-renew off for {product} (subscription {id}, monthly) at {where}',
  whereOldPartner: 'the old partner (ask them to)',
  whereAdminCenter: "the customer's Microsoft 365 admin center",
  moveUsers: 'Move these users by hand to the new licences in Microsoft Entra: {users}',
  usersMore: '{shown}, and {more} more',
  confirm: 'Confirm the originals ended ({originals}) and the customer runs on the new subscriptions',
  originalOne: '{n} subscription',
  originalMany: '{n} subscriptions',
  owner: 'Owner: {who}',
  personOrRole: '{person} or {role}',
  due: 'Due {date}',
  overdue: 'Overdue: was due {date}',
  noDue: 'No due date: the original subscription\'s end date is unknown',
  done: 'Done',
  doneBy: '✓ {title} — done by {name}, {at}',
  settled: '✓ {title} — nothing left to do: {why}',
  settledEnded: 'the bot saw the original end',
  settledConfirmed: 'the originals were confirmed ended',
  waitingWhat: '{n} open follow-up(s) after the purchase; the next is due {date}.',
  waitingWhatNoDate: '{n} open follow-up(s) after the purchase.',
  waitingWho: '{owners} (follow-ups)',
  ownersSeparator: '; ',
  hiddenOne: '{n} more open follow-up: say "status" with the customer\'s domain to see them all.',
  hiddenMany: '{n} more open follow-ups: say "status" with the customer\'s domain to see them all.',
  reminder: 'Reminder: follow-up due {date}: {title}. Owner: {who}. Tick it Done on the move card once it is done.',
  reminderOverdue: 'Reminder: follow-up overdue since {date}: {title}. Owner: {who}. Tick it Done on the move card once it is done.',
  ticked: '{name} ticked a follow-up done: {title}.',
});

/** Open tasks drawn on a card (the rest are counted); closed ones shown as one line each, up to this many. */
const OPEN_ROWS = 8;
const CLOSED_ROWS = 8;
const USERS_NAMED = 5;

const ARTICLE = (role: Role) => `${/^[AEIOU]/.test(ROLE_LABELS[role]) ? 'an' : 'a'} ${ROLE_LABELS[role]}`;

/** "Adele Vance or a Billing agent" — the person when known, and the role that owns the task. */
export function ownerText(task: Pick<FollowUp, 'owner' | 'ownerRole'>): string {
  const person = oneLine(task.owner?.name, LIMITS.name);
  return person ? fill(TEXT.personOrRole, { person, role: ARTICLE(task.ownerRole) }) : ARTICLE(task.ownerRole);
}

/** The task in words (untrusted parts cleaned: a TextRun draws it). */
export function followUpTitle(task: FollowUp, state: Pick<MoveState, 'plan'>): string {
  switch (task.kind) {
    case 'auto-renew-off':
      return fill(task.monthly ? TEXT.autoRenewMonthly : TEXT.autoRenew, {
        product: productName(state, { skuPartNumber: task.skuPartNumber }), id: oneLine(task.subscriptionId, LIMITS.id),
        where: task.where === 'old-partner' ? TEXT.whereOldPartner : TEXT.whereAdminCenter,
      });
    case 'move-users': {
      const named = task.users.slice(0, USERS_NAMED).map((u) => oneLine(u.userPrincipalName, LIMITS.name)).join(', ');
      const users = task.users.length > USERS_NAMED ? fill(TEXT.usersMore, { shown: named, more: task.users.length - USERS_NAMED }) : named;
      return fill(TEXT.moveUsers, { users });
    }
    case 'confirm-originals-ended':
      return fill(TEXT.confirm, { originals: plural(TEXT.originalOne, TEXT.originalMany, task.originals) });
    default: {
      const unreachable: never = task;
      return unreachable;
    }
  }
}

function dueText(task: FollowUp, overdue: boolean): string {
  if (!task.due) return TEXT.noDue;
  return fill(overdue ? TEXT.overdue : TEXT.due, { date: formatDate(task.due) });
}

export interface FollowUpRow {
  taskId: string;
  title: string;
  owner: string;
  due: string;
  dueColor: 'Attention' | 'Default';
  canTick: boolean;
}

export interface FollowUpsView {
  hasFollowUps: boolean;
  heading: string;
  open: FollowUpRow[];
  hasHiddenOpen: boolean;
  hiddenOpen: string;
  closed: Array<{ text: string }>;
}

/** The time cards judge "overdue" by: the domain's clock the composition root gives (none: nothing is overdue). */
function nowOf(options: CardOptions | undefined): string | null {
  return options?.now ? options.now().toISOString() : null;
}

export function followUpsView(state: MoveState, options?: CardOptions): FollowUpsView {
  const tasks = followUpsOf(state);
  const open = tasks.filter((t) => t.status === 'open');
  const closed = tasks.filter((t) => t.status !== 'open');
  const now = nowOf(options);
  const viewer = options?.viewer ?? null;
  return {
    hasFollowUps: tasks.length > 0,
    heading: open.length > 0 ? fill(TEXT.heading, { open: open.length, all: tasks.length }) : fill(TEXT.headingAllDone, { all: tasks.length }),
    open: open.slice(0, OPEN_ROWS).map((task) => {
      const overdue = now !== null && isOverdue(task, now);
      return {
        taskId: oneLine(task.id, LIMITS.id),
        title: followUpTitle(task, state),
        owner: fill(TEXT.owner, { who: ownerText(task) }),
        due: dueText(task, overdue),
        dueColor: overdue ? 'Attention' : 'Default',
        canTick: !viewer || mayTick(viewer, task),
      };
    }),
    hasHiddenOpen: open.length > OPEN_ROWS,
    hiddenOpen: plural(TEXT.hiddenOne, TEXT.hiddenMany, open.length - OPEN_ROWS),
    closed: closed.slice(0, CLOSED_ROWS).map((task) => ({ text: closedText(task, state) })),
  };
}

function closedText(task: FollowUp, state: MoveState): string {
  const title = followUpTitle(task, state);
  if (task.doneBy) return fill(TEXT.doneBy, { title, name: oneLine(task.doneBy.by.name, LIMITS.name) || 'someone', at: formatDateTime(task.doneBy.at) });
  return fill(TEXT.settled, { title, why: task.kind === 'auto-renew-off' && state.sourcesEnded.includes(task.subscriptionId) ? TEXT.settledEnded : TEXT.settledConfirmed });
}

/**
 * On whom the move waits while follow-ups are open: their owners (each once), soonest due first. Null when none is
 * open. moveView's waitingFor uses it when nothing else waits on a person.
 */
export function followUpsWaiting(state: MoveState): WaitingView | null {
  const open = followUpsOf(state).filter((t) => t.status === 'open')
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999'));
  if (open.length === 0) return null;
  const owners = [...new Set(open.map(ownerText))].join(TEXT.ownersSeparator);
  const next = open.find((t) => t.due)?.due;
  return {
    what: fill(next ? TEXT.waitingWhat : TEXT.waitingWhatNoDate, { n: open.length, date: formatDate(next) }),
    who: fill(TEXT.waitingWho, { owners }),
    on: 'person',
  };
}

/** The thread's line for a reminder (FollowUpReminderDue) or a tick (FollowUpDone). */
export function followUpEventText(event: { type: 'FollowUpDone' | 'FollowUpReminderDue'; taskId: string; actor: Actor; at: string; due?: string }, state: MoveState): string {
  const task = followUpsOf(state).find((t) => t.id === event.taskId);
  const title = task ? followUpTitle(task, state) : oneLine(event.taskId, LIMITS.id);
  if (event.type === 'FollowUpDone') return fill(TEXT.ticked, { name: oneLine(event.actor.name, LIMITS.name) || 'Someone', title });
  const overdue = event.due !== undefined && event.due < event.at.slice(0, 10);
  return fill(overdue ? TEXT.reminderOverdue : TEXT.reminder, { date: formatDate(event.due), title, who: task ? ownerText(task) : 'its owner' });
}

/**
 * The follow-ups section; expects `followUps` (FollowUpsView) and `act` in the view model. Each open task's Done
 * button carries its id; the move and version come from the card's root (the task rows are a $data scope).
 */
export const FOLLOW_UPS_TEMPLATE: readonly object[] = deepFreeze([
  { type: 'TextBlock', $when: '${followUps.hasFollowUps}', text: '${followUps.heading}', weight: 'Bolder', spacing: 'Medium', wrap: true },
  {
    type: 'Container',
    $data: '${followUps.open}',
    separator: true,
    spacing: 'Small',
    items: [{
      type: 'ColumnSet',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${title}', weight: 'Bolder' }] },
            { type: 'RichTextBlock', spacing: 'None', inlines: [{ type: 'TextRun', text: '${owner}', size: 'Small' }] },
            { type: 'RichTextBlock', spacing: 'None', inlines: [{ type: 'TextRun', text: '${due}', size: 'Small', color: '${dueColor}', weight: 'Bolder' }] },
          ],
        },
        {
          type: 'Column',
          width: 'auto',
          verticalContentAlignment: 'Center',
          items: [{
            type: 'ActionSet',
            $when: '${canTick}',
            actions: [{
              type: 'Action.Execute',
              title: TEXT.done,
              verb: VERBS.followUpDone,
              associatedInputs: 'none',
              data: { moveId: '${$root.act.moveId}', version: '${$root.act.version}', taskId: '${taskId}' },
            }],
          }],
        },
      ],
    }],
  },
  { type: 'TextBlock', $when: '${followUps.hasHiddenOpen}', text: '${followUps.hiddenOpen}', isSubtle: true, size: 'Small', wrap: true },
  { type: 'RichTextBlock', $data: '${followUps.closed}', spacing: 'Small', inlines: [{ type: 'TextRun', text: '${text}', isSubtle: true, size: 'Small' }] },
]);

/**
 * `move.followup.done`: the move action and the task's id. A click on a card drawn before someone else ticked it (or
 * before the move changed) is judged by the decider: the task's own state says whether it is still open.
 */
export const followUpDoneContract = moveActionContract.extend({
  taskId: clippedText(LIMITS.id).transform((id) => id.trim()),
});
export type FollowUpDoneData = z.infer<typeof followUpDoneContract>;
