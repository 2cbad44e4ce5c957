/**
 * `status <customer>`: the compact header, what the move waits for, then the timeline of milestones (each with when
 * and who; the current step highlighted, the steps to come greyed; a long history folded), the open follow-ups with
 * their owners and dates, and — behind a toggle — the latest events one line each. Cancel while the move is not final.
 */
import type { MoveEvent } from '../move/events';
import type { MoveState } from '../move/state';
import { deepFreeze, executeAction, expandCard, factLine, formatLocalDateTime, MOVE_CARD_FRAME, VERBS } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { eventText } from './eventText';
import { FOLLOW_UPS_TEMPLATE, followUpsView, type FollowUpsView } from './followUpsView';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, type Locale } from './i18n/locales';
import { STARTED_TEMPLATE, actionData, actorName, canCancel, startedText, waitingFor } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';
import { TIMELINE_TEMPLATE, timelineView, type TimelineView } from './statusTimeline';

/** Between a latest event's time and who did it. */
const SEPARATOR = ' · ';

/** Events listed one line each behind the toggle (the timeline above has the milestones of the whole move). */
export const LATEST_EVENT_ROWS = 10;
const LATEST_EVENTS_ID = 'latestEvents';

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
  timeline: TimelineView;
  followUps: FollowUpsView;
  rows: TimelineRow[];
  hasRows: boolean;
  hasHidden: boolean;
  hidden: string;
  canCancel: boolean;
  /** The card's own words in the reader's language. */
  labels: StatusLabels;
}

interface StatusLabels {
  waitingFor: string;
  timeline: string;
  latest: string;
  nothingYet: string;
  refresh: string;
  cancel: string;
}

function statusLabels(locale: Locale): StatusLabels {
  return {
    waitingFor: t(locale, 'status.waitingFor'),
    timeline: t(locale, 'status.timeline'),
    latest: t(locale, 'status.latest'),
    nothingYet: t(locale, 'status.nothingYet'),
    refresh: t(locale, 'status.refresh'),
    cancel: t(locale, 'status.cancel'),
  };
}

/** The last LATEST_EVENT_ROWS events, oldest first. */
export function timelineRows(events: readonly MoveEvent[], state: MoveState, options: CardOptions): TimelineRow[] {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  return events.slice(-LATEST_EVENT_ROWS).map((event) => ({
    when: formatLocalDateTime(event.at, locale, timeZone),
    who: actorName(event.actor),
    what: eventText(event, state, options),
  }));
}

export function statusView(state: MoveState, events: readonly MoveEvent[], options: CardOptions): StatusView {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const hiddenCount = Math.max(0, events.length - LATEST_EVENT_ROWS);
  const waiting = waitingFor(state, options);
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    waitingFor: waiting.what,
    started: startedText(state, options),
    timeline: timelineView(state, events, waiting, options),
    followUps: followUpsView(state, options),
    rows: timelineRows(events, state, options),
    hasRows: events.length > 0,
    hasHidden: hiddenCount > 0,
    hidden: t(locale, 'status.hidden', { n: hiddenCount }),
    canCancel: canCancel(state, options),
    labels: statusLabels(locale),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    factLine('${labels.waitingFor}', '${waitingFor}', { spacing: 'Medium' }),
    { type: 'TextBlock', text: '${labels.timeline}', weight: 'Bolder', spacing: 'Medium', wrap: true },
    { type: 'TextBlock', $when: '${!hasRows}', text: '${labels.nothingYet}', isSubtle: true, wrap: true },
    ...TIMELINE_TEMPLATE,
    ...FOLLOW_UPS_TEMPLATE,
    {
      type: 'ActionSet',
      $when: '${hasRows}',
      spacing: 'Medium',
      actions: [{ type: 'Action.ToggleVisibility', title: '${labels.latest}', targetElements: [LATEST_EVENTS_ID] }],
    },
    {
      type: 'Container',
      id: LATEST_EVENTS_ID,
      $when: '${hasRows}',
      isVisible: false,
      items: [
        { type: 'TextBlock', $when: '${hasHidden}', text: '${hidden}', isSubtle: true, size: 'Small', wrap: true },
        {
          type: 'Container',
          $data: '${rows}',
          spacing: 'Small',
          items: [
            {
              type: 'RichTextBlock',
              inlines: [
                { type: 'TextRun', text: '${when}', isSubtle: true, size: 'Small' },
                { type: 'TextRun', text: SEPARATOR, isSubtle: true, size: 'Small' },
                { type: 'TextRun', text: '${who}', weight: 'Bolder', size: 'Small' },
              ],
            },
            { type: 'RichTextBlock', spacing: 'None', inlines: [{ type: 'TextRun', text: '${what}' }] },
          ],
        },
      ],
    },
    STARTED_TEMPLATE,
  ],
  actions: [
    executeAction('${labels.refresh}', VERBS.refresh, { associatedInputs: 'none' }),
    executeAction('${labels.cancel}', VERBS.cancel, { $when: '${canCancel}', associatedInputs: 'none', style: 'destructive' }),
  ],
});

export function statusCard(state: MoveState, events: readonly MoveEvent[], options: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATE, statusView(state, events, options));
}
