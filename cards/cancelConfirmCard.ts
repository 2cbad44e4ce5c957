/**
 * "Cancel the move?" — the answer to a Cancel button (and to `cancel <customer>`): what cancelling does and does not
 * do at the move's stage, a required reason, then "Cancel the move" (`move.cancel.confirm`, carrying what cancelling
 * meant when the card was drawn) or "Keep the move" (today's card again). Nothing is cancelled until confirmed.
 */
import type { z } from 'zod';
import { cancelConsequences, cancelTermsKey } from '../move/cancellation';
import { DEFAULT_APPROVAL_POLICY } from '../move/policy';
import type { MoveState } from '../move/state';
import {
  LIMITS, MOVE_CARD_FRAME, VERBS, clippedText, deepFreeze, executeAction, expandCard, formatLocalDate, moveActionContract, multiLine, plainText,
} from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, LOCALES, type Locale } from './i18n/locales';
import { actionData, customerDomain } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';
import { undoText } from './provisioningCard';

/** The reason's input id (it arrives in the confirm's data). */
export const CANCEL_REASON_INPUT_ID = 'cancelReason';
/** The reason's limit, as the decider enforces it. */
export const CANCEL_REASON_MAX = 500;

/**
 * `move.cancel.confirm`: the move action, what cancelling meant when the card was drawn (`seen`, the decider's
 * cancelTermsKey) and the reason typed (clipped with room to spare: the decider says when it is too long).
 */
export const cancelConfirmContract = moveActionContract.extend({
  seen: clippedText(100),
  [CANCEL_REASON_INPUT_ID]: clippedText(2000),
});
export type CancelConfirmData = z.infer<typeof cancelConfirmContract>;

interface CancelConfirmView {
  act: MoveActionData;
  seen: string;
  header: CompactHeaderView;
  title: string;
  does: Array<{ text: string }>;
  doesNot: Array<{ text: string }>;
  hasProblem: boolean;
  problem: string;
  reason: string;
}

export interface CancelConfirmInput {
  /** What was wrong with the last confirm (the reason missing or too long), shown above the reason. */
  problem?: string;
  /** The reason as typed, kept when the form comes back. */
  reason?: string;
}

export function cancelConfirmView(state: MoveState, options: CardOptions, input: CancelConfirmInput = {}): CancelConfirmView {
  const facts = cancelConsequences(state);
  const locale = options.locale ?? DEFAULT_LOCALE;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const does = [t(locale, 'cancelConfirm.stops')];
  if (facts.purchasesNotMade.length > 0) {
    const now = t(locale, 'cancelConfirm.now');
    const dates = facts.purchasesNotMade.map((p) => formatLocalDate(p.buyOn, locale, timeZone, now)).join(', ');
    does.push(t(locale, 'cancelConfirm.purchasesNotMade', { dates }));
  }
  if (facts.gdapWithdrawn) does.push(t(locale, 'cancelConfirm.gdapWithdrawn'));
  const doesNot: string[] = [];
  if (facts.ordersPlaced > 0) {
    doesNot.push(t(locale, 'cancelConfirm.nothingRefunded', { n: state.subscriptions.length, undo: undoText(state.subscriptions, locale, timeZone) }));
  } else {
    doesNot.push(t(locale, 'cancelConfirm.nothingBought'));
  }
  if (facts.resellerLinkOut) doesNot.push(t(locale, 'cancelConfirm.resellerLink'));
  if (facts.gdapStays) doesNot.push(t(locale, 'cancelConfirm.gdapStays'));
  doesNot.push(t(locale, 'cancelConfirm.originals'));
  const problem = multiLine(input.problem, LIMITS.message);
  return {
    act: actionData(state),
    seen: cancelTermsKey(state),
    header: compactHeaderView(state, options),
    title: t(locale, 'cancelConfirm.title', { domain: customerDomain(state) }),
    does: does.map((text) => ({ text })),
    doesNot: doesNot.map((text) => ({ text })),
    hasProblem: problem !== '',
    problem,
    reason: multiLine(input.reason, CANCEL_REASON_MAX),
  };
}

/** The card's frame in `locale`. */
const template = (locale: Locale): object => deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    { type: 'TextBlock', text: '${title}', weight: 'Bolder', size: 'Medium', spacing: 'Medium', wrap: true },
    { type: 'TextBlock', text: t(locale, 'cancelConfirm.doesTitle'), weight: 'Bolder', spacing: 'Small', wrap: true },
    plainText('• ${text}', { $data: '${does}', spacing: 'Small' }),
    { type: 'TextBlock', text: t(locale, 'cancelConfirm.doesNotTitle'), weight: 'Bolder', spacing: 'Medium', wrap: true },
    plainText('• ${text}', { $data: '${doesNot}', spacing: 'Small' }),
    {
      type: 'Container',
      $when: '${hasProblem}',
      style: 'attention',
      spacing: 'Medium',
      items: [{
        type: 'RichTextBlock',
        inlines: [{ type: 'TextRun', text: t(locale, 'cancelConfirm.problemIntro'), weight: 'Bolder' }, { type: 'TextRun', text: '${problem}' }],
      }],
    },
    {
      type: 'Input.Text',
      id: CANCEL_REASON_INPUT_ID,
      label: t(locale, 'cancelConfirm.reasonLabel'),
      placeholder: t(locale, 'cancelConfirm.reasonPlaceholder'),
      value: '${reason}',
      isMultiline: true,
      maxLength: CANCEL_REASON_MAX,
      isRequired: true,
      errorMessage: t(locale, 'cancelConfirm.reasonError'),
      spacing: 'Medium',
    },
  ],
  actions: [
    executeAction(t(locale, 'cancelConfirm.confirm'), VERBS.cancelConfirm, { style: 'destructive', associatedInputs: 'auto' }, { seen: '${seen}' }),
    executeAction(t(locale, 'cancelConfirm.keep'), VERBS.refresh, { associatedInputs: 'none' }),
  ],
});

/** The card's frame in each language, built once. */
const TEMPLATES: Readonly<Record<Locale, object>> = Object.freeze(Object.fromEntries(LOCALES.map((l) => [l, template(l)])) as Record<Locale, object>);

/** The confirmation, drawn from the move as it stands (and, when it comes back, the problem and the reason typed). */
export function cancelConfirmCard(state: MoveState, options: CardOptions = { approvalPolicy: DEFAULT_APPROVAL_POLICY }, input?: CancelConfirmInput): AdaptiveCardJson {
  return expandCard(TEMPLATES[options.locale ?? DEFAULT_LOCALE], cancelConfirmView(state, options, input));
}
