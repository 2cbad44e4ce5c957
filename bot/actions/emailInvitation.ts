import { correlationOf } from '../requestCorrelation';
import { ROLES_THAT_START } from '../../move/policy';
import { whoCanText } from '../../cards/refusalText';
import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue } from 'botbuilder';
import { INVITATION_EMAIL_INPUT_ID, VERBS } from '../../cards/common';
import { emailInvitationContract, invitationEmail, type EmailInvitationData } from '../../cards/invitationCard';
import { canEmailInvitation } from '../../cards/moveView';
import { splitAddresses } from '../../move/invitationEmail';
import { messageResponse } from '../invokeResponses';
import { answerClick, MoveCardAction, type ActionContext } from './actionHandler';
import type { MoveState } from '../../move/state';
import { t } from '../../cards/i18n/catalog';
import { viewerLocale } from '../viewerLocale';

/** Five addresses of the longest kind, and then some: anything longer is forged or pasted by mistake. */
const MAX_TYPED_CHARS = 1_500;

/**
 * `move.invitation.email`: the bot emails the invitation message to the customer's admin (invitation card).
 * The subject and text are drawn here (presentation); the decider checks the stage, the role, the addresses
 * and that no email is on its way. With Teams SSO the mail leaves from the clicker's own mailbox (they are
 * signed in first), otherwise from MAIL_SENDER_MAILBOX.
 */
export class EmailInvitationAction extends MoveCardAction<EmailInvitationData> {
  readonly verb = VERBS.emailInvitation;
  readonly contract = emailInvitationContract;
  readonly whoCan = whoCanText('email-invitation', { roles: ROLES_THAT_START });
  // Each email's outcome bumps the card's version: a version check would lose the typed address. The decider refuses once the move no longer waits for acceptance.
  protected override readonly needsCurrentCard = false;

  protected async act({ turn, actor, data }: ActionContext<EmailInvitationData>, moveId: string, state: MoveState): Promise<AdaptiveCardInvokeResponse> {
    const mail = this.deps.cardOptions.invitationMail;
    const { locale } = viewerLocale(turn, this.deps.cardOptions.locale);
    if (!canEmailInvitation(mail)) return messageResponse(t(locale, 'email.reply.noMailbox'));
    const typed = data[INVITATION_EMAIL_INPUT_ID];
    if (typed.length > MAX_TYPED_CHARS) {
      return messageResponse(t(locale, 'email.reply.tooLong', { max: String(MAX_TYPED_CHARS) }));
    }
    const to = splitAddresses(typed);

    // From the clicker's own mailbox when the bot can act as them: Teams signs them in silently first.
    let userAssertion: string | undefined;
    if (mail?.asSignedInUser && this.deps.sso.enabled) {
      const signIn = await this.deps.sso.tokenOrLoginRequest(turn, turn.activity.value as AdaptiveCardInvokeValue, 'so the bot can send the invitation from your mailbox');
      if ('response' in signIn) return signIn.response;
      userAssertion = signIn.token;
    }
    const { subject, body } = invitationEmail(state, await this.deps.partnerName());
    const result = await this.deps.orchestrator.requestInvitationEmail(moveId, actor, { to, subject, body }, userAssertion, correlationOf(turn));
    // Refused addresses or roles are named in the answer; the typed text stays in the card to fix.
    return answerClick(this.deps, { turn, actor }, moveId, state, result);
  }
}
