/**
 * One plain line per move event (cards/eventText.ts): the channel thread's replies and the status card's latest events.
 * Counts are written `{n, plural, one {{n} …} other {{n} …}}` so numbers read as the bot always wrote them (no digit
 * grouping). Dates arrive formatted; names, domains, SKUs and error texts arrive cleaned.
 */
import type { AreaMessages } from '../types';

export const events = {
  'events.someone': 'Someone',
  'events.someoneLower': 'someone',
  /** The source of the customer's subscriptions (move/model.ts SOURCE_CHANNEL_LABELS). */
  'events.source.microsoft-direct': 'bought direct from Microsoft',
  'events.source.other-csp-partner': 'bought from another CSP partner',
  'events.source.other-program': 'bought through another licensing program',
  'events.source.unknown': 'source not yet known',
  /** What became of one user's licence change (move/reassignment.ts REASSIGNMENT_OUTCOME_LABELS). */
  'events.outcome.moved': 'Moved',
  'events.outcome.skipped-group': 'Skipped: licensed through a group',
  'events.outcome.skipped-usage-location': 'Skipped: no usage location',
  'events.outcome.would-lose-plans': 'Not changed: would lose service plans',
  'events.outcome.failed': 'Failed',
  /** items: the first few, already joined; more: how many are left out. */
  'events.andMore': '{items}, and {more} more',

  'events.advice.none': 'no original subscriptions were found to advise on',
  'events.advice.item': '{sku} ({licences}) on {date}',
  'events.advice.itemNoDate': '{sku} ({licences}) end date unknown, check it in the Microsoft 365 admin center',

  'events.email.toMissing': "the customer's admin",
  'events.email.fromMissing': 'the sending mailbox',

  'events.blocked.message': 'Move blocked: {message}',
  'events.blocked.region-mismatch': 'Move blocked: the customer is in the CSP region {customerRegion}, you are in {partnerRegion}.',
  'events.blocked.unknown-country': 'Move blocked: the country {country} is not in the CSP region table.',
  'events.blocked.tenant-not-found': 'Move blocked: no Microsoft 365 tenant answers for {domain}.',
  'events.blocked.plan-has-no-offer': 'Move blocked: no CSP offer for {skus}.',
  'events.blocked.nothing-to-move': 'Move blocked: there is nothing to buy (only free, trial or excluded licences).',
  'events.blocked.no-customer-access': "Move blocked: the bot cannot read the customer's licences ({detail}).",
  'events.blocked.duplicate-tenant': 'Move blocked: the same tenant already has a move under way ({otherMove}).',
  'events.blocked.reassignment-incomplete': 'Move blocked: {users, plural, one {{users} user still holds} other {{users} users still hold}} the old licence; fix what the card lists, then say "retry".',

  /** multiPartner: yes when the customer keeps another partner. */
  'events.started': '{name} started the move of {customer} ({source}{multiPartner, select, yes {; the customer keeps another partner} other {}}).',
  'events.preflight.existing': 'Pre-flight checks passed: {customer} is already your customer, so no invitation is needed. Reading the inventory next.',
  'events.preflight.passed': 'Pre-flight checks passed: tenant found, region {region} matches yours.',
  /** requests: what was prepared — both, reseller, gdap, or none. */
  'events.invitation': '{requests, select, both {Reseller invitation and GDAP request ready} reseller {Reseller invitation ready} gdap {GDAP request ready (no reseller invitation needed)} other {Invitation skipped}}: waiting for a Global Admin of {customer} to accept (valid until {date}).',
  'events.accepted': 'Customer accepted the reseller invitation.',
  'events.acceptedCompany': 'Customer accepted the reseller invitation ({company}).',
  'events.inventory.read': 'Inventory read: {skus, plural, one {{skus} licence SKU} other {{skus} licence SKUs}}, {total, plural, one {{total} licence} other {{total} licences}} ({used} assigned).',
  'events.inventory.typed': 'Inventory typed in by {name}: {skus, plural, one {{skus} licence SKU} other {{skus} licence SKUs}}, {total, plural, one {{total} licence} other {{total} licences}} ({used} assigned). The bot could not read the tenant, so the approver checks the figures.',
  /** approvers: who may approve ("An Account admin or a Billing agent other than Megan Bowen"), capitalised. */
  'events.planProposed': 'Plan ready for approval: {lines, plural, one {{lines} line} other {{lines} lines}}, {quantity, plural, one {{quantity} licence} other {{quantity} licences}}. {approvers} can approve it.{blockers, plural, =0 {} one { {blockers} blocker needs a person first.} other { {blockers} blockers need a person first.}}',
  'events.offerChosen': '{name} (Account admin) picked {offers} for {sku}: {reason} Users lose what these offers lack; the plan is drafted again.',
  'events.offerChosen.none': 'no offer',
  'events.reassign.sending': 'Sending the licence changes of {users, plural, one {{users} user} other {{users} users}} to Microsoft Graph.',
  'events.reassign.done': 'Licences reassigned: {moved, plural, one {{moved} user} other {{moved} users}} moved to the new licences.',
  /** users: the users who need attention, each with what became of them. */
  'events.reassign.attention': 'Licences reassigned: {moved, plural, one {{moved} user} other {{moved} users}} moved to the new licences; {attention, plural, one {{attention} user needs} other {{attention} users need}} attention: {users}.',
  'events.reassign.passLeft': 'Licence reassignment pass finished: {moved} moved, {attention, plural, one {{attention} user} other {{attention} users}} still on the old licence.',
  'events.reassign.finished': 'Licence reassignment finished: every user is on the new licences ({moved} moved in this pass).',
  'events.reassign.resumed': '{name} asked for another licence reassignment pass: the users still on the old licence are tried again.',
  /** One changed plan line; buy: on (with date) or approval; term: "1 year, billed monthly". */
  'events.planAdjusted.change': '{name}: {quantity, plural, one {{quantity} licence} other {{quantity} licences}}, {term}, bought {buy, select, on {on {date}} other {at approval}}',
  'events.planAdjusted': 'Plan changed by {name}: {changes}. The new plan waits for approval by {approvers}.',
  /** comment: the approver's comment, empty when none; dates: the buy dates, empty when bought at once. */
  'events.planApproved': 'Plan approved by {name}.{hasComment, select, yes { "{comment}"} other {}}{hasDates, select, yes { The bot buys on {dates}, just before the originals end.} other {}}',
  'events.planRejected': 'Plan rejected by {name}.{hasComment, select, yes { "{comment}"} other {}}',
  'events.cartCreated': 'Cart created in Partner Center; checking out.',
  'events.orderPlaced': '{orders, plural, =0 {Order} one {Order} other {Orders}} {ids} placed: {subscriptions, plural, one {{subscriptions} subscription} other {{subscriptions} subscriptions}}.',
  'events.orderPlaced.noId': '(no id)',
  /** subscriptions: "25 × Microsoft 365 Business Premium, 10 × Exchange Online (Plan 1)"; until: the refund deadline or empty. */
  'events.provisioned': 'New subscriptions provisioned: {subscriptions}.{hasUntil, select, yes { They can be cancelled for a prorated refund until {until}.} other {}}',
  /** purchase: what the purchase buys ("46 × Microsoft 365 E3; 12 × Exchange Online (Plan 1)"). */
  'events.purchaseDue.dated': 'Buy date {date} reached: ordering {purchase}.',
  'events.purchaseDue': 'Ordering {purchase}.',
  'events.purchase.next': 'the next purchase',
  'events.purchaseReminder': 'Reminder: on {date} the bot orders {purchase} (approved by {approver}). To stop it, cancel the move before then.',
  'events.purchaseReminder.anApprover': 'an approver',
  'events.adviceGiven': 'Advice on the original subscriptions: let them expire, do not cancel them (no refunds): {advice}.',
  'events.completed.originalsEnded': 'Move complete: every original subscription has ended, and {customer} runs on the subscriptions bought in your CSP program.',
  'events.completed': 'Move complete: {customer} runs on the subscriptions bought in your CSP program.',
  'events.sourceEnded': 'The original {product} subscription has ended ({status}).',
  'events.sourceExpiry': 'The original {product} subscription ends on {date}: make sure its auto-renew is off (ask its seller if it was bought elsewhere); do not cancel it early.',
  'events.cancelled': 'Move cancelled by {name}.',
  'events.cancelledReason': 'Move cancelled by {name}: {reason}',
  'events.reminder.invitation': 'Reminder {count}: {customer} has not accepted the reseller invitation sent on {sent}. Send the invitation message to their Global Admin again; it expires on {expires}.',
  'events.reminder.approval': 'Reminder {count}: the plan has waited since {since} for {approvers} to approve or reject it.',
  'events.overridden': 'Blocker overridden by {name}: {reason} The move goes on.',
  'events.timedOut': 'Invitation expired: {message}',
  'events.gdapGranted': "The customer approved delegated admin (GDAP): your {group} group now has the approved roles in the customer's tenant.",
  'events.email.requested': '{name} asked the bot to email the invitation to {to}.',
  'events.email.sending': 'Sending the invitation email to {to} from {from}.',
  'events.email.noSender': 'Not sending the invitation email to {to}: the mailbox it was asked to leave from is not at hand.',
  'events.email.sent': 'Invitation emailed to {to} by {by}, from {from}.',
  'events.email.unknown': 'Invitation email to {to} (asked by {by}): outcome unknown. {error}',
  'events.email.failed': 'Invitation email to {to} (asked by {by}) not sent. {error}',
  'events.stepFailed.retrying': 'Step {step} failed: {error} Retrying automatically.',
  'events.stepFailed.stuck': 'Step {step} failed: {error} It will not retry by itself: fix the cause, then send "retry".',
  'events.stepFailed.noError': 'no error text.',

  /** What became of withdrawing a cancelled move's GDAP request; detail: Partner Center's answer, one line. */
  'events.withdrawal.withdrawn': 'The GDAP request to {customer} was withdrawn: their Global Admin can no longer approve it.',
  'events.withdrawal.already-ended': 'The GDAP request to {customer} had already ended ({detail}): nothing to withdraw.',
  'events.withdrawal.approved': '{customer} had already approved the GDAP relationship ({detail}), so it stays: end it in Partner Center (Customers → {customer} → Admin relationships) if it is not needed.',
  'events.withdrawal.failed': 'Withdrawing the GDAP request to {customer} failed: {detail} The bot tries again.',
  'events.withdrawal.gave-up': 'The GDAP request to {customer} could not be withdrawn: {detail} Terminate it in Partner Center (Customers → {customer} → Admin relationships), or tell their Global Admin not to approve it.',
} as const satisfies AreaMessages<'events'>;
