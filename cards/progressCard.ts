/**
 * Short "working on it" card for the stages the bot runs by itself (intake, pre-flight, invitation,
 * inventory, plan): what it is doing now, what comes next, and the latest events when given.
 */
import type { MoveEvent } from '../move/events';
import type { Stage } from '../move/state';
import type { MoveState } from '../move/state';
import { MOVE_CARD_FRAME, VERBS, executeAction, expandCard, factLine, plainText, deepFreeze } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { eventText } from './eventText';
import { HEADER_TEMPLATE, actionData, headerView, canCancel, waitingFor } from './moveView';
import type { MoveHeaderView, WaitingView } from './moveView';

interface ProgressView {
  act: MoveActionData;
  header: MoveHeaderView;
  doing: string;
  then: string;
  waiting: WaitingView;
  recent: Array<{ text: string }>;
  hasRecent: boolean;
  canCancel: boolean;
}

const NEXT: Readonly<Partial<Record<Stage, string>>> = deepFreeze({
  intake: 'Next: pre-flight checks (tenant and CSP region).',
  preflight: 'Next: the reseller invitation for the customer, unless the customer is already yours.',
  invitation: 'Next: a card with the invitation link and a message to send to the customer\'s Global Admin.',
  inventory: 'Next: the plan, with the same offers and quantities, for approval.',
  plan: 'Next: the plan card for an Account admin or a Billing agent to approve.',
});

export function progressView(state: MoveState, events: readonly MoveEvent[] = []): ProgressView {
  const waiting = waitingFor(state);
  const recent = events.slice(-3).map((event) => ({ text: eventText(event, state) }));
  return {
    act: actionData(state),
    header: headerView(state),
    doing: `Checking… ${waiting.what}`,
    then: NEXT[state.stage] ?? 'This card updates itself at each step; select Refresh to redraw it now.',
    waiting,
    recent,
    hasRecent: recent.length > 0,
    canCancel: canCancel(state),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...HEADER_TEMPLATE,
    plainText('${doing}', { spacing: 'Medium' }),
    { type: 'TextBlock', text: '${then}', wrap: true, isSubtle: true },
    factLine('On whom', '${waiting.who}'),
    {
      type: 'Container',
      $when: '${hasRecent}',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: 'Latest', weight: 'Bolder', wrap: true },
        plainText('${text}', { $data: '${recent}', spacing: 'Small' }),
      ],
    },
  ],
  actions: [
    executeAction('Refresh', VERBS.refresh, { associatedInputs: 'none' }),
    executeAction('Cancel the move', VERBS.cancel, { $when: '${canCancel}', associatedInputs: 'none', style: 'destructive' }),
  ],
});

export function progressCard(state: MoveState, events: readonly MoveEvent[] = []): AdaptiveCardJson {
  return expandCard(TEMPLATE, progressView(state, events));
}
