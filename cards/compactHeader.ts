/**
 * The compact header every move card opens with: the customer, the stage as a coloured badge, and on whom the move
 * waits, plus the failure box when a step failed. Also the badge words and styles the dashboard reuses.
 */
import type { MoveState } from '../move/state';
import type { Stage } from '../move/stages';
import { deepFreeze, factLine, plainText } from './common';
import { customerLabel, failureView, waitingFor, type CardOptions, type FailureView, type WaitingView } from './moveView';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, type Locale } from './i18n/locales';

/** Stages whose badge has words of its own (header.badge.*): their name (stages.*) is a sentence too long for a badge. */
const SHORT_BADGES = new Set<Stage>(['awaiting-acceptance', 'scheduled', 'source-advice', 'watching-sources']);

/** The one-glance header: the customer, the stage as a badge, and on whom the move waits (none when on no one). */
export interface CompactHeaderView {
  customer: string;
  stage: string;
  /** The badge's container style (badgeStyle): a colour every Teams theme (light, dark, high contrast) draws. */
  stageStyle: BadgeStyle;
  hasWaiting: boolean;
  waiting: string;
  hasFailure: boolean;
  failure: FailureView;
  /** The failure box's labels, in the reader's language. */
  labels: { stepFailed: string; error: string };
}

/** Container styles of the Teams host config: each theme gives them a background its default text reads on. */
export type BadgeStyle = 'good' | 'attention' | 'warning' | 'accent';

/** Stages that end the move without what it was for: they show in the attention colour. */
const ATTENTION_STAGES: ReadonlySet<Stage> = new Set<Stage>(['blocked', 'rejected', 'cancelled', 'timed-out']);

/** Stages at which the move's purpose is met or agreed: done, and approved waiting for the buy date. */
const GOOD_STAGES: ReadonlySet<Stage> = new Set<Stage>(['done', 'scheduled']);

/**
 * The badge's style: good once done or approved, attention once blocked, rejected, cancelled or expired, warning while
 * a person must act, accent while the bot works or nothing is left to wait for.
 */
export function badgeStyle(state: MoveState, waiting: WaitingView): BadgeStyle {
  if (ATTENTION_STAGES.has(state.stage)) return 'attention';
  if (GOOD_STAGES.has(state.stage)) return 'good';
  return waiting.on === 'person' ? 'warning' : 'accent';
}

/** The stage in the badge's words: short, the stage's name where that is short already. */
export function stageBadge(stage: Stage, locale: Locale = DEFAULT_LOCALE): string {
  return SHORT_BADGES.has(stage) ? t(locale, `header.badge.${stage as BadgeStage}`) : stageName(stage, locale);
}

type BadgeStage = 'awaiting-acceptance' | 'scheduled' | 'source-advice' | 'watching-sources';

/** The stage's name in the reader's language ("Waiting for approval"); move/stages.ts STAGE_LABELS in English. */
export function stageName(stage: Stage, locale: Locale = DEFAULT_LOCALE): string {
  return t(locale, `stages.${stage}`);
}

/**
 * What the badge names: the move's stage, or — on a card about the plan decision (the plan and scheduled cards) —
 * the decision once made (Approved, Rejected), which the card keeps showing while the move goes on.
 */
export type HeaderFocus = 'stage' | 'decision';

/** The compact header of a move card: who, which stage (or decision), waiting on whom. */
export function compactHeaderView(state: MoveState, options: CardOptions, focus: HeaderFocus = 'stage'): CompactHeaderView {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const failure = failureView(state, options);
  const waiting = waitingFor(state, options);
  const decision = focus !== 'decision' ? null
    : state.approval ? { stage: t(locale, 'header.approved'), style: 'good' as const }
      : state.rejection ? { stage: t(locale, 'header.rejected'), style: 'attention' as const } : null;
  return {
    customer: customerLabel(state),
    stage: decision?.stage ?? stageBadge(state.stage, locale),
    stageStyle: decision?.style ?? badgeStyle(state, waiting),
    hasWaiting: !decision && waiting.on !== 'nobody',
    waiting: t(locale, 'header.waitingOn', { who: waiting.who }),
    hasFailure: failure !== null,
    failure: failure ?? { step: '', error: '', next: '' },
    labels: { stepFailed: t(locale, 'header.stepFailed'), error: t(locale, 'header.error') },
  };
}

/**
 * One row: the customer and, under it, on whom the move waits; the stage as a badge beside them. Plus the failure box
 * when a step failed. Expects `header` (CompactHeaderView) in the view model; spread it into a template's `body`.
 * Its words come from the view model, so it draws in the header's language.
 * The badge is a styled column with default text: each Teams theme draws the style's background so its text reads.
 */
export const COMPACT_HEADER_TEMPLATE: readonly object[] = deepFreeze([
  {
    type: 'ColumnSet',
    columns: [
      {
        type: 'Column',
        width: 'stretch',
        verticalContentAlignment: 'Center',
        items: [
          { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${header.customer}', size: 'Medium', weight: 'Bolder' }] },
          { type: 'RichTextBlock', $when: '${header.hasWaiting}', spacing: 'None', inlines: [{ type: 'TextRun', text: '${header.waiting}' }] },
        ],
      },
      {
        type: 'Column',
        width: 'auto',
        style: '${header.stageStyle}',
        verticalContentAlignment: 'Center',
        items: [{ type: 'TextBlock', text: '${header.stage}', size: 'Small', weight: 'Bolder', wrap: true }],
      },
    ],
  },
  {
    type: 'Container',
    $when: '${header.hasFailure}',
    style: 'attention',
    spacing: 'Small',
    items: [
      factLine('${header.labels.stepFailed}', '${header.failure.step}', { spacing: 'None' }),
      factLine('${header.labels.error}', '${header.failure.error}'),
      plainText('${header.failure.next}'),
    ],
  },
]);
