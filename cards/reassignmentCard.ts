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

const TEXT = deepFreeze({
  title: 'Moving users to the new licences',
  linesTitle: 'Licences that move',
  howItWorks: 'Each user gets one change that adds the new licence and removes the original in the same step, keeping the plans they had '
    + 'switched off, so nobody is without a licence. Nothing to do meanwhile: the bot works through the users by itself.',
  attentionTitle: 'Users the bot could not move (so far)',
  attentionHint: 'They keep their original licence. Fix what each row says in Microsoft Entra; when the pass ends, the card offers to try them again.',
  refresh: 'Refresh',
  downloadReport: 'Download report (CSV)',
});

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
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    progress: progressText(state),
    lines: reassignedLines(state),
    attention: attentionView(state),
    started: startedText(state),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    { type: 'TextBlock', text: TEXT.title, weight: 'Bolder', spacing: 'Medium', wrap: true },
    { type: 'TextBlock', text: '${progress}', wrap: true },
    { type: 'TextBlock', text: TEXT.linesTitle, weight: 'Bolder', spacing: 'Medium', wrap: true },
    plainText('${text}', { $data: '${lines}', spacing: 'Small' }),
    { type: 'TextBlock', wrap: true, isSubtle: true, text: TEXT.howItWorks },
    {
      type: 'Container',
      $when: '${attention.hasRows}',
      style: 'warning',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: TEXT.attentionTitle, weight: 'Bolder', wrap: true },
        ...ATTENTION_TEMPLATE,
        { type: 'TextBlock', wrap: true, spacing: 'Small', text: TEXT.attentionHint },
      ],
    },
    STARTED_TEMPLATE,
  ],
  actions: [
    executeAction(TEXT.refresh, VERBS.refresh, { associatedInputs: 'none' }),
    executeAction(TEXT.downloadReport, VERBS.downloadReport, { associatedInputs: 'none' }),
  ],
});

export function reassignmentCard(state: MoveState, options?: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATE, reassignmentCardView(state, options));
}
