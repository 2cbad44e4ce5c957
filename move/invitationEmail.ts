/**
 * "Email the invitation": staff ask the bot to send the ready-to-send message to the customer's admin while
 * the move waits for acceptance. The rules (addresses, who, when) and the decider's handlers for the request
 * and the two results the email step records. sendMail is not idempotent, so an email goes through
 * requested → sending (recorded before the call) → sent | failed | unknown, and nothing but a person's new
 * request ever sends again.
 */
import type { RecordInvitationEmailAttempt, RecordInvitationEmailResult, RequestInvitationEmail } from './commands';
import { accept, clip, refuse, type Decision, type Envelope } from './decision';
import { describeActorRoles, describeRoles, hasAnyRole, ROLES_THAT_START } from './policy';
import { STAGE_LABELS, type InvitationEmail, type MoveState } from './state';

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
      if (!waiting) return used ? accept() : refuse('wrong-stage', 'No invitation email is waiting to be sent.');
      if (used) return refuse('invalid-input', `The attempt id ${clip(command.attemptId, 80)} was used for another email.`);
      return accept({ type: 'InvitationEmailAttempted', ...envelope, attemptId: command.attemptId, sender: command.sender });
    }
    case 'RecordInvitationEmailResult': {
      const email = state.invitationEmails.find((e) => e.attemptId === command.attemptId);
      if (!email) return refuse('wrong-stage', `No invitation email attempt ${clip(command.attemptId, 80)} is on record.`);
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
    return refuse('wrong-stage', `The invitation can be emailed only while the move waits for the customer to accept; the move is at "${STAGE_LABELS[state.stage]}".`);
  }
  if (!hasAnyRole(command.actor, ROLES_THAT_START)) {
    return refuse('not-allowed', `Only ${describeRoles(ROLES_THAT_START)} can email the invitation. ${describeActorRoles(command.actor)}.`);
  }
  if (!state.invitation?.resellerLink && !state.invitation?.gdapLink) {
    return refuse('wrong-stage', 'This move has no invitation link to email.');
  }
  const inFlight = invitationEmailInFlight(state);
  if (inFlight) {
    return refuse('in-flight', `The invitation email to ${inFlight.to.join(', ')} (asked for by ${inFlight.by.name}) is still being sent. `
      + 'Wait for its outcome on the card (select Refresh) before sending another.');
  }
  const problem = addressProblem(command.to) ?? messageProblem(command.subject, command.body);
  if (problem) return refuse('invalid-input', `${problem} Nothing was sent.`);
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

function addressProblem(typed: readonly string[]): string | null {
  const addresses = uniqueAddresses(typed);
  if (addresses.length === 0) {
    return `Type the customer admin's email address (up to ${MAX_INVITATION_RECIPIENTS}, separated by commas), then select "Email the invitation".`;
  }
  if (addresses.length > MAX_INVITATION_RECIPIENTS) {
    return `Give at most ${MAX_INVITATION_RECIPIENTS} addresses; you gave ${addresses.length}.`;
  }
  const bad = addresses.filter((a) => !isEmailAddress(a));
  if (bad.length === 0) return null;
  const named = bad.slice(0, 3).map((a) => `"${clip(a, 80)}"`).join(', ') + (bad.length > 3 ? ` and ${bad.length - 3} more` : '');
  return bad.length === 1
    ? `${named} is not an email address (like admin@contoso.com). Correct it and select "Email the invitation" again.`
    : `${named} are not email addresses (like admin@contoso.com). Correct them and select "Email the invitation" again.`;
}

function messageProblem(subject: string, body: string): string | null {
  const title = subject.trim();
  if (!title || title.length > MAX_EMAIL_SUBJECT_CHARS || CONTROL_CHARS.test(title)) {
    return `The invitation email needs a subject of 1 to ${MAX_EMAIL_SUBJECT_CHARS} characters on one line (the bot drew ${title.length}): report this to whoever runs the bot.`;
  }
  if (!body.trim() || body.length > MAX_EMAIL_BODY_CHARS) {
    return `The invitation email's text must be 1 to ${MAX_EMAIL_BODY_CHARS} characters (the bot drew ${body.length}): report this to whoever runs the bot.`;
  }
  return null;
}
