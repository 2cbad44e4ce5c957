/**
 * Stage awaiting-acceptance: the reseller invitation link (and the GDAP approval link when requested),
 * a ready-to-send message for the customer's Global Admin, the expiry date, and Cancel. Staff may have the
 * bot email the message to the customer's admin: the card shows each email's outcome and the form for
 * another, or why the bot cannot send mail.
 */
import { invitationEmailInFlight, MAX_INVITATION_RECIPIENTS, senderLabel } from '../move/invitationEmail';
import type { InvitationEmail, MoveState } from '../move/state';
import {
  deepFreeze, executeAction, expandCard, formatDate, formatDateTime, INVITATION_EMAIL_INPUT_ID, LIMITS, MOVE_CARD_FRAME, oneLine,
  plainText, safeUrl, VERBS,
} from './common';
import { moveActionContract, typedText } from './common';
import type { AdaptiveCardJson, MoveActionData } from './common';
import type { z } from 'zod';
import { HEADER_TEMPLATE, actionData, actorName, canEmailInvitation, customerLabel, headerView, canCancel } from './moveView';
import type { CardOptions, InvitationMailOptions, MoveHeaderView } from './moveView';

/** Emails listed on the card, latest first; the audit export has them all. */
const EMAILS_SHOWN = 6;

interface InvitationView {
  act: MoveActionData;
  header: MoveHeaderView;
  hasReseller: boolean;
  resellerLink: string;
  skipped: boolean;
  skippedText: string;
  hasGdap: boolean;
  gdapLink: string;
  hasLinks: boolean;
  hasInvitation: boolean;
  expires: string;
  message: string;
  canCancel: boolean;
  email: EmailView;
}

interface EmailView {
  /** The section shows (there is a link to send). */
  show: boolean;
  lines: Array<{ text: string; color: 'Good' | 'Attention' | 'Warning' | 'Default' }>;
  /** The form for another address (mail is set up and no email is on its way). */
  canSend: boolean;
  from: string;
  busy: boolean;
  off: boolean;
  offText: string;
}

/** The message staff send to the customer's Global Admin, in plain text. */
export function customerMessage(state: MoveState): string {
  const customer = customerLabel(state);
  const reseller = safeUrl(state.invitation?.resellerLink);
  const gdap = safeUrl(state.invitation?.gdapLink);
  const expires = formatDate(state.invitation?.expiresAt);
  const steps: string[] = [];
  if (reseller) {
    steps.push(`${steps.length + 1}. Sign in as a Global Administrator of your Microsoft 365 tenant and open our reseller invitation: ${reseller}\n` +
      '   Review it and accept it (accept the Microsoft Customer Agreement too if you are asked).');
  }
  if (gdap) {
    steps.push(`${steps.length + 1}. Open our delegated admin (GDAP) request and approve all the roles in it: ${gdap}\n` +
      '   It gives us limited, time-bound admin roles (never Global Administrator) so we can read which licences you have.');
  }
  return [
    'Hello,',
    '',
    `We are ready to move the Microsoft 365 subscriptions of ${customer} to us as your Cloud Solution Provider (CSP). ` +
      'Only a Global Administrator of your tenant can accept this; nobody can accept it for you.',
    '',
    ...steps,
    '',
    'What this does: it makes us your reseller, so we can buy the same Microsoft 365 subscriptions for you. ' +
      'It does not move, change or cancel any subscription by itself, and your users notice nothing. ' +
      'Your current subscriptions keep running until they reach their end date.',
    '',
    `The invitation is valid until ${expires}. Reply to this message if anything is unclear.`,
    '',
    'Thank you',
  ].join('\n');
}

/** The email the bot sends for staff: the customer message, with a subject naming the customer and the partner. */
export function invitationEmail(state: MoveState, partnerName: string | null): { subject: string; body: string } {
  const partner = oneLine(partnerName, LIMITS.title);
  const subject = `Action needed: accept ${customerLabel(state)}'s CSP invitation${partner ? ` from ${partner}` : ''}`;
  return { subject: oneLine(subject, 255), body: customerMessage(state) };
}

function emailLine(email: InvitationEmail): EmailView['lines'][number] {
  const to = oneLine(email.to.join(', '), 300);
  const by = actorName(email.by);
  const asked = `asked by ${by} at ${formatDateTime(email.requestedAt)}`;
  switch (email.outcome) {
    case 'sent':
      return { text: `Emailed to ${to} by ${by} at ${formatDateTime(email.finishedAt)}, from ${oneLine(senderLabel(email), LIMITS.name + 20)}.`, color: 'Good' };
    case 'failed':
      return { text: `Sending failed (to ${to}, ${asked}): ${oneLine(email.error, LIMITS.error)}`, color: 'Attention' };
    case 'unknown':
      return { text: `Unknown (to ${to}, ${asked}): ${oneLine(email.error, LIMITS.error)}`, color: 'Warning' };
    default:
      return { text: `Sending to ${to} (${asked})…`, color: 'Default' };
  }
}

function emailView(state: MoveState, hasLinks: boolean, mail: InvitationMailOptions | undefined): EmailView {
  const busy = invitationEmailInFlight(state) !== undefined;
  const off = !canEmailInvitation(mail);
  return {
    show: hasLinks,
    lines: state.invitationEmails.slice(-EMAILS_SHOWN).reverse().map(emailLine),
    canSend: hasLinks && !off && !busy,
    from: mail?.asSignedInUser
      ? 'The email leaves from your own mailbox (Teams signs you in), so you find it in your Sent Items.'
      : `The email leaves from ${oneLine(mail?.mailbox, LIMITS.domain)}.`,
    busy,
    off,
    offText: 'The bot cannot email the invitation yet: an operator must set MAIL_SENDER_MAILBOX (a mailbox the bot sends from) '
      + 'or set up Teams single sign-on (so it sends from your own mailbox). Until then, copy the message above into an email of your own.',
  };
}

export function invitationView(state: MoveState, options?: CardOptions): InvitationView {
  const reseller = safeUrl(state.invitation?.resellerLink);
  const gdap = safeUrl(state.invitation?.gdapLink);
  return {
    act: actionData(state),
    header: headerView(state),
    hasReseller: reseller !== null,
    resellerLink: reseller ?? '',
    skipped: reseller === null,
    skippedText: state.customerId
      ? `Invitation skipped: ${customerLabel(state)} is already your customer in Partner Center (reseller relationship exists).`
      : 'Invitation skipped: there is no reseller invitation link for this move.',
    hasGdap: gdap !== null,
    gdapLink: gdap ?? '',
    hasLinks: reseller !== null || gdap !== null,
    hasInvitation: state.invitation !== null,
    expires: formatDate(state.invitation?.expiresAt),
    message: customerMessage(state),
    canCancel: canCancel(state, options),
    email: emailView(state, reseller !== null || gdap !== null, options?.invitationMail),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...HEADER_TEMPLATE,
    { type: 'TextBlock', text: 'Waiting for the customer to accept', weight: 'Bolder', spacing: 'Medium', wrap: true },
    {
      type: 'TextBlock',
      $when: '${hasReseller}',
      wrap: true,
      text: "Send the message below to a Global Admin of the customer's tenant. Only a Global Admin can accept. " +
        'I notice the acceptance by myself and then read the inventory; nothing is bought before a plan is approved.',
    },
    {
      type: 'TextBlock',
      $when: '${hasLinks}',
      wrap: true,
      isSubtle: true,
      size: 'Small',
      text: "The buttons below open the links so you can check them; they only work for a Global Admin signed in to the customer's tenant.",
    },
    plainText('${skippedText}', { $when: '${skipped}' }),
    {
      type: 'TextBlock',
      $when: '${hasInvitation}',
      wrap: true,
      text: 'The invitation is valid until ${expires}. After that, cancel this move and start a new one for a fresh link.',
    },
    {
      type: 'Input.Text',
      $when: '${hasLinks}',
      id: 'customerMessage',
      label: "Message for the customer's Global Admin (select all and copy)",
      isMultiline: true,
      value: '${message}',
    },
    {
      type: 'TextBlock',
      $when: '${hasGdap}',
      wrap: true,
      isSubtle: true,
      size: 'Small',
      text: 'The delegated admin (GDAP) request uses least-privilege roles without Global Administrator; requests not approved within 90 days expire.',
    },
    {
      type: 'Container',
      $when: '${email.show}',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: 'Email the invitation', weight: 'Bolder', wrap: true },
        { type: 'RichTextBlock', $data: '${email.lines}', spacing: 'Small', inlines: [{ type: 'TextRun', text: '${text}', color: '${color}' }] },
        plainText('An email is on its way; select Refresh in a moment to see how it went.', { $when: '${email.busy}', spacing: 'Small' }),
        plainText('${email.offText}', { $when: '${email.off}', spacing: 'Small' }),
        {
          type: 'Input.Text',
          $when: '${email.canSend}',
          id: INVITATION_EMAIL_INPUT_ID,
          label: `Customer admin's email address (up to ${MAX_INVITATION_RECIPIENTS}, separated by commas)`,
          placeholder: 'admin@contoso.com',
          isRequired: true,
          errorMessage: 'Type at least one email address.',
          maxLength: 1500,
        },
        plainText('${email.from}', { $when: '${email.canSend}', spacing: 'Small' }),
        {
          type: 'ActionSet',
          $when: '${email.canSend}',
          actions: [executeAction('Email the invitation', VERBS.emailInvitation, { associatedInputs: 'auto' })],
        },
      ],
    },
  ],
  actions: [
    { type: 'Action.OpenUrl', $when: '${hasReseller}', title: 'Open the reseller invitation', url: '${resellerLink}' },
    { type: 'Action.OpenUrl', $when: '${hasGdap}', title: 'Open the GDAP approval link', url: '${gdapLink}' },
    executeAction('Refresh', VERBS.refresh, { associatedInputs: 'none' }),
    executeAction('Cancel the move', VERBS.cancel, { $when: '${canCancel}', associatedInputs: 'none', style: 'destructive' }),
  ],
});

/** `options.invitationMail`: whether and how the bot can email the invitation (none: the card says what to set up). */
export function invitationCard(state: MoveState, options?: CardOptions): AdaptiveCardJson {
  return expandCard(TEMPLATE, invitationView(state, options));
}

/**
 * `move.invitation.email` (Email the invitation): the typed address(es), whole ('' when empty); the handler
 * says when the text is too long and the decider judges the addresses.
 */
export const emailInvitationContract = moveActionContract.extend({
  [INVITATION_EMAIL_INPUT_ID]: typedText,
});
export type EmailInvitationData = z.infer<typeof emailInvitationContract>;
