/** Plain-text replies to one person: who may ask (refusals), commands not understood, answers of the typed commands. */
import type { AreaMessages } from '../types';

export const replies = {
  // Who is asking (bot/actorResolver.ts).
  'replies.refusal.noTenant': 'Teams did not say which organisation you belong to, so no action was taken. Use the bot from Microsoft Teams.',
  'replies.refusal.tenantsDisagree': 'This request named two different organisations, so no action was taken. Use the bot from Microsoft Teams.',
  'replies.refusal.foreignTenant': "This bot works only for the partner's own organisation; your tenant is not that one.",
  'replies.refusal.noIdentity': 'Teams did not say who you are (no Entra object id on the message), so no action was taken. Use the bot from Microsoft Teams signed in with your work account.',
  'replies.refusal.badIdentity': 'Teams sent a user id that is not an Entra object id, so no action was taken. Use the bot from Microsoft Teams signed in with your work account.',
  'replies.refusal.directoryDown': "Could not read your Partner Center roles from the partner directory just now, so no action was taken. Try again in a minute; if it keeps failing, check the bot's Graph permissions (GroupMember.Read.All, RoleManagement.Read.Directory).",
  'replies.noRole.title': 'You have no Partner Center role',
  'replies.noRole.whoCan': 'Moves are started by {starters}, and their plans approved by {approvers}.',
  'replies.noRole.message': 'You have no Partner Center role, so you cannot see or change moves. {whoCan} To get a role, ask your Global Administrator to add you to the SalesAgents or AdminAgents group (or, to approve plans, to give you the Billing Administrator role).',
  'replies.nothingDone': 'Nothing done',

  // The command router (bot/commandRouter.ts).
  'replies.needsNewerTeams': 'This card needs a newer Teams client (Adaptive Cards 1.5 with Universal Actions). Update Teams and try again.',
  'replies.notUnderstood': 'I did not understand "{text}". Say `help` to see what I can do.',
  'replies.notUnderstoodDidYouMean': 'I did not understand "{text}". Did you mean `{suggestion}`?',
  'replies.notAvailable': 'That command is not available here. Say `help`.',

  // Card actions (bot/actions/actionHandler.ts).
  'replies.moveGone': 'This card belongs to a move that does not exist here any more. Say `list` to see the moves.',

  // Typed commands (bot/commands/*.ts).
  'replies.sayWhichCustomer': 'Say which customer: `{example}`.',
  'replies.overrideSayWhich': 'Say which customer and why: `override contoso.com The tenant is in the US; its EU scope comes from data residency.`',
  'replies.noMove': 'There is no move for {customer}.',
  'replies.noMoveRunning': 'No move is running for {customer}.',
  'replies.noMoveStartOne': 'There is no move for {customer}. Start one with `move {customer}`.',
  'replies.customerChoices': '{count, plural, =1 {{first}} =2 {{first} or {second}} other {{first} or {second} or {third}}}',
  'replies.noMoveDidYouMean': '{running, select, yes {No move is running for {customer}.} other {There is no move for {customer}.}} Did you mean {names}?',
  'replies.unknownFilter': 'I can list `all` moves, `mine` (started or acted on), `waiting` (on you) or `blocked`: say `list`, `list mine`, `list waiting` or `list blocked`.',
  'replies.notifyHere.notChannel': 'Say `@CSP Move Assistant notify here` in the team channel that should get the updates; this is not a channel.',
  'replies.notifyHere.done': 'Done: this channel is now the notification channel. Each move gets its own thread here, with every step posted as it happens.',
  'replies.retry.blocked': 'The move of {customer} is blocked, so there is no step to run again. The card says why and what can be done.',
  'replies.retry.nothingFailed': 'Nothing has failed on the move of {customer}; it is at its next step already.',
} as const satisfies AreaMessages<'replies'>;
