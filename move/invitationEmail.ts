/**
 * "Email the invitation": staff ask the bot to send the ready-to-send message to the customer's admin while
 * the move waits for acceptance. The rules (addresses, who, when) and the decider's handlers for the request
 * and the two results the email step records. sendMail is not idempotent, so an email goes through
 * requested → sending (recorded before the call) → sent | failed | unknown, and nothing but a person's new
 * request ever sends again.
 */
import type { RecordInvitationEmailAttempt, RecordInvitationEmailResult, RequestInvitationEmail } from './commands';
import { accept, clip, refuse, type Decision, type Envelope, type RefusalReason } from './decision';
import { hasAnyRole, ROLES_THAT_START } from './policy';
import type { InvitationEmail, MoveState } from './state';

export const MAX_INVITATION_RECIPIENTS = 5;
/** Graph's limit for a subject. */
export const MAX_EMAIL_SUBJECT_CHARS = 255;
/** Far more than the invitation message needs; anything longer is not ours. */
export const MAX_EMAIL_BODY_CHARS = 20_000;
/** An address longer than this is not one (RFC 5321 path limit). */
const MAX_ADDRESS_CHARS = 254;

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_PART = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
const CONTROL_CHARS = /[\u0000-\u001F\u007F]/;

/** A plain address like `admin@contoso.com` (no display name, no comments, no quoted local part). */
export function isEmailAddress(value: string): boolean {
  const at = value.lastIndexOf('@');
  if (at < 1 || value.length > MAX_ADDRESS_CHARS) return false;
  const local = value.slice(0, at);
  return local.length <= 64 && LOCAL_PART.test(local) && DOMAIN_PART.test(value.slice(at + 1));
}

/** The addresses of a typed list: separated by commas (semicolons, spaces and line breaks also work). */
export function splitAddresses(text: string): string[] {
  return text.split(/[,;\s]+/).map((a) => a.trim()).filter(Boolean);
}

/** The email being asked for or sent right now, if any (at most one at a time). */
export function invitationEmailInFlight(state: MoveState): InvitationEmail | undefined {
  return state.invitationEmails.find((e) => e.outcome === 'requested' || e.outcome === 'sending');
}

/** The mailbox an email left (or would leave) from, in words: where to look for it in Sent Items. */
export function senderLabel(email: Pick<InvitationEmail, 'sender' | 'by'>): string {
  if (email.sender?.kind === 'mailbox') return email.sender.address;
  if (email.sender?.kind === 'user') return `${email.by.name}'s mailbox`;
  return 'the sending mailbox';
}

export function decideInvitationEmail(
  command: RequestInvitationEmail | RecordInvitationEmailAttempt | RecordInvitationEmailResult, state: MoveState, envelope: Envelope,
): Decision {
  switch (command.type) {
    case 'RequestInvitationEmail':
      return requestEmail(command, state, envelope);
    case 'RecordInvitationEmailAttempt': {
      // Recorded whatever the stage: a request the move has outgrown is closed by its (unsent) result.
      const waiting = state.invitationEmails.find((e) => e.outcome === 'requested');
      const used = state.invitationEmails.some((e) => e.attemptId === command.attemptId);
      if (!waiting) return used ? accept() : refuse({ kind: 'no-email-waiting' });
      if (used) return refuse({ kind: 'email-attempt-reused', attemptId: clip(command.attemptId, 80) });
      return accept({ type: 'InvitationEmailAttempted', ...envelope, attemptId: command.attemptId, sender: command.sender });
    }
    case 'RecordInvitationEmailResult': {
      const email = state.invitationEmails.find((e) => e.attemptId === command.attemptId);
      if (!email) return refuse({ kind: 'email-attempt-unknown', attemptId: clip(command.attemptId, 80) });
      // The first result stands, except that a late answer may settle an "unknown" one.
      const open = email.outcome === 'sending' || (email.outcome === 'unknown' && command.outcome !== 'unknown');
      if (!open) return accept();
      if (command.outcome === 'sent') return accept({ type: 'InvitationEmailed', ...envelope, attemptId: command.attemptId });
      const error = clip(command.error?.trim() || `it is not known whether the email left: check the Sent Items of ${senderLabel(email)} before sending again`, 1000);
      return accept({ type: 'InvitationEmailFailed', ...envelope, attemptId: command.attemptId, outcome: command.outcome, error });
    }
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

function requestEmail(command: RequestInvitationEmail, state: MoveState, envelope: Envelope): Decision {
  if (state.stage !== 'awaiting-acceptance') {
    return refuse({ kind: 'invitation-not-awaited', stage: state.stage });
  }
  if (!hasAnyRole(command.actor, ROLES_THAT_START)) {
    return refuse({ kind: 'role-required', action: 'email-invitation', roles: [...ROLES_THAT_START], actorRoles: command.actor.roles });
  }
  if (!state.invitation?.resellerLink && !state.invitation?.gdapLink) {
    return refuse({ kind: 'no-invitation-link' });
  }
  const inFlight = invitationEmailInFlight(state);
  if (inFlight) {
    return refuse({ kind: 'email-in-flight', to: inFlight.to, by: inFlight.by.name });
  }
  const problem = addressProblem(command.to) ?? messageProblem(command.subject, command.body);
  if (problem) return refuse(problem);
  return accept({
    type: 'InvitationEmailRequested', ...envelope, to: uniqueAddresses(command.to), subject: command.subject.trim(), body: command.body,
    sendAs: command.sendAs,
  });
}

function uniqueAddresses(typed: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const address of typed.map((a) => a.trim()).filter(Boolean)) {
    if (!seen.has(address.toLowerCase())) seen.set(address.toLowerCase(), address);
  }
  return [...seen.values()];
}

function addressProblem(typed: readonly string[]): RefusalReason | null {
  const addresses = uniqueAddresses(typed);
  if (addresses.length === 0) return { kind: 'email-no-address', max: MAX_INVITATION_RECIPIENTS };
  if (addresses.length > MAX_INVITATION_RECIPIENTS) {
    return { kind: 'email-too-many-addresses', max: MAX_INVITATION_RECIPIENTS, given: addresses.length };
  }
  const bad = addresses.filter((a) => !isEmailAddress(a));
  return bad.length === 0 ? null : { kind: 'email-not-an-address', addresses: bad.map((a) => clip(a, 80)) };
}

function messageProblem(subject: string, body: string): RefusalReason | null {
  const title = subject.trim();
  if (!title || title.length > MAX_EMAIL_SUBJECT_CHARS || CONTROL_CHARS.test(title)) {
    return { kind: 'email-subject-drawn-wrong', max: MAX_EMAIL_SUBJECT_CHARS, length: title.length };
  }
  if (!body.trim() || body.length > MAX_EMAIL_BODY_CHARS) return { kind: 'email-body-drawn-wrong', max: MAX_EMAIL_BODY_CHARS, length: body.length };
  return null;
}
