/** The pieces every move card shares (cards/moveView.ts): on whom a move waits, the last failure, who started it. */
import type { AreaMessages } from '../types';

export const moveView = {
  'moveView.someone': 'someone',
  /** roles: the approver roles in a sentence; name: the person who proposed the plan (four-eyes). */
  'moveView.approversOtherThan': '{roles} other than {name}',
  /** The last item of a list of approvers cut at four names ("A, B, C, D or 2 others"). */
  'moveView.others': '{count, plural, one {# other} other {# others}}',
  /** at: date and time of the only failure. */
  'moveView.failedOnce': '{step} (at {at})',
  /** count: how many times the step failed; at: the last time. */
  'moveView.failedMany': '{step} (failed {count} times, last at {at})',
  'moveView.noErrorText': 'No error text was given.',
  'moveView.retrying': 'Retrying automatically. Nothing to do unless it keeps failing; then check the error above.',
  'moveView.notRetrying': 'This step will not be retried automatically. Fix the cause named above, then send "retry" to the bot, or cancel the move.',
  /** name: who started the move; at: when; source: where its subscriptions come from (moveView.source.*). */
  'moveView.startedBy': 'Started by {name}, {at} · {source}',
  'moveView.notStarted': 'Not started yet · {source}',

  // Where the customer's subscriptions come from (move/model.ts SOURCE_CHANNEL_LABELS).
  'moveView.source.microsoft-direct': 'bought direct from Microsoft',
  'moveView.source.other-csp-partner': 'bought from another CSP partner',
  'moveView.source.other-program': 'bought through another licensing program',
  'moveView.source.unknown': 'source not yet known',

  // What a move waits for (what) and on whom (who), by stage.
  'moveView.waiting.bot': 'the bot (nothing to do)',
  'moveView.waiting.noOne': 'no one',
  'moveView.waiting.starterMissing': 'the person starting the move',
  'moveView.waiting.intake': 'The intake details (customer domain, country, source).',
  'moveView.waiting.preflight': 'Pre-flight checks: finding the customer tenant and checking it is in your CSP region.',
  'moveView.waiting.invitation': 'Getting the reseller invitation link from Partner Center.',
  /** customer: the customer's name or domain. */
  'moveView.waiting.acceptanceWithGdap': 'A Global Admin of {customer} to accept the reseller invitation and approve the delegated admin (GDAP) request.',
  'moveView.waiting.acceptance': 'A Global Admin of {customer} to accept the reseller invitation.',
  'moveView.waiting.acceptanceWho': "the customer's Global Admin (send them the invitation message)",
  'moveView.waiting.inventory': 'Reading the licences {customer} has today.',
  'moveView.waiting.plan': 'Drafting the plan: the same CSP offers and quantities as today.',
  'moveView.waiting.approval': 'Approval of the plan.',
  /** what: the offers bought next (product names) or moveView.waiting.scheduledNothing; date: the buy date. */
  'moveView.waiting.scheduled': 'The buy date: the bot orders {what} on {date} (the approvers are reminded the day before).',
  'moveView.waiting.scheduledNothing': 'the next purchase',
  'moveView.waiting.scheduledWho': 'no one (the bot buys on the date; cancel the move to stop it)',
  'moveView.waiting.provisioning': 'Partner Center to place the order and provision the new subscriptions.',
  'moveView.waiting.reassigning': 'Moving users from the original licences to the new ones (each user gets the new licence before the old is removed).',
  'moveView.waiting.watching': 'The original subscriptions to end on their dates (let them expire; the bot reminds before each date).',
  'moveView.waiting.watchingWho': 'no one (the bot watches)',
  'moveView.waiting.sourceAdvice': 'Advice on the original subscriptions (let them expire).',
  'moveView.waiting.done': 'Nothing: the move is complete. Let the original subscriptions expire on their dates.',
  'moveView.waiting.rejected': 'Nothing: the plan was rejected. Start a new move to draft a new plan.',
  'moveView.waiting.cancelled': 'Nothing: the move was cancelled.',
  'moveView.waiting.timedOut': 'Nothing: the invitation expired unanswered. Start a new move for a fresh invitation.',
  'moveView.waiting.blocked': 'Nothing: the move is blocked. See the reason and start a new move once it is resolved.',
  'moveView.waiting.accountAdmin': 'an Account admin',
  'moveView.waiting.pickOffers': 'Offers picked by hand for the licences with no equivalent (on the blocked card).',
  'moveView.waiting.accessOrInventory': "Access to the customer's tenant (the GDAP request approved), or the inventory typed in on the card.",
  /** roles: the roles that may type the inventory, in a sentence ("an Account admin, an Admin agent or a Sales agent"). */
  'moveView.waiting.accessOrInventoryWho': "the customer's Global Admin, or {roles}",
  /** domain: the customer's domain, as the command takes it. */
  'moveView.waiting.accessThenOverride': "Access to the customer's tenant, then an override (override {domain} (your reason)).",
  'moveView.waiting.fixUsers': 'The users listed on the card fixed in Microsoft Entra, then "retry {domain}"; or an override to go on without them.',
  'moveView.waiting.fixUsersWho': '{roles} (retry), an Account admin (override)',
  'moveView.waiting.regionOverride': "An override, if the tenant's country is in your CSP region (override {domain} (your reason)).",
} as const satisfies AreaMessages<'moveView'>;
