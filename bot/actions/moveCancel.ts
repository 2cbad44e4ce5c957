import { TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { moveCard } from '../../cards/moveCard';
import { FINAL_STAGES } from '../../move/state';
import { cardResponse, messageResponse } from '../invokeResponses';
import { moveIdFrom, settleWithin, textFrom, type ActionContext, type ActionDeps, type ActionHandler } from './actionHandler';

/** `move.cancel`: stop a move that is waiting. */
export class MoveCancelAction implements ActionHandler {
  readonly verb = 'move.cancel';

  constructor(private readonly deps: ActionDeps) {}

  async handle({ turn, actor, data }: ActionContext): Promise<AdaptiveCardInvokeResponse> {
    const moveId = moveIdFrom(data);
    const state = moveId ? await this.deps.orchestrator.find(moveId) : undefined;
    if (!moveId || !state) return messageResponse('This card belongs to a move that does not exist here any more. Say `list` to see the moves.');
    // A card drawn before the move changed gets today's card: cancel from what you can see now.
    if (FINAL_STAGES.has(state.stage) || data.version !== state.version) return cardResponse(moveCard(state, this.deps.cardOptions));
    const result = await this.deps.orchestrator.cancel(moveId, actor, textFrom(data, 'comment', 2000) || `Cancelled by ${actor.name}.`);
    if (!result.ok) return messageResponse(result.refusal.message);
    await this.deps.registry.addFollower(moveId, TurnContext.getConversationReference(turn.activity));
    await settleWithin(result.settled, this.deps.replyBudgetMs);
    return cardResponse(moveCard(this.deps.orchestrator.get(moveId) ?? result.state, this.deps.cardOptions));
  }
}
