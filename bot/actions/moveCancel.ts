import { correlationOf } from '../requestCorrelation';
import { VERBS } from '../../cards/common';
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { FINAL_STAGES, type MoveState } from '../../move/state';
import { answerClick, MoveCardAction, textFrom, todaysCard, type ActionContext } from './actionHandler';

/** `move.cancel`: stop a move that is waiting. A card drawn before the move changed gets today's card. */
export class MoveCancelAction extends MoveCardAction {
  readonly verb = VERBS.cancel;

  protected async act({ turn, actor, data }: ActionContext, moveId: string, state: MoveState): Promise<AdaptiveCardInvokeResponse> {
    if (FINAL_STAGES.has(state.stage)) return todaysCard(this.deps, moveId, state);
    const result = await this.deps.orchestrator.cancel(moveId, actor, textFrom(data, 'comment', 2000) || `Cancelled by ${actor.name}.`, correlationOf(turn));
    return answerClick(this.deps, turn, moveId, state, result, []);
  }
}
