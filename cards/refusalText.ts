/**
 * The decider's refusals in words: what was refused and why, then what the reader can do. The domain gives the
 * kind and the facts (move/refusals.ts); every edge — a chat command, a card click — words them here, in the
 * reader's language (cards/i18n, area `refusals`). Times are shown in UTC.
 */
import type { ApprovalNarrowing, GuardedAction, MoveChange, Refusal, RefusalReason } from '../move/refusals';
import type { Role } from '../move/model';
import { assertNever, type Stage } from '../move/state';
import { describeActorRoles, describeRoles } from './roleText';
import { formatList, t, type MessageKey } from './i18n/catalog';
import { formatLocalDateTime } from './i18n/dates';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, type Locale } from './i18n/locales';

/** At most this many people are named in "Ask …"; the rest are counted. */
const MAX_NAMED = 4;
/** At most this many wrong addresses are quoted; the rest are counted. */
const MAX_QUOTED_ADDRESSES = 3;

/** Why only an Account admin may approve: "offers were picked by hand for SPE_E3". */
export function narrowingText(narrowing: ApprovalNarrowing, locale: Locale = DEFAULT_LOCALE): string {
  switch (narrowing.kind) {
    case 'offers-picked': return t(locale, 'refusals.narrowing.offersPicked', { skus: narrowing.skus.join(', ') });
    case 'many-seats': return t(locale, 'refusals.narrowing.manySeats', { seats: String(narrowing.seats), limit: String(narrowing.limit) });
    default: return assertNever(narrowing);
  }
}

/** "Only an Account admin or a Billing agent can approve this plan. Your roles: Sales agent." */
export function whoCanText(
  action: GuardedAction,
  who: { roles: readonly Role[]; startedBy?: string | null; narrowedBecause?: readonly ApprovalNarrowing[] },
  locale: Locale = DEFAULT_LOCALE,
): string {
  const roles = describeRoles(who.roles, locale);
  const people = who.startedBy !== undefined
    ? t(locale, 'refusals.starterOrRoles', { starter: who.startedBy ?? t(locale, 'refusals.unknownStarter'), roles })
    : roles;
  const why = who.narrowedBecause && who.narrowedBecause.length > 0
    ? t(locale, 'refusals.why', { reasons: who.narrowedBecause.map((n) => narrowingText(n, locale)).join('; ') })
    : '';
  return t(locale, `refusals.whoCan.${action}`, { people, why });
}

/**
 * The refusal in words. `askable`: the people who can do it instead (by name, from the partner's directory), for
 * refusals about who may act: "… Ask Adele Vance or Alex Wilber."
 */
export function refusalText(refusal: Refusal, askable: readonly string[] = [], locale: Locale = DEFAULT_LOCALE): string {
  const text = reasonText(refusal.reason, locale);
  return askable.length > 0 && rolesThatCan(refusal) ? `${text} ${t(locale, 'refusals.ask', { people: peopleText(askable, locale) })}` : text;
}

/** "A, B or C"; past MAX_NAMED names, "A, B, C, D or 2 others". */
function peopleText(names: readonly string[], locale: Locale): string {
  const shown = names.slice(0, MAX_NAMED);
  const others = names.length - shown.length;
  return others > 0 ? t(locale, 'refusals.namesAndOthers', { names: shown.join(', '), others }) : formatList(locale, shown, 'or');
}

/** The roles that could do what was refused, for refusals about who may act; null for the others. */
export function rolesThatCan(refusal: Refusal): readonly Role[] | null {
  const reason = refusal.reason;
  return reason.kind === 'role-required' || reason.kind === 'four-eyes' ? reason.roles : null;
}

/** A stage by its name in `locale`, in quotes. */
function stage(s: Stage, locale: Locale): string {
  return `"${t(locale, `stages.${s}`)}"`;
}

function dateTime(value: string | null | undefined, locale: Locale): string {
  return formatLocalDateTime(value, locale, DEFAULT_TIME_ZONE);
}

function reasonText(reason: RefusalReason, locale: Locale): string {
  const say = (key: MessageKey, values?: Record<string, string | number>) => t(locale, key, values);
  switch (reason.kind) {
    case 'role-required': return `${whoCanText(reason.action, reason, locale)} ${describeActorRoles({ roles: reason.actorRoles }, locale)}.`;
    case 'four-eyes': return say('refusals.fourEyes', { roles: describeRoles(reason.roles, locale) });
    case 'move-missing': return say('refusals.moveMissing');
    case 'move-already-started': return say('refusals.moveAlreadyStarted');
    case 'move-ended': return say('refusals.moveEnded', {
      stage: reason.stage === 'timed-out' ? 'expired' : reason.stage,
      stageLabel: t(locale, `stages.${reason.stage}`).toLowerCase(),
      detail: endedDetail(reason, locale),
    });
    case 'card-outdated': return say('refusals.cardOutdated', { change: changeText(reason.change, locale) });
    case 'wrong-stage': return say('refusals.wrongStage', { stage: stage(reason.stage, locale), expected: stage(reason.expected, locale) });
    case 'not-blocked-for': return say(`refusals.notBlockedFor.${reason.action}`, { stage: stage(reason.stage, locale) });
    case 'not-a-customer-id': return say('refusals.notACustomerId', { input: reason.input });
    case 'country-missing': return say('refusals.countryMissing');
    case 'source-missing': return say('refusals.sourceMissing');
    case 'already-moving': return say('refusals.alreadyMoving', { domain: reason.domain, moveId: reason.moveId });
    case 'too-late-to-cancel': return say('refusals.tooLateToCancel');
    case 'nothing-to-override': return say('refusals.nothingToOverride');
    case 'block-not-overridable': return say('refusals.blockNotOverridable');
    case 'reason-too-short':
      if (reason.purpose === 'cancel') return say('refusals.reasonTooShort.cancel');
      return reason.purpose === 'override' ? say('refusals.reasonTooShort.override') : say('refusals.reasonTooShort.offerChoice');
    case 'reason-too-long': return say('refusals.reasonTooLong', { max: String(reason.max), length: String(reason.length) });
    case 'no-request-to-withdraw': return say('refusals.noRequestToWithdraw');
    case 'cart-already-recorded': return say('refusals.cartAlreadyRecorded', { cartId: reason.cartId });
    case 'no-cart': return say('refusals.noCart');
    case 'no-order': return say('refusals.noOrder');
    case 'inventory-not-awaited': return say('refusals.inventoryNotAwaited');
    case 'inventory-lines-invalid': return say('refusals.inventoryLinesInvalid', { lines: reason.problems.map((p) => `- ${p}`).join('\n') });
    case 'inventory-empty': return say('refusals.inventoryEmpty');
    case 'no-offer-choice-open': return say('refusals.noOfferChoiceOpen');
    case 'offer-count': return say('refusals.offerCount', { max: String(reason.max), sku: reason.sku });
    case 'offer-not-listed':
      return say('refusals.offerNotListed', { sku: reason.sku, candidates: reason.candidates.join(', ') || say('refusals.noneSold') });
    case 'already-approved': return say('refusals.alreadyApproved', { by: reason.by, at: reason.at });
    case 'no-plan-waiting': return say('refusals.noPlanWaiting', { stage: stage(reason.stage, locale) });
    case 'plan-changed':
      return reason.by && reason.at
        ? say('refusals.planChanged', { by: reason.by, at: dateTime(reason.at, locale) })
        : say('refusals.planOlder');
    case 'plan-unchanged': return say('refusals.planUnchanged');
    case 'line-not-in-plan': return say('refusals.lineNotInPlan', { sku: reason.sku });
    case 'term-not-sold': return say('refusals.termNotSold', { sku: reason.sku, term: reason.termDuration, billing: reason.billingCycle });
    case 'quantity-below-assigned':
      return say('refusals.quantityBelowAssigned', { sku: reason.sku, quantity: String(reason.quantity), assigned: String(reason.assigned) });
    case 'quantity-too-large': return say('refusals.quantityTooLarge', { sku: reason.sku, quantity: String(reason.quantity), max: String(reason.max) });
    case 'quantity-not-whole': return say('refusals.quantityNotWhole', { sku: reason.sku, quantity: String(reason.quantity) });
    case 'buy-date-past': return say('refusals.buyDatePast', { sku: reason.sku, buyOn: reason.buyOn, today: reason.today });
    case 'buy-date-after-end': return say('refusals.buyDateAfterEnd', { sku: reason.sku, buyOn: reason.buyOn, endsOn: reason.endsOn });
    case 'no-email-waiting': return say('refusals.noEmailWaiting');
    case 'email-attempt-reused': return say('refusals.emailAttemptReused', { attemptId: reason.attemptId });
    case 'email-attempt-unknown': return say('refusals.emailAttemptUnknown', { attemptId: reason.attemptId });
    case 'invitation-not-awaited': return say('refusals.invitationNotAwaited', { stage: stage(reason.stage, locale) });
    case 'no-invitation-link': return say('refusals.noInvitationLink');
    case 'email-in-flight': return say('refusals.emailInFlight', { to: reason.to.join(', '), by: reason.by });
    case 'email-no-address': return say('refusals.emailNoAddress', { max: String(reason.max) });
    case 'email-too-many-addresses': return say('refusals.emailTooManyAddresses', { max: String(reason.max), given: String(reason.given) });
    case 'email-not-an-address': return notAddressesText(reason.addresses, locale);
    case 'email-subject-drawn-wrong': return say('refusals.emailSubjectDrawnWrong', { max: String(reason.max), length: String(reason.length) });
    case 'email-body-drawn-wrong': return say('refusals.emailBodyDrawnWrong', { max: String(reason.max), length: String(reason.length) });
    case 'follow-up-unknown': return say('refusals.followUpUnknown', { taskId: reason.taskId });
    case 'follow-up-closed': {
      if (reason.status !== 'done') return say('refusals.followUpEnded');
      const by = reason.by ?? '';
      const at = reason.at ? dateTime(reason.at, locale) : '';
      if (by && at) return say('refusals.followUpDoneByAt', { by, at });
      if (by) return say('refusals.followUpDoneBy', { by });
      return at ? say('refusals.followUpDoneAt', { at }) : say('refusals.followUpDone');
    }
    default: return assertNever(reason);
  }
}

/** "Adele Vance approved this plan at 24 Nov 2026, 14:02 UTC": what took the move on, who and when. */
export function changeText(change: MoveChange, locale: Locale = DEFAULT_LOCALE): string {
  switch (change.kind) {
    case 'plan-approved': return t(locale, 'refusals.change.planApproved', { by: change.by, at: dateTime(change.at, locale) });
    case 'plan-rejected': return t(locale, 'refusals.change.planRejected', { by: change.by, at: dateTime(change.at, locale) });
    case 'cancelled': return t(locale, 'refusals.change.cancelled', { by: change.by, at: dateTime(change.at, locale) });
    case 'timed-out': return t(locale, 'refusals.change.timedOut', { at: dateTime(change.at, locale) });
    case 'blocked':
      return change.message
        ? t(locale, 'refusals.change.blockedWithMessage', { at: dateTime(change.at, locale), message: change.message })
        : t(locale, 'refusals.change.blocked', { at: dateTime(change.at, locale) });
    case 'stage':
      return change.at
        ? t(locale, 'refusals.change.stageAt', { stage: stage(change.stage, locale), at: dateTime(change.at, locale) })
        : t(locale, 'refusals.change.stage', { stage: stage(change.stage, locale) });
    default: return assertNever(change);
  }
}

function endedDetail(reason: RefusalReason & { kind: 'move-ended' }, locale: Locale): string {
  const at = reason.at ? dateTime(reason.at, locale) : '';
  if (reason.stage === 'rejected' && reason.by) {
    return at ? t(locale, 'refusals.ended.rejectedByAt', { by: reason.by, at }) : t(locale, 'refusals.ended.rejectedBy', { by: reason.by });
  }
  if (reason.stage === 'cancelled' && reason.by) {
    return at ? t(locale, 'refusals.ended.cancelledByAt', { by: reason.by, at }) : t(locale, 'refusals.ended.cancelledBy', { by: reason.by });
  }
  if (reason.stage === 'blocked' && reason.blockMessage) return t(locale, 'refusals.ended.blocked', { message: reason.blockMessage });
  return '';
}

/** "\"a\", \"b\", \"c\" and 2 more are not email addresses …": the first few quoted, the rest counted. */
function notAddressesText(addresses: readonly string[], locale: Locale): string {
  const quoted = addresses.slice(0, MAX_QUOTED_ADDRESSES).map((a) => `"${a}"`).join(', ');
  const more = addresses.length - MAX_QUOTED_ADDRESSES;
  const named = more > 0 ? t(locale, 'refusals.addressesAndMore', { named: quoted, more: String(more) }) : quoted;
  return t(locale, 'refusals.emailNotAnAddress', { named, count: addresses.length });
}
