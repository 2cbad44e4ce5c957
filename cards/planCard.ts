/**
 * Stage approval: the decision at a glance. A compact header (customer, stage, waiting on whom), then the plan as a
 * table with prices (planTable.ts), what must stay in sight (blockers, users losing service plans, too few seats,
 * originals about to end), the totals, the overlap paid twice and the undo-by date, then Approve / Reject with a
 * comment and "Change term, seats or dates" (planAdjustForm.ts). Everything else — why these offers, the grouped
 * warnings, excluded licences, the reassignment, who may approve and why, the plan hash — is behind Details.
 * Once decided (approval or rejection set), the same card without inputs or decision buttons.
 */
import { planCost } from '../move/planPricing';
import type { PlanCost } from '../move/planPricing';
import type { MoveState } from '../move/state';
import type { Plan } from '../move/model';
import {
  COMMENT_INPUT_ID, LIMITS, MOVE_CARD_FRAME, VERBS, clippedText, deepFreeze, executeAction, factLine,
  formatLocalDateTime, moveActionContract, multiLine, oneLine, plainText,
} from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import { expandWithinBudget } from './cardBudget';
import type { z } from 'zod';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, LOCALES, type Locale } from './i18n/locales';
import { actionData, actorName, approverText, customerDomain, viewerMay } from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import { approvalRequirement, hasAnyRole, ROLES_THAT_START } from '../move/policy';
import type { CardOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';
import { ADJUST_ACTION_TEMPLATES, adjustView } from './planAdjustForm';
import type { AdjustView } from './planAdjustForm';
import { DETAILS_ID, DETAILS_TEMPLATES, detailsView, rowsOf } from './planDetails';
import type { DetailsView } from './planDetails';
import { groupedWarnings, lineAttention } from './planLines';
import { MONEY_TEMPLATE, TABLE_TEMPLATES, planMoneyView, planRowView } from './planTable';
import type { PlanMoneyView, PlanRowView } from './planTable';

export { shortHash, undoPathText } from './planDetails';

/**
 * How much of the plan a drawing shows: table rows, lines explained in Details, rows of the other lists, lines with
 * inputs to change, and whether untrusted text is clipped short.
 */
interface Fit {
  shown: number;
  full: number;
  rows: number;
  adjustable: number;
  short: boolean;
}

/**
 * Tried in turn until the card fits (Teams refuses messages above about 28 KB: cardBudget.ts). The table and the inputs to change stay longest; the explanations behind Details
 * go first. The last step fits whatever the plan holds.
 */
const FIT_STEPS: readonly Fit[] = deepFreeze([
  { shown: LIMITS.listRows, full: 10, rows: 15, adjustable: 10, short: false },
  { shown: LIMITS.listRows, full: 4, rows: 10, adjustable: 10, short: false },
  { shown: LIMITS.listRows, full: 2, rows: 8, adjustable: 10, short: true },
  { shown: 30, full: 0, rows: 8, adjustable: 10, short: true },
  { shown: 20, full: 0, rows: 5, adjustable: 8, short: true },
  { shown: 20, full: 0, rows: 5, adjustable: 6, short: true },
  { shown: 12, full: 0, rows: 3, adjustable: 4, short: true },
  { shown: 8, full: 0, rows: 3, adjustable: 2, short: true },
]);

interface PlanView {
  act: MoveActionData;
  header: CompactHeaderView;
  planHash: string;
  hasPlan: boolean;
  noPlan: string;
  rows: PlanRowView[];
  hasHiddenRows: boolean;
  hiddenRows: string;
  hasAttention: boolean;
  hasBlockers: boolean;
  blockers: Array<{ text: string }>;
  attention: Array<{ name: string; text: string }>;
  hasUrgent: boolean;
  urgent: Array<{ text: string }>;
  money: PlanMoneyView;
  detailsTitle: string;
  details: DetailsView;
  canDecide: boolean;
  canApprove: boolean;
  canAdjust: boolean;
  adjust: AdjustView;
  hasHint: boolean;
  hint: string;
  isApproved: boolean;
  isRejected: boolean;
  decision: string;
  hasComment: boolean;
  comment: string;
  nextStep: string;
}

/** When the card's costs and dates are worked out: the approval once there is one, else the proposal. */
function drawnAt(state: MoveState): string {
  return state.approval?.at ?? state.proposedAt ?? state.updatedAt ?? state.startedAt ?? '';
}

/** The plan's cost; a line the pricing cannot work out (a term and billing no one sells) is shown without a price. */
function costOf(plan: Plan, at: string): PlanCost {
  try {
    return planCost(plan, at);
  } catch {
    return {
      lines: plan.lines.map((line) => ({
        offers: line.offers.map((offer) => ({ offer, price: null })), monthly: null, term: null, perInvoice: null, overlap: null, source: null,
      })),
      totals: { byCurrency: [], unpricedLines: plan.lines.length },
      overlap: [],
    };
  }
}

export function planView(state: MoveState, options: CardOptions, fit: Fit = FIT_STEPS[0]): PlanView {
  const plan: Plan = state.plan ?? { lines: [], excluded: [], blockers: [], warnings: [], hash: '' };
  const { lines, blockers } = plan;
  const decided = state.approval ?? state.rejection;
  const at = drawnAt(state);
  const cost = costOf(plan, at);
  const { shown, rows, short } = fit;
  const locale = options.locale ?? DEFAULT_LOCALE;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  // Our planner's wording, but it may quote a SKU table problem at length: clipped harder when space is short.
  const textMax = short ? LIMITS.reason : LIMITS.message;
  const warnings = groupedWarnings(plan.warnings, lines, textMax);
  const attention = lines.flatMap((line) => lineAttention(line, short, locale));
  const seatsShort = lines.some((l) => l.quantity < l.source.consumedUnits);
  const decidable = state.stage === 'approval' && !decided && state.plan !== null;
  // Drawn for one person (their click or refresh): only the buttons the decider would let them use.
  const policy = options.approvalPolicy;
  const requirement = approvalRequirement(plan, policy);
  const canDecide = decidable && viewerMay(options, (v) => hasAnyRole(v, policy.approverRoles));
  const canApprove = canDecide && blockers.length === 0 && !seatsShort && viewerMay(options, (v) => hasAnyRole(v, requirement.roles)
    && !(requirement.fourEyes && state.proposer?.id === v.id));
  const mayAdjust = decidable && viewerMay(options, (v) => hasAnyRole(v, [...ROLES_THAT_START, ...policy.approverRoles]));
  const adjust = adjustView(lines, fit.adjustable, locale);
  const comment = multiLine(decided?.comment, LIMITS.comment);
  const dated = lines.some((l) => l.buyOn);
  let decision = '';
  if (state.approval) {
    decision = t(locale, 'plan.approved', { name: actorName(state.approval.by, undefined, locale), at: formatLocalDateTime(state.approval.at, locale, timeZone) });
  } else if (state.rejection) {
    decision = t(locale, 'plan.rejected', { name: actorName(state.rejection.by, undefined, locale), at: formatLocalDateTime(state.rejection.at, locale, timeZone) });
  }
  const warningCount = warnings.other.length;
  return {
    act: actionData(state),
    header: compactHeaderView(state, options, 'decision'),
    planHash: plan.hash,
    hasPlan: state.plan !== null,
    noPlan: t(locale, 'plan.noPlan'),
    rows: lines.slice(0, shown).map((line, i) => planRowView(line, cost.lines[i], at, short, locale)),
    hasHiddenRows: lines.length > shown,
    hiddenRows: t(locale, 'plan.hiddenRows', { n: lines.length - shown }),
    hasAttention: blockers.length > 0 || attention.length > 0,
    hasBlockers: blockers.length > 0,
    blockers: rowsOf(blockers, rows, (b) => `${oneLine(b.skuPartNumber, LIMITS.sku)}: ${oneLine(b.reason, textMax)}`, locale),
    attention: attention.slice(0, rows),
    hasUrgent: warnings.urgent.length > 0,
    urgent: rowsOf(warnings.urgent, rows, (w) => w, locale),
    money: planMoneyView(plan, cost, at, state.approval?.at ?? null, locale),
    detailsTitle: warningCount > 0 ? t(locale, 'plan.detailsWarnings', { n: warningCount }) : t(locale, 'plan.details'),
    details: detailsView(state, options, plan, warnings.other, fit),
    canDecide,
    canApprove,
    canAdjust: mayAdjust && adjust.lines.length > 0,
    adjust,
    hasHint: canDecide && !canApprove,
    hint: blockers.length > 0 ? t(locale, 'plan.blockedHint') : seatsShort ? t(locale, 'plan.seatsHint')
      : t(locale, requirement.fourEyes && state.proposer?.id === options.viewer?.id ? 'plan.fourEyesHint' : 'plan.rolesHint', { who: approverText(state, options) }),
    isApproved: state.approval !== null,
    isRejected: state.rejection !== null,
    decision,
    hasComment: comment !== '',
    comment,
    nextStep: state.approval
      ? t(locale, dated ? 'plan.nextApprovedDated' : 'plan.nextApproved')
      : t(locale, 'plan.nextRejected', { domain: customerDomain(state) }),
  };
}

/** The plan card in `locale`. */
const planTemplate = (locale: Locale) => deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    { type: 'TextBlock', $when: '${!hasPlan}', text: '${noPlan}', wrap: true },
    { ...TABLE_TEMPLATES[locale], $when: '${hasPlan}' },
    { type: 'TextBlock', $when: '${hasHiddenRows}', text: '${hiddenRows}', isSubtle: true, wrap: true },
    {
      type: 'Container',
      $when: '${hasAttention}',
      style: 'attention',
      spacing: 'Small',
      items: [
        { type: 'TextBlock', $when: '${hasBlockers}', text: t(locale, 'plan.blockersTitle'), weight: 'Bolder', wrap: true },
        plainText('${text}', { $data: '${blockers}', spacing: 'Small' }),
        {
          type: 'RichTextBlock',
          $data: '${attention}',
          spacing: 'Small',
          inlines: [
            { type: 'TextRun', text: '${name}: ', weight: 'Bolder' },
            { type: 'TextRun', text: '${text}', weight: 'Bolder' },
          ],
        },
      ],
    },
    {
      type: 'Container',
      $when: '${hasUrgent}',
      style: 'warning',
      spacing: 'Small',
      items: [plainText('${text}', { $data: '${urgent}', spacing: 'None' })],
    },
    { ...MONEY_TEMPLATE, $when: '${hasPlan}' },
    {
      type: 'ActionSet',
      spacing: 'Small',
      actions: [{ type: 'Action.ToggleVisibility', title: '${detailsTitle}', targetElements: [DETAILS_ID] }],
    },
    DETAILS_TEMPLATES[locale],
    {
      type: 'Container',
      $when: '${canDecide}',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', $when: '${hasHint}', text: '${hint}', color: 'Attention', wrap: true },
        { type: 'Input.Text', id: COMMENT_INPUT_ID, label: t(locale, 'plan.comment'), maxLength: LIMITS.comment },
      ],
    },
    {
      type: 'Container',
      $when: '${isApproved}',
      style: 'good',
      spacing: 'Medium',
      items: [
        { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${decision}', weight: 'Bolder' }] },
        factLine(t(locale, 'plan.commentLabel'), '${comment}', { $when: '${hasComment}' }),
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
            { type: 'TextRun', $when: '${!hasComment}', text: t(locale, 'plan.noComment') },
          ],
        },
        plainText('${nextStep}'),
      ],
    },
  ],
  actions: [
    executeAction(t(locale, 'plan.approve'), VERBS.approvePlan, { $when: '${canApprove}', style: 'positive' }, { planHash: '${planHash}' }),
    executeAction(t(locale, 'plan.reject'), VERBS.rejectPlan, { $when: '${canDecide}', style: 'destructive' }, { planHash: '${planHash}' }),
    ADJUST_ACTION_TEMPLATES[locale],
  ],
});

/** The plan card in each language, built once. */
const TEMPLATES = deepFreeze(Object.fromEntries(LOCALES.map((locale) => [locale, planTemplate(locale)])) as Record<Locale, ReturnType<typeof planTemplate>>);

/** The plan card, with as much of the plan as fits in one Teams message. */
export function planCard(state: MoveState, options: CardOptions): AdaptiveCardJson {
  return expandWithinBudget(TEMPLATES[options.locale ?? DEFAULT_LOCALE], FIT_STEPS, (fit) => planView(state, options, fit));
}

/**
 * `move.plan.approve` / `move.plan.reject` (Approve / Reject): the exact plan decided on (its hash,
 * carried by the button) and the optional comment typed in the card's `comment` input. The comment is
 * clipped here; the orchestrator keeps at most LIMITS.comment of it.
 */
export const planDecisionContract = moveActionContract.extend({
  planHash: clippedText(64),
  [COMMENT_INPUT_ID]: clippedText(2000),
});
export type PlanDecisionData = z.infer<typeof planDecisionContract>;
