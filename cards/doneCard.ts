/**
 * Stages source-advice and done: what was bought, whether users were moved to new licences (and who was
 * left on an original one), and for each original subscription the advice and its date — let it expire
 * (no refunds on cancelled subscriptions; wait until near the natural expiry) — plus the undo window of the
 * new purchase, the multi-partner note, and who started the move and where its subscriptions were bought. First of all,
 * the follow-ups people must still do by hand (cards/followUpsView.ts), each with its owner, due date and Done button.
 */
import type { SourceAdvice } from '../move/model';
import { DEFAULT_APPROVAL_POLICY } from '../move/policy';
import type { MoveState } from '../move/state';
import {
  LIMITS, MOVE_CARD_FRAME, expandCard, factLine, formatDate, formatDateTime, oneLine, plainText, deepFreeze,
} from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { fill, plural } from './messages';
import { STARTED_TEMPLATE, actionData, actorName, startedText } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';
import { newSubscriptionText, undoText } from './provisioningCard';
import { ATTENTION_TEMPLATE, attentionView } from './reassignmentView';
import type { AttentionView } from './reassignmentView';
import { productName, productNameWithPart } from './productNames';
import { FOLLOW_UPS_TEMPLATE, followUpsView, type FollowUpsView } from './followUpsView';

const TEXT = deepFreeze({
  reassigned: 'Licences reassigned: {users} moved to the new licences.',
  reassignedPasses: 'Licences reassigned: {users} moved to the new licences over {passes} passes.',
  userOne: '{n} user',
  userMany: '{n} users',
  leftBehindOne: '{n} user was left on the original licence when {name} overrode on {date}: {reason} '
    + 'Move them by hand in Microsoft Entra before the original subscriptions end, or they lose those licences.',
  leftBehindMany: '{n} users were left on the original licence when {name} overrode on {date}: {reason} '
    + 'Move them by hand in Microsoft Entra before the original subscriptions end, or they lose those licences.',
  adviceHeading: '{product} · {licences} · subscription {id}',
  licenceOne: '{n} licence',
  licenceMany: '{n} licences',
  expiresOn: 'Let it expire on {date}.',
  ended: 'Ended (the bot saw it end).',
  expiryUnknown: 'Expiry date unknown (Graph does not report it): find the end date before letting it expire.',
  complete: 'Move complete',
  active: 'New subscriptions are active',
  summary: '{subscriptions} with {licences} bought in your CSP program.',
  summaryProvisioned: '{subscriptions} with {licences} bought in your CSP program, provisioned on {at}.',
  subscriptionOne: '{n} subscription',
  subscriptionMany: '{n} subscriptions',
  noOrders: 'none',
  listSeparator: ', ',
  adviceWatching: 'The bot watches them, reminds you two weeks before each date, and closes the move once they have all ended.',
  advicePending: 'The advice for each original subscription is being prepared; refresh this card in a moment.',
  prepaidOk: "{product}: {before} → {after} licences in the customer's tenant ({ordered} ordered).",
  prepaidShort: "{product}: {before} → {after} licences in the customer's tenant ({ordered} ordered) — fewer than ordered: "
    + 'check the new subscriptions in Partner Center and the Microsoft 365 admin center.',
  ordersLabel: 'Orders',
  checkedTitle: "Checked in the customer's tenant",
  expireTitle: 'Let the original subscriptions expire',
  doNotCancel: 'Do not cancel them: there are no refunds on cancelled subscriptions. Wait until near each natural expiry date below; '
    + 'the customer keeps working on the new subscriptions meanwhile. {hint}',
  multiPartner: 'Multi-partner: the customer keeps its other partner. Only the subscriptions in this plan moved to you.',
});

interface AdviceView {
  heading: string;
  expires: string;
  text: string;
}

interface DoneView {
  act: MoveActionData;
  header: CompactHeaderView;
  headline: string;
  summary: string;
  bought: Array<{ text: string }>;
  hasBought: boolean;
  orders: string;
  advice: AdviceView[];
  doNotCancel: string;
  undo: string;
  multiPartner: boolean;
  prepaid: Array<{ text: string; color: 'Default' | 'Attention' }>;
  hasPrepaid: boolean;
  hasReassignment: boolean;
  reassignment: string;
  hasLeftBehind: boolean;
  leftBehind: string;
  attention: AttentionView;
  followUps: FollowUpsView;
  started: string;
}

/** Who moved to the new licences, and who an override left on an original licence (they must be moved by hand). */
function reassignmentSummary(state: MoveState): Pick<DoneView, 'hasReassignment' | 'reassignment' | 'hasLeftBehind' | 'leftBehind' | 'attention'> {
  const { pass, movedTotal } = state.reassignment;
  const attention = attentionView(state);
  const override = state.overrides.filter((o) => o.code === 'reassignment-incomplete').at(-1);
  const left = Object.values(state.reassignment.results).filter((r) => r.outcome !== 'moved').length;
  return {
    hasReassignment: pass > 0,
    reassignment: fill(pass > 1 ? TEXT.reassignedPasses : TEXT.reassigned, { users: plural(TEXT.userOne, TEXT.userMany, movedTotal), passes: pass }),
    hasLeftBehind: left > 0 && override !== undefined,
    leftBehind: override
      ? plural(TEXT.leftBehindOne, TEXT.leftBehindMany, left, {
        name: actorName(override.by), date: formatDate(override.at), reason: oneLine(override.reason, LIMITS.reason),
      })
      : '',
    attention,
  };
}

export function adviceView(advice: SourceAdvice, state: Pick<MoveState, 'plan' | 'sourcesEnded'> = { plan: null, sourcesEnded: [] }): AdviceView {
  const ended = state.sourcesEnded.includes(advice.subscriptionId);
  return {
    heading: fill(TEXT.adviceHeading, {
      product: productNameWithPart(state, { skuPartNumber: advice.skuPartNumber }),
      licences: plural(TEXT.licenceOne, TEXT.licenceMany, advice.totalLicenses),
      id: oneLine(advice.subscriptionId, LIMITS.id),
    }),
    expires: ended ? TEXT.ended : advice.expires ? fill(TEXT.expiresOn, { date: formatDate(advice.expires) }) : TEXT.expiryUnknown,
    text: oneLine(advice.text, LIMITS.message),
  };
}

export function doneView(state: MoveState, options: CardOptions = { approvalPolicy: DEFAULT_APPROVAL_POLICY }): DoneView {
  const subs = state.subscriptions;
  const quantity = subs.reduce((sum, s) => sum + s.quantity, 0);
  const bought = {
    subscriptions: plural(TEXT.subscriptionOne, TEXT.subscriptionMany, subs.length),
    licences: plural(TEXT.licenceOne, TEXT.licenceMany, quantity),
  };
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    headline: state.stage === 'done' ? TEXT.complete : TEXT.active,
    summary: state.provisionedAt
      ? fill(TEXT.summaryProvisioned, { ...bought, at: formatDateTime(state.provisionedAt) })
      : fill(TEXT.summary, bought),
    bought: subs.slice(0, LIMITS.listRows).map((s) => ({ text: newSubscriptionText(s) })),
    hasBought: subs.length > 0,
    orders: state.orderIds.slice(0, 10).map((id) => oneLine(id, LIMITS.id)).join(TEXT.listSeparator) || TEXT.noOrders,
    advice: state.advice.slice(0, LIMITS.listRows).map((advice) => adviceView(advice, state)),
    doNotCancel: fill(TEXT.doNotCancel, { hint: state.advice.length > 0 ? TEXT.adviceWatching : TEXT.advicePending }),
    undo: undoText(subs),
    multiPartner: state.multiPartner,
    prepaid: state.prepaidCheck.slice(0, LIMITS.listRows).map((c) => ({
      text: fill(c.ok ? TEXT.prepaidOk : TEXT.prepaidShort, {
        product: productName(state, { skuId: c.skuId, skuPartNumber: c.skuPartNumber }), before: c.before, after: c.after, ordered: c.ordered,
      }),
      color: c.ok ? 'Default' : 'Attention',
    })),
    hasPrepaid: state.prepaidCheck.length > 0,
    ...reassignmentSummary(state),
    followUps: followUpsView(state, options),
    started: startedText(state),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    { type: 'TextBlock', text: '${headline}', weight: 'Bolder', size: 'Medium', spacing: 'Medium', wrap: true },
    { type: 'TextBlock', text: '${summary}', wrap: true },
    // What people must still do comes before the account of what was done.
    ...FOLLOW_UPS_TEMPLATE,
    factLine(TEXT.ordersLabel, '${orders}', { spacing: 'Medium' }),
    plainText('${text}', { $data: '${bought}', spacing: 'Small' }),
    { type: 'TextBlock', $when: '${hasPrepaid}', text: TEXT.checkedTitle, weight: 'Bolder', spacing: 'Medium', wrap: true },
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
        { type: 'TextBlock', text: TEXT.expireTitle, weight: 'Bolder', wrap: true },
        { type: 'TextBlock', wrap: true, text: '${doNotCancel}' },
        {
          type: 'Container',
          $data: '${advice}',
          separator: true,
          items: [
            { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${heading}', weight: 'Bolder' }] },
            { type: 'TextBlock', text: '${expires}', wrap: true, spacing: 'None', weight: 'Bolder' },
            plainText('${text}', { spacing: 'None' }),
          ],
        },
      ],
    },
    { type: 'TextBlock', text: '${undo}', wrap: true, spacing: 'Medium', isSubtle: true },
    { type: 'TextBlock', $when: '${multiPartner}', wrap: true, text: TEXT.multiPartner },
    STARTED_TEMPLATE,
  ],
});

export function doneCard(state: MoveState, options?: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATE, doneView(state, options));
}
