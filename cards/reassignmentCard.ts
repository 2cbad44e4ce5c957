/**
 * Stage reassigning-licenses: the new subscriptions are active and users move from the original licences to
 * the new ones. Shows which licences move, how many users moved (this pass and in total), and the users who
 * need a person so far. The bot works through the users by itself; the card updates as it goes.
 */
import { DEFAULT_APPROVAL_POLICY } from '../move/policy';
import type { MoveState } from '../move/state';
import { z } from 'zod';
import { MOVE_CARD_FRAME, VERBS, deepFreeze, executeAction, expandCard, moveActionContract, plainText } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { STARTED_TEMPLATE, actionData, startedText } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';
import { ATTENTION_TEMPLATE, attentionView, progressText, reassignedLines } from './reassignmentView';
import type { AttentionView } from './reassignmentView';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './i18n/locales';

/** `move.report.download` (Download report): the move action alone; the file goes to the clicker's personal chat. */
export const downloadReportContract = moveActionContract;
export type DownloadReportData = z.infer<typeof downloadReportContract>;

interface ReassignmentCardView {
  act: MoveActionData;
  header: CompactHeaderView;
  progress: string;
  lines: Array<{ text: string }>;
  attention: AttentionView;
  started: string;
}

export function reassignmentCardView(state: MoveState, options: CardOptions = { approvalPolicy: DEFAULT_APPROVAL_POLICY }): ReassignmentCardView {
  const locale = options.locale ?? DEFAULT_LOCALE;
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    progress: progressText(state, locale),
    lines: reassignedLines(state, locale),
    attention: attentionView(state, locale),
    started: startedText(state),
  };
}

/** The card's frame in `locale`. */
const template = (locale: Locale): object => deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    { type: 'TextBlock', text: t(locale, 'reassignment.title'), weight: 'Bolder', spacing: 'Medium', wrap: true },
    { type: 'TextBlock', text: '${progress}', wrap: true },
    { type: 'TextBlock', text: t(locale, 'reassignment.linesTitle'), weight: 'Bolder', spacing: 'Medium', wrap: true },
    plainText('${text}', { $data: '${lines}', spacing: 'Small' }),
    { type: 'TextBlock', wrap: true, isSubtle: true, text: t(locale, 'reassignment.howItWorks') },
    {
      type: 'Container',
      $when: '${attention.hasRows}',
      style: 'warning',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: t(locale, 'reassignment.attentionTitle'), weight: 'Bolder', wrap: true },
        ...ATTENTION_TEMPLATE,
        { type: 'TextBlock', wrap: true, spacing: 'Small', text: t(locale, 'reassignment.attentionHint') },
      ],
    },
    STARTED_TEMPLATE,
  ],
  actions: [
    executeAction(t(locale, 'reassignment.refresh'), VERBS.refresh, { associatedInputs: 'none' }),
    executeAction(t(locale, 'reassignment.downloadReport'), VERBS.downloadReport, { associatedInputs: 'none' }),
  ],
});

/** The card's frame in each language, built once. */
const TEMPLATES: Readonly<Record<Locale, object>> = Object.freeze(Object.fromEntries(LOCALES.map((l) => [l, template(l)])) as Record<Locale, object>);

export function reassignmentCard(state: MoveState, options?: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATES[options?.locale ?? DEFAULT_LOCALE], reassignmentCardView(state, options));
}
