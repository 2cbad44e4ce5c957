/**
 * Stage scheduled: the plan is approved and waits for its buy dates. What is bought on which day (each original runs
 * until its own end, so buying just before it avoids paying twice), what was bought already, and Cancel, which
 * stops the purchases still to come.
 */
import type { PlanLine } from '../move/model';
import { linesOf } from '../move/schedule';
import type { MoveState } from '../move/state';
import { MOVE_CARD_FRAME, VERBS, deepFreeze, executeAction, expandCard, factLine, formatDate, formatDateTime, LIMITS, oneLine, plainText } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { readablePartNumber } from './productNames';
import { fill } from './messages';
import { STARTED_TEMPLATE, actionData, actorName, canCancel, startedText } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';
import { DEFAULT_APPROVAL_POLICY } from '../move/policy';

const TEXT = deepFreeze({
  title: 'Approved: buying on the dates below',
  approvalLabel: 'Plan approved by',
  approvedBy: '{name}, {at}',
  notApproved: 'not approved',
  nextPurchase: 'Next purchase: {date}.',
  line: '{quantity} × {offers} (replacing {original})',
  lineEnding: '{quantity} × {offers} (replacing {original}, which ends {date})',
  offerSeparator: ' + ',
  lineSeparator: '; ',
  why: 'Each original subscription runs until its own end and cancelled subscriptions are not refunded, so each line is bought a few days before its original ends: the customer does not pay twice, and the new subscription can still be undone within 7 days of purchase.',
  reminder: 'The approvers are reminded the day before each purchase. Cancel the move to stop the purchases not made yet (what was bought stays bought).',
  bought: 'Bought',
  nextUp: 'Next',
  later: 'Later',
  now: 'at approval',
  refresh: 'Refresh',
  cancel: 'Cancel the move',
});

interface ScheduledView {
  act: MoveActionData;
  header: CompactHeaderView;
  approval: string;
  next: string;
  purchases: Array<{ when: string; what: string; status: string; color: string }>;
  started: string;
  canCancel: boolean;
}

function lineText(line: PlanLine): string {
  return fill(line.source.endsAt ? TEXT.lineEnding : TEXT.line, {
    quantity: line.quantity,
    offers: line.offers.map((o) => oneLine(o.title, LIMITS.title)).join(TEXT.offerSeparator),
    original: oneLine(line.source.displayName || readablePartNumber(line.source.skuPartNumber), LIMITS.title),
    date: formatDate(line.source.endsAt),
  });
}

export function scheduledView(state: MoveState, options: CardOptions = { approvalPolicy: DEFAULT_APPROVAL_POLICY }): ScheduledView {
  const plan = state.plan ?? { lines: [] };
  const next = state.schedule[state.bought];
  return {
    act: actionData(state),
    header: compactHeaderView(state, options, 'decision'),
    approval: state.approval ? fill(TEXT.approvedBy, { name: actorName(state.approval.by), at: formatDateTime(state.approval.at) }) : TEXT.notApproved,
    next: next ? fill(TEXT.nextPurchase, { date: formatDate(next.buyOn, TEXT.now) }) : '',
    purchases: state.schedule.slice(0, LIMITS.listRows).map((purchase) => {
      const status = purchase.round < state.bought ? TEXT.bought : purchase.round === state.bought ? TEXT.nextUp : TEXT.later;
      return {
        when: formatDate(purchase.buyOn, TEXT.now),
        what: linesOf(plan, purchase).map(lineText).join(TEXT.lineSeparator),
        status,
        color: status === TEXT.nextUp ? 'Accent' : 'Default',
      };
    }),
    started: startedText(state),
    canCancel: canCancel(state, options),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    { type: 'TextBlock', text: TEXT.title, weight: 'Bolder', spacing: 'Medium', wrap: true },
    factLine(TEXT.approvalLabel, '${approval}'),
    {
      type: 'ColumnSet',
      $data: '${purchases}',
      spacing: 'Small',
      separator: true,
      columns: [
        { type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: '${when}', weight: 'Bolder', wrap: true }] },
        { type: 'Column', width: 'stretch', items: [plainText('${what}')] },
        { type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: '${status}', color: '${color}', wrap: true }] },
      ],
    },
    { type: 'TextBlock', text: '${next}', wrap: true, spacing: 'Medium', $when: "${next != ''}" },
    { type: 'TextBlock', text: TEXT.why, wrap: true, isSubtle: true, spacing: 'Medium' },
    { type: 'TextBlock', text: TEXT.reminder, wrap: true, isSubtle: true },
    STARTED_TEMPLATE,
  ],
  actions: [
    executeAction(TEXT.refresh, VERBS.refresh, { associatedInputs: 'none' }),
    executeAction(TEXT.cancel, VERBS.cancel, { $when: '${canCancel}', associatedInputs: 'none', style: 'destructive' }),
  ],
});

export function scheduledCard(state: MoveState, options?: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATE, scheduledView(state, options));
}
