/**
 * Stages source-advice and done: what was bought, whether users were moved to new licences (and who was
 * left on an original one), and for each original subscription the advice and its date — let it expire
 * (no refunds on cancelled subscriptions; wait until near the natural expiry) — plus the undo window of the
 * new purchase and the multi-partner note.
 */
import type { SourceAdvice } from '../move/model';
import type { MoveState } from '../move/state';
import {
  LIMITS, MOVE_CARD_FRAME, count, expandCard, factLine, formatDate, formatDateTime, oneLine, plainText, deepFreeze,
} from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { HEADER_TEMPLATE, actionData, actorName, headerView } from './moveView';
import type { MoveHeaderView } from './moveView';
import { newSubscriptionText, undoText } from './provisioningCard';
import { ATTENTION_TEMPLATE, attentionView } from './reassignmentView';
import type { AttentionView } from './reassignmentView';
import { productName, productNameWithPart } from './productNames';

interface AdviceView {
  heading: string;
  expires: string;
  text: string;
}

interface DoneView {
  act: MoveActionData;
  header: MoveHeaderView;
  headline: string;
  summary: string;
  bought: Array<{ text: string }>;
  hasBought: boolean;
  orders: string;
  advice: AdviceView[];
  adviceHint: string;
  undo: string;
  multiPartner: boolean;
  prepaid: Array<{ text: string; color: 'Good' | 'Attention' }>;
  hasPrepaid: boolean;
  hasReassignment: boolean;
  reassignment: string;
  hasLeftBehind: boolean;
  leftBehind: string;
  attention: AttentionView;
}

/** Who moved to the new licences, and who an override left on an original licence (they must be moved by hand). */
function reassignmentSummary(state: MoveState): Pick<DoneView, 'hasReassignment' | 'reassignment' | 'hasLeftBehind' | 'leftBehind' | 'attention'> {
  const { pass, movedTotal } = state.reassignment;
  const attention = attentionView(state);
  const override = state.overrides.filter((o) => o.code === 'reassignment-incomplete').at(-1);
  const left = Object.values(state.reassignment.results).filter((r) => r.outcome !== 'moved').length;
  return {
    hasReassignment: pass > 0,
    reassignment: `Licences reassigned: ${count(movedTotal, 'user', 'users')} moved to the new licences`
      + (pass > 1 ? ` over ${pass} passes.` : '.'),
    hasLeftBehind: left > 0 && override !== undefined,
    leftBehind: override
      ? `${count(left, 'user was', 'users were')} left on the original licence when ${actorName(override.by)} overrode on ${formatDate(override.at)}: `
        + `${oneLine(override.reason, LIMITS.reason)} Move them by hand in Microsoft Entra before the original subscriptions end, or they lose those licences.`
      : '',
    attention,
  };
}

export function adviceView(advice: SourceAdvice, state: Pick<MoveState, 'plan'> = { plan: null }): AdviceView {
  return {
    heading: `${productNameWithPart(state, { skuPartNumber: advice.skuPartNumber })} · ${count(advice.totalLicenses, 'licence', 'licences')} · subscription ${oneLine(advice.subscriptionId, LIMITS.id)}`,
    expires: advice.expires
      ? `Let it expire on ${formatDate(advice.expires)}`
      : 'Expiry date unknown (Graph does not report it): find the end date before letting it expire',
    text: oneLine(advice.text, LIMITS.message),
  };
}

export function doneView(state: MoveState): DoneView {
  const done = state.stage === 'done';
  const subs = state.subscriptions;
  const quantity = subs.reduce((sum, s) => sum + s.quantity, 0);
  return {
    act: actionData(state),
    header: headerView(state),
    headline: done ? 'Move complete' : 'New subscriptions are active',
    summary: `${count(subs.length, 'subscription', 'subscriptions')} with ${count(quantity, 'licence', 'licences')} bought in your CSP program` +
      (state.provisionedAt ? `, provisioned on ${formatDateTime(state.provisionedAt)}.` : '.'),
    bought: subs.slice(0, LIMITS.listRows).map((s) => ({ text: newSubscriptionText(s) })),
    hasBought: subs.length > 0,
    orders: state.orderIds.slice(0, 10).map((id) => oneLine(id, LIMITS.id)).join(', ') || 'none',
    advice: state.advice.slice(0, LIMITS.listRows).map((advice) => adviceView(advice, state)),
    adviceHint: state.advice.length > 0
      ? 'The bot watches them, reminds you two weeks before each date, and closes the move once they have all ended.'
      : 'The advice for each original subscription is being prepared; refresh this card in a moment.',
    undo: undoText(subs),
    multiPartner: state.multiPartner,
    prepaid: state.prepaidCheck.slice(0, LIMITS.listRows).map((c) => ({
      text: `${productName(state, { skuId: c.skuId, skuPartNumber: c.skuPartNumber })}: ${c.before} → ${c.after} licences in the customer's tenant (${c.ordered} ordered)`
        + (c.ok ? '.' : ' — fewer than ordered: check the new subscriptions in Partner Center and the Microsoft 365 admin center.'),
      color: c.ok ? 'Good' : 'Attention',
    })),
    hasPrepaid: state.prepaidCheck.length > 0,
    ...reassignmentSummary(state),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...HEADER_TEMPLATE,
    { type: 'TextBlock', text: '${headline}', weight: 'Bolder', size: 'Medium', color: 'Good', spacing: 'Medium', wrap: true },
    { type: 'TextBlock', text: '${summary}', wrap: true },
    factLine('Orders', '${orders}'),
    plainText('${text}', { $data: '${bought}', spacing: 'Small' }),
    { type: 'TextBlock', $when: '${hasPrepaid}', text: 'Checked in the customer\'s tenant', weight: 'Bolder', spacing: 'Medium', wrap: true },
    { type: 'RichTextBlock', $data: '${prepaid}', spacing: 'Small', inlines: [{ type: 'TextRun', text: '${text}', color: '${color}' }] },
    { type: 'TextBlock', $when: '${hasReassignment}', text: '${reassignment}', wrap: true, spacing: 'Medium' },
    {
      type: 'Container',
      $when: '${hasLeftBehind}',
      style: 'attention',
      spacing: 'Small',
      items: [plainText('${leftBehind}'), ...ATTENTION_TEMPLATE],
    },
    {
      type: 'Container',
      style: 'warning',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: 'Let the original subscriptions expire', weight: 'Bolder', wrap: true },
        {
          type: 'TextBlock',
          wrap: true,
          text: 'Do not cancel them: there are no refunds on cancelled subscriptions. Wait until near each natural expiry date below; ' +
            'the customer keeps working on the new subscriptions meanwhile. ${adviceHint}',
        },
        {
          type: 'Container',
          $data: '${advice}',
          separator: true,
          items: [
            { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${heading}', weight: 'Bolder' }] },
            { type: 'TextBlock', text: '${expires}.', wrap: true, spacing: 'None', weight: 'Bolder' },
            plainText('${text}', { spacing: 'None' }),
          ],
        },
      ],
    },
    { type: 'TextBlock', text: '${undo}', wrap: true, spacing: 'Medium', isSubtle: true },
    {
      type: 'TextBlock',
      $when: '${multiPartner}',
      wrap: true,
      text: 'Multi-partner: the customer keeps its other partner. Only the subscriptions in this plan moved to you.',
    },
  ],
});

export function doneCard(state: MoveState): AdaptiveCardJson {
  return expandCard(TEMPLATE, doneView(state));
}
