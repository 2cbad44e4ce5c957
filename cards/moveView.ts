/**
 * View-model pieces every move card shares: the header (customer, stage, who started it and when), the
 * last failure, what the move waits for and on whom, and the action data. Plus the header's template.
 */
import { SOURCE_CHANNEL_LABELS } from '../move/model';
import type { Actor } from '../move/model';
import { approvalRequirement, DEFAULT_APPROVAL_POLICY, hasAnyRole, ROLES_THAT_CANCEL_ANY, ROLES_THAT_START, type ApprovalPolicy } from '../move/policy';
import { describeRoles } from './roleText';
import { FINAL_STAGES, STAGE_LABELS } from '../move/state';
import type { MoveState } from '../move/state';
import { linesOf } from '../move/schedule';
import {
  LIMITS, capitalize, deepFreeze, domainText, factLine, formatDate, formatDateTime, oneLine, plainText,
} from './common';
import type { MoveActionData } from './common';
import { fill } from './messages';

/**
 * What the composition root tells the cards. The approval policy is the one the decider enforces, so a
 * card never names approvers the decider would refuse.
 */
export interface CardOptions {
  approvalPolicy: ApprovalPolicy;
  /** How the bot can email the invitation; absent = it cannot (the card says what to set up). */
  invitationMail?: InvitationMailOptions;
  /**
   * The person the card is drawn for — the answer to their click or refresh, which Teams shows to them alone — so
   * it offers only the buttons the decider would let them use. Absent: the copy posted for everyone, whose buttons
   * the decider checks when pressed.
   */
  viewer?: Actor | null;
}

/** Whether the card's viewer may do it (always, on a copy drawn for everyone). */
export function viewerMay(options: CardOptions | undefined, allowed: (viewer: Actor) => boolean): boolean {
  return !options?.viewer || allowed(options.viewer);
}

/** Where the bot's invitation email leaves from (bot/app.ts: MAIL_SENDER_MAILBOX and Teams SSO). */
export interface InvitationMailOptions {
  /** Teams SSO with on-behalf-of: staff send from their own mailbox, signed in at the click. */
  asSignedInUser: boolean;
  /** The configured mailbox (MAIL_SENDER_MAILBOX) for everyone else; null when none is set. */
  mailbox: string | null;
}

/** Whether the bot has a mailbox to send the invitation from at all. */
export function canEmailInvitation(mail: InvitationMailOptions | undefined): boolean {
  return Boolean(mail && (mail.asSignedInUser || mail.mailbox));
}

/** The defaults, for edges built without a policy of their own (bot/app.ts passes the configured one). */
export const DEFAULT_CARD_OPTIONS: CardOptions = deepFreeze({ approvalPolicy: DEFAULT_APPROVAL_POLICY });

export interface FailureView {
  step: string;
  error: string;
  next: string;
}

export interface MoveHeaderView {
  title: string;
  customer: string;
  stage: string;
  started: string;
  source: string;
  hasFailure: boolean;
  failure: FailureView;
}

export interface WaitingView {
  what: string;
  who: string;
}

/** The customer's domain for display (char-filtered: safe anywhere). */
export function customerDomain(state: MoveState): string {
  return domainText(state.customerDomain);
}

/** "Contoso Ltd (contoso.onmicrosoft.com)" once the company name is known, else the domain. */
export function customerLabel(state: MoveState): string {
  const domain = customerDomain(state);
  const company = oneLine(state.companyName, LIMITS.title);
  return company ? `${company} (${domain})` : domain;
}

export function actorName(actor: Actor | null | undefined, whenMissing = 'someone'): string {
  return oneLine(actor?.name, LIMITS.name) || whenMissing;
}

export function actionData(state: MoveState): MoveActionData {
  return { moveId: oneLine(state.moveId, LIMITS.id), version: state.version };
}

export function isFinal(state: MoveState): boolean {
  return FINAL_STAGES.has(state.stage);
}

/**
 * Whether a Cancel button makes sense: not final, and not once the order is being placed (the decider refuses);
 * for a viewer, only the move's starter or those who may cancel any move.
 */
export function canCancel(state: MoveState, options?: CardOptions): boolean {
  const mayCancel = viewerMay(options, (viewer) => state.startedBy?.id === viewer.id || hasAnyRole(viewer, ROLES_THAT_CANCEL_ANY));
  if (state.stage === 'scheduled') return mayCancel;
  return mayCancel && !isFinal(state) && state.stage !== 'provisioning' && state.stage !== 'reassigning-licenses'
    && state.stage !== 'source-advice' && state.provisionedAt === null;
}

/** Who may approve this move's plan under the policy, naming the person who cannot (four-eyes). */
export function approverText(state: MoveState, options: CardOptions): string {
  const requirement = approvalRequirement(state.plan ?? { lines: [] }, options.approvalPolicy);
  const roles = describeRoles(requirement.roles);
  return requirement.fourEyes && state.proposer ? `${roles} other than ${actorName(state.proposer)}` : roles;
}

export function failureView(state: MoveState): FailureView | null {
  const failure = state.lastFailure;
  if (!failure) return null;
  const attempt = failure.attempts > 1 ? ` (failed ${failure.attempts} times, last at ${formatDateTime(failure.at)})` : ` (at ${formatDateTime(failure.at)})`;
  return {
    step: oneLine(failure.step, LIMITS.title) + attempt,
    error: oneLine(failure.error, LIMITS.error) || 'No error text was given.',
    next: failure.retryable
      ? 'Retrying automatically. Nothing to do unless it keeps failing; then check the error above.'
      : 'This step will not be retried automatically. Fix the cause named above, then send "retry" to the bot, or cancel the move.',
  };
}

export function headerView(state: MoveState): MoveHeaderView {
  const failure = failureView(state);
  const started = state.startedBy
    ? `${actorName(state.startedBy)}, ${formatDateTime(state.startedAt)}`
    : 'not started yet';
  return {
    title: `Customer move: ${customerDomain(state)}`,
    customer: customerLabel(state),
    stage: STAGE_LABELS[state.stage],
    started,
    source: capitalize(SOURCE_CHANNEL_LABELS[state.source]),
    hasFailure: failure !== null,
    failure: failure ?? { step: '', error: '', next: '' },
  };
}

/** What the move is waiting for, and on whom, in words. */
export function waitingFor(state: MoveState, options: CardOptions): WaitingView {
  const bot = 'the bot (nothing to do)';
  const customer = customerLabel(state);
  switch (state.stage) {
    case 'intake':
      return { what: 'The intake details (customer domain, country, source).', who: actorName(state.startedBy, 'the person starting the move') };
    case 'preflight':
      return { what: 'Pre-flight checks: finding the customer tenant and checking it is in your CSP region.', who: bot };
    case 'invitation':
      return { what: 'Getting the reseller invitation link from Partner Center.', who: bot };
    case 'awaiting-acceptance':
      return {
        what: state.invitation?.gdapLink
          ? `A Global Admin of ${customer} to accept the reseller invitation and approve the delegated admin (GDAP) request.`
          : `A Global Admin of ${customer} to accept the reseller invitation.`,
        who: `the customer's Global Admin (send them the invitation message)`,
      };
    case 'inventory':
      return { what: `Reading the licences ${customer} has today.`, who: bot };
    case 'plan':
      return { what: 'Drafting the plan: the same CSP offers and quantities as today.', who: bot };
    case 'approval':
      return { what: 'Approval of the plan.', who: approverText(state, options) };
    case 'scheduled': {
      const next = state.schedule[state.bought];
      return {
        what: `The buy date: the bot orders ${next ? linesOf(state.plan ?? { lines: [] }, next).map((l) => l.offers.map((o) => o.title).join(' + ')).join(', ') : 'the next purchase'} on ${formatDate(next?.buyOn)} (the approvers are reminded the day before).`,
        who: 'no one (the bot buys on the date; cancel the move to stop it)',
      };
    }
    case 'provisioning':
      return { what: 'Partner Center to place the order and provision the new subscriptions.', who: bot };
    case 'reassigning-licenses':
      return { what: 'Moving users from the original licences to the new ones (each user gets the new licence before the old is removed).', who: bot };
    case 'watching-sources':
      return { what: 'The original subscriptions to end on their dates (let them expire; the bot reminds before each date).', who: 'no one (the bot watches)' };
    case 'source-advice':
      return { what: 'Advice on the original subscriptions (let them expire).', who: bot };
    case 'done':
      return { what: 'Nothing: the move is complete. Let the original subscriptions expire on their dates.', who: 'no one' };
    case 'blocked':
      return blockedWaiting(state);
    case 'rejected':
      return { what: 'Nothing: the plan was rejected. Start a new move to draft a new plan.', who: 'no one' };
    case 'cancelled':
      return { what: 'Nothing: the move was cancelled.', who: 'no one' };
    case 'timed-out':
      return { what: 'Nothing: the invitation expired unanswered. Start a new move for a fresh invitation.', who: 'no one' };
  }
}

/** A blocked move waits for the person who can resolve its blocker, or for no one when it is a rule. */
function blockedWaiting(state: MoveState): WaitingView {
  const reason = state.blocked?.reason;
  const domain = customerDomain(state);
  switch (reason?.code) {
    case 'plan-has-no-offer':
      return { what: 'Offers picked by hand for the licences with no equivalent (on the blocked card).', who: 'an Account admin' };
    case 'no-customer-access':
      return state.blocked?.fromStage === 'inventory'
        ? { what: `Access to the customer's tenant (the GDAP request approved), or the inventory typed in on the card.`, who: `the customer's Global Admin, or ${describeRoles(ROLES_THAT_START)}` }
        : { what: `Access to the customer's tenant, then an override (override ${domain} (your reason)).`, who: 'an Account admin' };
    case 'reassignment-incomplete':
      return { what: `The users listed on the card fixed in Microsoft Entra, then "retry ${domain}"; or an override to go on without them.`, who: `${describeRoles(ROLES_THAT_START)} (retry), an Account admin (override)` };
    case 'region-mismatch':
      if (reason.detectedBy === 'tenant-metadata') return { what: `An override, if the tenant's country is in your CSP region (override ${domain} (your reason)).`, who: 'an Account admin' };
      break;
    default:
      break;
  }
  return { what: 'Nothing: the move is blocked. See the reason and start a new move once it is resolved.', who: 'no one' };
}

const COMPACT_HEADER_TEXT = Object.freeze({
  approved: 'Approved',
  rejected: 'Rejected',
  waitingOn: 'Waiting on {who}',
  stepFailed: 'Step failed',
  error: 'Error',
});

/** The one-glance header: the customer, the stage as a badge, and on whom the move waits (none when on no one). */
export interface CompactHeaderView {
  customer: string;
  stage: string;
  /** A container style for the badge: warning while a person must act, good/attention once decided, else accent. */
  stageStyle: string;
  hasWaiting: boolean;
  waiting: string;
  hasFailure: boolean;
  failure: FailureView;
}

/** The compact header of a card about a decision (the plan card): who, which stage, waiting on whom. */
export function compactHeaderView(state: MoveState, options: CardOptions): CompactHeaderView {
  const failure = failureView(state);
  const who = waitingFor(state, options).who;
  const decided = state.approval ? COMPACT_HEADER_TEXT.approved : state.rejection ? COMPACT_HEADER_TEXT.rejected : null;
  return {
    customer: customerLabel(state),
    stage: decided ?? STAGE_LABELS[state.stage],
    stageStyle: state.approval ? 'good' : state.rejection ? 'attention' : state.stage === 'approval' ? 'warning' : 'accent',
    hasWaiting: !decided && !/^no one\b/.test(who),
    waiting: fill(COMPACT_HEADER_TEXT.waitingOn, { who }),
    hasFailure: failure !== null,
    failure: failure ?? { step: '', error: '', next: '' },
  };
}

/**
 * One row: the customer and, under it, on whom the move waits; the stage as a badge beside them. Plus the failure box
 * when a step failed. Expects `header` (CompactHeaderView) in the view model; spread it into a template's `body`.
 */
export const COMPACT_HEADER_TEMPLATE: readonly object[] = deepFreeze([
  {
    type: 'ColumnSet',
    columns: [
      {
        type: 'Column',
        width: 'stretch',
        verticalContentAlignment: 'Center',
        items: [
          { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${header.customer}', size: 'Medium', weight: 'Bolder' }] },
          { type: 'RichTextBlock', $when: '${header.hasWaiting}', spacing: 'None', inlines: [{ type: 'TextRun', text: '${header.waiting}' }] },
        ],
      },
      {
        type: 'Column',
        width: 'auto',
        style: '${header.stageStyle}',
        verticalContentAlignment: 'Center',
        items: [{ type: 'TextBlock', text: '${header.stage}', size: 'Small', weight: 'Bolder', wrap: true }],
      },
    ],
  },
  {
    type: 'Container',
    $when: '${header.hasFailure}',
    style: 'attention',
    spacing: 'Small',
    items: [
      factLine(COMPACT_HEADER_TEXT.stepFailed, '${header.failure.step}', { spacing: 'None' }),
      factLine(COMPACT_HEADER_TEXT.error, '${header.failure.error}'),
      plainText('${header.failure.next}'),
    ],
  },
]);

/**
 * The header every move card starts with. Expects `header` (MoveHeaderView) in the view model.
 * Spread it into a template's `body`.
 */
export const HEADER_TEMPLATE: readonly object[] = deepFreeze([
  { type: 'RichTextBlock', inlines: [{ type: 'TextRun', text: '${header.title}', size: 'Medium', weight: 'Bolder' }] },
  factLine('Customer', '${header.customer}'),
  factLine('Stage', '${header.stage}'),
  factLine('Subscriptions', '${header.source}'),
  factLine('Started by', '${header.started}'),
  {
    type: 'Container',
    $when: '${header.hasFailure}',
    style: 'attention',
    spacing: 'Medium',
    items: [
      factLine('Step failed', '${header.failure.step}', { spacing: 'None' }),
      factLine('Error', '${header.failure.error}'),
      plainText('${header.failure.next}'),
    ],
  },
]);
