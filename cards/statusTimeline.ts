/**
 * The status card's timeline of milestones: what has happened (started, invitation sent, accepted, inventory, plan,
 * approved by whom, each purchase, reassignment, advice, follow-ups ticked, done — and blockers, overrides, the end),
 * each with its date, time and who; then the current step, highlighted; then the steps still to come, greyed. A long
 * history is folded: the first and last few milestones show, the ones between behind a toggle (at most a few dozen:
 * the audit export has them all), so a move of thousands of events still fits in a Teams message.
 */
import type { MoveEvent } from '../move/events';
import type { MoveState, Stage } from '../move/state';
import { LIMITS, deepFreeze, formatLocalDate, formatLocalDateTime, oneLine } from './common';
import { followUpsWaiting, followUpTitle } from './followUpsView';
import { followUpsOf } from '../move/followUps';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, type Locale } from './i18n/locales';
import type { CardOptions } from './moveView';

const META_SEPARATOR = ' · ';

const MARKS = deepFreeze({ past: '✓ ', attention: '! ', current: '▶ ', future: '○ ' });

/** Milestones shown at the start and at the end of a folded history, and at most this many behind the toggle. */
export const TIMELINE_FOLD = Object.freeze({ first: 3, last: 4, folded: 12 });

export type MilestoneKind = 'past' | 'attention' | 'current' | 'future';

export interface MilestoneRow {
  mark: string;
  label: string;
  /** "3 Mar 2025, 09:00 UTC · Megan Bowen"; on a step to come, nothing. */
  meta: string;
  /** The row's container: the current step highlighted, a blocker in the attention colour. */
  style: 'default' | 'emphasis' | 'attention';
  /** Steps to come are greyed. */
  subtle: boolean;
  hasMeta: boolean;
}

export interface TimelineView {
  head: MilestoneRow[];
  hasFolded: boolean;
  foldedTitle: string;
  folded: MilestoneRow[];
  hasBeyond: boolean;
  beyond: string;
  tail: MilestoneRow[];
}

/** The keys of the timeline's words (status.timeline.*). */
type TimelineKey = 'started' | 'invitationSent' | 'accepted' | 'inventoryRead' | 'inventoryTyped' | 'planProposed' | 'planChanged' | 'approvedBy'
  | 'rejectedBy' | 'bought' | 'boughtRound' | 'reassigned' | 'reassignedLeft' | 'blocked' | 'overriddenBy' | 'advice' | 'originalEnded'
  | 'followUpDone' | 'done' | 'cancelledBy' | 'timedOut' | 'buyNext' | 'approved' | 'reassignment' | 'followUps';

interface Reader {
  locale: Locale;
  timeZone: string;
  date: (value: string | null | undefined) => string;
  dateTime: (value: string | null | undefined) => string;
}

function readerOf(options: Pick<CardOptions, 'locale' | 'timeZone'> | undefined): Reader {
  const locale = options?.locale ?? DEFAULT_LOCALE;
  const timeZone = options?.timeZone ?? DEFAULT_TIME_ZONE;
  return { locale, timeZone, date: (value) => formatLocalDate(value, locale, timeZone), dateTime: (value) => formatLocalDateTime(value, locale, timeZone) };
}

function row(kind: MilestoneKind, label: string, meta = ''): MilestoneRow {
  return {
    mark: MARKS[kind], label: oneLine(label, LIMITS.message), meta, hasMeta: meta !== '',
    style: kind === 'current' ? 'emphasis' : kind === 'attention' ? 'attention' : 'default', subtle: kind === 'future',
  };
}

const name = (event: MoveEvent, locale: Locale) => oneLine(event.actor.name, LIMITS.name) || t(locale, 'status.timeline.someone');

/** The milestone an event is, or null for the events between milestones (batches, reminders, emails, failures). */
function milestoneOf(event: MoveEvent, state: MoveState, purchase: { n: number }, locale: Locale): { kind: MilestoneKind; label: string } | null {
  const past = (label: string) => ({ kind: 'past' as const, label });
  const text = (key: TimelineKey, values?: Record<string, string | number>) => t(locale, `status.timeline.${key}`, values);
  switch (event.type) {
    case 'MoveStarted': return past(text('started'));
    case 'InvitationIssued': return past(text('invitationSent'));
    case 'RelationshipAccepted': return past(text('accepted'));
    case 'InventoryTaken': return past(text(event.inventory.enteredBy ? 'inventoryTyped' : 'inventoryRead'));
    case 'PlanProposed': return past(text('planProposed'));
    case 'PlanAdjusted': return past(text('planChanged'));
    case 'PlanApproved': return past(text('approvedBy', { name: name(event, locale) }));
    case 'PlanRejected': return { kind: 'attention', label: text('rejectedBy', { name: name(event, locale) }) };
    case 'ProvisioningCompleted': {
      purchase.n += 1;
      const all = state.schedule.length;
      return past(all > 1 ? text('boughtRound', { n: purchase.n, all }) : text('bought'));
    }
    case 'ReassignmentFinished':
      return past(text(event.attention > 0 ? 'reassignedLeft' : 'reassigned', { moved: event.moved, left: event.attention }));
    case 'MoveBlocked': return { kind: 'attention', label: text('blocked', { message: oneLine(event.message, 200) || event.reason.code }) };
    case 'BlockOverridden': return past(text('overriddenBy', { name: name(event, locale) }));
    case 'SourceAdviceGiven': return past(text('advice'));
    case 'SourceSubscriptionEnded': return past(text('originalEnded', { sku: oneLine(event.skuPartNumber, LIMITS.sku) }));
    case 'FollowUpDone': {
      const task = followUpsOf(state).find((t) => t.id === event.taskId);
      return past(text('followUpDone', { title: task ? followUpTitle(task, state, locale) : oneLine(event.taskId, LIMITS.id) }));
    }
    case 'MoveCompleted': return past(text('done'));
    case 'MoveCancelled': return { kind: 'attention', label: text('cancelledBy', { name: name(event, locale) }) };
    case 'MoveTimedOut': return { kind: 'attention', label: text('timedOut') };
    default: return null;
  }
}

/** The steps of a move in order; a stage's current step is the one before the first still to come. */
type Step = 'invitation' | 'accepted' | 'inventory' | 'plan' | 'approved' | 'bought' | 'reassignment' | 'advice' | 'follow-ups' | 'done';
const STEPS: readonly Step[] = ['invitation', 'accepted', 'inventory', 'plan', 'approved', 'bought', 'reassignment', 'advice', 'follow-ups', 'done'];
const FIRST_TO_COME: { readonly [S in Stage]: Step | null } = {
  intake: 'invitation', preflight: 'invitation', invitation: 'accepted', 'awaiting-acceptance': 'inventory', inventory: 'plan', plan: 'approved',
  approval: 'bought', scheduled: 'bought', provisioning: 'reassignment', 'reassigning-licenses': 'advice', 'source-advice': 'follow-ups',
  'watching-sources': 'done', blocked: null, done: null, rejected: null, cancelled: null, 'timed-out': null,
};

function stepsToCome(state: MoveState, reader: Reader): MilestoneRow[] {
  const future = (key: TimelineKey) => row('future', t(reader.locale, `status.timeline.${key}`));
  const stage = state.stage === 'blocked' ? state.blocked?.fromStage ?? 'blocked' : state.stage;
  const first = FIRST_TO_COME[stage];
  if (!first) return [];
  const existingCustomer = state.invitation === null && state.customerId !== null;
  const reassigns = !state.plan || state.plan.lines.some((l) => l.needsReassignment);
  const rows: MilestoneRow[] = [];
  // Purchases still to make (a plan bought on several dates): the one under way is the current step.
  const remaining = state.schedule.slice(state.bought + (stage === 'provisioning' ? 1 : 0));
  const buys = state.approval
    ? remaining.map((p) => (p.buyOn ? row('future', t(reader.locale, 'status.timeline.buyOn', { date: reader.date(p.buyOn) })) : future('buyNext')))
    : [future('buyNext')];
  if (STEPS.indexOf(first) > STEPS.indexOf('bought')) rows.push(...buys);
  for (const step of STEPS.slice(STEPS.indexOf(first))) {
    if ((step === 'invitation' || step === 'accepted') && existingCustomer) continue;
    if (step === 'reassignment' && !reassigns) continue;
    switch (step) {
      case 'invitation': rows.push(future('invitationSent')); break;
      case 'accepted': rows.push(future('accepted')); break;
      case 'inventory': rows.push(future('inventoryRead')); break;
      case 'plan': rows.push(future('planProposed')); break;
      case 'approved': rows.push(future('approved')); break;
      case 'bought': rows.push(...buys); break;
      case 'reassignment': rows.push(future('reassignment')); break;
      case 'advice': rows.push(future('advice')); break;
      case 'follow-ups': rows.push(future('followUps')); break;
      case 'done': rows.push(future('done')); break;
    }
  }
  return rows;
}

/** The step the move is at, highlighted with on whom it waits; after the end, the follow-ups still open. */
function currentStep(state: MoveState, waitingOn: { who: string; on: string }, reader: Reader): MilestoneRow | null {
  const { locale } = reader;
  const open = followUpsOf(state).filter((t) => t.status === 'open');
  const ended = state.stage === 'done' || state.stage === 'cancelled' || state.stage === 'rejected' || state.stage === 'timed-out';
  if (ended) {
    const followUps = followUpsWaiting(state, reader);
    return followUps
      ? row('current', t(locale, 'status.timeline.followUpsOpen', { n: open.length }), t(locale, 'status.timeline.waitingOn', { who: followUps.who }))
      : null;
  }
  const label = state.stage === 'blocked'
    ? t(locale, 'status.timeline.blocked', { message: oneLine(state.blocked?.message, 200) })
    : t(locale, 'status.timeline.nowWaiting', { stage: t(locale, `stages.${state.stage}`) });
  return row('current', label, waitingOn.on === 'person' ? t(locale, 'status.timeline.waitingOn', { who: waitingOn.who }) : '');
}

/** `options`: the reader's language and time zone (English in UTC when not given). */
export function timelineView(
  state: MoveState, events: readonly MoveEvent[], waitingOn: { who: string; on: string }, options?: Pick<CardOptions, 'locale' | 'timeZone'>,
): TimelineView {
  const reader = readerOf(options);
  const { locale } = reader;
  const purchase = { n: 0 };
  const past: MilestoneRow[] = [];
  for (const event of events) {
    const milestone = milestoneOf(event, state, purchase, locale);
    if (milestone) past.push(row(milestone.kind, milestone.label, `${reader.dateTime(event.at)}${META_SEPARATOR}${name(event, locale)}`));
  }
  const current = currentStep(state, waitingOn, reader);
  const rest = [...(current ? [current] : []), ...stepsToCome(state, reader)];
  const { first, last, folded } = TIMELINE_FOLD;
  if (past.length <= first + last + 1) {
    return { head: past, hasFolded: false, foldedTitle: '', folded: [], hasBeyond: false, beyond: '', tail: rest };
  }
  const middle = past.slice(first, past.length - last);
  const shown = middle.slice(-folded);
  const beyond = middle.length - shown.length;
  return {
    head: past.slice(0, first),
    hasFolded: true,
    foldedTitle: t(locale, 'status.timeline.more', { n: middle.length }),
    folded: shown,
    hasBeyond: beyond > 0,
    beyond: t(locale, 'status.timeline.moreBeyond', { n: beyond }),
    tail: [...past.slice(-last), ...rest],
  };
}

/** The timeline; expects `timeline` (TimelineView) in the view model. The folded rows show with the toggle. */
const ROW_TEMPLATE = (data: string) => ({
  type: 'Container',
  $data: data,
  style: '${style}',
  spacing: 'None',
  items: [{
    type: 'RichTextBlock',
    inlines: [
      { type: 'TextRun', text: '${mark}', isSubtle: '${subtle}' },
      { type: 'TextRun', text: '${label}', weight: 'Bolder', isSubtle: '${subtle}' },
      { type: 'TextRun', $when: '${hasMeta}', text: ` — \${meta}`, size: 'Small', isSubtle: true },
    ],
  }],
});

export const FOLDED_TIMELINE_ID = 'foldedMilestones';

export const TIMELINE_TEMPLATE: readonly object[] = deepFreeze([
  ROW_TEMPLATE('${timeline.head}'),
  {
    type: 'ActionSet',
    $when: '${timeline.hasFolded}',
    spacing: 'None',
    actions: [{ type: 'Action.ToggleVisibility', title: '${timeline.foldedTitle}', targetElements: [FOLDED_TIMELINE_ID] }],
  },
  {
    type: 'Container',
    id: FOLDED_TIMELINE_ID,
    $when: '${timeline.hasFolded}',
    isVisible: false,
    spacing: 'None',
    items: [
      { type: 'TextBlock', $when: '${timeline.hasBeyond}', text: '${timeline.beyond}', isSubtle: true, size: 'Small', wrap: true },
      ROW_TEMPLATE('${timeline.folded}'),
    ],
  },
  ROW_TEMPLATE('${timeline.tail}'),
]);
