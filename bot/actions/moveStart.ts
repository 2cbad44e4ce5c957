import { VERBS } from '../../cards/common';
import { ROLES_THAT_START } from '../../move/policy';
import { refusalText, whoCanText } from '../../cards/refusalText';
import { TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue } from 'botbuilder';
import { intakeCard, startFormContract, type StartFormData } from '../../cards/intakeCard';
import { moveCard } from '../../cards/moveCard';
import { SOURCE_CHANNEL_LABELS, type SourceChannel } from '../../move/model';
import { cardResponse } from '../invokeResponses';
import { settleWithin, type ActionContext, type ActionDeps, type ActionHandler } from './actionHandler';

/** `move.start`: the start form was submitted. */
export class MoveStartAction implements ActionHandler<StartFormData> {
  readonly verb = VERBS.start;
  readonly contract = startFormContract;
  readonly whoCan = whoCanText('start-move', { roles: ROLES_THAT_START });

  constructor(private readonly deps: ActionDeps) {}

  async handle({ turn, actor, data }: ActionContext<StartFormData>): Promise<AdaptiveCardInvokeResponse> {
    const formMoveId = data.moveId;
    const existing = formMoveId ? await this.deps.orchestrator.find(formMoveId) : undefined;
    // The same form submitted twice: show the move it already started.
    if (existing) return cardResponse(moveCard(existing, this.deps.cardOptions));

    const form = {
      domain: data.domain.trim(),
      country: data.country.trim().toUpperCase(),
      source: (data.source || 'unknown') as SourceChannel,
      multiPartner: data.multiPartner === true,
      requestGdap: data.requestGdap !== false,
    };
    const again = async (error: string) => cardResponse(intakeCard({
      ...form, source: Object.hasOwn(SOURCE_CHANNEL_LABELS, form.source) ? form.source : 'unknown', error,
      countries: this.deps.countries, partnerRegion: await this.deps.partnerRegion(), moveId: formMoveId ?? '',
    }));
    if (!form.domain) return again('Type the customer\'s domain (like contoso.onmicrosoft.com) or tenant id.');
    if (!form.country) return again('Choose the country of the customer\'s Microsoft 365 tenant: the CSP same-region rule depends on it.');

    // The invitation is asked for as the staff member (App+User): with SSO, Teams signs them in first.
    let userAssertion: string | undefined;
    if (this.deps.sso.enabled) {
      const signIn = await this.deps.sso.tokenOrLoginRequest(turn, turn.activity.value as AdaptiveCardInvokeValue, 'so the bot can ask Partner Center for the invitation as you');
      if ('response' in signIn) return signIn.response;
      userAssertion = signIn.token;
    }
    const moveId = formMoveId ?? this.deps.orchestrator.newMoveId();
    const result = await this.deps.orchestrator.startMove({
      actor, moveId, customerDomain: form.domain, customerCountry: form.country, source: form.source,
      multiPartner: form.multiPartner, requestGdap: form.requestGdap, userAssertion,
    });
    if (!result.ok) {
      // Two clicks on one form at the same moment: the other click started it; show that move.
      const started = await this.deps.orchestrator.find(moveId);
      return started ? cardResponse(moveCard(started, this.deps.cardOptions)) : again(refusalText(result.refusal));
    }
    await this.deps.registry.addFollower(moveId, TurnContext.getConversationReference(turn.activity));
    await settleWithin(result.settled, this.deps.replyBudgetMs);
    return cardResponse(moveCard(this.deps.orchestrator.get(moveId) ?? result.state, this.deps.cardOptions));
  }
}
