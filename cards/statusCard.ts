/**
 * `status <customer>`: the move's timeline (one row per event: time, who, what happened), the current stage,
 * what the move is waiting for and on whom, who started it and where its subscriptions come from, and Cancel while
 * the move is not final.
 */
import type { MoveEvent } from '../move/events';
import type { MoveState } from '../move/state';
import { deepFreeze, executeAction, expandCard, factLine, formatDateTime, LIMITS, MOVE_CARD_FRAME, VERBS } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { eventText } from './eventText';
import { plural } from './messages';
import { COMPACT_HEADER_TEMPLATE, STARTED_TEMPLATE, actionData, actorName, canCancel, compactHeaderView, startedText, waitingFor } from './moveView';
import type { CardOptions, CompactHeaderView } from './moveView';

const TEXT = deepFreeze({
  waitingForLabel: 'Waiting for',
  timeline: 'Timeline',
  hiddenOne: '{n} earlier event is not shown. Type "audit" with the customer\'s domain for the full history.',
  hiddenMany: '{n} earlier events are not shown. Type "audit" with the customer\'s domain for the full history.',
  nothingYet: 'Nothing has happened yet.',
  separator: ' · ',
  refresh: 'Refresh',
  cancel: 'Cancel the move',
});

interface TimelineRow {
  when: string;
  who: string;
  what: string;
}

interface StatusView {
  act: MoveActionData;
  header: CompactHeaderView;
  waitingFor: string;
  started: string;
  rows: TimelineRow[];
  hasRows: boolean;
  hasHidden: boolean;
  hidden: string;
  canCancel: boolean;
}

/** The last `LIMITS.timelineRows` events, oldest first. */
export function timelineRows(events: readonly MoveEvent[], state: MoveState, options: CardOptions): TimelineRow[] {
  return events.slice(-LIMITS.timelineRows).map((event) => ({
    when: formatDateTime(event.at),
    who: actorName(event.actor),
    what: eventText(event, state, options),
  }));
}

export function statusView(state: MoveState, events: readonly MoveEvent[], options: CardOptions): StatusView {
  const hiddenCount = Math.max(0, events.length - LIMITS.timelineRows);
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    waitingFor: waitingFor(state, options).what,
    started: startedText(state),
    rows: timelineRows(events, state, options),
    hasRows: events.length > 0,
    hasHidden: hiddenCount > 0,
    hidden: plural(TEXT.hiddenOne, TEXT.hiddenMany, hiddenCount),
    canCancel: canCancel(state, options),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    factLine(TEXT.waitingForLabel, '${waitingFor}', { spacing: 'Medium' }),
    STARTED_TEMPLATE,
    { type: 'TextBlock', text: TEXT.timeline, weight: 'Bolder', spacing: 'Medium', wrap: true },
    { type: 'TextBlock', $when: '${hasHidden}', text: '${hidden}', isSubtle: true, size: 'Small', wrap: true },
    { type: 'TextBlock', $when: '${!hasRows}', text: TEXT.nothingYet, isSubtle: true, wrap: true },
    {
      type: 'Container',
      $data: '${rows}',
      spacing: 'Small',
      items: [
        {
          type: 'RichTextBlock',
          inlines: [
            { type: 'TextRun', text: '${when}', isSubtle: true, size: 'Small' },
            { type: 'TextRun', text: TEXT.separator, isSubtle: true, size: 'Small' },
            { type: 'TextRun', text: '${who}', weight: 'Bolder', size: 'Small' },
          ],
        },
        { type: 'RichTextBlock', spacing: 'None', inlines: [{ type: 'TextRun', text: '${what}' }] },
      ],
    },
  ],
  actions: [
    executeAction(TEXT.refresh, VERBS.refresh, { associatedInputs: 'none' }),
    executeAction(TEXT.cancel, VERBS.cancel, { $when: '${canCancel}', associatedInputs: 'none', style: 'destructive' }),
  ],
});

export function statusCard(state: MoveState, events: readonly MoveEvent[], options: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATE, statusView(state, events, options));
}
