/**
 * What the plan card keeps behind Details (a hidden container the Details button shows): the plan in one sentence,
 * the warnings grouped one per kind, each line's offers with their ids, the original's end and term and why these
 * offers, the licences left out, the reassignment, the undo path, who started the move, who may approve and why,
 * and the plan hash.
 */
import { SOURCE_CHANNEL_LABELS } from '../move/model';
import type { Plan } from '../move/model';
import { CANCELLATION_WINDOW_DAYS } from '../move/plan';
import { approvalRequirement } from '../move/policy';
import type { MoveState } from '../move/state';
import { LIMITS, capitalize, deepFreeze, factLine, formatDateTime, oneLine, plainText } from './common';
import { fill, plural } from './messages';
import { actorName, approverText } from './moveView';
import type { CardOptions } from './moveView';
import { LINE_DETAIL_TEMPLATE, lineDetailView, planNames } from './planLines';
import type { LineDetailView } from './planLines';
import { narrowingText } from './refusalText';
import { describeRoles } from './roleText';

const TEXT = deepFreeze({
  summary: '{lines}, {licences} in total{kinds}.',
  kindsList: ' ({kinds})',
  kindCount: '{n} {kind}',
  excluded: '{sku}: {reason}',
  lineOne: '{n} line',
  lineMany: '{n} lines',
  licenceOne: '{n} licence',
  licenceMany: '{n} licences',
  kinds: { same: 'same offer', equivalent: 'equivalent', chosen: 'picked by an Account admin' } as Record<string, string>,
  warningsTitle: 'Check before approving',
  shortLinesSome: 'Why and the offer ids are shown for the first {n} lines only, so the card fits in Teams.',
  shortLinesNone: 'Why and the offer ids are left out so the card fits in Teams.',
  excludedTitle: 'Not bought (left out on purpose)',
  moreRows: 'and {n} more',
  noReassignment: 'No licence reassignment: every line buys the same offer, so users keep their licences and nothing changes for them.',
  reassignment: 'Licences will be reassigned for {skus}. Once the new subscriptions are active, each user of these licences gets one change '
    + 'that adds the new licence and removes the original in the same step, keeping the plans they had switched off. '
    + 'Users licensed through a group or without a usage location are not changed; the card lists them for you to fix. '
    + 'Users of the other lines keep their licences.',
  reassignedSku: '{sku} ({n} assigned)',
  undoPath: 'Undo path: the new subscriptions can be cancelled within {days} days of purchase for a prorated refund; '
    + 'after that they run for their full term. The original subscriptions are never cancelled: let them expire.',
  labels: { started: 'Started by', source: 'Subscriptions', proposedFor: 'Proposed for', approvers: 'Who can approve', hash: 'Plan hash' },
  notStarted: 'not started yet',
  startedBy: '{name}, {at}',
  proposedBy: '{name}, who started the move (drafted by the bot on their behalf).',
  proposerMissing: 'the person who started the move',
  approvers: '{approvers}.',
  fourEyesOn: 'The person the plan is proposed for cannot approve it (four-eyes).',
  fourEyesOff: 'Four-eyes is off: the person the plan is proposed for may approve it too.',
  narrowed: 'Only {roles} can approve it, because {why}.',
  rejecters: '{roles} can reject it.',
  hash: '{hash} (an approval is for exactly this plan)',
  noHash: 'none',
});

/** Id of the container Details shows and hides. */
export const DETAILS_ID = 'planDetails';

export interface DetailsView {
  summary: string;
  hasWarnings: boolean;
  warnings: Array<{ text: string }>;
  lines: LineDetailView[];
  hasShortLines: boolean;
  shortLines: string;
  hasExcluded: boolean;
  excluded: Array<{ text: string }>;
  reassignment: string;
  undo: string;
  started: string;
  source: string;
  proposedBy: string;
  approvers: string;
  approvalRule: string;
  hashText: string;
}

/** The first `max` rows of a list, and "and N more" when some are left out. */
export function rowsOf<T>(items: readonly T[], max: number, text: (item: T) => string): Array<{ text: string }> {
  const rows = items.slice(0, max).map((item) => ({ text: text(item) }));
  if (items.length > max) rows.push({ text: fill(TEXT.moreRows, { n: items.length - max }) });
  return rows;
}

/** A plan hash for reading: any algorithm prefix dropped, at most 16 characters. */
export function shortHash(hash: string): string {
  return oneLine(hash, LIMITS.id).replace(/^sha\d*[-:]/i, '').slice(0, 16);
}

export function undoPathText(): string {
  return fill(TEXT.undoPath, { days: CANCELLATION_WINDOW_DAYS });
}

/** Whether users move to new licences, which lines, and what that means for them. */
function reassignmentText(plan: Plan): string {
  const lines = plan.lines.filter((l) => l.needsReassignment);
  if (lines.length === 0) return TEXT.noReassignment;
  return fill(TEXT.reassignment, {
    skus: planNames(lines.map((l) => fill(TEXT.reassignedSku, { sku: oneLine(l.source.skuPartNumber, LIMITS.sku), n: l.source.consumedUnits }))),
  });
}

/** Who may approve and reject this plan, four-eyes, and why only an Account admin when the policy narrows it. */
function approvalRule(state: MoveState, options: CardOptions): string {
  const policy = options.approvalPolicy;
  const requirement = approvalRequirement(state.plan ?? { lines: [] }, policy);
  const parts = [requirement.fourEyes ? TEXT.fourEyesOn : TEXT.fourEyesOff];
  if (requirement.narrowedBecause.length > 0) {
    parts.push(fill(TEXT.narrowed, { roles: describeRoles(requirement.roles), why: requirement.narrowedBecause.map(narrowingText).join('; ') }));
  }
  const rejecters = describeRoles(policy.approverRoles);
  if (rejecters !== describeRoles(requirement.roles)) parts.push(fill(TEXT.rejecters, { roles: capitalize(rejecters) }));
  return parts.join(' ');
}

function summaryText(plan: Plan): string {
  const lines = plan.lines;
  const kinds = (['same', 'equivalent', 'chosen'] as const)
    .map((kind) => ({ kind, n: lines.filter((l) => l.match === kind).length }))
    .filter((k) => k.n > 0)
    .map((k) => fill(TEXT.kindCount, { n: k.n, kind: TEXT.kinds[k.kind] }));
  return fill(TEXT.summary, {
    lines: plural(TEXT.lineOne, TEXT.lineMany, lines.length),
    licences: plural(TEXT.licenceOne, TEXT.licenceMany, lines.reduce((sum, l) => sum + l.quantity, 0)),
    kinds: kinds.length > 0 ? fill(TEXT.kindsList, { kinds: kinds.join(', ') }) : '',
  });
}

/** How much Details holds: lines explained in full, rows of the other lists. */
export interface DetailsFit {
  full: number;
  rows: number;
}

export function detailsView(state: MoveState, options: CardOptions, plan: Plan, warnings: readonly string[], fit: DetailsFit): DetailsView {
  const { full, rows } = fit;
  return {
    summary: summaryText(plan),
    hasWarnings: warnings.length > 0,
    warnings: rowsOf(warnings, rows, (w) => w),
    lines: plan.lines.slice(0, full).map(lineDetailView),
    hasShortLines: plan.lines.length > full,
    shortLines: full > 0 ? fill(TEXT.shortLinesSome, { n: full }) : TEXT.shortLinesNone,
    hasExcluded: plan.excluded.length > 0,
    excluded: rowsOf(plan.excluded, rows, (e) => fill(TEXT.excluded, { sku: oneLine(e.skuPartNumber, LIMITS.sku), reason: oneLine(e.reason, LIMITS.reason) })),
    reassignment: reassignmentText(plan),
    undo: undoPathText(),
    started: state.startedBy ? fill(TEXT.startedBy, { name: actorName(state.startedBy), at: formatDateTime(state.startedAt) }) : TEXT.notStarted,
    source: capitalize(SOURCE_CHANNEL_LABELS[state.source]),
    proposedBy: fill(TEXT.proposedBy, { name: actorName(state.proposer, TEXT.proposerMissing) }),
    approvers: fill(TEXT.approvers, { approvers: approverText(state, options) }),
    approvalRule: approvalRule(state, options),
    hashText: state.plan ? fill(TEXT.hash, { hash: shortHash(plan.hash) }) : TEXT.noHash,
  };
}

/** The hidden Details container; expects `hasPlan` and `details` (DetailsView) in the view model. */
export const DETAILS_TEMPLATE = deepFreeze({
  type: 'Container',
  id: DETAILS_ID,
  isVisible: false,
  separator: true,
  spacing: 'Small',
  items: [
    plainText('${details.summary}', { $when: '${hasPlan}' }),
    {
      type: 'Container',
      $when: '${details.hasWarnings}',
      style: 'warning',
      spacing: 'Small',
      items: [
        { type: 'TextBlock', text: TEXT.warningsTitle, weight: 'Bolder', wrap: true },
        plainText('${text}', { $data: '${details.warnings}', spacing: 'Small' }),
      ],
    },
    { ...LINE_DETAIL_TEMPLATE, $data: '${details.lines}' },
    { type: 'TextBlock', $when: '${details.hasShortLines}', text: '${details.shortLines}', isSubtle: true, size: 'Small', wrap: true },
    {
      type: 'Container',
      $when: '${details.hasExcluded}',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: TEXT.excludedTitle, weight: 'Bolder', wrap: true },
        plainText('${text}', { $data: '${details.excluded}', spacing: 'Small' }),
      ],
    },
    plainText('${details.reassignment}', { $when: '${hasPlan}', spacing: 'Medium' }),
    plainText('${details.undo}', { $when: '${hasPlan}' }),
    factLine(TEXT.labels.started, '${details.started}', { spacing: 'Medium' }),
    factLine(TEXT.labels.source, '${details.source}', { spacing: 'None' }),
    factLine(TEXT.labels.proposedFor, '${details.proposedBy}', { spacing: 'None' }),
    factLine(TEXT.labels.approvers, '${details.approvers}', { spacing: 'None' }),
    { type: 'RichTextBlock', spacing: 'None', inlines: [{ type: 'TextRun', text: '${details.approvalRule}', size: 'Small' }] },
    factLine(TEXT.labels.hash, '${details.hashText}', { spacing: 'None' }),
  ],
});
