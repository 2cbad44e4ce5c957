/**
 * Mail through Microsoft Graph `sendMail` (202 Accepted, empty body), e.g. the invitation to a customer's
 * Global Admin:
 * - as the staff member (App+User, `POST /me/sendMail`, delegated Mail.Send): build the mailer on the
 *   user's token provider (`forUser(ssoToken)`), and the mail leaves from their own mailbox;
 * - from a configured mailbox (app-only, `POST /users/{mailbox}/sendMail`, application Mail.Send — limit
 *   it to that mailbox with an Exchange application access policy / RBAC for Applications).
 *
 * sendMail is not idempotent: it is never re-sent after an unknown outcome; the error says to check the
 * Sent Items first. Recipients, subject and body are the caller's; they are never logged here.
 */
import type { CallContext } from '../../move/ports';
import type { TokenMode } from '../identity/tokenProvider';
import { OutboundCallOptions, type GraphClientFactory } from './graphClientFactory';
import { GraphError, toGraphError } from './graphError';

export interface MailMessage {
  subject: string;
  body: { contentType: 'Text' | 'HTML'; content: string };
  to: string[];
  cc?: string[];
  replyTo?: string[];
  /** Default true. */
  saveToSentItems?: boolean;
}

export interface GraphMailerOptions {
  graph: GraphClientFactory;
  /** The partner tenant: staff and the configured mailbox live there. */
  partnerTenantId: string;
  /** Sender for app-only mail (`MAIL_SENDER_MAILBOX`), a UPN or object id. */
  mailbox?: string;
}

const ADDRESS = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,255}$/;
const MAILBOX = /^[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,255}$|^[0-9a-f-]{36,37}$/i;

/** A mailbox Graph can send from: a UPN / SMTP address or a user object id. */
export function isMailboxId(value: string): boolean {
  return MAILBOX.test(value);
}

export class GraphMailer {
  constructor(private readonly options: GraphMailerOptions) {}

  /** Sends from the signed-in staff member's mailbox (the factory must carry their App+User tokens). */
  sendAsUser(message: MailMessage, ctx: CallContext): Promise<void> {
    return this.send('/me/sendMail', 'app+user', message, ctx, 'Graph: send mail as the staff member');
  }

  /** Sends from the configured mailbox with the app's own token. */
  async sendFromMailbox(message: MailMessage, ctx: CallContext, mailbox = this.options.mailbox): Promise<void> {
    if (!mailbox || !MAILBOX.test(mailbox)) {
      throw new Error('Graph: send mail from the configured mailbox: set MAIL_SENDER_MAILBOX to the sender\'s address (a mailbox in the partner tenant).');
    }
    return this.send(`/users/${encodeURIComponent(mailbox)}/sendMail`, 'app', message, ctx, `Graph: send mail from ${mailbox}`);
  }

  private async send(path: string, mode: TokenMode, message: MailMessage, ctx: CallContext, step: string): Promise<void> {
    const tenantId = this.options.partnerTenantId;
    const body = toSendMailBody(message, step);
    try {
      const request = this.options.graph.forTenant(tenantId, mode).api(path)
        .middlewareOptions([new OutboundCallOptions({ step, correlationId: ctx.correlationId })]);
      await request.post(body);
    } catch (error) {
      const mapped = toGraphError(error, step, tenantId);
      if (mapped instanceof GraphError && mapped.status === null) {
        throw new GraphError(step, tenantId, null, null, mapped.graphMessage,
          'the mail may have been sent: check the Sent Items before sending it again');
      }
      throw mapped;
    }
  }
}

export function toSendMailBody(message: MailMessage, step = 'Graph: send mail') {
  const recipients = (list: string[] | undefined, field: string) => (list ?? []).map((address) => {
    const trimmed = address.trim();
    if (!ADDRESS.test(trimmed)) throw new Error(`${step}: ${field} holds something that is not an email address.`);
    return { emailAddress: { address: trimmed } };
  });
  if (!message.subject.trim() || message.subject.length > 255) throw new Error(`${step}: the subject must be 1 to 255 characters.`);
  const to = recipients(message.to, 'to');
  if (to.length === 0) throw new Error(`${step}: at least one recipient is needed.`);
  return {
    message: {
      subject: message.subject,
      body: { contentType: message.body.contentType, content: message.body.content },
      toRecipients: to,
      ...(message.cc?.length ? { ccRecipients: recipients(message.cc, 'cc') } : {}),
      ...(message.replyTo?.length ? { replyTo: recipients(message.replyTo, 'replyTo') } : {}),
    },
    saveToSentItems: message.saveToSentItems ?? true,
  };
}
