/**
 * One short plain line per move event, for replies in the move's channel thread and the status timeline.
 * `state` is the move's state (after the event, or any later state): it supplies the customer's name and
 * the advice that a bare event does not carry. Untrusted text is clipped and cleaned, never markdown-escaped:
 * the caller posts it as plain text.
 */
import type { BlockReason, MoveEvent, WithdrawalOutcome } from '../move/events';
import type { OrderedSubscription, SourceAdvice } from '../move/model';
import { senderLabel } from '../move/invitationEmail';
import { needsAttention, type UserReassignment } from '../move/reassignment';
import { assertNever } from '../move/state';
import type { MoveState } from '../move/state';
import { linesOf } from '../move/schedule';
import { LIMITS, capitalize, domainText, endSentence, formatLocalDate, oneLine } from './common';
import { t } from './i18n/catalog';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, type Locale } from './i18n/locales';
import { actorName, approverText } from './moveView';
import { followUpEventText } from './followUpsView';
import type { CardOptions } from './moveView';
import { termText } from './planLines';
import { productName } from './productNames';

/** Users named in one line about a reassignment batch before "and N more". */
const USERS_PER_LINE = 5;

/** The reader's language and time zone, and the day a date falls on for them. */
interface Reader {
  locale: Locale;
  date: (value: string | null | undefined) => string;
}

function readerOf(options: Pick<CardOptions, 'locale' | 'timeZone'> | undefined): Reader {
  const locale = options?.locale ?? DEFAULT_LOCALE;
  const timeZone = options?.timeZone ?? DEFAULT_TIME_ZONE;
  return { locale, date: (value) => formatLocalDate(value, locale, timeZone) };
}

/** Who did it, for lines that name a person. */
function who(event: MoveEvent, locale: Locale): string {
  return oneLine(event.actor.name, LIMITS.name) || t(locale, 'events.someone');
}

/** The values of an optional quoted comment: `hasComment` and the cleaned `comment`. */
function commentValues(comment: string): { hasComment: string; comment: string } {
  const text = oneLine(comment, 200);
  return { hasComment: text ? 'yes' : 'no', comment: text };
}

/** The first items, and "and N more" when there are more than shown. */
function withMore(locale: Locale, shown: readonly string[], separator: string, total: number): string {
  const items = shown.join(separator);
  return total > shown.length ? t(locale, 'events.andMore', { items, more: total - shown.length }) : items;
}

/** "SPB (25) on 30 Sep 2025, EXCHANGESTANDARD (10) on a date to check". `options`: the reader (English in UTC when not given). */
export function adviceSummary(advice: readonly SourceAdvice[], options?: Pick<CardOptions, 'locale' | 'timeZone'>): string {
  const reader = readerOf(options);
  const { locale } = reader;
  if (advice.length === 0) return t(locale, 'events.advice.none');
  const items = advice.slice(0, 10).map((a) => {
    const values = { sku: oneLine(a.skuPartNumber, LIMITS.sku), licences: a.totalLicenses };
    return a.expires ? t(locale, 'events.advice.item', { ...values, date: reader.date(a.expires) }) : t(locale, 'events.advice.itemNoDate', values);
  });
  return withMore(locale, items, '; ', advice.length);
}

function subscriptionSummary(subscriptions: readonly OrderedSubscription[], locale: Locale): string {
  const items = subscriptions.slice(0, 5).map((s) => `${s.quantity} × ${oneLine(s.title, LIMITS.title)}`);
  return withMore(locale, items, ', ', subscriptions.length);
}

/** "ann@contoso.com (Skipped: no usage location), … and 3 more". */
function attentionSummary(results: readonly UserReassignment[], locale: Locale): string {
  const users = results.filter(needsAttention);
  const named = users.slice(0, USERS_PER_LINE).map((u) => `${oneLine(u.userPrincipalName, LIMITS.name)} (${outcomeText(u.outcome, locale)})`);
  return withMore(locale, named, ', ', users.length);
}

function outcomeText(outcome: string, locale: Locale): string {
  switch (outcome) {
    case 'moved': case 'skipped-group': case 'skipped-usage-location': case 'would-lose-plans': case 'failed':
      return t(locale, `events.outcome.${outcome}`);
    default:
      return oneLine(outcome, 40);
  }
}

/** "admin@contoso.com (asked by Megan Bowen)", for the lines about an invitation email's attempt. */
function emailOf(state: MoveState, attemptId: string, locale: Locale): { to: string; by: string; from: string } {
  const email = state.invitationEmails.find((e) => e.attemptId === attemptId);
  const someone = t(locale, 'events.someoneLower');
  if (!email) return { to: t(locale, 'events.email.toMissing'), by: someone, from: t(locale, 'events.email.fromMissing') };
  return { to: oneLine(email.to.join(', '), 300), by: oneLine(email.by.name, LIMITS.name) || someone, from: oneLine(senderLabel(email), LIMITS.name + 20) };
}

function blockedLine(reason: BlockReason, message: string, locale: Locale): string {
  const text = oneLine(message, 300);
  if (text) return t(locale, 'events.blocked.message', { message: endSentence(text) });
  switch (reason.code) {
    case 'region-mismatch':
      return t(locale, 'events.blocked.region-mismatch', { customerRegion: oneLine(reason.customerRegion, 60), partnerRegion: oneLine(reason.partnerRegion, 60) });
    case 'unknown-country':
      return t(locale, 'events.blocked.unknown-country', { country: oneLine(reason.country, 20) });
    case 'tenant-not-found':
      return t(locale, 'events.blocked.tenant-not-found', { domain: domainText(reason.domain) });
    case 'plan-has-no-offer':
      return t(locale, 'events.blocked.plan-has-no-offer', { skus: reason.skus.slice(0, 5).map((s) => oneLine(s, LIMITS.sku)).join(', ') });
    case 'nothing-to-move':
      return t(locale, 'events.blocked.nothing-to-move');
    case 'no-customer-access':
      return t(locale, 'events.blocked.no-customer-access', { detail: oneLine(reason.detail, 200) });
    case 'duplicate-tenant':
      return t(locale, 'events.blocked.duplicate-tenant', { otherMove: oneLine(reason.otherMoveId, LIMITS.id) });
    case 'reassignment-incomplete':
      return t(locale, 'events.blocked.reassignment-incomplete', { users: reason.users });
    default:
      return assertNever(reason);
  }
}

/** What the invitation prepared, for `events.invitation`. */
function requestsOf(event: { resellerLink: string | null; gdapLink: string | null }): string {
  if (event.resellerLink) return event.gdapLink ? 'both' : 'reseller';
  return event.gdapLink ? 'gdap' : 'none';
}

/**
 * `options`: the approval policy the decider enforces (lines about approvals name its approvers), and the reader's
 * language and time zone (English in UTC when not given).
 */
export function eventText(event: MoveEvent, state: MoveState, options: CardOptions): string {
  const reader = readerOf(options);
  const { locale } = reader;
  const customer = domainText(event.type === 'MoveStarted' ? event.customerDomain : state.customerDomain);
  switch (event.type) {
    case 'MoveStarted':
      return t(locale, 'events.started', {
        name: who(event, locale), customer, source: t(locale, `events.source.${event.source}`), multiPartner: event.multiPartner ? 'yes' : 'no',
      });
    case 'PreflightPassed':
      return event.existingCustomerId
        ? t(locale, 'events.preflight.existing', { customer })
        : t(locale, 'events.preflight.passed', { region: oneLine(event.customerRegion, 60) });
    case 'MoveBlocked':
      return blockedLine(event.reason, event.message, locale);
    case 'InvitationIssued':
      return t(locale, 'events.invitation', { requests: requestsOf(event), customer, date: reader.date(event.expiresAt) });
    case 'RelationshipAccepted': {
      const company = oneLine(event.companyName, LIMITS.title);
      return company ? t(locale, 'events.acceptedCompany', { company }) : t(locale, 'events.accepted');
    }
    case 'InventoryTaken': {
      const lines = event.inventory.lines;
      const values = {
        skus: lines.length,
        total: lines.reduce((sum, line) => sum + line.totalUnits, 0),
        used: lines.reduce((sum, line) => sum + line.consumedUnits, 0),
      };
      return event.inventory.enteredBy
        ? t(locale, 'events.inventory.typed', { ...values, name: oneLine(event.inventory.enteredBy.name, LIMITS.name) || t(locale, 'events.someoneLower') })
        : t(locale, 'events.inventory.read', values);
    }
    case 'PlanProposed': {
      const plan = event.plan;
      // The plan of this event and its proposer, whatever the move's plan is now.
      const approvers = approverText({ ...state, plan, proposer: event.proposer }, options);
      return t(locale, 'events.planProposed', {
        lines: plan.lines.length,
        quantity: plan.lines.reduce((sum, line) => sum + line.quantity, 0),
        approvers: capitalize(approvers),
        blockers: plan.blockers.length,
      });
    }
    case 'OfferChosen': {
      const offers = event.offers.slice(0, 3).map((o) => oneLine(o.title, LIMITS.title)).join(' + ') || t(locale, 'events.offerChosen.none');
      return t(locale, 'events.offerChosen', {
        name: who(event, locale), offers, sku: oneLine(event.skuPartNumber, LIMITS.sku), reason: endSentence(oneLine(event.reason, 200)),
      });
    }
    case 'LicencesReassigned': {
      // Changes recorded as they leave for Graph; what became of them is the next batch's record.
      if (event.results.length === 0) return t(locale, 'events.reassign.sending', { users: event.sending?.length ?? 0 });
      const moved = event.results.filter((r) => !needsAttention(r)).length;
      const attention = event.results.length - moved;
      return attention > 0
        ? t(locale, 'events.reassign.attention', { moved, attention, users: attentionSummary(event.results, locale) })
        : t(locale, 'events.reassign.done', { moved });
    }
    case 'ReassignmentFinished':
      return event.attention > 0
        ? t(locale, 'events.reassign.passLeft', { moved: event.moved, attention: event.attention })
        : t(locale, 'events.reassign.finished', { moved: event.moved });
    case 'ReassignmentResumed':
      return t(locale, 'events.reassign.resumed', { name: who(event, locale) });
    case 'PlanAdjusted': {
      const changed = event.changes.slice(0, 5).map((c) => {
        const line = event.plan.lines.find((l) => l.source.skuId.toLowerCase() === c.sourceSkuId.toLowerCase());
        return t(locale, 'events.planAdjusted.change', {
          name: oneLine(line?.source.displayName || line?.source.skuPartNumber || c.sourceSkuId, LIMITS.title),
          quantity: c.quantity,
          term: termText({ termDuration: c.termDuration, billingCycle: c.billingCycle }),
          buy: c.buyOn ? 'on' : 'approval',
          date: c.buyOn ? reader.date(c.buyOn) : '',
        });
      });
      return t(locale, 'events.planAdjusted', { name: who(event, locale), changes: changed.join('; '), approvers: approverText(state, options) });
    }
    case 'PlanApproved': {
      const later = state.schedule.filter((p) => p.buyOn !== null);
      return t(locale, 'events.planApproved', {
        name: who(event, locale), ...commentValues(event.comment),
        hasDates: later.length > 0 ? 'yes' : 'no', dates: later.map((p) => reader.date(p.buyOn)).join(', '),
      });
    }
    case 'PlanRejected':
      return t(locale, 'events.planRejected', { name: who(event, locale), ...commentValues(event.comment) });
    case 'CartCreated':
      return t(locale, 'events.cartCreated');
    case 'OrderPlaced': {
      const ids = event.orderIds.slice(0, 5).map((id) => oneLine(id, LIMITS.id)).join(', ') || t(locale, 'events.orderPlaced.noId');
      return t(locale, 'events.orderPlaced', { orders: event.orderIds.length, ids, subscriptions: event.subscriptions.length });
    }
    case 'ProvisioningCompleted': {
      const until = event.subscriptions.map((s) => s.cancellationAllowedUntil).filter((d): d is string => !!d).sort()[0];
      return t(locale, 'events.provisioned', {
        subscriptions: subscriptionSummary(event.subscriptions, locale), hasUntil: until ? 'yes' : 'no', until: until ? reader.date(until) : '',
      });
    }
    case 'PurchaseDue':
      return event.buyOn
        ? t(locale, 'events.purchaseDue.dated', { date: reader.date(event.buyOn), purchase: purchaseText(state, event.round, locale) })
        : t(locale, 'events.purchaseDue', { purchase: purchaseText(state, event.round, locale) });
    case 'PurchaseReminderDue':
      return t(locale, 'events.purchaseReminder', {
        date: reader.date(event.buyOn),
        purchase: purchaseText(state, event.round, locale),
        approver: state.approval ? actorName(state.approval.by) : t(locale, 'events.purchaseReminder.anApprover'),
      });
    case 'SourceAdviceGiven':
      return t(locale, 'events.adviceGiven', { advice: adviceSummary(event.advice, options) });
    case 'MoveCompleted':
      return t(locale, state.advice.length > 0 ? 'events.completed.originalsEnded' : 'events.completed', { customer: domainText(state.customerDomain) });
    case 'SourceSubscriptionEnded':
      return t(locale, 'events.sourceEnded', { product: productName(state, { skuPartNumber: event.skuPartNumber }), status: oneLine(event.status, 30) });
    case 'SourceExpiryReminder':
      return t(locale, 'events.sourceExpiry', { product: productName(state, { skuPartNumber: event.skuPartNumber }), date: reader.date(event.expires) });
    case 'MoveCancelled': {
      const reason = oneLine(event.reason, 200);
      return reason
        ? t(locale, 'events.cancelledReason', { name: who(event, locale), reason: endSentence(reason) })
        : t(locale, 'events.cancelled', { name: who(event, locale) });
    }
    case 'RequestsWithdrawn':
      return withdrawalLine(event.outcome, oneLine(event.detail, 300), customer, locale);
    case 'ReminderDue':
      return event.about === 'invitation'
        ? t(locale, 'events.reminder.invitation', {
          count: event.count, customer: domainText(state.customerDomain), sent: reader.date(event.waitingSince), expires: reader.date(state.invitation?.expiresAt),
        })
        : t(locale, 'events.reminder.approval', { count: event.count, since: reader.date(event.waitingSince), approvers: approverText(state, options) });
    case 'BlockOverridden':
      return t(locale, 'events.overridden', { name: who(event, locale), reason: endSentence(oneLine(event.reason, 300)) });
    case 'MoveTimedOut':
      return t(locale, 'events.timedOut', { message: endSentence(oneLine(event.message, 300)) });
    case 'DelegatedAccessGranted':
      return t(locale, 'events.gdapGranted', { group: oneLine(event.groupName, 80) });
    case 'InvitationEmailRequested':
      return t(locale, 'events.email.requested', { name: who(event, locale), to: oneLine(event.to.join(', '), 300) });
    case 'InvitationEmailAttempted': {
      const email = emailOf(state, event.attemptId, locale);
      return event.sender ? t(locale, 'events.email.sending', { to: email.to, from: email.from }) : t(locale, 'events.email.noSender', { to: email.to });
    }
    case 'InvitationEmailed':
      return t(locale, 'events.email.sent', emailOf(state, event.attemptId, locale));
    case 'InvitationEmailFailed': {
      const email = emailOf(state, event.attemptId, locale);
      const error = endSentence(oneLine(event.error, 300));
      return t(locale, event.outcome === 'unknown' ? 'events.email.unknown' : 'events.email.failed', { to: email.to, by: email.by, error });
    }
    case 'FollowUpDone':
    case 'FollowUpReminderDue':
      return followUpEventText(event, state, options);
    case 'StepFailed': {
      const step = oneLine(event.step, 60);
      const error = endSentence(oneLine(event.error, 200)) || t(locale, 'events.stepFailed.noError');
      return t(locale, event.retryable ? 'events.stepFailed.retrying' : 'events.stepFailed.stuck', { step, error });
    }
    default:
      return assertNever(event);
  }
}

/** What became of withdrawing the cancelled move's GDAP request, in one line (`detail`: clean, one line). */
export function withdrawalLine(outcome: WithdrawalOutcome, detail: string, customer: string, locale: Locale = DEFAULT_LOCALE): string {
  switch (outcome) {
    case 'withdrawn': return t(locale, 'events.withdrawal.withdrawn', { customer });
    case 'already-ended': return t(locale, 'events.withdrawal.already-ended', { customer, detail });
    case 'approved': return t(locale, 'events.withdrawal.approved', { customer, detail });
    case 'failed': return t(locale, 'events.withdrawal.failed', { customer, detail: endSentence(detail) });
    case 'gave-up': return t(locale, 'events.withdrawal.gave-up', { customer, detail: endSentence(detail) });
    default: return assertNever(outcome);
  }
}

/** "46 × Microsoft 365 E3; 12 × Exchange Online (Plan 1)": what a purchase of the schedule buys. */
function purchaseText(state: MoveState, round: number, locale: Locale): string {
  const lines = linesOf(state.plan ?? { lines: [] }, state.schedule[round]);
  if (lines.length === 0) return t(locale, 'events.purchase.next');
  return lines.map((l) => `${l.quantity} × ${l.offers.map((o) => oneLine(o.title, LIMITS.title)).join(' + ')}`).join('; ');
}
