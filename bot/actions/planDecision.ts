import { TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { moveCard } from '../../cards/moveCard';
import { cardResponse, messageResponse } from '../invokeResponses';
import { moveIdFrom, settleWithin, textFrom, type ActionContext, type ActionDeps, type ActionHandler } from './actionHandler';

/** `move.plan.approve` and `move.plan.reject` differ only in the command they send. */
abstract class PlanDecisionAction implements ActionHandler {
  abstract readonly verb: string;
  protected abstract readonly approve: boolean;

  constructor(private readonly deps: ActionDeps) {}

  async handle({ turn, actor, data }: ActionContext): Promise<AdaptiveCardInvokeResponse> {
    const moveId = moveIdFrom(data);
    const state = moveId ? await this.deps.orchestrator.find(moveId) : undefined;
    if (!moveId || !state) return messageResponse('This card belongs to a move that does not exist here any more. Say `list` to see the moves.');
    // A click on a card drawn before the plan was decided gets today's card, never a second decision.
    if (state.stage !== 'approval') return cardResponse(moveCard(state, this.deps.cardOptions));
    const planHash = textFrom(data, 'planHash', 64);
    const comment = textFrom(data, 'comment', 2000);
    const result = this.approve
      ? await this.deps.orchestrator.approvePlan(moveId, actor, planHash, comment)
      : await this.deps.orchestrator.rejectPlan(moveId, actor, planHash, comment);
    if (!result.ok) {
      if (result.refusal.code === 'stale-plan' || result.refusal.code === 'wrong-stage') {
        return cardResponse(moveCard(this.deps.orchestrator.get(moveId) ?? state, this.deps.cardOptions));
      }
      return messageResponse(result.refusal.message);
    }
    // Whoever decided hears how the move ends, in the conversation where they decided.
    await this.deps.registry.addFollower(moveId, TurnContext.getConversationReference(turn.activity));
    await settleWithin(result.settled, this.deps.replyBudgetMs);
    return cardResponse(moveCard(this.deps.orchestrator.get(moveId) ?? result.state, this.deps.cardOptions));
  }
}

export class MovePlanApproveAction extends PlanDecisionAction {
  readonly verb = 'move.plan.approve';
  protected readonly approve = true;
}

export class MovePlanRejectAction extends PlanDecisionAction {
  readonly verb = 'move.plan.reject';
  protected readonly approve = false;
}
