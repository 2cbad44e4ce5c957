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
import { DEFAULT_APPROVAL_POLICY } from '../move/policy';
import { fill } from './messages';
import { t } from './i18n/catalog';
import { formatLocalDate } from './i18n/dates';
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, type Locale } from './i18n/locales';
import {
  STARTED_TEMPLATE, actionData, actorName, canCancel, canEmailInvitation, customerLabel, startedText,
} from './moveView';
import { COMPACT_HEADER_TEMPLATE, compactHeaderView } from './compactHeader';
import type { CardOptions, InvitationMailOptions } from './moveView';
import type { CompactHeaderView } from './compactHeader';

/** Emails listed on the card, latest first; the audit export has them all. */
const EMAILS_SHOWN = 6;

const TEXT = deepFreeze({
  email: {
    addressSeparator: ', ',
    asked: 'asked by {by} at {at}',
    sent: 'Emailed to {to} by {by} at {at}, from {from}.',
    failed: 'Sending failed (to {to}, {asked}): {error}',
    unknown: 'Unknown (to {to}, {asked}): {error}',
    sending: 'Sending to {to} ({asked})…',
    fromOwnMailbox: 'The email leaves from your own mailbox (Teams signs you in), so you find it in your Sent Items.',
    fromMailbox: 'The email leaves from {mailbox}.',
    off: 'The bot cannot email the invitation yet: an operator must set MAIL_SENDER_MAILBOX (a mailbox the bot sends from) '
      + 'or set up Teams single sign-on (so it sends from your own mailbox). Until then, copy the message above into an email of your own.',
    title: 'Email the invitation',
    busy: 'An email is on its way; select Refresh in a moment to see how it went.',
    toLabel: "Customer admin's email address (up to {max}, separated by commas)",
    toPlaceholder: 'admin@contoso.com',
    toMissing: 'Type at least one email address.',
    send: 'Email the invitation',
  },
  skippedExisting: 'Invitation skipped: {customer} is already your customer in Partner Center (reseller relationship exists).',
  skippedNoLink: 'Invitation skipped: there is no reseller invitation link for this move.',
  sendToAdmin: "Send the message below to a Global Admin of the customer's tenant. Only a Global Admin can accept. "
    + 'I notice the acceptance by myself and then read the inventory; nothing is bought before a plan is approved.',
  linksHint: "The buttons below open the links so you can check them; they only work for a Global Admin signed in to the customer's tenant.",
  validUntil: 'The invitation is valid until {expires}. After that, cancel this move and start a new one for a fresh link.',
  messageLabel: "Message for the customer's Global Admin (select all and copy)",
  gdapHint: 'The delegated admin (GDAP) request uses least-privilege roles without Global Administrator; requests not approved within 90 days expire.',
  openReseller: 'Open the reseller invitation',
  openGdap: 'Open the GDAP approval link',
  refresh: 'Refresh',
  cancel: 'Cancel the move',
});

interface InvitationView {
  act: MoveActionData;
  header: CompactHeaderView;
  hasReseller: boolean;
  resellerLink: string;
  skipped: boolean;
  skippedText: string;
  hasGdap: boolean;
  gdapLink: string;
  hasLinks: boolean;
  hasInvitation: boolean;
  validUntil: string;
  message: string;
  started: string;
  canCancel: boolean;
  email: EmailView;
}

interface EmailView {
  /** The section shows (there is a link to send). */
  show: boolean;
  /** Attention for an email a person must look into (failed, or unknown); the words say how each went. */
  lines: Array<{ text: string; color: 'Attention' | 'Default' }>;
  /** The form for another address (mail is set up and no email is on its way). */
  canSend: boolean;
  from: string;
  busy: boolean;
  off: boolean;
  offText: string;
}

/**
 * The message staff send to the customer's Global Admin, in plain text, in `locale` (the email's language; English
 * by default) with the expiry date in `timeZone` (UTC by default). Paragraphs separated by blank lines.
 */
export function customerMessage(state: MoveState, locale: Locale = DEFAULT_LOCALE, timeZone: string = DEFAULT_TIME_ZONE): string {
  const customer = customerLabel(state);
  const reseller = safeUrl(state.invitation?.resellerLink);
  const gdap = safeUrl(state.invitation?.gdapLink);
  const expires = formatLocalDate(state.invitation?.expiresAt, locale, timeZone);
  const steps: string[] = [];
  if (reseller) steps.push(t(locale, 'email.body.resellerStep', { n: steps.length + 1, link: reseller }));
  if (gdap) steps.push(t(locale, 'email.body.gdapStep', { n: steps.length + 1, link: gdap }));
  return [
    t(locale, 'email.body.hello'), '', t(locale, 'email.body.intro', { customer }), '', ...steps, '',
    t(locale, 'email.body.whatThisDoes'), '', t(locale, 'email.body.validUntil', { expires }), '', t(locale, 'email.body.thanks'),
  ].join('\n');
}

/**
 * The email the bot sends for staff: the customer message, with a subject naming the customer and the partner, in
 * `locale` (English by default; the language picker, defaulting to the customer's preferred language, is to come).
 */
export function invitationEmail(state: MoveState, partnerName: string | null, locale: Locale = DEFAULT_LOCALE): { subject: string; body: string } {
  const partner = oneLine(partnerName, LIMITS.title);
  const customer = customerLabel(state);
  const subject = partner ? t(locale, 'email.subjectFrom', { customer, partner }) : t(locale, 'email.subject', { customer });
  return { subject: oneLine(subject, 255), body: customerMessage(state, locale) };
}

function emailLine(email: InvitationEmail): EmailView['lines'][number] {
  const E = TEXT.email;
  const to = oneLine(email.to.join(E.addressSeparator), 300);
  const by = actorName(email.by);
  const asked = fill(E.asked, { by, at: formatDateTime(email.requestedAt) });
  const error = oneLine(email.error, LIMITS.error);
  switch (email.outcome) {
    case 'sent':
      return { text: fill(E.sent, { to, by, at: formatDateTime(email.finishedAt), from: oneLine(senderLabel(email), LIMITS.name + 20) }), color: 'Default' };
    case 'failed':
      return { text: fill(E.failed, { to, asked, error }), color: 'Attention' };
    case 'unknown':
      return { text: fill(E.unknown, { to, asked, error }), color: 'Attention' };
    default:
      return { text: fill(E.sending, { to, asked }), color: 'Default' };
  }
}

function emailView(state: MoveState, hasLinks: boolean, mail: InvitationMailOptions | undefined): EmailView {
  const busy = invitationEmailInFlight(state) !== undefined;
  const off = !canEmailInvitation(mail);
  return {
    show: hasLinks,
    lines: state.invitationEmails.slice(-EMAILS_SHOWN).reverse().map(emailLine),
    canSend: hasLinks && !off && !busy,
    from: mail?.asSignedInUser ? TEXT.email.fromOwnMailbox : fill(TEXT.email.fromMailbox, { mailbox: oneLine(mail?.mailbox, LIMITS.domain) }),
    busy,
    off,
    offText: TEXT.email.off,
  };
}

export function invitationView(state: MoveState, options: CardOptions = { approvalPolicy: DEFAULT_APPROVAL_POLICY }): InvitationView {
  const reseller = safeUrl(state.invitation?.resellerLink);
  const gdap = safeUrl(state.invitation?.gdapLink);
  return {
    act: actionData(state),
    header: compactHeaderView(state, options),
    hasReseller: reseller !== null,
    resellerLink: reseller ?? '',
    skipped: reseller === null,
    skippedText: state.customerId ? fill(TEXT.skippedExisting, { customer: customerLabel(state) }) : TEXT.skippedNoLink,
    hasGdap: gdap !== null,
    gdapLink: gdap ?? '',
    hasLinks: reseller !== null || gdap !== null,
    hasInvitation: state.invitation !== null,
    validUntil: fill(TEXT.validUntil, { expires: formatDate(state.invitation?.expiresAt) }),
    message: customerMessage(state),
    started: startedText(state),
    canCancel: canCancel(state, options),
    email: emailView(state, reseller !== null || gdap !== null, options.invitationMail),
  };
}

const TEMPLATE = deepFreeze({
  ...MOVE_CARD_FRAME,
  body: [
    ...COMPACT_HEADER_TEMPLATE,
    { type: 'TextBlock', $when: '${hasReseller}', wrap: true, spacing: 'Medium', text: TEXT.sendToAdmin },
    { type: 'TextBlock', $when: '${hasLinks}', wrap: true, isSubtle: true, size: 'Small', text: TEXT.linksHint },
    plainText('${skippedText}', { $when: '${skipped}', spacing: 'Medium' }),
    { type: 'TextBlock', $when: '${hasInvitation}', wrap: true, text: '${validUntil}' },
    {
      type: 'Input.Text',
      $when: '${hasLinks}',
      id: 'customerMessage',
      label: TEXT.messageLabel,
      isMultiline: true,
      value: '${message}',
    },
    { type: 'TextBlock', $when: '${hasGdap}', wrap: true, isSubtle: true, size: 'Small', text: TEXT.gdapHint },
    {
      type: 'Container',
      $when: '${email.show}',
      spacing: 'Medium',
      items: [
        { type: 'TextBlock', text: TEXT.email.title, weight: 'Bolder', wrap: true },
        { type: 'RichTextBlock', $data: '${email.lines}', spacing: 'Small', inlines: [{ type: 'TextRun', text: '${text}', color: '${color}' }] },
        plainText(TEXT.email.busy, { $when: '${email.busy}', spacing: 'Small' }),
        plainText('${email.offText}', { $when: '${email.off}', spacing: 'Small' }),
        {
          type: 'Input.Text',
          $when: '${email.canSend}',
          id: INVITATION_EMAIL_INPUT_ID,
          label: fill(TEXT.email.toLabel, { max: MAX_INVITATION_RECIPIENTS }),
          placeholder: TEXT.email.toPlaceholder,
          isRequired: true,
          errorMessage: TEXT.email.toMissing,
          maxLength: 1500,
        },
        plainText('${email.from}', { $when: '${email.canSend}', spacing: 'Small' }),
        {
          type: 'ActionSet',
          $when: '${email.canSend}',
          actions: [executeAction(TEXT.email.send, VERBS.emailInvitation, { associatedInputs: 'auto' })],
        },
      ],
    },
    STARTED_TEMPLATE,
  ],
  actions: [
    { type: 'Action.OpenUrl', $when: '${hasReseller}', title: TEXT.openReseller, url: '${resellerLink}' },
    { type: 'Action.OpenUrl', $when: '${hasGdap}', title: TEXT.openGdap, url: '${gdapLink}' },
    executeAction(TEXT.refresh, VERBS.refresh, { associatedInputs: 'none' }),
    executeAction(TEXT.cancel, VERBS.cancel, { $when: '${canCancel}', associatedInputs: 'none', style: 'destructive' }),
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
