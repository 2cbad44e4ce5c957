/**
 * View-model pieces every move card shares: the last failure, what the move waits for and on whom, who started it and
 * where its subscriptions come from, and the action data. Plus the template of the "Started by" line. The compact
 * header built from them is in compactHeader.ts.
 */
import type { Actor, Role } from '../move/model';
import { approvalRequirement, DEFAULT_APPROVAL_POLICY, hasAnyRole, ROLES_THAT_CANCEL_ANY, ROLES_THAT_START, type ApprovalPolicy } from '../move/policy';
import { FINAL_STAGES } from '../move/stages';
import type { MoveState } from '../move/state';
import { linesOf } from '../move/schedule';
import { LIMITS, deepFreeze, domainText, formatLocalDate, formatLocalDateTime, oneLine } from './common';
import type { MoveActionData } from './common';
import { followUpsWaiting } from './followUpsView';
import { formatList, t, type MessageKey } from './i18n/catalog';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, type Locale } from './i18n/locales';

/** Between the offers of one plan line and between lines, in the buy-date sentence (product names, not words). */
const OFFER_SEPARATOR = ' + ';
const LINE_SEPARATOR = ', ';

/** Names shown before "or N others". */
const MAX_NAMES = 4;

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

/** The reader's language and time zone, as a card draws text and dates (CardOptions' locale and timeZone). */
export type ReaderOptions = Pick<CardOptions, 'locale' | 'timeZone'>;

/** The language and time zone to draw in: the options', else English in UTC. */
export function readerOf(options?: ReaderOptions): { locale: Locale; timeZone: string } {
  return { locale: options?.locale ?? DEFAULT_LOCALE, timeZone: options?.timeZone ?? DEFAULT_TIME_ZONE };
}

/** Roles in a sentence, in the reader's language: "an Account admin, an Admin agent or a Sales agent". */
export function rolesInSentence(roles: readonly Role[], locale: Locale = DEFAULT_LOCALE): string {
  return formatList(locale, roles.map((role) => t(locale, `common.roleInSentence.${role}`)), 'or');
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

export function actorName(actor: Actor | null | undefined, whenMissing?: string, locale: Locale = DEFAULT_LOCALE): string {
  return oneLine(actor?.name, LIMITS.name) || (whenMissing ?? t(locale, 'moveView.someone'));
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
  const { locale } = readerOf(options);
  if (names.length > 0) return namesText(names, locale);
  const roles = rolesInSentence(requirement.roles, locale);
  return requirement.fourEyes && state.proposer
    ? t(locale, 'moveView.approversOtherThan', { roles, name: actorName(state.proposer, undefined, locale) })
    : roles;
}

/** "Adele Vance", "Adele Vance or Alex Wilber", "Adele Vance, Alex Wilber or Megan Bowen" (at most 4, then "or N others"). */
export function namesText(names: readonly string[], locale: Locale = DEFAULT_LOCALE): string {
  const shown = names.slice(0, MAX_NAMES);
  const others = names.length - shown.length;
  return formatList(locale, others > 0 ? [...shown, t(locale, 'moveView.others', { count: others })] : shown, 'or');
}

export function failureView(state: MoveState, options?: ReaderOptions): FailureView | null {
  const failure = state.lastFailure;
  if (!failure) return null;
  const { locale, timeZone } = readerOf(options);
  const values = { step: oneLine(failure.step, LIMITS.title), count: failure.attempts, at: formatLocalDateTime(failure.at, locale, timeZone) };
  return {
    step: t(locale, failure.attempts > 1 ? 'moveView.failedMany' : 'moveView.failedOnce', values),
    error: oneLine(failure.error, LIMITS.error) || t(locale, 'moveView.noErrorText'),
    next: t(locale, failure.retryable ? 'moveView.retrying' : 'moveView.notRetrying'),
  };
}

/** "Started by Megan Bowen, 3 Mar 2025, 09:00 UTC · bought direct from Microsoft": who started the move, when, and from where. */
export function startedText(state: MoveState, options?: ReaderOptions): string {
  const { locale, timeZone } = readerOf(options);
  const source = t(locale, `moveView.source.${state.source}`);
  return state.startedBy
    ? t(locale, 'moveView.startedBy', { name: actorName(state.startedBy, undefined, locale), at: formatLocalDateTime(state.startedAt, locale, timeZone), source })
    : t(locale, 'moveView.notStarted', { source });
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
  return byStage.on === 'person' ? byStage : followUpsWaiting(state, options) ?? byStage;
}

function stageWaitingFor(state: MoveState, options: CardOptions): WaitingView {
  const { locale, timeZone } = readerOf(options);
  const W = (key: WaitingKey, values?: Readonly<Record<string, string | number>>) => t(locale, `moveView.waiting.${key}`, values);
  const bot = (what: string): WaitingView => ({ what, who: W('bot'), on: 'bot' });
  const nobody = (what: string, who: string = W('noOne')): WaitingView => ({ what, who, on: 'nobody' });
  const customer = customerLabel(state);
  switch (state.stage) {
    case 'intake':
      return { what: W('intake'), who: actorName(state.startedBy, W('starterMissing'), locale), on: 'person' };
    case 'preflight':
      return bot(W('preflight'));
    case 'invitation':
      return bot(W('invitation'));
    case 'awaiting-acceptance':
      return {
        what: W(state.invitation?.gdapLink ? 'acceptanceWithGdap' : 'acceptance', { customer }),
        who: W('acceptanceWho'),
        on: 'person',
      };
    case 'inventory':
      return bot(W('inventory', { customer }));
    case 'plan':
      return bot(W('plan'));
    case 'approval':
      return { what: W('approval'), who: approverText(state, options), on: 'person' };
    case 'scheduled': {
      const next = state.schedule[state.bought];
      const what = next
        ? linesOf(state.plan ?? { lines: [] }, next).map((l) => l.offers.map((o) => o.title).join(OFFER_SEPARATOR)).join(LINE_SEPARATOR)
        : W('scheduledNothing');
      return nobody(W('scheduled', { what, date: formatLocalDate(next?.buyOn, locale, timeZone) }), W('scheduledWho'));
    }
    case 'provisioning':
      return bot(W('provisioning'));
    case 'reassigning-licenses':
      return bot(W('reassigning'));
    case 'watching-sources':
      return nobody(W('watching'), W('watchingWho'));
    case 'source-advice':
      return bot(W('sourceAdvice'));
    case 'done':
      return nobody(W('done'));
    case 'blocked':
      return blockedWaiting(state, locale);
    case 'rejected':
      return nobody(W('rejected'));
    case 'cancelled':
      return nobody(W('cancelled'));
    case 'timed-out':
      return nobody(W('timedOut'));
  }
}

/** The last part of a `moveView.waiting.*` key. */
type WaitingKey = MessageKey extends infer K ? K extends `moveView.waiting.${infer Name}` ? Name : never : never;

/** A blocked move waits for the person who can resolve its blocker, or for no one when it is a rule. */
function blockedWaiting(state: MoveState, locale: Locale): WaitingView {
  const W = (key: WaitingKey, values?: Readonly<Record<string, string | number>>) => t(locale, `moveView.waiting.${key}`, values);
  const reason = state.blocked?.reason;
  const domain = customerDomain(state);
  const starters = rolesInSentence(ROLES_THAT_START, locale);
  const person = (what: string, who: string): WaitingView => ({ what, who, on: 'person' });
  switch (reason?.code) {
    case 'plan-has-no-offer':
      return person(W('pickOffers'), W('accountAdmin'));
    case 'no-customer-access':
      return state.blocked?.fromStage === 'inventory'
        ? person(W('accessOrInventory'), W('accessOrInventoryWho', { roles: starters }))
        : person(W('accessThenOverride', { domain }), W('accountAdmin'));
    case 'reassignment-incomplete':
      return person(W('fixUsers', { domain }), W('fixUsersWho', { roles: starters }));
    case 'region-mismatch':
      if (reason.detectedBy === 'tenant-metadata') return person(W('regionOverride', { domain }), W('accountAdmin'));
      break;
    default:
      break;
  }
  return { what: W('blocked'), who: W('noOne'), on: 'nobody' };
}
