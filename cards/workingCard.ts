/**
 * The "working on it" card posted in the chat where someone started slow work (a move, a purchase, another pass)
 * and it did not finish within the reply: what the bot is doing right now, in one bold line, and while licences move,
 * how far it got. It is redrawn in place at each step and replaced, in place, by the move's card once the step answered
 * (bot/workingCards.ts).
 */
import { needsAttention } from '../move/reassignment';
import { linesJustBought } from '../move/schedule';
import type { MoveState } from '../move/state';
import { MOVE_CARD_FRAME, VERBS, deepFreeze, executeAction, expandCard, plainText } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { fill, plural } from './messages';
import { STARTED_TEMPLATE, actionData, customerDomain, customerLabel, startedText } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';

const TEXT = deepFreeze({
  doing: {
    checking: 'Checking {domain}…',
    inviting: 'Sending the invitation…',
    reading: 'Reading the licences of {customer}…',
    drafting: 'Drafting the plan…',
    ordering: 'Placing the order…',
    provisioning: 'Order placed. Waiting for Partner Center to provision the new subscriptions…',
    reassigning: 'Moving users to the new licences…',
    advising: 'Writing the advice on the original subscriptions…',
    other: 'Working on it…',
  },
  reassignedOf: '{done} of about {total} users done: {moved} moved, {attention}.',
  reassignedSoFar: '{done} users done so far: {moved} moved, {attention}.',
  attentionOne: '{n} needs attention',
  attentionMany: '{n} need attention',
  updatesItself: 'This card updates itself, and shows the outcome here when the step is done.',
  refresh: 'Refresh',
});

/** How far a reassignment pass got: users looked at, moved, needing a person, and about how many there are. */
export interface ReassignmentCount {
  done: number;
  moved: number;
  attention: number;
  /** The users holding the licences that move (the inventory's count), on a first pass; null when unknown. */
  total: number | null;
}

export function reassignmentCount(state: MoveState): ReassignmentCount {
  const results = Object.values(state.reassignment.results);
  const attention = results.filter(needsAttention).length;
  const assigned = linesJustBought(state).filter((l) => l.needsReassignment).reduce((sum, l) => sum + l.source.consumedUnits, 0);
  // A later pass goes over the users the previous one could not move: how many is not in the inventory.
  const total = state.reassignment.pass <= 1 && assigned >= results.length && assigned > 0 ? assigned : null;
  return { done: results.length, moved: results.length - attention, attention, total };
}

/** What the bot is doing now, in a few words. */
export function doingText(state: MoveState): string {
  const D = TEXT.doing;
  switch (state.stage) {
    case 'intake':
    case 'preflight': return fill(D.checking, { domain: customerDomain(state) });
    case 'invitation': return D.inviting;
    case 'inventory': return fill(D.reading, { customer: customerLabel(state) });
    case 'plan': return D.drafting;
    case 'provisioning': return state.orderedAt ? D.provisioning : D.ordering;
    case 'reassigning-licenses': return D.reassigning;
    case 'source-advice': return D.advising;
    default: return D.other;
  }
}

/** "40 of about 120 users done: 38 moved, 2 need attention." while licences move; null otherwise. */
export function reassignmentProgressText(state: MoveState): string | null {
  if (state.stage !== 'reassigning-licenses') return null;
  const count = reassignmentCount(state);
  const attention = plural(TEXT.attentionOne, TEXT.attentionMany, count.attention);
  return count.total !== null
    ? fill(TEXT.reassignedOf, { done: count.done, total: count.total, moved: count.moved, attention })
    : fill(TEXT.reassignedSoFar, { done: count.done, moved: count.moved, attention });
}

interface WorkingView {
  act: MoveActionData;
  header: CompactHeaderView;
  doing: string;
  hasProgress: boolean;
  progress: string;
  started: string;
}

export function workingView(state: MoveState, options: CardOptions): WorkingView {
  const progress = reassignmentProgressText(state);
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    doing: doingText(state),
    hasProgress: progress !== null,
    progress: progress ?? '',
    started: startedText(state),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    // The company name comes from Partner Center: a TextRun, never markdown.
    { type: 'RichTextBlock', spacing: 'Medium', inlines: [{ type: 'TextRun', text: '${doing}', weight: 'Bolder' }] },
    plainText('${progress}', { $when: '${hasProgress}', spacing: 'Small' }),
    { type: 'TextBlock', text: TEXT.updatesItself, wrap: true, isSubtle: true, size: 'Small' },
    STARTED_TEMPLATE,
  ],
  actions: [executeAction(TEXT.refresh, VERBS.refresh, { associatedInputs: 'none' })],
});

export function workingCard(state: MoveState, options: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATE, workingView(state, options));
}
