/**
 * What the plan card keeps behind Details (a hidden container the Details button shows): the plan in one sentence,
 * the warnings grouped one per kind, each line's offers with their ids, the original's end and term and why these
 * offers, the licences left out, the reassignment, the undo path, who started the move, who may approve and why,
 * and the plan hash.
 */
import type { Plan } from '../move/model';
import { CANCELLATION_WINDOW_DAYS } from '../move/plan';
import { approvalRequirement } from '../move/policy';
import type { MoveState } from '../move/state';
import { LIMITS, capitalize, deepFreeze, factLine, formatLocalDateTime, oneLine, plainText } from './common';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, LOCALES, type Locale } from './i18n/locales';
import { actorName, approverText } from './moveView';
import type { CardOptions } from './moveView';
import { LINE_DETAIL_TEMPLATES, lineDetailView, planNames } from './planLines';
import type { LineDetailView } from './planLines';
import { narrowingText } from './refusalText';
import { describeRoles } from './roleText';

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
export function rowsOf<T>(items: readonly T[], max: number, text: (item: T) => string, locale: Locale = DEFAULT_LOCALE): Array<{ text: string }> {
  const rows = items.slice(0, max).map((item) => ({ text: text(item) }));
  if (items.length > max) rows.push({ text: t(locale, 'planDetails.moreRows', { n: items.length - max }) });
  return rows;
}

/** A plan hash for reading: any algorithm prefix dropped, at most 16 characters. */
export function shortHash(hash: string): string {
  return oneLine(hash, LIMITS.id).replace(/^sha\d*[-:]/i, '').slice(0, 16);
}

export function undoPathText(locale: Locale = DEFAULT_LOCALE): string {
  return t(locale, 'planDetails.undoPath', { days: CANCELLATION_WINDOW_DAYS });
}

/** Whether users move to new licences, which lines, and what that means for them. */
function reassignmentText(plan: Plan, locale: Locale): string {
  const lines = plan.lines.filter((l) => l.needsReassignment);
  if (lines.length === 0) return t(locale, 'planDetails.noReassignment');
  const skus = lines.map((l) => t(locale, 'planDetails.reassignedSku', { sku: oneLine(l.source.skuPartNumber, LIMITS.sku), n: l.source.consumedUnits }));
  return t(locale, 'planDetails.reassignment', { skus: planNames(skus, undefined, locale) });
}

/** Who may approve and reject this plan, four-eyes, and why only an Account admin when the policy narrows it. */
function approvalRule(state: MoveState, options: CardOptions, locale: Locale): string {
  const policy = options.approvalPolicy;
  const requirement = approvalRequirement(state.plan ?? { lines: [] }, policy);
  const parts = [t(locale, requirement.fourEyes ? 'planDetails.fourEyesOn' : 'planDetails.fourEyesOff')];
  if (requirement.narrowedBecause.length > 0) {
    parts.push(t(locale, 'planDetails.narrowed', {
      roles: describeRoles(requirement.roles, locale), why: requirement.narrowedBecause.map((reason) => narrowingText(reason, locale)).join('; '),
    }));
  }
  const rejecters = describeRoles(policy.approverRoles, locale);
  if (rejecters !== describeRoles(requirement.roles, locale)) parts.push(t(locale, 'planDetails.rejecters', { roles: capitalize(rejecters) }));
  return parts.join(' ');
}

function summaryText(plan: Plan, locale: Locale): string {
  const lines = plan.lines;
  const kinds = (['same', 'equivalent', 'chosen'] as const)
    .map((kind) => ({ kind, n: lines.filter((l) => l.match === kind).length }))
    .filter((k) => k.n > 0)
    .map((k) => t(locale, `planDetails.kind.${k.kind}`, { n: k.n }));
  const counts = { lines: lines.length, licences: lines.reduce((sum, l) => sum + l.quantity, 0) };
  return kinds.length > 0
    ? t(locale, 'planDetails.summaryWithKinds', { ...counts, kinds: kinds.join(', ') })
    : t(locale, 'planDetails.summary', counts);
}

/** How much Details holds: lines explained in full, rows of the other lists. */
export interface DetailsFit {
  full: number;
  rows: number;
}

export function detailsView(state: MoveState, options: CardOptions, plan: Plan, warnings: readonly string[], fit: DetailsFit): DetailsView {
  const { full, rows } = fit;
  const locale = options.locale ?? DEFAULT_LOCALE;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  const started = state.startedBy
    ? `${actorName(state.startedBy, undefined, locale)}, ${formatLocalDateTime(state.startedAt, locale, timeZone)}`
    : t(locale, 'planDetails.notStarted');
  return {
    summary: summaryText(plan, locale),
    hasWarnings: warnings.length > 0,
    warnings: rowsOf(warnings, rows, (w) => w, locale),
    lines: plan.lines.slice(0, full).map((line) => lineDetailView(line, locale)),
    hasShortLines: plan.lines.length > full,
    shortLines: full > 0 ? t(locale, 'planDetails.shortLinesSome', { n: full }) : t(locale, 'planDetails.shortLinesNone'),
    hasExcluded: plan.excluded.length > 0,
    excluded: rowsOf(plan.excluded, rows, (e) => `${oneLine(e.skuPartNumber, LIMITS.sku)}: ${oneLine(e.reason, LIMITS.reason)}`, locale),
    reassignment: reassignmentText(plan, locale),
    undo: undoPathText(locale),
    started,
    source: t(locale, `planDetails.source.${state.source}`),
    proposedBy: t(locale, 'planDetails.proposedBy', { name: actorName(state.proposer, t(locale, 'planDetails.proposerMissing'), locale) }),
    approvers: `${approverText(state, options)}.`,
    approvalRule: approvalRule(state, options, locale),
    hashText: state.plan ? t(locale, 'planDetails.hash', { hash: shortHash(plan.hash) }) : t(locale, 'planDetails.noHash'),
  };
}

/** The hidden Details container in `locale`; expects `hasPlan` and `details` (DetailsView) in the view model. */
const detailsTemplate = (locale: Locale) => deepFreeze({
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
        { type: 'TextBlock', text: t(locale, 'planDetails.warningsTitle'), weight: 'Bolder', wrap: true },
        plainText('${text}', { $data: '${details.warnings}', spacing: 'Small' }),
      ],
    },
    { ...LINE_DETAIL_TEMPLATES[locale], $data: '${details.lines}' },
    { type: 'TextBlock', $when: '${details.hasShortLines}', text: '${details.shortLines}', isSubtle: true, size: 'Small', wrap: true },
    {
      type: 'Container',
      $when: '${details.hasExcluded}',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: t(locale, 'planDetails.excludedTitle'), weight: 'Bolder', wrap: true },
        plainText('${text}', { $data: '${details.excluded}', spacing: 'Small' }),
      ],
    },
    plainText('${details.reassignment}', { $when: '${hasPlan}', spacing: 'Medium' }),
    plainText('${details.undo}', { $when: '${hasPlan}' }),
    factLine(t(locale, 'planDetails.label.started'), '${details.started}', { spacing: 'Medium' }),
    factLine(t(locale, 'planDetails.label.source'), '${details.source}', { spacing: 'None' }),
    factLine(t(locale, 'planDetails.label.proposedFor'), '${details.proposedBy}', { spacing: 'None' }),
    factLine(t(locale, 'planDetails.label.approvers'), '${details.approvers}', { spacing: 'None' }),
    { type: 'RichTextBlock', spacing: 'None', inlines: [{ type: 'TextRun', text: '${details.approvalRule}', size: 'Small' }] },
    factLine(t(locale, 'planDetails.label.hash'), '${details.hashText}', { spacing: 'None' }),
  ],
});

/** The Details container in each language, built once. */
export const DETAILS_TEMPLATES = deepFreeze(
  Object.fromEntries(LOCALES.map((locale) => [locale, detailsTemplate(locale)])) as Record<Locale, ReturnType<typeof detailsTemplate>>,
);

/** The Details container in English. */
export const DETAILS_TEMPLATE = DETAILS_TEMPLATES.en;
