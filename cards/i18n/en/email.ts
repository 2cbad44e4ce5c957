/**
 * The invitation email to the customer's Global Administrator (cards/invitationCard.ts customerMessage and
 * invitationEmail), and the replies of "Email the invitation" (bot/actions/emailInvitation.ts).
 */
import type { AreaMessages } from '../types';

export const email = {
  'email.subject': "Action needed: accept {customer}'s CSP invitation",
  'email.subjectFrom': "Action needed: accept {customer}'s CSP invitation from {partner}",
  // The body's paragraphs, in order; {n} numbers the steps, {expires} is a formatted date.
  'email.body.hello': 'Hello,',
  'email.body.intro': 'We are ready to move the Microsoft 365 subscriptions of {customer} to us as your Cloud Solution Provider (CSP). Only a Global Administrator of your tenant can accept this; nobody can accept it for you.',
  'email.body.resellerStep': '{n}. Sign in as a Global Administrator of your Microsoft 365 tenant and open our reseller invitation: {link}\n   Review it and accept it (accept the Microsoft Customer Agreement too if you are asked).',
  'email.body.gdapStep': '{n}. Open our delegated admin (GDAP) request and approve all the roles in it: {link}\n   It gives us limited, time-bound admin roles (never Global Administrator) so we can read which licences you have.',
  'email.body.whatThisDoes': 'What this does: it makes us your reseller, so we can buy the same Microsoft 365 subscriptions for you. It does not move, change or cancel any subscription by itself, and your users notice nothing. Your current subscriptions keep running until they reach their end date.',
  'email.body.validUntil': 'The invitation is valid until {expires}. Reply to this message if anything is unclear.',
  'email.body.thanks': 'Thank you',

  'email.reply.noMailbox': 'Emailing the invitation: the bot has no mailbox to send from. An operator must set MAIL_SENDER_MAILBOX (a mailbox the app may send from with Mail.Send) or set up Teams single sign-on (SSO_CONNECTION_NAME). Until then, copy the message on the card into an email of your own. Nothing was sent.',
  'email.reply.tooLong': 'Emailing the invitation: that is more than {max} characters. Type at most 5 addresses, separated by commas. Nothing was sent.',
} as const satisfies AreaMessages<'email'>;
