/** The welcome card (cards/welcomeCard.ts), sent when the bot is installed: what it does, its commands, who may do what. */
import type { AreaMessages } from '../types';

export const welcome = {
  /** name: the reader's display name. */
  'welcome.greetingNamed': "Hi {name}, I'm the CSP Move Assistant.",
  'welcome.greeting': "Hi, I'm the CSP Move Assistant.",
  'welcome.whatIDo': "I move a customer's license-based Microsoft 365 subscriptions into your Cloud Solution Provider (CSP) program: "
    + 'I get the reseller invitation for the customer to accept, read the licences they have, draft a plan with the same offers and quantities, '
    + 'and place the order once an approver agrees. I never cancel the original subscriptions: I tell you when to let them expire, '
    + 'because cancelled subscriptions are not refunded.',
  'welcome.commands': 'Commands',
  // The commands stay English (the manifest's); the Korean card shows the English command with a Korean explanation.
  'welcome.command.move.title': 'move contoso.com',
  'welcome.command.move.does': "Start a move for a customer: use the customer's domain or tenant id.",
  'welcome.command.status.title': 'status',
  'welcome.command.status.does': 'Show your moves. Add a customer (status contoso.com) for its timeline.',
  'welcome.command.help.title': 'help',
  'welcome.command.help.does': 'Show the commands and what your roles allow.',
  'welcome.command.notify-here.title': 'notify here',
  'welcome.command.notify-here.does': 'In a team channel: post every move update to this channel.',
  'welcome.whoCanDoWhat': 'Who can do what',
  'welcome.startMove': 'Start a move',
  'welcome.startMoveWho': 'Account admin, Admin agent or Sales agent.',
  'welcome.approvePlan': 'Approve a plan',
  'welcome.approvePlanWho': 'Account admin or Billing agent, but not the person who proposed the plan.',
  'welcome.nextStep': "Next step: type **move** followed by the customer's domain, for example **move contoso.com**. "
    + 'In a team channel, mention me with **notify here** so the whole team sees the updates.',
} as const satisfies AreaMessages<'welcome'>;
