/** The decider's refusals in words (cards/refusalText.ts): what was refused and why, then what the reader can do. */
import type { AreaMessages } from '../types';

export const refusals = {
  // Who may do a guarded action. people: "an Account admin or a Billing agent"; why: refusals.why or ''.
  'refusals.whoCan.start-move': 'Only {people} can start a move{why}.',
  'refusals.whoCan.cancel-move': 'Only {people} can cancel it{why}.',
  'refusals.whoCan.override-block': 'Only {people} can override a blocker{why}.',
  'refusals.whoCan.retry-reassignment': 'Only {people} can run the reassignment again{why}.',
  'refusals.whoCan.type-inventory': 'Only {people} can type in an inventory{why}.',
  'refusals.whoCan.pick-offers': 'Only {people} can pick offers for a licence with no equivalent (users may lose service plans){why}.',
  'refusals.whoCan.approve-plan': 'Only {people} can approve this plan{why}.',
  'refusals.whoCan.adjust-plan': 'Only {people} can change this plan{why}.',
  'refusals.whoCan.reject-plan': 'Only {people} can reject this plan{why}.',
  'refusals.whoCan.email-invitation': 'Only {people} can email the invitation{why}.',
  'refusals.whoCan.complete-follow-up': 'Only {people} can tick this follow-up done{why}.',
  /** reasons: the narrowings, joined with "; ". */
  'refusals.why': ' ({reasons})',
  /** starter: the starter's name (or refusals.unknownStarter); roles: the roles as in whoCan. */
  'refusals.starterOrRoles': 'the person who started this move ({starter}), {roles}',
  'refusals.unknownStarter': 'unknown',
  'refusals.narrowing.offersPicked': 'offers were picked by hand for {skus}',
  'refusals.narrowing.manySeats': 'it buys {seats} licences, more than {limit}',
  /** people: names as "A, B or C". */
  'refusals.ask': 'Ask {people}.',
  /** names: the first names shown, joined with ", "; others: how many more. */
  'refusals.namesAndOthers': '{names} {others, plural, one {or # other} other {or # others}}',

  'refusals.fourEyes': 'You proposed this plan, so {roles} other than you must approve it.',
  'refusals.moveMissing': 'This move does not exist. Start one with `move <customer domain>`.',
  'refusals.moveAlreadyStarted': 'This move has already started.',
  /** stage: the final stage; stageLabel: its label in lower case (other stages); detail: one of refusals.ended.* or ''. */
  'refusals.moveEnded': 'This move is already {stage, select, done {done} blocked {blocked} rejected {plan rejected} cancelled {cancelled} expired {invitation expired} other {{stageLabel}}}{detail}.',
  'refusals.ended.rejectedBy': ' (rejected by {by})',
  'refusals.ended.rejectedByAt': ' (rejected by {by}, {at})',
  'refusals.ended.cancelledBy': ' (cancelled by {by})',
  'refusals.ended.cancelledByAt': ' (cancelled by {by}, {at})',
  'refusals.ended.blocked': ': {message}',
  /** change: one of refusals.change.*. */
  'refusals.cardOutdated': '{change}; nothing was done.',
  /** stage and expected: stage labels in quotes. */
  'refusals.wrongStage': 'The move is at {stage}, not {expected}.',
  'refusals.notBlockedFor.retry-reassignment': 'Another reassignment pass can be asked for only when the move is blocked for it; the move is at {stage}.',
  'refusals.notBlockedFor.pick-offers': 'Offers can be picked only when the move is blocked for it; the move is at {stage}.',
  'refusals.notACustomerId': '"{input}" is not a domain (like contoso.onmicrosoft.com) or a tenant id.',
  'refusals.countryMissing': "Give the customer tenant's country as a two-letter ISO code, like US or CA.",
  'refusals.sourceMissing': 'Say where the subscriptions come from: Microsoft direct, another CSP partner, another program, or unknown.',
  'refusals.alreadyMoving': '{domain} already has a move under way ({moveId}). Say `status {domain}` to see it, or cancel it first.',
  'refusals.tooLateToCancel': 'The plan is approved and the order is being placed, so the move can no longer be cancelled here. '
    + 'Within 7 days of purchase the new subscriptions can be cancelled in Partner Center.',
  'refusals.nothingToOverride': 'There is no blocker to override: the move is not blocked.',
  'refusals.blockNotOverridable': 'This blocker cannot be overridden: it is a rule (or a fact), not a judgement. Resolve its cause and start a new move.',
  'refusals.reasonTooShort.cancel': 'Say why the move is cancelled: the reason goes on the record and on the cancelled card. Nothing was cancelled.',
  'refusals.reasonTooShort.override': 'Give the reason for the override (at least a sentence); it goes on the record.',
  'refusals.reasonTooShort.offerChoice': 'Say why these offers are right (at least a sentence); it goes on the record and on the plan card.',
  'refusals.reasonTooLong': 'Keep the reason to {max} characters (it has {length}). Nothing was changed.',
  'refusals.noRequestToWithdraw': 'The move has no such request to withdraw.',
  'refusals.cartAlreadyRecorded': 'A cart ({cartId}) is already recorded for this move.',
  'refusals.noCart': 'No cart is recorded for this move, so no order can be.',
  'refusals.noOrder': 'No order is recorded for this move yet.',
  'refusals.inventoryNotAwaited': "The inventory can be typed in only while the move waits for it (the bot could not read the customer's tenant).",
  /** lines: the problems, one "- …" line each. */
  'refusals.inventoryLinesInvalid': 'Nothing was recorded. Fix these lines and send again:\n{lines}',
  'refusals.inventoryEmpty': 'Type at least one licence line.',
  'refusals.noOfferChoiceOpen': 'That licence has no open "no equivalent" blocker in the current plan. Refresh the card.',
  'refusals.offerCount': 'Pick one to {max} offers for {sku}.',
  /** candidates: the offers, joined with ", ", or refusals.noneSold. */
  'refusals.offerNotListed': 'Pick from the offers the card lists for {sku}: {candidates}.',
  'refusals.noneSold': 'none are sold',
  'refusals.alreadyApproved': 'The plan was already approved by {by} at {at}.',
  'refusals.noPlanWaiting': 'There is no plan waiting for approval; the move is at {stage}.',
  'refusals.planChanged': 'The plan was redrawn since this card was drawn (proposed by {by}, {at}); nothing was done. Decide on the current plan.',
  'refusals.planOlder': 'This card shows an older plan. Refresh the card and decide on the current plan.',
  'refusals.planUnchanged': 'Nothing was changed: the plan already buys what the card says. Change a term, a quantity or a date first.',
  'refusals.lineNotInPlan': '{sku} is not a line of the current plan. Refresh the card.',
  /** term: P1M, P1Y, P3Y (or another code, shown as it is); billing: monthly, annual, triennial (likewise). */
  'refusals.termNotSold': '{sku} is not sold as {term, select, P1M {1 month} P1Y {1 year} P3Y {3 years} other {{term}}}, '
    + '{billing, select, monthly {billed monthly} annual {billed annually} triennial {billed every 3 years} other {{billing}}}. Pick a term the card lists.',
  'refusals.quantityBelowAssigned': '{sku}: {quantity} is fewer than the {assigned} licences assigned today, and users would lose theirs. Buy at least {assigned}.',
  'refusals.quantityTooLarge': '{sku}: {quantity} licences is more than the {max} one purchase can buy.',
  'refusals.quantityNotWhole': '{sku}: {quantity} is not a whole number of licences.',
  'refusals.buyDatePast': '{sku}: {buyOn} has passed (today is {today}). Pick a later day, or leave the date empty to buy at approval.',
  'refusals.buyDateAfterEnd': '{sku}: {buyOn} is after the original ends ({endsOn}); users would be left without a licence. Pick a day on or before {endsOn}.',
  'refusals.noEmailWaiting': 'No invitation email is waiting to be sent.',
  'refusals.emailAttemptReused': 'The attempt id {attemptId} was used for another email.',
  'refusals.emailAttemptUnknown': 'No invitation email attempt {attemptId} is on record.',
  'refusals.invitationNotAwaited': 'The invitation can be emailed only while the move waits for the customer to accept; the move is at {stage}.',
  'refusals.noInvitationLink': 'This move has no invitation link to email.',
  /** to: the addresses, joined with ", ". */
  'refusals.emailInFlight': 'The invitation email to {to} (asked for by {by}) is still being sent. '
    + 'Wait for its outcome on the card (select Refresh) before sending another.',
  'refusals.emailNoAddress': 'Type the customer admin\'s email address (up to {max}, separated by commas), then select "Email the invitation". Nothing was sent.',
  'refusals.emailTooManyAddresses': 'Give at most {max} addresses; you gave {given}. Nothing was sent.',
  /** named: the first addresses in quotes (refusals.addressesAndMore when there are more); count: how many are wrong. */
  'refusals.emailNotAnAddress': '{count, plural, one {{named} is not an email address (like admin@contoso.com). Correct it} '
    + 'other {{named} are not email addresses (like admin@contoso.com). Correct them}} and select "Email the invitation" again. Nothing was sent.',
  'refusals.addressesAndMore': '{named} and {more} more',
  'refusals.emailSubjectDrawnWrong': 'The invitation email needs a subject of 1 to {max} characters on one line (the bot drew {length}): report this to whoever runs the bot. Nothing was sent.',
  'refusals.emailBodyDrawnWrong': "The invitation email's text must be 1 to {max} characters (the bot drew {length}): report this to whoever runs the bot. Nothing was sent.",
  'refusals.followUpUnknown': 'This move has no follow-up "{taskId}". Refresh the card; nothing was recorded.',
  'refusals.followUpDone': 'This follow-up was already ticked done; nothing more was recorded.',
  'refusals.followUpDoneBy': 'This follow-up was already ticked done by {by}; nothing more was recorded.',
  'refusals.followUpDoneAt': 'This follow-up was already ticked done, {at}; nothing more was recorded.',
  'refusals.followUpDoneByAt': 'This follow-up was already ticked done by {by}, {at}; nothing more was recorded.',
  'refusals.followUpEnded': 'This follow-up needs nothing more: the bot saw the original subscriptions end. Nothing was recorded.',

  // What took the move on since a card was drawn (changeText): who and when.
  'refusals.change.planApproved': '{by} approved this plan at {at}',
  'refusals.change.planRejected': '{by} rejected this plan at {at}',
  'refusals.change.cancelled': '{by} cancelled this move at {at}',
  'refusals.change.timedOut': 'The invitation expired unanswered at {at}',
  'refusals.change.blocked': 'The move was blocked at {at}',
  'refusals.change.blockedWithMessage': 'The move was blocked at {at} ({message})',
  /** stage: the stage label in quotes. */
  'refusals.change.stage': 'The move went on to {stage} since this card was drawn',
  'refusals.change.stageAt': 'The move went on to {stage} at {at} since this card was drawn',
} as const satisfies AreaMessages<'refusals'>;
