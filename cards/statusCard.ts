/**
 * `status <customer>`: the move's timeline (one row per event: time, who, what happened), the current stage,
 * what the move is waiting for and on whom, and Cancel while the move is not final.
 */
import type { MoveEvent } from '../move/events';
import type { MoveState } from '../move/state';
import { count, deepFreeze, executeAction, expandCard, factLine, formatDateTime, LIMITS, MOVE_CARD_FRAME, VERBS } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { eventText } from './eventText';
import { HEADER_TEMPLATE, actionData, actorName, headerView, canCancel, waitingFor } from './moveView';
import type { CardOptions, MoveHeaderView, WaitingView } from './moveView';

interface TimelineRow {
  when: string;
  who: string;
  what: string;
}

interface StatusView {
  act: MoveActionData;
  header: MoveHeaderView;
  waiting: WaitingView;
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
    header: headerView(state),
    waiting: waitingFor(state, options),
    rows: timelineRows(events, state, options),
    hasRows: events.length > 0,
    hasHidden: hiddenCount > 0,
    hidden: `${count(hiddenCount, 'earlier event is', 'earlier events are')} not shown. Type "audit" with the customer's domain for the full history.`,
    canCancel: canCancel(state, options),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...HEADER_TEMPLATE,
    factLine('Waiting for', '${waiting.what}', { spacing: 'Medium' }),
    factLine('On whom', '${waiting.who}'),
    { type: 'TextBlock', text: 'Timeline', weight: 'Bolder', spacing: 'Medium', wrap: true },
    { type: 'TextBlock', $when: '${hasHidden}', text: '${hidden}', isSubtle: true, size: 'Small', wrap: true },
    { type: 'TextBlock', $when: '${!hasRows}', text: 'Nothing has happened yet.', isSubtle: true, wrap: true },
    {
      type: 'Container',
      $data: '${rows}',
      spacing: 'Small',
      items: [
        {
          type: 'RichTextBlock',
          inlines: [
            { type: 'TextRun', text: '${when}', isSubtle: true, size: 'Small' },
            { type: 'TextRun', text: ' · ', isSubtle: true, size: 'Small' },
            { type: 'TextRun', text: '${who}', weight: 'Bolder', size: 'Small' },
          ],
        },
        { type: 'RichTextBlock', spacing: 'None', inlines: [{ type: 'TextRun', text: '${what}' }] },
      ],
    },
  ],
  actions: [
    executeAction('Refresh', VERBS.refresh, { associatedInputs: 'none' }),
    executeAction('Cancel the move', VERBS.cancel, { $when: '${canCancel}', associatedInputs: 'none', style: 'destructive' }),
  ],
});

export function statusCard(state: MoveState, events: readonly MoveEvent[], options: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATE, statusView(state, events, options));
}
