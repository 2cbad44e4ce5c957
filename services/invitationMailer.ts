/**
 * The domain's InvitationMailer over Graph sendMail (GraphMailer): from the staff member's own mailbox
 * (`POST /me/sendMail`, delegated Mail.Send) when the call carries their Teams sign-in and the bot can act as
 * them (on-behalf-of); otherwise from the configured mailbox (`POST /users/{MAIL_SENDER_MAILBOX}/sendMail`,
 * application Mail.Send). sendMail is never retried; a failure says whether the mail may have left all the
 * same (`outcome: 'unknown'`) and what to fix.
 */
import type { MailSender } from '../move/model';
import type { CallContext, InvitationMail, InvitationMailer } from '../move/ports';
import { GraphError } from './graph/graphError';
import type { MailMessage } from './graph/graphMailer';
import type { OutboundServices } from './outboundServices';

const STEP = 'Emailing the invitation';

export class GraphInvitationMailer implements InvitationMailer {
  constructor(
    private readonly outbound: Pick<OutboundServices, 'mailer' | 'canActAsUser' | 'forUser'>,
    /** MAIL_SENDER_MAILBOX: the sender when nobody's sign-in is at hand. */
    private readonly mailbox?: string,
  ) {}

  senderFor(ctx: CallContext): MailSender | null {
    if (ctx.userAssertion && this.outbound.canActAsUser) return { kind: 'user' };
    return this.mailbox ? { kind: 'mailbox', address: this.mailbox } : null;
  }

  async send(mail: InvitationMail, ctx: CallContext): Promise<void> {
    const sender = this.senderFor(ctx);
    if (!sender) {
      throw new Error(`${STEP}: the bot has no mailbox to send from. Set MAIL_SENDER_MAILBOX, or set up Teams single sign-on (SSO_CONNECTION_NAME) so mail leaves from the staff member's own mailbox.`);
    }
    const message: MailMessage = { subject: mail.subject, body: { contentType: 'Text', content: mail.body }, to: mail.to };
    try {
      if (sender.kind === 'user') {
        await this.outbound.forUser(ctx.userAssertion as string).mailer.sendAsUser(message, ctx);
      } else {
        // The app's own token: the staff member's sign-in has no part in this call.
        await this.outbound.mailer.sendFromMailbox(message, { correlationId: ctx.correlationId }, sender.address);
      }
    } catch (error) {
      throw mailFailure(error, sender);
    }
  }
}

/** The error to record: the step, the mailbox, what Graph said and what to do; `outcome: 'unknown'` when it may have left. */
export function mailFailure(error: unknown, sender: MailSender): Error & { outcome: 'failed' | 'unknown' } {
  const where = sender.kind === 'mailbox' ? sender.address : "the requester's own mailbox";
  if (!(error instanceof GraphError)) {
    // Token and validation errors come before any call, and name their own fix.
    return Object.assign(new Error(`${STEP} from ${where}: ${error instanceof Error ? error.message : String(error)}`), { outcome: 'failed' as const });
  }
  const answer = error.status === null ? 'Graph did not answer' : `Graph answered HTTP ${error.status}${error.code ? ` (${error.code})` : ''}`;
  const said = `${answer}: ${error.graphMessage.replace(/[.\s]+$/, '')}`;
  if (error.status === null || error.status >= 500) {
    return Object.assign(new Error(`${STEP} from ${where}: ${said}. The email may have left all the same: check the Sent Items of ${where} before sending again.`),
      { outcome: 'unknown' as const });
  }
  return Object.assign(new Error(`${STEP} from ${where}: ${said}. Fix: ${fixFor(error, sender)}`), { outcome: 'failed' as const });
}

function fixFor(error: GraphError, sender: MailSender): string {
  const mailbox = sender.kind === 'mailbox' ? sender.address : null;
  if (error.status === 401) return 'the bot could not sign in to the partner tenant for mail: check AZURE_CLIENT_ID and its credential.';
  if (error.status === 403) {
    return mailbox
      ? `the app may not send as ${mailbox}: grant it the Microsoft Graph application permission Mail.Send (admin consent) and allow that mailbox in its Exchange application access policy.`
      : 'the bot may not send from your mailbox: an admin must consent to the delegated Mail.Send permission, and you need an Exchange Online mailbox.';
  }
  if (error.status === 404) {
    return mailbox
      ? `MAIL_SENDER_MAILBOX (${mailbox}) is not a mailbox of the partner tenant: set it to an existing mailbox.`
      : 'you have no Exchange Online mailbox the bot can send from: ask an admin, or have the bot send from MAIL_SENDER_MAILBOX.';
  }
  if (error.status === 429) return 'Graph is throttling mail: select "Email the invitation" again in a minute.';
  if (error.status === 400) return 'check the addresses, then select "Email the invitation" again.';
  return error.fix || 'select "Email the invitation" again; if it fails again, an operator should check the bot\'s logs.';
}
