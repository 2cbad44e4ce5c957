/** The help card (`help`): the commands with an example each, and what the reader's roles allow. */
import type { AreaMessages } from '../types';

export const help = {
  'help.title': 'CSP Move Assistant: commands',
  'help.howToAsk': 'In a channel, mention me first (@CSP Move Assistant status). In a chat with me, just type the command.',

  // Each command: what to type (the example) and what it does. The Korean examples use the Korean command words.
  'help.command.move.example': 'move contoso.com',
  'help.command.move.does': "Start a move. Use the customer's domain or tenant id; I then show the start form. Add the tenant's country (move contoso.com US) to start at once.",
  'help.command.status.example': 'status contoso.com',
  'help.command.status.does': 'Show where a move is and what it waits for. Without a customer: the moves, as list shows them.',
  'help.command.list.example': 'list waiting',
  'help.command.list.does': 'The moves by stage, longest wait first, each with on whom it waits and an Open button. Filters: list (all), list mine (started or acted on by you), list waiting (waiting on you), list blocked; the same as buttons on the card.',
  'help.command.cancel.example': 'cancel contoso.com',
  'help.command.cancel.does': 'Cancel a running move. Nothing already bought is undone.',
  'help.command.retry.example': 'retry contoso.com',
  'help.command.retry.does': 'Run a failed step again now (after fixing its cause); after users were left on their old licence, move them again.',
  'help.command.override.example': 'override contoso.com (your reason)',
  'help.command.override.does': 'Account admins: lift a blocker that needs judgement (e.g. a coarse region hint, restored access, users left on their old licence), with the reason on record.',
  'help.command.audit.example': 'audit contoso.com',
  'help.command.audit.does': "The move's whole history as a CSV file (time, person, role, step, detail), sent to you in a personal chat.",
  'help.command.report.example': 'report contoso.com',
  'help.command.report.does': 'The licence reassignment report as a CSV file: one row per user, with the outcome and what to do, sent to you in a personal chat.',
  'help.command.notify-here.example': '@CSP Move Assistant notify here',
  'help.command.notify-here.does': 'In a team channel: post every move update to this channel.',
  'help.command.help.example': 'help',
  'help.command.help.does': 'Show this card.',

  'help.whatYouCanDo': 'What you can do',
  /** roles: the reader's role names as a list ("Account admin, Billing agent"). */
  'help.yourRoles': 'Your Partner Center roles: {roles}.',
  'help.noRole': 'You have no Partner Center role in this partner tenant.',
  'help.canStart': '✔ You can start moves (move contoso.com).',
  /** roles: the roles that may start, as "A, B or C". */
  'help.cannotStart': '✖ You cannot start a move: that needs the {roles} role. Ask your Global Administrator to add you to the SalesAgents or AdminAgents group.',
  'help.canApprove': '✔ You can approve or reject plans, except the plan of a move you started (another approver must check it).',
  /** roles: the approver roles in a sentence ("an Account admin or a Billing agent"); billingAgent: yes when among them. */
  'help.cannotApprove': '✖ You cannot approve plans: that needs {roles} role{billingAgent, select, yes { (Billing agent is the Billing Administrator directory role)} other {}}.',
  'help.canCancelAny': '✔ You can cancel any move.',
  'help.canCancelOwn': '✔ You can cancel the moves you started; an Account admin or an Admin agent can cancel any move.',
  'help.cannotCancel': '✖ You cannot see or cancel moves without a Partner Center role.',
} as const satisfies AreaMessages<'help'>;
