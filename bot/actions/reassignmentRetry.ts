import { TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { VERBS } from '../../cards/common';
import { moveCard } from '../../cards/moveCard';
import { cardResponse, messageResponse } from '../invokeResponses';
import { MOVE_GONE, moveIdFrom, settleWithin, type ActionContext, type ActionDeps, type ActionHandler } from './actionHandler';

/** `move.reassignment.retry`: another licence-reassignment pass, after staff fixed the users the card lists. */
export class RetryReassignmentAction implements ActionHandler {
  readonly verb = VERBS.retryReassignment;

  constructor(private readonly deps: ActionDeps) {}

  async handle({ turn, actor, data }: ActionContext): Promise<AdaptiveCardInvokeResponse> {
    const moveId = moveIdFrom(data);
    const state = moveId ? await this.deps.orchestrator.find(moveId) : undefined;
    if (!moveId || !state) return messageResponse(MOVE_GONE);
    // A second click, or a click on a card drawn before the pass began, gets today's card: never a second pass.
    if (data.version !== state.version) return cardResponse(moveCard(state, this.deps.cardOptions));
    const result = await this.deps.orchestrator.resumeReassignment(moveId, actor);
    if (!result.ok) {
      if (result.refusal.code === 'wrong-stage') return cardResponse(moveCard(this.deps.orchestrator.get(moveId) ?? state, this.deps.cardOptions));
      return messageResponse(result.refusal.message);
    }
    await this.deps.registry.addFollower(moveId, TurnContext.getConversationReference(turn.activity));
    await settleWithin(result.settled, this.deps.replyBudgetMs);
    return cardResponse(moveCard(this.deps.orchestrator.get(moveId) ?? result.state, this.deps.cardOptions));
  }
}
