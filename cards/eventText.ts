/**
 * One short plain line per move event, for replies in the move's channel thread and the status timeline.
 * `state` is the move's state (after the event, or any later state): it supplies the customer's name and
 * the advice that a bare event does not carry. Untrusted text is clipped and cleaned, never markdown-escaped:
 * the caller posts it as plain text.
 */
import type { BlockReason, MoveEvent, WithdrawalOutcome } from '../move/events';
import { SOURCE_CHANNEL_LABELS } from '../move/model';
import type { OrderedSubscription, SourceAdvice } from '../move/model';
import { senderLabel } from '../move/invitationEmail';
import { REASSIGNMENT_OUTCOME_LABELS, needsAttention, type UserReassignment } from '../move/reassignment';
import { assertNever } from '../move/state';
import type { MoveState } from '../move/state';
import { linesOf } from '../move/schedule';
import { LIMITS, capitalize, count, domainText, endSentence, formatDate, oneLine } from './common';
import { actorName, approverText } from './moveView';
import { followUpEventText } from './followUpsView';
import type { CardOptions } from './moveView';
import { termText } from './planLines';
import { productName } from './productNames';

/** Users named in one line about a reassignment batch before "and N more". */
const USERS_PER_LINE = 5;

/** Who did it, for lines that name a person. */
function who(event: MoveEvent): string {
  return oneLine(event.actor.name, LIMITS.name) || 'Someone';
}

function quoted(comment: string): string {
  const text = oneLine(comment, 200);
  return text ? ` "${text}"` : '';
}

/** "SPB (25) on 30 Sep 2025, EXCHANGESTANDARD (10) on a date to check". */
export function adviceSummary(advice: readonly SourceAdvice[]): string {
  if (advice.length === 0) return 'no original subscriptions were found to advise on';
  const items = advice.slice(0, 10).map((a) => {
    const sku = oneLine(a.skuPartNumber, LIMITS.sku);
    const when = a.expires ? `on ${formatDate(a.expires)}` : 'end date unknown, check it in the Microsoft 365 admin center';
    return `${sku} (${a.totalLicenses}) ${when}`;
  });
  const more = advice.length > 10 ? `, and ${advice.length - 10} more` : '';
  return items.join('; ') + more;
}

function subscriptionSummary(subscriptions: readonly OrderedSubscription[]): string {
  const items = subscriptions.slice(0, 5).map((s) => `${s.quantity} × ${oneLine(s.title, LIMITS.title)}`);
  return items.join(', ') + (subscriptions.length > 5 ? `, and ${subscriptions.length - 5} more` : '');
}

/** "ann@contoso.com (Skipped: no usage location), … and 3 more". */
function attentionSummary(results: readonly UserReassignment[]): string {
  const users = results.filter(needsAttention);
  const named = users.slice(0, USERS_PER_LINE)
    .map((u) => `${oneLine(u.userPrincipalName, LIMITS.name)} (${REASSIGNMENT_OUTCOME_LABELS[u.outcome] ?? oneLine(u.outcome, 40)})`);
  return named.join(', ') + (users.length > USERS_PER_LINE ? `, and ${users.length - USERS_PER_LINE} more` : '');
}

/** "admin@contoso.com (asked by Megan Bowen)", for the lines about an invitation email's attempt. */
function emailOf(state: MoveState, attemptId: string): { to: string; by: string; from: string } {
  const email = state.invitationEmails.find((e) => e.attemptId === attemptId);
  if (!email) return { to: "the customer's admin", by: 'someone', from: 'the sending mailbox' };
  return { to: oneLine(email.to.join(', '), 300), by: oneLine(email.by.name, LIMITS.name) || 'someone', from: oneLine(senderLabel(email), LIMITS.name + 20) };
}

function blockedLine(reason: BlockReason, message: string): string {
  const text = oneLine(message, 300);
  if (text) return `Move blocked: ${endSentence(text)}`;
  switch (reason.code) {
    case 'region-mismatch':
      return `Move blocked: the customer is in the CSP region ${oneLine(reason.customerRegion, 60)}, you are in ${oneLine(reason.partnerRegion, 60)}.`;
    case 'unknown-country':
      return `Move blocked: the country ${oneLine(reason.country, 20)} is not in the CSP region table.`;
    case 'tenant-not-found':
      return `Move blocked: no Microsoft 365 tenant answers for ${domainText(reason.domain)}.`;
    case 'plan-has-no-offer':
      return `Move blocked: no CSP offer for ${reason.skus.slice(0, 5).map((s) => oneLine(s, LIMITS.sku)).join(', ')}.`;
    case 'nothing-to-move':
      return 'Move blocked: there is nothing to buy (only free, trial or excluded licences).';
    case 'no-customer-access':
      return `Move blocked: the bot cannot read the customer's licences (${oneLine(reason.detail, 200)}).`;
    case 'duplicate-tenant':
      return `Move blocked: the same tenant already has a move under way (${oneLine(reason.otherMoveId, LIMITS.id)}).`;
    case 'reassignment-incomplete':
      return `Move blocked: ${count(reason.users, 'user still holds', 'users still hold')} the old licence; fix what the card lists, then say "retry".`;
    default:
      return assertNever(reason);
  }
}

/** `options`: the approval policy the decider enforces (lines about approvals name its approvers). */
export function eventText(event: MoveEvent, state: MoveState, options: CardOptions): string {
  const customer = domainText(event.type === 'MoveStarted' ? event.customerDomain : state.customerDomain);
  switch (event.type) {
    case 'MoveStarted': {
      const extras = [SOURCE_CHANNEL_LABELS[event.source]];
      if (event.multiPartner) extras.push('the customer keeps another partner');
      return `${who(event)} started the move of ${customer} (${extras.join('; ')}).`;
    }
    case 'PreflightPassed':
      return event.existingCustomerId
        ? `Pre-flight checks passed: ${customer} is already your customer, so no invitation is needed. Reading the inventory next.`
        : `Pre-flight checks passed: tenant found, region ${oneLine(event.customerRegion, 60)} matches yours.`;
    case 'MoveBlocked':
      return blockedLine(event.reason, event.message);
    case 'InvitationIssued': {
      const what = event.resellerLink
        ? event.gdapLink ? 'Reseller invitation and GDAP request ready' : 'Reseller invitation ready'
        : event.gdapLink ? 'GDAP request ready (no reseller invitation needed)' : 'Invitation skipped';
      return `${what}: waiting for a Global Admin of ${customer} to accept (valid until ${formatDate(event.expiresAt)}).`;
    }
    case 'RelationshipAccepted': {
      const company = oneLine(event.companyName, LIMITS.title);
      return `Customer accepted the reseller invitation${company ? ` (${company})` : ''}.`;
    }
    case 'InventoryTaken': {
      const lines = event.inventory.lines;
      const total = lines.reduce((sum, line) => sum + line.totalUnits, 0);
      const used = lines.reduce((sum, line) => sum + line.consumedUnits, 0);
      const what = `${count(lines.length, 'licence SKU', 'licence SKUs')}, ${count(total, 'licence', 'licences')} (${used} assigned)`;
      return event.inventory.enteredBy
        ? `Inventory typed in by ${oneLine(event.inventory.enteredBy.name, LIMITS.name) || 'someone'}: ${what}. The bot could not read the tenant, so the approver checks the figures.`
        : `Inventory read: ${what}.`;
    }
    case 'PlanProposed': {
      const plan = event.plan;
      const quantity = plan.lines.reduce((sum, line) => sum + line.quantity, 0);
      const blockers = plan.blockers.length > 0 ? ` ${count(plan.blockers.length, 'blocker needs', 'blockers need')} a person first.` : '';
      // The plan of this event and its proposer, whatever the move's plan is now.
      const approvers = approverText({ ...state, plan, proposer: event.proposer }, options);
      return `Plan ready for approval: ${count(plan.lines.length, 'line', 'lines')}, ${count(quantity, 'licence', 'licences')}. ` +
        `${capitalize(approvers)} can approve it.${blockers}`;
    }
    case 'OfferChosen': {
      const offers = event.offers.slice(0, 3).map((o) => oneLine(o.title, LIMITS.title)).join(' + ') || 'no offer';
      return `${who(event)} (Account admin) picked ${offers} for ${oneLine(event.skuPartNumber, LIMITS.sku)}: ${endSentence(oneLine(event.reason, 200))} `
        + 'Users lose what these offers lack; the plan is drafted again.';
    }
    case 'LicencesReassigned': {
      // Changes recorded as they leave for Graph; what became of them is the next batch's record.
      if (event.results.length === 0) return `Sending the licence changes of ${count(event.sending?.length ?? 0, 'user', 'users')} to Microsoft Graph.`;
      const moved = event.results.filter((r) => !needsAttention(r)).length;
      const attention = event.results.length - moved;
      return `Licences reassigned: ${count(moved, 'user', 'users')} moved to the new licences`
        + (attention > 0 ? `; ${count(attention, 'user needs', 'users need')} attention: ${attentionSummary(event.results)}.` : '.');
    }
    case 'ReassignmentFinished':
      return event.attention > 0
        ? `Licence reassignment pass finished: ${event.moved} moved, ${count(event.attention, 'user', 'users')} still on the old licence.`
        : `Licence reassignment finished: every user is on the new licences (${event.moved} moved in this pass).`;
    case 'ReassignmentResumed':
      return `${who(event)} asked for another licence reassignment pass: the users still on the old licence are tried again.`;
    case 'PlanAdjusted': {
      const changed = event.changes.slice(0, 5).map((c) => {
        const line = event.plan.lines.find((l) => l.source.skuId.toLowerCase() === c.sourceSkuId.toLowerCase());
        const name = oneLine(line?.source.displayName || line?.source.skuPartNumber || c.sourceSkuId, LIMITS.title);
        return `${name}: ${count(c.quantity, 'licence', 'licences')}, ${termText({ termDuration: c.termDuration, billingCycle: c.billingCycle })}, bought ${c.buyOn ? `on ${formatDate(c.buyOn)}` : 'at approval'}`;
      });
      return `Plan changed by ${who(event)}: ${changed.join('; ')}. The new plan waits for approval by ${approverText(state, options)}.`;
    }
    case 'PlanApproved': {
      const later = state.schedule.filter((p) => p.buyOn !== null);
      const dates = later.map((p) => formatDate(p.buyOn)).join(', ');
      return `Plan approved by ${who(event)}.${quoted(event.comment)}${later.length > 0 ? ` The bot buys on ${dates}, just before the originals end.` : ''}`;
    }
    case 'PlanRejected':
      return `Plan rejected by ${who(event)}.${quoted(event.comment)}`;
    case 'CartCreated':
      return 'Cart created in Partner Center; checking out.';
    case 'OrderPlaced': {
      const ids = event.orderIds.slice(0, 5).map((id) => oneLine(id, LIMITS.id)).join(', ') || '(no id)';
      return `${event.orderIds.length > 1 ? 'Orders' : 'Order'} ${ids} placed: ${count(event.subscriptions.length, 'subscription', 'subscriptions')}.`;
    }
    case 'ProvisioningCompleted': {
      const until = event.subscriptions.map((s) => s.cancellationAllowedUntil).filter((d): d is string => !!d).sort()[0];
      const undo = until ? ` They can be cancelled for a prorated refund until ${formatDate(until)}.` : '';
      return `New subscriptions provisioned: ${subscriptionSummary(event.subscriptions)}.${undo}`;
    }
    case 'PurchaseDue':
      return event.buyOn
        ? `Buy date ${formatDate(event.buyOn)} reached: ordering ${purchaseText(state, event.round)}.`
        : `Ordering ${purchaseText(state, event.round)}.`;
    case 'PurchaseReminderDue':
      return `Reminder: on ${formatDate(event.buyOn)} the bot orders ${purchaseText(state, event.round)}`
        + ` (approved by ${state.approval ? actorName(state.approval.by) : 'an approver'}). To stop it, cancel the move before then.`;
    case 'SourceAdviceGiven':
      return `Advice on the original subscriptions: let them expire, do not cancel them (no refunds): ${adviceSummary(event.advice)}.`;
    case 'MoveCompleted':
      return state.advice.length > 0
        ? `Move complete: every original subscription has ended, and ${domainText(state.customerDomain)} runs on the subscriptions bought in your CSP program.`
        : `Move complete: ${domainText(state.customerDomain)} runs on the subscriptions bought in your CSP program.`;
    case 'SourceSubscriptionEnded':
      return `The original ${productName(state, { skuPartNumber: event.skuPartNumber })} subscription has ended (${oneLine(event.status, 30)}).`;
    case 'SourceExpiryReminder':
      return `The original ${productName(state, { skuPartNumber: event.skuPartNumber })} subscription ends on ${formatDate(event.expires)}: make sure its auto-renew is off (ask its seller if it was bought elsewhere); do not cancel it early.`;
    case 'MoveCancelled': {
      const reason = oneLine(event.reason, 200);
      return `Move cancelled by ${who(event)}${reason ? `: ${endSentence(reason)}` : '.'}`;
    }
    case 'RequestsWithdrawn':
      return withdrawalLine(event.outcome, oneLine(event.detail, 300), customer);
    case 'ReminderDue':
      return event.about === 'invitation'
        ? `Reminder ${event.count}: ${domainText(state.customerDomain)} has not accepted the reseller invitation sent on ${formatDate(event.waitingSince)}. Send the invitation message to their Global Admin again; it expires on ${formatDate(state.invitation?.expiresAt)}.`
        : `Reminder ${event.count}: the plan has waited since ${formatDate(event.waitingSince)} for ${approverText(state, options)} to approve or reject it.`;
    case 'BlockOverridden':
      return `Blocker overridden by ${who(event)}: ${endSentence(oneLine(event.reason, 300))} The move goes on.`;
    case 'MoveTimedOut':
      return `Invitation expired: ${endSentence(oneLine(event.message, 300))}`;
    case 'DelegatedAccessGranted':
      return `The customer approved delegated admin (GDAP): your ${oneLine(event.groupName, 80)} group now has the approved roles in the customer's tenant.`;
    case 'InvitationEmailRequested':
      return `${who(event)} asked the bot to email the invitation to ${oneLine(event.to.join(', '), 300)}.`;
    case 'InvitationEmailAttempted': {
      const email = emailOf(state, event.attemptId);
      return event.sender
        ? `Sending the invitation email to ${email.to} from ${email.from}.`
        : `Not sending the invitation email to ${email.to}: the mailbox it was asked to leave from is not at hand.`;
    }
    case 'InvitationEmailed': {
      const email = emailOf(state, event.attemptId);
      return `Invitation emailed to ${email.to} by ${email.by}, from ${email.from}.`;
    }
    case 'InvitationEmailFailed': {
      const email = emailOf(state, event.attemptId);
      const error = endSentence(oneLine(event.error, 300));
      return event.outcome === 'unknown'
        ? `Invitation email to ${email.to} (asked by ${email.by}): outcome unknown. ${error}`
        : `Invitation email to ${email.to} (asked by ${email.by}) not sent. ${error}`;
    }
    case 'FollowUpDone':
    case 'FollowUpReminderDue':
      return followUpEventText(event, state);
    case 'StepFailed': {
      const step = oneLine(event.step, 60);
      const error = endSentence(oneLine(event.error, 200)) || 'no error text.';
      return event.retryable
        ? `Step ${step} failed: ${error} Retrying automatically.`
        : `Step ${step} failed: ${error} It will not retry by itself: fix the cause, then send "retry".`;
    }
    default:
      return assertNever(event);
  }
}

/** What became of withdrawing the cancelled move's GDAP request, in one line (`detail`: clean, one line). */
export function withdrawalLine(outcome: WithdrawalOutcome, detail: string, customer: string): string {
  switch (outcome) {
    case 'withdrawn': return `The GDAP request to ${customer} was withdrawn: their Global Admin can no longer approve it.`;
    case 'already-ended': return `The GDAP request to ${customer} had already ended (${detail}): nothing to withdraw.`;
    case 'approved':
      return `${customer} had already approved the GDAP relationship (${detail}), so it stays: end it in Partner Center (Customers → ${customer} → Admin relationships) if it is not needed.`;
    case 'failed': return `Withdrawing the GDAP request to ${customer} failed: ${endSentence(detail)} The bot tries again.`;
    case 'gave-up':
      return `The GDAP request to ${customer} could not be withdrawn: ${endSentence(detail)} Terminate it in Partner Center (Customers → ${customer} → Admin relationships), `
        + 'or tell their Global Admin not to approve it.';
    default: return assertNever(outcome);
  }
}

/** "46 × Microsoft 365 E3; 12 × Exchange Online (Plan 1)": what a purchase of the schedule buys. */
function purchaseText(state: MoveState, round: number): string {
  const lines = linesOf(state.plan ?? { lines: [] }, state.schedule[round]);
  if (lines.length === 0) return 'the next purchase';
  return lines.map((l) => `${l.quantity} × ${l.offers.map((o) => oneLine(o.title, LIMITS.title)).join(' + ')}`).join('; ');
}
