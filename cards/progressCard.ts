/**
 * Short "working on it" card for the stages the bot runs by itself (intake, pre-flight, invitation,
 * inventory, plan): what it is doing now, what comes next, and the latest events when given. While reading
 * the inventory keeps failing, staff may type it in instead (inventoryForm.ts).
 */
import type { MoveEvent } from '../move/events';
import type { Stage } from '../move/state';
import type { MoveState } from '../move/state';
import { MOVE_CARD_FRAME, VERBS, executeAction, expandCard, factLine, plainText, deepFreeze } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { eventText } from './eventText';
import { INVENTORY_FORM_TEMPLATE, inventoryFormView } from './inventoryForm';
import type { InventoryFormView } from './inventoryForm';
import { HEADER_TEMPLATE, actionData, headerView, canCancel, waitingFor } from './moveView';
import type { CardOptions, MoveHeaderView, WaitingView } from './moveView';

interface ProgressView {
  act: MoveActionData;
  header: MoveHeaderView;
  doing: string;
  then: string;
  waiting: WaitingView;
  recent: Array<{ text: string }>;
  hasRecent: boolean;
  canCancel: boolean;
  inventoryForm: InventoryFormView;
}

const NEXT: Readonly<Partial<Record<Stage, string>>> = deepFreeze({
  intake: 'Next: pre-flight checks (tenant and CSP region).',
  preflight: 'Next: the reseller invitation for the customer, unless the customer is already yours.',
  invitation: 'Next: a card with the invitation link and a message to send to the customer\'s Global Admin.',
  inventory: 'Next: the plan, with the same offers and quantities, for approval.',
  plan: 'Next: the plan card, for approval.',
});

export function progressView(state: MoveState, options: CardOptions, events: readonly MoveEvent[] = []): ProgressView {
  const waiting = waitingFor(state, options);
  const recent = events.slice(-3).map((event) => ({ text: eventText(event, state, options) }));
  return {
    act: actionData(state),
    header: headerView(state),
    doing: `Checking… ${waiting.what}`,
    then: NEXT[state.stage] ?? 'This card updates itself at each step; select Refresh to redraw it now.',
    waiting,
    recent,
    hasRecent: recent.length > 0,
    canCancel: canCancel(state, options),
    inventoryForm: inventoryFormView(state),
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
    INVENTORY_FORM_TEMPLATE,
  ],
  actions: [
    executeAction('Refresh', VERBS.refresh, { associatedInputs: 'none' }),
    executeAction('Cancel the move', VERBS.cancel, { $when: '${canCancel}', associatedInputs: 'none', style: 'destructive' }),
  ],
});

export function progressCard(state: MoveState, options: CardOptions, events: readonly MoveEvent[] = []): AdaptiveCardJson {
  return expandCard(TEMPLATE, progressView(state, options, events));
}
