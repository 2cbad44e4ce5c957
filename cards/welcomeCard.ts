/** The card the bot sends when it is installed: what it does, its commands, and who may do what. */
import { CARD_SCHEMA, LIMITS, expandCard, oneLine, deepFreeze } from './common';
import type { AdaptiveCardJson } from './common';

export interface WelcomeCardData {
  userName?: string;
}

interface WelcomeView {
  greeting: string;
}

export function welcomeView(data: WelcomeCardData): WelcomeView {
  const name = oneLine(data.userName, LIMITS.name);
  return { greeting: name ? `Hi ${name}, I'm the CSP Move Assistant.` : `Hi, I'm the CSP Move Assistant.` };
}

const TEMPLATE = deepFreeze({
  type: 'AdaptiveCard',
  $schema: CARD_SCHEMA,
  version: '1.5',
  body: [
    {
      type: 'RichTextBlock',
      inlines: [{ type: 'TextRun', text: '${greeting}', size: 'Medium', weight: 'Bolder' }],
    },
    {
      type: 'TextBlock',
      wrap: true,
      text:
        "I move a customer's license-based Microsoft 365 subscriptions into your Cloud Solution Provider (CSP) program: " +
        'I get the reseller invitation for the customer to accept, read the licences they have, draft a plan with the same offers and quantities, ' +
        'and place the order once an approver agrees. I never cancel the original subscriptions: I tell you when to let them expire, ' +
        'because cancelled subscriptions are not refunded.',
    },
    { type: 'TextBlock', text: 'Commands', weight: 'Bolder', spacing: 'Medium', wrap: true },
    {
      type: 'FactSet',
      facts: [
        { title: 'move contoso.com', value: "Start a move for a customer: use the customer's domain or tenant id." },
        { title: 'status', value: 'Show your moves. Add a customer (status contoso.com) for its timeline.' },
        { title: 'help', value: 'Show the commands and what your roles allow.' },
        { title: 'notify here', value: 'In a team channel: post every move update to this channel.' },
      ],
    },
    { type: 'TextBlock', text: 'Who can do what', weight: 'Bolder', spacing: 'Medium', wrap: true },
    {
      type: 'FactSet',
      facts: [
        { title: 'Start a move', value: 'Account admin, Admin agent or Sales agent.' },
        { title: 'Approve a plan', value: 'Account admin or Billing agent, but not the person who proposed the plan.' },
      ],
    },
    {
      type: 'TextBlock',
      wrap: true,
      spacing: 'Medium',
      text: 'Next step: type **move** followed by the customer\'s domain, for example **move contoso.com**. ' +
        'In a team channel, mention me with **notify here** so the whole team sees the updates.',
    },
  ],
});

export function welcomeCard(data: WelcomeCardData = {}): AdaptiveCardJson {
  return expandCard(TEMPLATE, welcomeView(data));
}
