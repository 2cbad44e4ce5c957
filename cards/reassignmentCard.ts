/**
 * Stage reassigning-licenses: the new subscriptions are active and users move from the original licences to
 * the new ones. Shows which licences move, how many users moved (this pass and in total), and the users who
 * need a person so far. The bot works through the users by itself; the card updates as it goes.
 */
import type { MoveState } from '../move/state';
import { MOVE_CARD_FRAME, VERBS, deepFreeze, executeAction, expandCard, plainText } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { HEADER_TEMPLATE, actionData, headerView } from './moveView';
import type { MoveHeaderView } from './moveView';
import { ATTENTION_TEMPLATE, attentionView, progressText, reassignedLines } from './reassignmentView';
import type { AttentionView } from './reassignmentView';

interface ReassignmentCardView {
  act: MoveActionData;
  header: MoveHeaderView;
  progress: string;
  lines: Array<{ text: string }>;
  attention: AttentionView;
}

export function reassignmentCardView(state: MoveState): ReassignmentCardView {
  return {
    act: actionData(state),
    header: headerView(state),
    progress: progressText(state),
    lines: reassignedLines(state),
    attention: attentionView(state),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...HEADER_TEMPLATE,
    { type: 'TextBlock', text: 'Moving users to the new licences', weight: 'Bolder', spacing: 'Medium', wrap: true },
    { type: 'TextBlock', text: '${progress}', wrap: true },
    { type: 'TextBlock', text: 'Licences that move', weight: 'Bolder', spacing: 'Medium', wrap: true },
    plainText('${text}', { $data: '${lines}', spacing: 'Small' }),
    {
      type: 'TextBlock',
      wrap: true,
      isSubtle: true,
      text: 'Each user gets one change that adds the new licence and removes the original in the same step, keeping the plans they had '
        + 'switched off, so nobody is without a licence. Nothing to do meanwhile: the bot works through the users by itself.',
    },
    {
      type: 'Container',
      $when: '${attention.hasRows}',
      style: 'warning',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: 'Users the bot could not move (so far)', weight: 'Bolder', wrap: true },
        ...ATTENTION_TEMPLATE,
        {
          type: 'TextBlock',
          wrap: true,
          spacing: 'Small',
          text: 'They keep their original licence. Fix what each row says in Microsoft Entra; when the pass ends, the card offers to try them again.',
        },
      ],
    },
  ],
  actions: [executeAction('Refresh', VERBS.refresh, { associatedInputs: 'none' })],
});

export function reassignmentCard(state: MoveState): AdaptiveCardJson {
  return expandCard(TEMPLATE, reassignmentCardView(state));
}
