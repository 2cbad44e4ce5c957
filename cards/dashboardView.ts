/**
 * The dashboard's view model (`list`): the moves a filter keeps for one person, grouped by stage with the stage
 * badges of the compact header, each with how long it has waited and on whom; counts per stage; the filters with
 * their counts; the finished moves apart. Words in the message table below.
 */
import type { Actor } from '../move/model';
import { LIST_FILTERS, LISTING_STAGE_ORDER, listMoves, waitedMs, type ListFilter } from '../move/moveListing';
import type { MoveState, Stage } from '../move/state';
import { deepFreeze } from './common';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, type Locale } from './i18n/locales';
import { actionData, waitingFor, type CardOptions } from './moveView';
import { badgeStyle, compactHeaderView, stageBadge, type BadgeStyle } from './compactHeader';

/** One move on the dashboard: who, how long and on whom it waits, its badge (finished moves), and the Open button's data. */
export interface DashboardRowView {
  customer: string;
  detail: string;
  /** The Open button's title, in the reader's language. */
  open: string;
  stage: string;
  stageStyle: BadgeStyle;
  /** The move the Open button opens (as it is then: no version). */
  moveId: string;
}

export interface DashboardGroupView {
  stage: string;
  stageStyle: BadgeStyle;
  count: string;
  rows: DashboardRowView[];
}

export interface DashboardView {
  filter: ListFilter;
  title: string;
  filters: Array<{ title: string; filter: ListFilter; style: 'positive' | 'default' }>;
  isEmpty: boolean;
  empty: string;
  summary: string;
  hasWaitingHint: boolean;
  waitingHint: string;
  counts: Array<{ title: string; value: string }>;
  groups: DashboardGroupView[];
  hasMore: boolean;
  more: string;
  hasFinished: boolean;
  showFinished: string;
  finished: DashboardRowView[];
  hasMoreFinished: boolean;
  moreFinished: string;
}

/** How many moves a drawing shows: running ones (over all groups) and finished ones. */
export interface DashboardFit {
  running: number;
  finished: number;
}

/** At most 30 running moves and 5 finished ones; fewer when long names would push the card past Teams' limit. */
export const DASHBOARD_FITS: readonly DashboardFit[] = deepFreeze([
  { running: 30, finished: 5 },
  { running: 20, finished: 4 },
  { running: 12, finished: 3 },
  { running: 6, finished: 2 },
]);

export interface DashboardData {
  moves: readonly MoveState[];
  filter: ListFilter;
  viewer: Actor;
  now: Date;
}

/** A number for a message: its plural category, and the digits as they have always been written ("1200"). */
function counted(count: number): { count: number; n: string } {
  return { count, n: String(count) };
}

/** "under an hour", "5 hours", "3 days" (in `locale`: "1시간 미만", "5시간", "3일"). */
export function relativeTime(ms: number, locale: Locale = DEFAULT_LOCALE): string {
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 1) return t(locale, 'dashboard.lessThanAnHour');
  if (hours < 48) return t(locale, 'dashboard.hours', counted(hours));
  return t(locale, 'dashboard.days', counted(Math.floor(hours / 24)));
}

export function dashboardView(data: DashboardData, options: CardOptions, fit: DashboardFit = DASHBOARD_FITS[0]): DashboardView {
  const listing = listMoves(data.moves, data.filter, data.viewer, options.approvalPolicy, data.now);
  const drawFor: CardOptions = { ...options, viewer: data.viewer };
  const groups = groupByStage(listing.running);
  const shownPerGroup = shareRows(groups.map((g) => g.moves.length), fit.running);
  const shownRunning = shownPerGroup.reduce((sum, n) => sum + n, 0);
  const finishedShown = listing.finished.slice(0, fit.finished);
  const waitingOnViewer = listing.filterCounts.waiting;
  const locale = options.locale ?? DEFAULT_LOCALE;
  return {
    filter: data.filter,
    title: t(locale, 'dashboard.title', { filter: data.filter }),
    filters: LIST_FILTERS.map((filter) => ({
      title: t(locale, 'dashboard.filterButton', { filter, n: String(listing.filterCounts[filter]) }),
      filter,
      style: filter === data.filter ? 'positive' : 'default',
    })),
    isEmpty: listing.running.length === 0,
    empty: t(locale, 'dashboard.empty', { filter: data.filter }),
    summary: t(locale, 'dashboard.summary', counted(listing.running.length)),
    hasWaitingHint: data.filter !== 'waiting' && waitingOnViewer > 0,
    waitingHint: t(locale, 'dashboard.waitingOnYou', counted(waitingOnViewer)),
    counts: groups.map((g) => ({ title: stageBadge(g.stage), value: String(g.moves.length) })),
    groups: groups.map((g, i) => ({
      stage: stageBadge(g.stage),
      stageStyle: badgeStyle(g.moves[0], waitingFor(g.moves[0], drawFor)),
      count: shownPerGroup[i] < g.moves.length
        ? t(locale, 'dashboard.groupShown', { n: String(g.moves.length), shown: String(shownPerGroup[i]) })
        : t(locale, 'dashboard.group', counted(g.moves.length)),
      rows: g.moves.slice(0, shownPerGroup[i]).map((state) => runningRow(state, drawFor, data.now, locale)),
    })).filter((g) => g.rows.length > 0),
    hasMore: shownRunning < listing.running.length,
    more: t(locale, 'dashboard.more', { n: String(listing.running.length - shownRunning) }),
    hasFinished: listing.finished.length > 0,
    showFinished: t(locale, 'dashboard.showFinished', { n: String(listing.finished.length) }),
    finished: finishedShown.map((state) => finishedRow(state, drawFor, data.now, locale)),
    hasMoreFinished: listing.finished.length > finishedShown.length,
    moreFinished: t(locale, 'dashboard.moreFinished', { n: String(listing.finished.length - finishedShown.length) }),
  };
}

function runningRow(state: MoveState, options: CardOptions, now: Date, locale: Locale): DashboardRowView {
  const header = compactHeaderView(state, options);
  const waiting = waitingFor(state, options);
  const time = relativeTime(waitedMs(state, now), locale);
  const detail = waiting.on !== 'nobody'
    ? t(locale, header.hasFailure ? 'dashboard.waitedForFailed' : 'dashboard.waitedFor', { who: waiting.who, time })
    : t(locale, header.hasFailure ? 'dashboard.inStageForFailed' : 'dashboard.inStageFor', { time });
  return {
    customer: header.customer,
    detail,
    open: t(locale, 'dashboard.open'),
    stage: header.stage,
    stageStyle: header.stageStyle,
    moveId: actionData(state).moveId,
  };
}

function finishedRow(state: MoveState, options: CardOptions, now: Date, locale: Locale): DashboardRowView {
  const header = compactHeaderView(state, options);
  return {
    customer: header.customer,
    detail: t(locale, 'dashboard.finishedAgo', { time: relativeTime(waitedMs(state, now), locale) }),
    open: t(locale, 'dashboard.open'),
    stage: header.stage,
    stageStyle: header.stageStyle,
    moveId: actionData(state).moveId,
  };
}

/** The running moves by stage, in listing order; each group keeps the listing's order (longest wait first). */
function groupByStage(running: readonly MoveState[]): Array<{ stage: Stage; moves: MoveState[] }> {
  const byStage = new Map<Stage, MoveState[]>();
  for (const state of running) {
    const group = byStage.get(state.stage);
    if (group) group.push(state);
    else byStage.set(state.stage, [state]);
  }
  return LISTING_STAGE_ORDER.filter((stage) => byStage.has(stage)).map((stage) => ({ stage, moves: byStage.get(stage)! }));
}

/**
 * How many rows each group shows when at most `cap` are drawn: one at a time to each group in turn, so every
 * stage shows its longest waits rather than the first stages taking all the room.
 */
export function shareRows(sizes: readonly number[], cap: number): number[] {
  const shown = sizes.map(() => 0);
  let left = Math.max(0, cap);
  while (left > 0) {
    let gave = false;
    for (let i = 0; i < sizes.length && left > 0; i++) {
      if (shown[i] < sizes[i]) { shown[i] += 1; left -= 1; gave = true; }
    }
    if (!gave) break;
  }
  return shown;
}
