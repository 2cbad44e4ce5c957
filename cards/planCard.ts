/**
 * Stage approval: the plan to buy (see planLines.ts for each line), the plan's warnings, excluded SKUs and
 * blockers, whether licences will be reassigned, the undo path, who proposed it and — from the approval
 * policy the decider enforces — who may approve it and why, the plan hash, a comment box and Approve /
 * Reject. Once decided (approval or rejection set), the same card without buttons.
 */
import { CANCELLATION_WINDOW_DAYS } from '../move/plan';
import { approvalRequirement } from '../move/policy';
import { narrowingText } from './refusalText';
import { describeRoles } from './roleText';
import type { MoveState } from '../move/state';
import {
  COMMENT_INPUT_ID, LIMITS, MOVE_CARD_FRAME, VERBS, capitalize, count, executeAction, expandCard, factLine,
  formatDateTime, multiLine, oneLine, plainText, deepFreeze,
} from './common';
import { clippedText, moveActionContract } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import type { z } from 'zod';
import { HEADER_TEMPLATE, actionData, actorName, approverText, customerDomain, headerView } from './moveView';
import type { CardOptions, MoveHeaderView } from './moveView';
import { PLAN_LINE_TEMPLATE, planLineView, planNames } from './planLines';
import type { PlanLineView } from './planLines';

/** Teams refuses messages above about 28 KB: a long plan is drawn with less in full until it fits. */
const CARD_BUDGET_BYTES = 23_000;

/** How much of the plan a drawing shows: lines in full, lines at all, rows of the other lists. */
interface Fit {
  full: number;
  shown: number;
  rows: number;
}

/** Tried in turn until the card fits; the last one fits whatever the plan holds. */
const FIT_STEPS: readonly Fit[] = deepFreeze([
  { full: 8, shown: LIMITS.listRows, rows: 15 },
  { full: 6, shown: 30, rows: 10 },
  { full: 4, shown: 20, rows: 8 },
  { full: 2, shown: 15, rows: 5 },
  { full: 0, shown: 8, rows: 3 },
]);

/** The first `max` rows of a list, and "and N more" when some are left out. */
function rowsOf<T>(items: readonly T[], max: number, text: (item: T) => string): Array<{ text: string }> {
  const rows = items.slice(0, max).map((item) => ({ text: text(item) }));
  if (items.length > max) rows.push({ text: `and ${items.length - max} more` });
  return rows;
}

interface PlanView {
  act: MoveActionData;
  header: MoveHeaderView;
  planHash: string;
  hasPlan: boolean;
  summary: string;
  hasWarnings: boolean;
  warnings: Array<{ text: string }>;
  lines: PlanLineView[];
  hasShortLines: boolean;
  shortLines: string;
  hasHiddenLines: boolean;
  hiddenLines: string;
  hasExcluded: boolean;
  excluded: Array<{ text: string }>;
  hasBlockers: boolean;
  blockers: Array<{ text: string }>;
  reassignment: string;
  undo: string;
  proposedBy: string;
  approvers: string;
  approvalRule: string;
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

export function undoPathText(): string {
  return `Undo path: the new subscriptions can be cancelled within ${CANCELLATION_WINDOW_DAYS} days of purchase for a prorated refund; `
    + 'after that they run for their full term. The original subscriptions are never cancelled: let them expire.';
}

/** Whether users move to new licences, which lines, and what that means for them. */
function reassignmentText(state: MoveState): string {
  const lines = state.plan?.lines.filter((l) => l.needsReassignment) ?? [];
  if (lines.length === 0) {
    return 'No licence reassignment: every line buys the same offer, so users keep their licences and nothing changes for them.';
  }
  const skus = planNames(lines.map((l) => `${l.source.skuPartNumber} (${l.source.consumedUnits} assigned)`));
  return `Licences will be reassigned for ${skus}. Once the new subscriptions are active, each user of these licences gets one change `
    + 'that adds the new licence and removes the original in the same step, keeping the plans they had switched off. '
    + 'Users licensed through a group or without a usage location are not changed; the card lists them for you to fix. '
    + 'Users of the other lines keep their licences.';
}

/** Who may approve and reject this plan, four-eyes, and why only an Account admin when the policy narrows it. */
function approvalRule(state: MoveState, options: CardOptions): string {
  const policy = options.approvalPolicy;
  const requirement = approvalRequirement(state.plan ?? { lines: [] }, policy);
  const parts = [
    requirement.fourEyes
      ? 'The person the plan is proposed for cannot approve it (four-eyes).'
      : 'Four-eyes is off: the person the plan is proposed for may approve it too.',
  ];
  if (requirement.narrowedBecause.length > 0) parts.push(`Only ${describeRoles(requirement.roles)} can approve it, because ${requirement.narrowedBecause.map(narrowingText).join('; ')}.`);
  const rejecters = describeRoles(policy.approverRoles);
  if (rejecters !== describeRoles(requirement.roles)) parts.push(`${capitalize(rejecters)} can reject it.`);
  return parts.join(' ');
}

export function planView(state: MoveState, options: CardOptions, fit: Fit = FIT_STEPS[0]): PlanView {
  const plan = state.plan;
  const lines = plan?.lines ?? [];
  const decided = state.approval ?? state.rejection;
  const blockers = plan?.blockers ?? [];
  const quantity = lines.reduce((sum, line) => sum + line.quantity, 0);
  const canDecide = state.stage === 'approval' && !decided && plan !== null;
  const proposer = actorName(state.proposer, 'the person who started the move');
  const { full, shown, rows } = fit;
  // Our planner's wording, but it may quote a SKU table problem at length: clipped harder when space is short.
  const textMax = full > 0 ? LIMITS.message : LIMITS.reason;
  const kinds = (['same', 'equivalent', 'chosen'] as const)
    .map((kind) => ({ kind, n: lines.filter((l) => l.match === kind).length }))
    .filter((k) => k.n > 0)
    .map((k) => `${k.n} ${{ same: 'same offer', equivalent: 'equivalent', chosen: 'picked by an Account admin' }[k.kind]}`);
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
      ? `${count(lines.length, 'line', 'lines')}, ${count(quantity, 'licence', 'licences')} in total${kinds.length > 0 ? ` (${kinds.join(', ')})` : ''}.`
      : 'There is no plan yet. It is drafted as soon as the inventory is read.',
    hasWarnings: (plan?.warnings.length ?? 0) > 0,
    warnings: rowsOf(plan?.warnings ?? [], rows, (w) => oneLine(w, textMax)),
    lines: lines.slice(0, shown).map((line, i) => planLineView(line, i < full)),
    hasShortLines: lines.length > full && shown > full,
    shortLines: full > 0
      ? `Lines after the first ${full} are shown in short (offers and quantity) so the card fits in Teams.`
      : 'The lines are shown in short (offers and quantity) so the card fits in Teams.',
    hasHiddenLines: lines.length > shown,
    hiddenLines: `${count(lines.length - shown, 'more line is', 'more lines are')} not shown; the plan hash below covers every line.`,
    hasExcluded: (plan?.excluded.length ?? 0) > 0,
    excluded: rowsOf(plan?.excluded ?? [], rows, (e) => `${oneLine(e.skuPartNumber, LIMITS.sku)}: ${oneLine(e.reason, LIMITS.reason)}`),
    hasBlockers: blockers.length > 0,
    blockers: rowsOf(blockers, rows, (b) => `${oneLine(b.skuPartNumber, LIMITS.sku)}: ${oneLine(b.reason, textMax)}`),
    reassignment: reassignmentText(state),
    undo: undoPathText(),
    proposedBy: `${proposer}, who started the move (drafted by the bot on their behalf).`,
    approvers: `${approverText(state, options)}.`,
    approvalRule: approvalRule(state, options),
    hashText: plan ? `${shortHash(plan.hash)} (an approval is for exactly this plan)` : 'none',
    canDecide,
    canApprove: canDecide && blockers.length === 0,
    approveHint: blockers.length === 0
      ? 'Approve places the order in Partner Center at once. Reject stops the move; you can add a comment for the proposer first.'
      : 'This plan cannot be approved while it has blockers. Reject it with a comment, or let an Account admin pick offers for the licences with no equivalent.',
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
      $when: '${hasWarnings}',
      style: 'warning',
      spacing: 'Small',
      items: [
        { type: 'TextBlock', text: 'Check before approving', weight: 'Bolder', wrap: true },
        plainText('${text}', { $data: '${warnings}', spacing: 'Small' }),
      ],
    },
    PLAN_LINE_TEMPLATE,
    { type: 'TextBlock', $when: '${hasShortLines}', text: '${shortLines}', isSubtle: true, size: 'Small', wrap: true },
    { type: 'TextBlock', $when: '${hasHiddenLines}', text: '${hiddenLines}', isSubtle: true, wrap: true },
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
    plainText('${reassignment}', { $when: '${hasPlan}', spacing: 'Medium' }),
    { type: 'TextBlock', $when: '${hasPlan}', text: '${undo}', wrap: true, isSubtle: true },
    factLine('Proposed for', '${proposedBy}', { spacing: 'Medium' }),
    factLine('Who can approve', '${approvers}'),
    { type: 'RichTextBlock', spacing: 'None', inlines: [{ type: 'TextRun', text: '${approvalRule}', size: 'Small' }] },
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

/** The plan card, with as many lines in full as fit in one Teams message. */
export function planCard(state: MoveState, options: CardOptions): AdaptiveCardJson {
  let card = expandCard(TEMPLATE, planView(state, options));
  for (const fit of FIT_STEPS.slice(1)) {
    if (Buffer.byteLength(JSON.stringify(card)) <= CARD_BUDGET_BYTES) break;
    card = expandCard(TEMPLATE, planView(state, options, fit));
  }
  return card;
}

/**
 * `move.plan.approve` / `move.plan.reject` (Approve and order / Reject): the exact plan decided on (its hash,
 * carried by the button) and the optional comment typed in the card's `comment` input. The comment is
 * clipped here; the orchestrator keeps at most LIMITS.comment of it.
 */
export const planDecisionContract = moveActionContract.extend({
  planHash: clippedText(64),
  [COMMENT_INPUT_ID]: clippedText(2000),
});
export type PlanDecisionData = z.infer<typeof planDecisionContract>;
