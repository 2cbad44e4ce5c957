import { correlationOf } from '../requestCorrelation';
import { VERBS } from '../../cards/common';
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import type { MoveState } from '../../move/state';
import { planDecisionContract, type PlanDecisionData } from '../../cards/planCard';
import { answerClick, MoveCardAction, staleCard, type ActionContext } from './actionHandler';

/** `move.plan.approve` and `move.plan.reject` differ only in the command they send. */
abstract class PlanDecisionAction extends MoveCardAction<PlanDecisionData> {
  readonly contract = planDecisionContract;
  protected abstract readonly approve: boolean;
  // The plan hash, not the card's version, says what is approved (reminders bump the version).
  protected override readonly needsCurrentCard = false;

  protected async act({ turn, actor, data }: ActionContext<PlanDecisionData>, moveId: string, state: MoveState): Promise<AdaptiveCardInvokeResponse> {
    // A click on a card drawn before the plan was decided gets today's card, never a second decision.
    if (state.stage !== 'approval') return staleCard(this.deps, moveId, state, { turn, actor });
    const { planHash, comment } = data;
    const result = this.approve
      ? await this.deps.orchestrator.approvePlan(moveId, actor, planHash, comment, correlationOf(turn))
      : await this.deps.orchestrator.rejectPlan(moveId, actor, planHash, comment, correlationOf(turn));
    // Whoever decided hears how the move ends, in the conversation where they decided.
    return answerClick(this.deps, { turn, actor }, moveId, state, result, ['stale-plan', 'wrong-stage']);
  }
}

export class MovePlanApproveAction extends PlanDecisionAction {
  readonly verb = VERBS.approvePlan;
  protected readonly approve = true;
}

export class MovePlanRejectAction extends PlanDecisionAction {
  readonly verb = VERBS.rejectPlan;
  protected readonly approve = false;
}
