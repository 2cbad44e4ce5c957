/**
 * The invitation email's side effect, exactly once: a requested email is first recorded as attempted (with
 * an attempt id this instance keeps in memory), then sent and its result recorded. An attempt this instance
 * does not remember (the bot restarted, or another instance made it) is never sent again: once it is old
 * enough that no sender can still be waiting for Graph, it is recorded as unknown, with where to look.
 */
import type { MoveCommand } from './commands';
import { invitationEmailInFlight, senderLabel } from './invitationEmail';
import type { MailSender } from './model';
import type { OrchestratorDeps } from './orchestratorDeps';
import type { CallContext } from './ports';
import { STAGE_LABELS, type InvitationEmail, type MoveState } from './state';

/**
 * How long an attempt may stay without a result before another instance (or this one after a restart)
 * calls it unknown: longer than one sendMail can take (throttling wait plus the 30 s call timeout).
 */
export const ORPHANED_ATTEMPT_MS = 2 * 60_000;

type Base = { actor: MoveCommand['actor']; at: string };

export class InvitationEmailStep {
  /** moveId → the attempt this instance recorded and has not sent yet (memory only, never stored). */
  private readonly attempts = new Map<string, string>();

  constructor(private readonly deps: Pick<OrchestratorDeps, 'mailer' | 'ids'>) {}

  /** The command for the move's email in flight, or null when there is none (or it must wait). */
  async next(state: MoveState, ctx: CallContext, base: Base): Promise<MoveCommand | null> {
    const email = invitationEmailInFlight(state);
    if (!email) return null;
    if (email.outcome === 'requested') {
      // Unique in the stream (one attempt per email, numbered), and per attempt (a fresh id).
      const attemptId = `email-${state.invitationEmails.indexOf(email) + 1}-${this.deps.ids.newId()}`;
      this.attempts.set(state.moveId, attemptId);
      // Only the mailbox it was asked to leave from: a sign-in lost to a restart does not switch it to another.
      const sender = state.stage === 'awaiting-acceptance' ? this.deps.mailer.senderFor(ctx) : null;
      return { type: 'RecordInvitationEmailAttempt', ...base, attemptId, sender: sender?.kind === email.sendAs ? sender : null };
    }
    const attemptId = email.attemptId ?? '';
    if (this.attempts.get(state.moveId) !== attemptId) {
      const startedAt = Date.parse(email.attemptedAt ?? base.at);
      if (Date.parse(base.at) - startedAt < ORPHANED_ATTEMPT_MS) return null;
      return result(base, attemptId, 'unknown',
        `Emailing the invitation: the bot stopped while sending: check the Sent Items of ${senderLabel(email)} before sending again.`);
    }
    // Forgotten before the call: whatever happens next, this attempt is never sent a second time.
    this.attempts.delete(state.moveId);
    const notSent = whyNotSend(state, email, this.deps.mailer.senderFor(ctx));
    if (notSent) return result(base, attemptId, 'failed', `Emailing the invitation: not sent: ${notSent}`);
    try {
      await this.deps.mailer.send({ to: email.to, subject: email.subject, body: email.body ?? '' }, ctx);
      return result(base, attemptId, 'sent');
    } catch (error) {
      // The mailer's error names the step, the mailbox and the fix (for `unknown`: check the Sent Items first).
      const maybeSent = (error as { outcome?: unknown } | null)?.outcome === 'unknown';
      return result(base, attemptId, maybeSent ? 'unknown' : 'failed', error instanceof Error ? error.message : String(error));
    }
  }
}

/** Why the attempt must not go out now (nothing has been sent), or null. */
function whyNotSend(state: MoveState, email: InvitationEmail, senderNow: MailSender | null): string | null {
  if (state.stage !== 'awaiting-acceptance') {
    return `the move is at "${STAGE_LABELS[state.stage]}" now, so the invitation no longer needs emailing.`;
  }
  if (email.sendAs === 'user' && (email.sender?.kind !== 'user' || senderNow?.kind !== 'user')) {
    return `${email.by.name}'s Teams sign-in was no longer at hand when the email was due to leave (the bot may have restarted). Select "Email the invitation" again.`;
  }
  if (!email.sender || senderNow?.kind !== email.sender.kind) {
    return 'the bot has no mailbox to send from. Set MAIL_SENDER_MAILBOX to a mailbox the app may send from (Mail.Send), '
      + 'or set up Teams single sign-on (SSO_CONNECTION_NAME) so mail leaves from your own mailbox; then select "Email the invitation" again.';
  }
  if (!email.body) return 'the email has no text on record. Select "Email the invitation" again.';
  return null;
}

function result(base: Base, attemptId: string, outcome: 'sent' | 'failed' | 'unknown', error?: string): MoveCommand {
  return { type: 'RecordInvitationEmailResult', ...base, attemptId, outcome, ...(error ? { error } : {}) };
}
