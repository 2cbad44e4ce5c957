/**
 * The follow-ups section of the move cards (done card, status card): each human task after the purchase — title,
 * owner (the person when known, and the role), due date (overdue in the attention colour) and a Done button — then
 * the tasks already closed, one subtle line each. Also the follow-ups' words for "waiting on" and the thread's lines.
 */
import { z } from 'zod';
import type { Actor, Role } from '../move/model';
import { followUpsOf, isOverdue, mayTick, type FollowUp } from '../move/followUps';
import type { MoveState } from '../move/state';
import { LIMITS, VERBS, clippedText, deepFreeze, formatLocalDate, formatLocalDateTime, moveActionContract, oneLine } from './common';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, type Locale } from './i18n/locales';
import type { CardOptions, WaitingView } from './moveView';
import { productName } from './productNames';

/** Open tasks drawn on a card (the rest are counted); closed ones shown as one line each, up to this many. */
const OPEN_ROWS = 8;
const CLOSED_ROWS = 8;
const USERS_NAMED = 5;
const OWNERS_SEPARATOR = '; ';

/** The reader's language and time zone (English in UTC when not given). */
type ReaderOptions = Pick<CardOptions, 'locale' | 'timeZone'>;

interface Reader {
  locale: Locale;
  date: (value: string | null | undefined) => string;
  dateTime: (value: string | null | undefined) => string;
}

function readerOf(options: ReaderOptions | undefined): Reader {
  const locale = options?.locale ?? DEFAULT_LOCALE;
  const timeZone = options?.timeZone ?? DEFAULT_TIME_ZONE;
  return { locale, date: (value) => formatLocalDate(value, locale, timeZone), dateTime: (value) => formatLocalDateTime(value, locale, timeZone) };
}

const ROLE_IN_SENTENCE = (role: Role, locale: Locale) => t(locale, `common.roleInSentence.${role}`);

/** "Adele Vance or a Billing agent" — the person when known, and the role that owns the task. */
export function ownerText(task: Pick<FollowUp, 'owner' | 'ownerRole'>, locale: Locale = DEFAULT_LOCALE): string {
  const person = oneLine(task.owner?.name, LIMITS.name);
  const role = ROLE_IN_SENTENCE(task.ownerRole, locale);
  return person ? t(locale, 'followUps.personOrRole', { person, role }) : role;
}

/** The task in words (untrusted parts cleaned: a TextRun draws it). */
export function followUpTitle(task: FollowUp, state: Pick<MoveState, 'plan'>, locale: Locale = DEFAULT_LOCALE): string {
  switch (task.kind) {
    case 'auto-renew-off':
      return t(locale, task.monthly ? 'followUps.autoRenewMonthly' : 'followUps.autoRenew', {
        product: productName(state, { skuPartNumber: task.skuPartNumber }), id: oneLine(task.subscriptionId, LIMITS.id),
        where: t(locale, task.where === 'old-partner' ? 'followUps.whereOldPartner' : 'followUps.whereAdminCenter'),
      });
    case 'move-users': {
      const named = task.users.slice(0, USERS_NAMED).map((u) => oneLine(u.userPrincipalName, LIMITS.name)).join(', ');
      const users = task.users.length > USERS_NAMED ? t(locale, 'followUps.usersMore', { shown: named, more: task.users.length - USERS_NAMED }) : named;
      return t(locale, 'followUps.moveUsers', { users });
    }
    case 'confirm-originals-ended':
      return t(locale, 'followUps.confirm', { originals: task.originals });
    default: {
      const unreachable: never = task;
      return unreachable;
    }
  }
}

function dueText(task: FollowUp, overdue: boolean, reader: Reader): string {
  if (!task.due) return t(reader.locale, 'followUps.noDue');
  return t(reader.locale, overdue ? 'followUps.overdue' : 'followUps.due', { date: reader.date(task.due) });
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
  /** The Done button's title, in the reader's language. */
  doneLabel: string;
}

/** The time cards judge "overdue" by: the domain's clock the composition root gives (none: nothing is overdue). */
function nowOf(options: CardOptions | undefined): string | null {
  return options?.now ? options.now().toISOString() : null;
}

export function followUpsView(state: MoveState, options?: CardOptions): FollowUpsView {
  const reader = readerOf(options);
  const { locale } = reader;
  const tasks = followUpsOf(state);
  const open = tasks.filter((task) => task.status === 'open');
  const closed = tasks.filter((task) => task.status !== 'open');
  const now = nowOf(options);
  const viewer = options?.viewer ?? null;
  return {
    hasFollowUps: tasks.length > 0,
    heading: open.length > 0
      ? t(locale, 'followUps.heading', { open: open.length, all: tasks.length })
      : t(locale, 'followUps.headingAllDone', { all: tasks.length }),
    open: open.slice(0, OPEN_ROWS).map((task) => {
      const overdue = now !== null && isOverdue(task, now);
      return {
        taskId: oneLine(task.id, LIMITS.id),
        title: followUpTitle(task, state, locale),
        owner: t(locale, 'followUps.owner', { who: ownerText(task, locale) }),
        due: dueText(task, overdue, reader),
        dueColor: overdue ? 'Attention' : 'Default',
        canTick: !viewer || mayTick(viewer, task),
      };
    }),
    hasHiddenOpen: open.length > OPEN_ROWS,
    hiddenOpen: t(locale, 'followUps.hiddenOpen', { n: open.length - OPEN_ROWS }),
    closed: closed.slice(0, CLOSED_ROWS).map((task) => ({ text: closedText(task, state, reader) })),
    doneLabel: t(locale, 'followUps.done'),
  };
}

function closedText(task: FollowUp, state: MoveState, reader: Reader): string {
  const { locale } = reader;
  const title = followUpTitle(task, state, locale);
  if (task.doneBy) {
    return t(locale, 'followUps.doneBy', {
      title, name: oneLine(task.doneBy.by.name, LIMITS.name) || t(locale, 'followUps.someone'), at: reader.dateTime(task.doneBy.at),
    });
  }
  const ended = task.kind === 'auto-renew-off' && state.sourcesEnded.includes(task.subscriptionId);
  return t(locale, 'followUps.settled', { title, why: t(locale, ended ? 'followUps.settledEnded' : 'followUps.settledConfirmed') });
}

/**
 * On whom the move waits while follow-ups are open: their owners (each once), soonest due first. Null when none is
 * open. moveView's waitingFor uses it when nothing else waits on a person. `options`: the reader (English in UTC when not given).
 */
export function followUpsWaiting(state: MoveState, options?: ReaderOptions): WaitingView | null {
  const reader = readerOf(options);
  const { locale } = reader;
  const open = followUpsOf(state).filter((task) => task.status === 'open')
    .sort((a, b) => (a.due ?? '9999').localeCompare(b.due ?? '9999'));
  if (open.length === 0) return null;
  const owners = [...new Set(open.map((task) => ownerText(task, locale)))].join(OWNERS_SEPARATOR);
  const next = open.find((task) => task.due)?.due;
  return {
    what: t(locale, next ? 'followUps.waitingWhat' : 'followUps.waitingWhatNoDate', { n: open.length, date: reader.date(next) }),
    who: t(locale, 'followUps.waitingWho', { owners }),
    on: 'person',
  };
}

/** The thread's line for a reminder (FollowUpReminderDue) or a tick (FollowUpDone), in the reader's language. */
export function followUpEventText(
  event: { type: 'FollowUpDone' | 'FollowUpReminderDue'; taskId: string; actor: Actor; at: string; due?: string },
  state: MoveState,
  options?: ReaderOptions,
): string {
  const reader = readerOf(options);
  const { locale } = reader;
  const task = followUpsOf(state).find((candidate) => candidate.id === event.taskId);
  const title = task ? followUpTitle(task, state, locale) : oneLine(event.taskId, LIMITS.id);
  if (event.type === 'FollowUpDone') {
    return t(locale, 'followUps.ticked', { name: oneLine(event.actor.name, LIMITS.name) || t(locale, 'followUps.someoneCapital'), title });
  }
  const overdue = event.due !== undefined && event.due < event.at.slice(0, 10);
  return t(locale, overdue ? 'followUps.reminderOverdue' : 'followUps.reminder', {
    date: reader.date(event.due), title, who: task ? ownerText(task, locale) : t(locale, 'followUps.itsOwner'),
  });
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
              title: '${$root.followUps.doneLabel}',
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
