/**
 * Stage approval: the plan to buy (one row per line), excluded SKUs, blockers, who proposed it and who may
 * approve it, the plan hash, a comment box and Approve / Reject. Once decided (approval or rejection set),
 * the same card without buttons: "Approved by X at T" / "Rejected by X: comment".
 */
import type { BillingCycle, PlanLine, TermDuration } from '../move/model';
import type { MoveState } from '../move/state';
import {
  COMMENT_INPUT_ID, LIMITS, MOVE_CARD_FRAME, VERBS, count, executeAction, expandCard, factLine,
  formatDateTime, multiLine, oneLine, plainText, deepFreeze,
} from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { HEADER_TEMPLATE, actionData, actorName, approverText, customerDomain, headerView } from './moveView';
import type { MoveHeaderView } from './moveView';

const TERMS: Readonly<Record<TermDuration, string>> = deepFreeze({ P1M: '1-month term', P1Y: '1-year term', P3Y: '3-year term' });
const BILLING: Readonly<Record<BillingCycle, string>> = deepFreeze({ monthly: 'billed monthly', annual: 'billed annually', triennial: 'billed every 3 years' });

interface PlanLineView {
  heading: string;
  match: string;
  quantity: string;
  term: string;
  reason: string;
  licences: string;
  hasQuantityProblem: boolean;
  quantityProblem: string;
}

interface PlanView {
  act: MoveActionData;
  header: MoveHeaderView;
  planHash: string;
  hasPlan: boolean;
  summary: string;
  lines: PlanLineView[];
  hasExcluded: boolean;
  excluded: Array<{ text: string }>;
  hasBlockers: boolean;
  blockers: Array<{ text: string }>;
  proposedBy: string;
  approvers: string;
  hashText: string;
  canDecide: boolean;
  canApprove: boolean;
  approveHint: string;
  isApproved: boolean;
  isRejected: boolean;
  decision: string;
  hasComment: boolean;
  comment: string;
  nextStep: string;
}

/** A plan hash for reading: any algorithm prefix dropped, at most 16 characters. */
export function shortHash(hash: string): string {
  return oneLine(hash, LIMITS.id).replace(/^sha\d*[-:]/i, '').slice(0, 16);
}

export function planLineView(line: PlanLine): PlanLineView {
  const sku = oneLine(line.source.skuPartNumber, LIMITS.sku);
  const offerId = `${oneLine(line.offer.productId, 40)}:${oneLine(line.offer.skuId, 20)}`;
  const quantityProblem = line.quantity < line.source.consumedUnits;
  return {
    heading: `${sku} → ${oneLine(line.offer.title, LIMITS.title)} (${offerId})`,
    match: line.match === 'same' ? 'same offer' : oneLine(line.match, 40),
    quantity: `${count(line.quantity, 'licence', 'licences')} (today ${line.source.totalUnits}, ${line.source.consumedUnits} assigned)`,
    term: `${TERMS[line.termDuration] ?? oneLine(line.termDuration, 10)}, ${BILLING[line.billingCycle] ?? oneLine(line.billingCycle, 20)}`,
    reason: oneLine(line.reason, LIMITS.reason) || 'No reason given.',
    licences: line.needsReassignment
      ? 'Licence reassignment needed: users are moved to the new SKU, adding it before removing the old one.'
      : 'No licence reassignment: users keep their licences, nothing changes for them.',
    hasQuantityProblem: quantityProblem,
    quantityProblem: `Error: ${line.quantity} is fewer than the ${line.source.consumedUnits} licences assigned today; users would lose licences. Reject the plan.`,
  };
}

export function planView(state: MoveState): PlanView {
  const plan = state.plan;
  const lines = plan?.lines ?? [];
  const decided = state.approval ?? state.rejection;
  const blockers = plan?.blockers ?? [];
  const quantity = lines.reduce((sum, line) => sum + line.quantity, 0);
  const canDecide = state.stage === 'approval' && !decided && plan !== null;
  const proposer = actorName(state.proposer, 'the person who started the move');
  let decision = '';
  if (state.approval) decision = `Approved by ${actorName(state.approval.by)} at ${formatDateTime(state.approval.at)}.`;
  else if (state.rejection) decision = `Rejected by ${actorName(state.rejection.by)} at ${formatDateTime(state.rejection.at)}`;
  const comment = multiLine(decided?.comment, LIMITS.comment);
  return {
    act: actionData(state),
    header: headerView(state),
    planHash: plan?.hash ?? '',
    hasPlan: plan !== null,
    summary: plan
      ? `${count(lines.length, 'line', 'lines')}, ${count(quantity, 'licence', 'licences')} in total. Same offers and quantities as the customer has today.`
      : 'There is no plan yet. It is drafted as soon as the inventory is read.',
    lines: lines.slice(0, LIMITS.listRows).map(planLineView),
    hasExcluded: (plan?.excluded.length ?? 0) > 0,
    excluded: (plan?.excluded ?? []).slice(0, LIMITS.listRows).map((e) => ({
      text: `${oneLine(e.skuPartNumber, LIMITS.sku)}: ${oneLine(e.reason, LIMITS.reason)}`,
    })),
    hasBlockers: blockers.length > 0,
    blockers: blockers.slice(0, LIMITS.listRows).map((b) => ({
      text: `${oneLine(b.skuPartNumber, LIMITS.sku)}: ${oneLine(b.reason, LIMITS.reason)}`,
    })),
    proposedBy: `${proposer}, who started the move (drafted by the bot on their behalf).`,
    approvers: `${approverText(state)}. The person who proposed a plan cannot approve it.`,
    hashText: plan ? `${shortHash(plan.hash)} (an approval is for exactly this plan)` : 'none',
    canDecide,
    canApprove: canDecide && blockers.length === 0,
    approveHint: blockers.length === 0
      ? 'Approve places the order in Partner Center at once. Reject stops the move; you can add a comment for the proposer first.'
      : 'This plan cannot be approved while it has blockers. Reject it with a comment; the blockers must be resolved in a new move.',
    isApproved: state.approval !== null,
    isRejected: state.rejection !== null,
    decision,
    hasComment: comment !== '',
    comment,
    nextStep: state.approval
      ? 'Next: the bot creates the cart and places the order in Partner Center.'
      : `Next: to try again, start a new move (move ${customerDomain(state)}) so a new plan is drafted.`,
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...HEADER_TEMPLATE,
    { type: 'TextBlock', text: 'Plan to buy in your CSP program', weight: 'Bolder', spacing: 'Medium', wrap: true },
    { type: 'TextBlock', text: '${summary}', wrap: true },
    {
      type: 'Container',
      $data: '${lines}',
      separator: true,
      items: [
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${heading}', weight: 'Bolder' }] },
        factLine('Match', '${match}', { spacing: 'None' }),
        factLine('Quantity', '${quantity}', { spacing: 'None' }),
        factLine('Term', '${term}', { spacing: 'None' }),
        factLine('Why', '${reason}', { spacing: 'None' }),
        factLine('Licences', '${licences}', { spacing: 'None' }),
        { type: 'TextBlock', $when: '${hasQuantityProblem}', text: '${quantityProblem}', color: 'Attention', weight: 'Bolder', wrap: true },
      ],
    },
    {
      type: 'Container',
      $when: '${hasExcluded}',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: 'Not bought (left out on purpose)', weight: 'Bolder', wrap: true },
        plainText('${text}', { $data: '${excluded}', spacing: 'Small' }),
      ],
    },
    {
      type: 'Container',
      $when: '${hasBlockers}',
      style: 'attention',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: 'Blockers: a person must resolve these', weight: 'Bolder', color: 'Attention', wrap: true },
        plainText('${text}', { $data: '${blockers}', spacing: 'Small' }),
      ],
    },
    factLine('Proposed for', '${proposedBy}', { spacing: 'Medium' }),
    factLine('Who can approve', '${approvers}'),
    factLine('Plan hash', '${hashText}'),
    {
      type: 'Container',
      $when: '${canDecide}',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: '${approveHint}', wrap: true },
        {
          type: 'Input.Text',
          id: COMMENT_INPUT_ID,
          label: 'Comment (optional; say what to change if you reject)',
          isMultiline: true,
          maxLength: LIMITS.comment,
          placeholder: 'e.g. The customer wants annual billing.',
        },
      ],
    },
    {
      type: 'Container',
      $when: '${isApproved}',
      style: 'good',
      spacing: 'Medium',
      items: [
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${decision}', weight: 'Bolder' }] },
        factLine('Comment', '${comment}', { $when: '${hasComment}' }),
        plainText('${nextStep}'),
      ],
    },
    {
      type: 'Container',
      $when: '${isRejected}',
      style: 'attention',
      spacing: 'Medium',
      items: [
        {
          type: 'RichTextBlock',
          inlines: [
            { type: 'TextRun', text: '${decision}', weight: 'Bolder' },
            { type: 'TextRun', $when: '${hasComment}', text: ': ', weight: 'Bolder' },
            { type: 'TextRun', $when: '${hasComment}', text: '${comment}' },
            { type: 'TextRun', $when: '${!hasComment}', text: '. No comment was given.' },
          ],
        },
        plainText('${nextStep}'),
      ],
    },
  ],
  actions: [
    executeAction('Approve and order', VERBS.approvePlan, { $when: '${canApprove}', style: 'positive' }, { planHash: '${planHash}' }),
    executeAction('Reject', VERBS.rejectPlan, { $when: '${canDecide}', style: 'destructive' }, { planHash: '${planHash}' }),
  ],
});

export function planCard(state: MoveState): AdaptiveCardJson {
  return expandCard(TEMPLATE, planView(state));
}
