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
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE } from './i18n/locales';
import { STARTED_TEMPLATE, actionData, canCancel, startedText, waitingFor } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';

/** Stages whose next step the card names (progress.next.*); the others say the card updates itself. */
const NEXT_STAGES = new Set<Stage>(['intake', 'preflight', 'invitation', 'inventory', 'plan']);
type NextStage = 'intake' | 'preflight' | 'invitation' | 'inventory' | 'plan';

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
  /** The card's own words in the reader's language. */
  words: { latest: string; refresh: string; cancel: string };
}

export function progressView(state: MoveState, options: CardOptions, events: readonly MoveEvent[] = []): ProgressView {
  const locale = options.locale ?? DEFAULT_LOCALE;
  const waiting = waitingFor(state, options);
  const recent = events.slice(-3).map((event) => ({ text: eventText(event, state, options) }));
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    doing: t(locale, 'progress.doing', { what: waiting.what }),
    then: NEXT_STAGES.has(state.stage) ? t(locale, `progress.next.${state.stage as NextStage}`) : t(locale, 'progress.updatesItself'),
    recent,
    hasRecent: recent.length > 0,
    started: startedText(state, options),
    canCancel: canCancel(state, options),
    inventoryForm: inventoryFormView(state, locale),
    words: { latest: t(locale, 'progress.latest'), refresh: t(locale, 'progress.refresh'), cancel: t(locale, 'progress.cancel') },
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
        { type: 'TextBlock', text: '${words.latest}', weight: 'Bolder', wrap: true },
        plainText('${text}', { $data: '${recent}', spacing: 'Small' }),
      ],
    },
    INVENTORY_FORM_TEMPLATE,
    STARTED_TEMPLATE,
  ],
  actions: [
    executeAction('${words.refresh}', VERBS.refresh, { associatedInputs: 'none' }),
    executeAction('${words.cancel}', VERBS.cancel, { $when: '${canCancel}', associatedInputs: 'none', style: 'destructive' }),
  ],
});

export function progressCard(state: MoveState, options: CardOptions, events: readonly MoveEvent[] = []): AdaptiveCardJson {
  return expandCard(TEMPLATE, progressView(state, options, events));
}
