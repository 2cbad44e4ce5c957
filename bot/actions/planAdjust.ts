import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { VERBS } from '../../cards/common';
import { lineChanges, planAdjustContract, type PlanAdjustData } from '../../cards/planChoices';
import type { MoveState } from '../../move/state';
import { messageResponse } from '../invokeResponses';
import { correlationOf } from '../requestCorrelation';
import { answerClick, MoveCardAction, staleCard, type ActionContext } from './actionHandler';

/**
 * `move.plan.adjust` (plan card, "Redraw the plan"): the term and billing, quantities and buy dates staff left on the
 * card. The decider checks who may, that the card showed the current plan, and each value; the redrawn plan then
 * needs approval again.
 */
export class MovePlanAdjustAction extends MoveCardAction<PlanAdjustData> {
  readonly verb = VERBS.adjustPlan;
  readonly contract = planAdjustContract;
  // The plan hash says which plan the inputs were for (reminders bump the card's version meanwhile).
  protected override readonly needsCurrentCard = false;

  protected async act({ turn, actor, data }: ActionContext<PlanAdjustData>, moveId: string, state: MoveState): Promise<AdaptiveCardInvokeResponse> {
    if (state.stage !== 'approval' || !state.plan) return staleCard(this.deps, moveId, state, { turn, actor });
    const { changes, problems } = lineChanges(data, state.plan.lines);
    if (problems.length > 0) return messageResponse(`Changing the plan: ${problems.join(' ')} Nothing was changed.`);
    const result = await this.deps.orchestrator.adjustPlan(moveId, actor, data.planHash, changes, correlationOf(turn));
    // A click on an older plan's card gets today's card, never a change to a plan nobody saw.
    return answerClick(this.deps, { turn, actor }, moveId, state, result, ['stale-plan', 'wrong-stage']);
  }
}
