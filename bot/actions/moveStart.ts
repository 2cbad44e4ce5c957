import { VERBS } from '../../cards/common';
import { refusalFor } from '../refusalWords';
import { ROLES_THAT_START } from '../../move/policy';
import { whoCanText } from '../../cards/refusalText';
import { TurnContext, type AdaptiveCardInvokeResponse, type AdaptiveCardInvokeValue } from 'botbuilder';
import { intakeCard, startFormContract, type StartFormData } from '../../cards/intakeCard';
import { problemsByField } from '../../cards/intakeProblemText';
import { intakeProblems } from '../intakeValidation';
import { moveCard } from '../../cards/moveCard';
import { SOURCE_CHANNEL_LABELS, type SourceChannel } from '../../move/model';
import { cardResponse } from '../invokeResponses';
import { postWorkingCard, settlesWithin, type ActionContext, type ActionDeps, type ActionHandler } from './actionHandler';
import { cardOptionsFor } from '../viewerCardOptions';

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
    if (existing) return cardResponse(moveCard(existing, cardOptionsFor(this.deps.cardOptions, turn)));

    const form = {
      domain: data.domain.trim(),
      country: data.country.trim().toUpperCase(),
      source: (data.source || 'unknown') as SourceChannel,
      multiPartner: data.multiPartner === true,
      requestGdap: data.requestGdap !== false,
    };
    const again = async (error: string, problems: { domain?: string; country?: string } = {}) => cardResponse(intakeCard({
      ...form, source: Object.hasOwn(SOURCE_CHANNEL_LABELS, form.source) ? form.source : 'unknown', error,
      domainProblem: problems.domain, countryProblem: problems.country,
      countries: this.deps.countries, partnerRegion: await this.deps.partnerRegion(), moveId: formMoveId ?? '',
    }));
    // Bad input (no such country, another CSP region, not a domain, a customer already being moved) gets the form back
    // with the problem beside its field, before anything is recorded: no move, no event, no thread.
    const problems = await intakeProblems(form, { orchestrator: this.deps.orchestrator, countries: this.deps.countries, partnerRegion: this.deps.partnerRegion });
    if (problems.length > 0) return again('', problemsByField(problems));

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
      return started ? cardResponse(moveCard(started, cardOptionsFor(this.deps.cardOptions, turn))) : again(await refusalFor(result.refusal, actor, this.deps.people));
    }
    await this.deps.registry.addFollower(moveId, TurnContext.getConversationReference(turn.activity));
    // Still checking the tenant or asking for the invitation: a working card in the chat shows the outcome in place.
    if (!(await settlesWithin(result.settled, this.deps.replyBudgetMs))) await postWorkingCard(this.deps, turn, moveId);
    return cardResponse(moveCard(this.deps.orchestrator.get(moveId) ?? result.state, cardOptionsFor(this.deps.cardOptions, turn)));
  }
}
