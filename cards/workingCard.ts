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
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './i18n/locales';
import { STARTED_TEMPLATE, actionData, customerDomain, customerLabel, startedText } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';

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
export function doingText(state: MoveState, locale: Locale = DEFAULT_LOCALE): string {
  switch (state.stage) {
    case 'intake':
    case 'preflight': return t(locale, 'working.doing.checking', { domain: customerDomain(state) });
    case 'invitation': return t(locale, 'working.doing.inviting');
    case 'inventory': return t(locale, 'working.doing.reading', { customer: customerLabel(state) });
    case 'plan': return t(locale, 'working.doing.drafting');
    case 'provisioning': return t(locale, state.orderedAt ? 'working.doing.provisioning' : 'working.doing.ordering');
    case 'reassigning-licenses': return t(locale, 'working.doing.reassigning');
    case 'source-advice': return t(locale, 'working.doing.advising');
    default: return t(locale, 'working.doing.other');
  }
}

/** "40 of about 120 users done: 38 moved, 2 need attention." while licences move; null otherwise. */
export function reassignmentProgressText(state: MoveState, locale: Locale = DEFAULT_LOCALE): string | null {
  if (state.stage !== 'reassigning-licenses') return null;
  const count = reassignmentCount(state);
  return count.total !== null
    ? t(locale, 'working.reassignedOf', { done: count.done, total: count.total, moved: count.moved, attention: count.attention })
    : t(locale, 'working.reassignedSoFar', { done: count.done, moved: count.moved, attention: count.attention });
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
  const locale = options.locale ?? DEFAULT_LOCALE;
  const progress = reassignmentProgressText(state, locale);
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    doing: doingText(state, locale),
    hasProgress: progress !== null,
    progress: progress ?? '',
    started: startedText(state),
  };
}

/** The card's frame in `locale`. */
const template = (locale: Locale): object => deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    // The company name comes from Partner Center: a TextRun, never markdown.
    { type: 'RichTextBlock', spacing: 'Medium', inlines: [{ type: 'TextRun', text: '${doing}', weight: 'Bolder' }] },
    plainText('${progress}', { $when: '${hasProgress}', spacing: 'Small' }),
    { type: 'TextBlock', text: t(locale, 'working.updatesItself'), wrap: true, isSubtle: true, size: 'Small' },
    STARTED_TEMPLATE,
  ],
  actions: [executeAction(t(locale, 'working.refresh'), VERBS.refresh, { associatedInputs: 'none' })],
});

/** The card's frame in each language, built once. */
const TEMPLATES: Readonly<Record<Locale, object>> = Object.freeze(Object.fromEntries(LOCALES.map((l) => [l, template(l)])) as Record<Locale, object>);

export function workingCard(state: MoveState, options: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATES[options.locale ?? DEFAULT_LOCALE], workingView(state, options));
}
