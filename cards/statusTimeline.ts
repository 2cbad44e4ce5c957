/**
 * The status card's timeline of milestones: what has happened (started, invitation sent, accepted, inventory, plan,
 * approved by whom, each purchase, reassignment, advice, follow-ups ticked, done — and blockers, overrides, the end),
 * each with its date, time and who; then the current step, highlighted; then the steps still to come, greyed. A long
 * history is folded: the first and last few milestones show, the ones between behind a toggle (at most a few dozen:
 * the audit export has them all), so a move of thousands of events still fits in a Teams message.
 */
import type { MoveEvent } from '../move/events';
import type { MoveState, Stage } from '../move/state';
import { STAGE_LABELS } from '../move/stages';
import { LIMITS, deepFreeze, formatDate, formatDateTime, oneLine } from './common';
import { followUpsWaiting, followUpTitle } from './followUpsView';
import { followUpsOf } from '../move/followUps';
import { fill, plural } from './messages';

const TEXT = deepFreeze({
  started: 'Started',
  invitationSent: 'Invitation sent',
  accepted: 'Accepted by the customer',
  inventoryRead: 'Inventory read',
  inventoryTyped: 'Inventory typed in',
  planProposed: 'Plan proposed',
  planChanged: 'Plan changed',
  approvedBy: 'Approved by {name}',
  rejectedBy: 'Rejected by {name}',
  bought: 'Bought',
  boughtRound: 'Bought (purchase {n} of {all})',
  reassigned: 'Licences reassigned: {moved} moved',
  reassignedLeft: 'Licences reassigned: {moved} moved, {left} left on the original licence',
  blocked: 'Blocked: {message}',
  overriddenBy: 'Blocker overridden by {name}',
  advice: 'Advice on the originals: let them expire',
  originalEnded: 'Original {sku} ended',
  followUpDone: 'Follow-up done: {title}',
  done: 'Done',
  cancelledBy: 'Cancelled by {name}',
  timedOut: 'Invitation expired unanswered',
  // Steps to come
  buyOn: 'Buy on {date}',
  buyNext: 'Buy',
  approved: 'Approved',
  reassignment: 'Licences reassigned',
  followUps: 'Follow-ups ticked done',
  // The current step
  nowWaiting: 'Now: {stage}',
  followUpsOpen: 'Now: follow-ups ({n} open)',
  waitingOn: 'waiting on {who}',
  metaSeparator: ' · ',
  more: 'Show {n} more',
  moreBeyond: '{n} earlier milestones are only in the audit export (say "audit" with the customer\'s domain).',
});

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

function row(kind: MilestoneKind, label: string, meta = ''): MilestoneRow {
  return {
    mark: MARKS[kind], label: oneLine(label, LIMITS.message), meta, hasMeta: meta !== '',
    style: kind === 'current' ? 'emphasis' : kind === 'attention' ? 'attention' : 'default', subtle: kind === 'future',
  };
}

const name = (event: MoveEvent) => oneLine(event.actor.name, LIMITS.name) || 'someone';

/** The milestone an event is, or null for the events between milestones (batches, reminders, emails, failures). */
function milestoneOf(event: MoveEvent, state: MoveState, purchase: { n: number }): { kind: MilestoneKind; label: string } | null {
  const past = (label: string) => ({ kind: 'past' as const, label });
  switch (event.type) {
    case 'MoveStarted': return past(TEXT.started);
    case 'InvitationIssued': return past(TEXT.invitationSent);
    case 'RelationshipAccepted': return past(TEXT.accepted);
    case 'InventoryTaken': return past(event.inventory.enteredBy ? TEXT.inventoryTyped : TEXT.inventoryRead);
    case 'PlanProposed': return past(TEXT.planProposed);
    case 'PlanAdjusted': return past(TEXT.planChanged);
    case 'PlanApproved': return past(fill(TEXT.approvedBy, { name: name(event) }));
    case 'PlanRejected': return { kind: 'attention', label: fill(TEXT.rejectedBy, { name: name(event) }) };
    case 'ProvisioningCompleted': {
      purchase.n += 1;
      const all = state.schedule.length;
      return past(all > 1 ? fill(TEXT.boughtRound, { n: purchase.n, all }) : TEXT.bought);
    }
    case 'ReassignmentFinished':
      return past(fill(event.attention > 0 ? TEXT.reassignedLeft : TEXT.reassigned, { moved: event.moved, left: event.attention }));
    case 'MoveBlocked': return { kind: 'attention', label: fill(TEXT.blocked, { message: oneLine(event.message, 200) || event.reason.code }) };
    case 'BlockOverridden': return past(fill(TEXT.overriddenBy, { name: name(event) }));
    case 'SourceAdviceGiven': return past(TEXT.advice);
    case 'SourceSubscriptionEnded': return past(fill(TEXT.originalEnded, { sku: oneLine(event.skuPartNumber, LIMITS.sku) }));
    case 'FollowUpDone': {
      const task = followUpsOf(state).find((t) => t.id === event.taskId);
      return past(fill(TEXT.followUpDone, { title: task ? followUpTitle(task, state) : oneLine(event.taskId, LIMITS.id) }));
    }
    case 'MoveCompleted': return past(TEXT.done);
    case 'MoveCancelled': return { kind: 'attention', label: fill(TEXT.cancelledBy, { name: name(event) }) };
    case 'MoveTimedOut': return { kind: 'attention', label: TEXT.timedOut };
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

function stepsToCome(state: MoveState): MilestoneRow[] {
  const stage = state.stage === 'blocked' ? state.blocked?.fromStage ?? 'blocked' : state.stage;
  const first = FIRST_TO_COME[stage];
  if (!first) return [];
  const existingCustomer = state.invitation === null && state.customerId !== null;
  const reassigns = !state.plan || state.plan.lines.some((l) => l.needsReassignment);
  const rows: MilestoneRow[] = [];
  // Purchases still to make (a plan bought on several dates): the one under way is the current step.
  const remaining = state.schedule.slice(state.bought + (stage === 'provisioning' ? 1 : 0));
  const buys = state.approval ? remaining.map((p) => row('future', p.buyOn ? fill(TEXT.buyOn, { date: formatDate(p.buyOn) }) : TEXT.buyNext)) : [row('future', TEXT.buyNext)];
  if (STEPS.indexOf(first) > STEPS.indexOf('bought')) rows.push(...buys);
  for (const step of STEPS.slice(STEPS.indexOf(first))) {
    if ((step === 'invitation' || step === 'accepted') && existingCustomer) continue;
    if (step === 'reassignment' && !reassigns) continue;
    switch (step) {
      case 'invitation': rows.push(row('future', TEXT.invitationSent)); break;
      case 'accepted': rows.push(row('future', TEXT.accepted)); break;
      case 'inventory': rows.push(row('future', TEXT.inventoryRead)); break;
      case 'plan': rows.push(row('future', TEXT.planProposed)); break;
      case 'approved': rows.push(row('future', TEXT.approved)); break;
      case 'bought': rows.push(...buys); break;
      case 'reassignment': rows.push(row('future', TEXT.reassignment)); break;
      case 'advice': rows.push(row('future', TEXT.advice)); break;
      case 'follow-ups': rows.push(row('future', TEXT.followUps)); break;
      case 'done': rows.push(row('future', TEXT.done)); break;
    }
  }
  return rows;
}

/** The step the move is at, highlighted with on whom it waits; after the end, the follow-ups still open. */
function currentStep(state: MoveState, waitingOn: { who: string; on: string }): MilestoneRow | null {
  const open = followUpsOf(state).filter((t) => t.status === 'open');
  const ended = state.stage === 'done' || state.stage === 'cancelled' || state.stage === 'rejected' || state.stage === 'timed-out';
  if (ended) {
    const followUps = followUpsWaiting(state);
    return followUps ? row('current', fill(TEXT.followUpsOpen, { n: open.length }), fill(TEXT.waitingOn, { who: followUps.who })) : null;
  }
  const label = state.stage === 'blocked' ? fill(TEXT.blocked, { message: oneLine(state.blocked?.message, 200) }) : fill(TEXT.nowWaiting, { stage: STAGE_LABELS[state.stage] });
  return row('current', label, waitingOn.on === 'person' ? fill(TEXT.waitingOn, { who: waitingOn.who }) : '');
}

export function timelineView(state: MoveState, events: readonly MoveEvent[], waitingOn: { who: string; on: string }): TimelineView {
  const purchase = { n: 0 };
  const past: MilestoneRow[] = [];
  for (const event of events) {
    const milestone = milestoneOf(event, state, purchase);
    if (milestone) past.push(row(milestone.kind, milestone.label, `${formatDateTime(event.at)}${TEXT.metaSeparator}${name(event)}`));
  }
  const current = currentStep(state, waitingOn);
  const rest = [...(current ? [current] : []), ...stepsToCome(state)];
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
    foldedTitle: fill(TEXT.more, { n: middle.length }),
    folded: shown,
    hasBeyond: beyond > 0,
    beyond: plural(TEXT.moreBeyond, TEXT.moreBeyond, beyond),
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
