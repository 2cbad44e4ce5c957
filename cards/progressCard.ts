/**
 * Short "working on it" card for the stages the bot runs by itself (intake, pre-flight, invitation,
 * inventory, plan): what it is doing now, what comes next, and the latest events when given. While reading
 * the inventory keeps failing, staff may type it in instead (inventoryForm.ts).
 */
import type { MoveEvent } from '../move/events';
import type { Stage } from '../move/stages';
import type { MoveState } from '../move/state';
import { MOVE_CARD_FRAME, VERBS, executeAction, expandCard, plainText, deepFreeze } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { eventText } from './eventText';
import { INVENTORY_FORM_TEMPLATE, inventoryFormView } from './inventoryForm';
import type { InventoryFormView } from './inventoryForm';
import { fill } from './messages';
import { STARTED_TEMPLATE, actionData, canCancel, startedText, waitingFor } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';

const TEXT = deepFreeze({
  doing: 'Checking… {what}',
  next: {
    intake: 'Next: pre-flight checks (tenant and CSP region).',
    preflight: 'Next: the reseller invitation for the customer, unless the customer is already yours.',
    invitation: 'Next: a card with the invitation link and a message to send to the customer\'s Global Admin.',
    inventory: 'Next: the plan, with the same offers and quantities, for approval.',
    plan: 'Next: the plan card, for approval.',
  } as Readonly<Partial<Record<Stage, string>>>,
  updatesItself: 'This card updates itself at each step; select Refresh to redraw it now.',
  latest: 'Latest',
  refresh: 'Refresh',
  cancel: 'Cancel the move',
});

interface ProgressView {
  act: MoveActionData;
  header: CompactHeaderView;
  doing: string;
  then: string;
  recent: Array<{ text: string }>;
  hasRecent: boolean;
  started: string;
  canCancel: boolean;
  inventoryForm: InventoryFormView;
}

export function progressView(state: MoveState, options: CardOptions, events: readonly MoveEvent[] = []): ProgressView {
  const waiting = waitingFor(state, options);
  const recent = events.slice(-3).map((event) => ({ text: eventText(event, state, options) }));
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    doing: fill(TEXT.doing, { what: waiting.what }),
    then: TEXT.next[state.stage] ?? TEXT.updatesItself,
    recent,
    hasRecent: recent.length > 0,
    started: startedText(state),
    canCancel: canCancel(state, options),
    inventoryForm: inventoryFormView(state),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    plainText('${doing}', { spacing: 'Medium' }),
    { type: 'TextBlock', text: '${then}', wrap: true, isSubtle: true },
    {
      type: 'Container',
      $when: '${hasRecent}',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: TEXT.latest, weight: 'Bolder', wrap: true },
        plainText('${text}', { $data: '${recent}', spacing: 'Small' }),
      ],
    },
    INVENTORY_FORM_TEMPLATE,
    STARTED_TEMPLATE,
  ],
  actions: [
    executeAction(TEXT.refresh, VERBS.refresh, { associatedInputs: 'none' }),
    executeAction(TEXT.cancel, VERBS.cancel, { $when: '${canCancel}', associatedInputs: 'none', style: 'destructive' }),
  ],
});

export function progressCard(state: MoveState, options: CardOptions, events: readonly MoveEvent[] = []): AdaptiveCardJson {
  return expandCard(TEMPLATE, progressView(state, options, events));
}
