/**
 * The invitation: issuing it, the customer's acceptance, its expiry, and "Email the invitation" (whose rules
 * live with the email, in ../invitationEmail.ts).
 */
import type {
  RecordAcceptance, RecordInvitation, RecordInvitationEmailAttempt, RecordInvitationEmailResult, RequestInvitationEmail,
  TimeOutInvitation,
} from '../commands';
import { accept, expectStage, type Decision } from '../decision';
import type { MoveEvent } from '../events';
import { decideInvitationEmail } from '../invitationEmail';
import type { MoveState } from '../state';
import type { DecisionContext } from './handler';
import { laterCountryMismatch } from './regionMismatch';

/** Partner Center's reseller and GDAP requests expire after 90 days. */
const INVITATION_LIFETIME_DAYS = 90;

export function recordInvitation(command: RecordInvitation, state: MoveState, { envelope }: DecisionContext): Decision {
  const wrong = expectStage(state, 'invitation');
  if (wrong) return wrong;
  const expiresAt = new Date(Date.parse(command.at) + INVITATION_LIFETIME_DAYS * 86_400_000).toISOString();
  return accept({
    type: 'InvitationIssued', ...envelope, resellerLink: command.resellerLink,
    gdapRelationshipId: command.gdapRelationshipId, gdapLink: command.gdapLink, expiresAt,
  });
}

/** The acceptance is recorded even when Partner Center's country (the final word on the region) then blocks the move. */
export function recordAcceptance(command: RecordAcceptance, state: MoveState, context: DecisionContext): Decision {
  const wrong = expectStage(state, 'awaiting-acceptance');
  if (wrong) return wrong;
  const accepted: MoveEvent = {
    type: 'RelationshipAccepted', ...context.envelope, customerId: command.customerId,
    companyName: command.companyName, customerCountry: command.customerCountry,
  };
  const mismatch = laterCountryMismatch(command.customerCountry, state, context, 'partner-center');
  return mismatch ? accept(accepted, mismatch) : accept(accepted);
}

/** The sweep asks every time it runs; the move times out only once the invitation's expiry has passed. */
export function timeOutInvitation(command: TimeOutInvitation, state: MoveState, { envelope }: DecisionContext): Decision {
  const wrong = expectStage(state, 'awaiting-acceptance');
  if (wrong) return wrong;
  if (!state.invitation || Date.parse(command.at) < Date.parse(state.invitation.expiresAt)) return accept();
  return accept({
    type: 'MoveTimedOut', ...envelope,
    message: `The invitation sent on ${state.invitation.issuedAt.slice(0, 10)} expired on ${state.invitation.expiresAt.slice(0, 10)} without the customer accepting it. Start a new move for a fresh invitation if ${state.customerDomain} still wants to move.`,
  });
}

export function requestInvitationEmail(command: RequestInvitationEmail, state: MoveState, { envelope }: DecisionContext): Decision {
  return decideInvitationEmail(command, state, envelope);
}

/** Recorded whatever became of the move since the email was asked for (the final-stage guard lets it through). */
export function recordInvitationEmailAttempt(command: RecordInvitationEmailAttempt, state: MoveState, { envelope }: DecisionContext): Decision {
  return decideInvitationEmail(command, state, envelope);
}

/** Recorded whatever became of the move since the email was sent (the final-stage guard lets it through). */
export function recordInvitationEmailResult(command: RecordInvitationEmailResult, state: MoveState, { envelope }: DecisionContext): Decision {
  return decideInvitationEmail(command, state, envelope);
}
