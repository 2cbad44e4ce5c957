/**
 * View-model pieces every move card shares: the last failure, what the move waits for and on whom, who started it and
 * where its subscriptions come from, and the action data. Plus the template of the "Started by" line. The compact
 * header built from them is in compactHeader.ts.
 */
import { SOURCE_CHANNEL_LABELS } from '../move/model';
import type { Actor } from '../move/model';
import { approvalRequirement, DEFAULT_APPROVAL_POLICY, hasAnyRole, ROLES_THAT_CANCEL_ANY, ROLES_THAT_START, type ApprovalPolicy } from '../move/policy';
import { describeRoles } from './roleText';
import { FINAL_STAGES } from '../move/stages';
import type { MoveState } from '../move/state';
import { linesOf } from '../move/schedule';
import { LIMITS, deepFreeze, domainText, formatDate, formatDateTime, oneLine } from './common';
import type { MoveActionData } from './common';
import { followUpsWaiting } from './followUpsView';
import { fill, plural } from './messages';
import type { Locale } from './i18n/locales';

const TEXT = deepFreeze({
  customerWithCompany: '{company} ({domain})',
  someone: 'someone',
  approversOtherThan: '{roles} other than {name}',
  or: 'or',
  orOneOther: 'or {n} other',
  orOthers: 'or {n} others',
  failedOnce: ' (at {at})',
  failedMany: ' (failed {n} times, last at {at})',
  noErrorText: 'No error text was given.',
  retrying: 'Retrying automatically. Nothing to do unless it keeps failing; then check the error above.',
  notRetrying: 'This step will not be retried automatically. Fix the cause named above, then send "retry" to the bot, or cancel the move.',
  startedBy: 'Started by {name}, {at} · {source}',
  notStarted: 'Not started yet · {source}',
  waiting: {
    bot: 'the bot (nothing to do)',
    noOne: 'no one',
    starterMissing: 'the person starting the move',
    intake: 'The intake details (customer domain, country, source).',
    preflight: 'Pre-flight checks: finding the customer tenant and checking it is in your CSP region.',
    invitation: 'Getting the reseller invitation link from Partner Center.',
    acceptanceWithGdap: 'A Global Admin of {customer} to accept the reseller invitation and approve the delegated admin (GDAP) request.',
    acceptance: 'A Global Admin of {customer} to accept the reseller invitation.',
    acceptanceWho: "the customer's Global Admin (send them the invitation message)",
    inventory: 'Reading the licences {customer} has today.',
    plan: 'Drafting the plan: the same CSP offers and quantities as today.',
    approval: 'Approval of the plan.',
    scheduled: 'The buy date: the bot orders {what} on {date} (the approvers are reminded the day before).',
    scheduledNothing: 'the next purchase',
    offerSeparator: ' + ',
    lineSeparator: ', ',
    scheduledWho: 'no one (the bot buys on the date; cancel the move to stop it)',
    provisioning: 'Partner Center to place the order and provision the new subscriptions.',
    reassigning: 'Moving users from the original licences to the new ones (each user gets the new licence before the old is removed).',
    watching: 'The original subscriptions to end on their dates (let them expire; the bot reminds before each date).',
    watchingWho: 'no one (the bot watches)',
    sourceAdvice: 'Advice on the original subscriptions (let them expire).',
    done: 'Nothing: the move is complete. Let the original subscriptions expire on their dates.',
    rejected: 'Nothing: the plan was rejected. Start a new move to draft a new plan.',
    cancelled: 'Nothing: the move was cancelled.',
    timedOut: 'Nothing: the invitation expired unanswered. Start a new move for a fresh invitation.',
    blocked: 'Nothing: the move is blocked. See the reason and start a new move once it is resolved.',
    accountAdmin: 'an Account admin',
    pickOffers: 'Offers picked by hand for the licences with no equivalent (on the blocked card).',
    accessOrInventory: "Access to the customer's tenant (the GDAP request approved), or the inventory typed in on the card.",
    accessOrInventoryWho: "the customer's Global Admin, or {roles}",
    accessThenOverride: "Access to the customer's tenant, then an override (override {domain} (your reason)).",
    fixUsers: 'The users listed on the card fixed in Microsoft Entra, then "retry {domain}"; or an override to go on without them.',
    fixUsersWho: '{roles} (retry), an Account admin (override)',
    regionOverride: "An override, if the tenant's country is in your CSP region (override {domain} (your reason)).",
  },
});

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
  /** The domain's clock, for what is overdue (the follow-ups); absent: nothing is drawn overdue. */
  now?: () => Date;
  /**
   * The people who may approve the move's plan now (four-eyes applied), by name, from the partner's directory:
   * "Waiting on Adele Vance or Alex Wilber" rather than the roles. Absent or empty: the roles are named.
   */
  approverNames?: readonly string[];
  /**
   * The language to draw the card in (cards/i18n): the viewer's for an answer to one person (bot/viewerLocale.ts),
   * DEFAULT_LOCALE for a copy posted for everyone. Absent: English.
   */
  locale?: Locale;
  /** The IANA time zone dates and times are shown in (the viewer's, from Teams). Absent: UTC. */
  timeZone?: string;
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

/** On whom a move waits: a person must act, the bot works by itself, or nothing is left to wait for. */
export type WaitingOn = 'person' | 'bot' | 'nobody';

export interface WaitingView {
  what: string;
  who: string;
  on: WaitingOn;
}

/** The customer's domain for display (char-filtered: safe anywhere). */
export function customerDomain(state: MoveState): string {
  return domainText(state.customerDomain);
}

/** "Contoso Ltd (contoso.onmicrosoft.com)" once the company name is known, else the domain. */
export function customerLabel(state: MoveState): string {
  const domain = customerDomain(state);
  const company = oneLine(state.companyName, LIMITS.title);
  return company ? fill(TEXT.customerWithCompany, { company, domain }) : domain;
}

export function actorName(actor: Actor | null | undefined, whenMissing = TEXT.someone): string {
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
  const names = (options.approverNames ?? []).map((name) => oneLine(name, LIMITS.name)).filter(Boolean);
  if (names.length > 0) return namesText(names);
  const roles = describeRoles(requirement.roles);
  return requirement.fourEyes && state.proposer ? fill(TEXT.approversOtherThan, { roles, name: actorName(state.proposer) }) : roles;
}

/** "Adele Vance", "Adele Vance or Alex Wilber", "Adele Vance, Alex Wilber or Megan Bowen" (at most 4, then "or N others"). */
export function namesText(names: readonly string[]): string {
  const shown = names.slice(0, 4);
  const others = names.length - shown.length;
  if (others > 0) return `${shown.join(', ')} ${plural(TEXT.orOneOther, TEXT.orOthers, others)}`;
  return shown.length > 1 ? `${shown.slice(0, -1).join(', ')} ${TEXT.or} ${shown[shown.length - 1]}` : shown[0] ?? '';
}

export function failureView(state: MoveState): FailureView | null {
  const failure = state.lastFailure;
  if (!failure) return null;
  const attempt = fill(failure.attempts > 1 ? TEXT.failedMany : TEXT.failedOnce, { n: failure.attempts, at: formatDateTime(failure.at) });
  return {
    step: oneLine(failure.step, LIMITS.title) + attempt,
    error: oneLine(failure.error, LIMITS.error) || TEXT.noErrorText,
    next: failure.retryable ? TEXT.retrying : TEXT.notRetrying,
  };
}

/** "Started by Megan Bowen, 3 Mar 2025, 09:00 UTC · bought direct from Microsoft": who started the move, when, and from where. */
export function startedText(state: MoveState): string {
  const source = SOURCE_CHANNEL_LABELS[state.source];
  return state.startedBy
    ? fill(TEXT.startedBy, { name: actorName(state.startedBy), at: formatDateTime(state.startedAt), source })
    : fill(TEXT.notStarted, { source });
}

/**
 * The small "Started by … · bought direct from Microsoft" line a move card ends its account of the move with.
 * Expects `started` (startedText) in the view model. The name is untrusted: a TextRun.
 */
export const STARTED_TEMPLATE: object = deepFreeze({
  type: 'RichTextBlock',
  spacing: 'Medium',
  inlines: [{ type: 'TextRun', text: '${started}', size: 'Small', isSubtle: true }],
});

/**
 * What the move is waiting for, and on whom, in words. When the stage waits on no person (the bot watches the
 * originals, or the move is done) but follow-ups are open, it waits on their owners.
 */
export function waitingFor(state: MoveState, options: CardOptions): WaitingView {
  const byStage = stageWaitingFor(state, options);
  return byStage.on === 'person' ? byStage : followUpsWaiting(state) ?? byStage;
}

function stageWaitingFor(state: MoveState, options: CardOptions): WaitingView {
  const W = TEXT.waiting;
  const bot = (what: string): WaitingView => ({ what, who: W.bot, on: 'bot' });
  const nobody = (what: string, who: string = W.noOne): WaitingView => ({ what, who, on: 'nobody' });
  const customer = customerLabel(state);
  switch (state.stage) {
    case 'intake':
      return { what: W.intake, who: actorName(state.startedBy, W.starterMissing), on: 'person' };
    case 'preflight':
      return bot(W.preflight);
    case 'invitation':
      return bot(W.invitation);
    case 'awaiting-acceptance':
      return {
        what: fill(state.invitation?.gdapLink ? W.acceptanceWithGdap : W.acceptance, { customer }),
        who: W.acceptanceWho,
        on: 'person',
      };
    case 'inventory':
      return bot(fill(W.inventory, { customer }));
    case 'plan':
      return bot(W.plan);
    case 'approval':
      return { what: W.approval, who: approverText(state, options), on: 'person' };
    case 'scheduled': {
      const next = state.schedule[state.bought];
      const what = next
        ? linesOf(state.plan ?? { lines: [] }, next).map((l) => l.offers.map((o) => o.title).join(W.offerSeparator)).join(W.lineSeparator)
        : W.scheduledNothing;
      return nobody(fill(W.scheduled, { what, date: formatDate(next?.buyOn) }), W.scheduledWho);
    }
    case 'provisioning':
      return bot(W.provisioning);
    case 'reassigning-licenses':
      return bot(W.reassigning);
    case 'watching-sources':
      return nobody(W.watching, W.watchingWho);
    case 'source-advice':
      return bot(W.sourceAdvice);
    case 'done':
      return nobody(W.done);
    case 'blocked':
      return blockedWaiting(state);
    case 'rejected':
      return nobody(W.rejected);
    case 'cancelled':
      return nobody(W.cancelled);
    case 'timed-out':
      return nobody(W.timedOut);
  }
}

/** A blocked move waits for the person who can resolve its blocker, or for no one when it is a rule. */
function blockedWaiting(state: MoveState): WaitingView {
  const W = TEXT.waiting;
  const reason = state.blocked?.reason;
  const domain = customerDomain(state);
  const person = (what: string, who: string): WaitingView => ({ what, who, on: 'person' });
  switch (reason?.code) {
    case 'plan-has-no-offer':
      return person(W.pickOffers, W.accountAdmin);
    case 'no-customer-access':
      return state.blocked?.fromStage === 'inventory'
        ? person(W.accessOrInventory, fill(W.accessOrInventoryWho, { roles: describeRoles(ROLES_THAT_START) }))
        : person(fill(W.accessThenOverride, { domain }), W.accountAdmin);
    case 'reassignment-incomplete':
      return person(fill(W.fixUsers, { domain }), fill(W.fixUsersWho, { roles: describeRoles(ROLES_THAT_START) }));
    case 'region-mismatch':
      if (reason.detectedBy === 'tenant-metadata') return person(fill(W.regionOverride, { domain }), W.accountAdmin);
      break;
    default:
      break;
  }
  return { what: W.blocked, who: W.noOne, on: 'nobody' };
}
