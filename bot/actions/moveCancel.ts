import { correlationOf } from '../requestCorrelation';
import { cancelContract, VERBS, type CancelAction } from '../../cards/common';
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { FINAL_STAGES, type MoveState } from '../../move/state';
import { answerClick, MoveCardAction, todaysCard, type ActionContext } from './actionHandler';

/** `move.cancel`: stop a move that is waiting. A card drawn before the move changed gets today's card. */
export class MoveCancelAction extends MoveCardAction<CancelAction> {
  readonly verb = VERBS.cancel;
  readonly contract = cancelContract;

  protected async act({ turn, actor, data }: ActionContext<CancelAction>, moveId: string, state: MoveState): Promise<AdaptiveCardInvokeResponse> {
    if (FINAL_STAGES.has(state.stage)) return todaysCard(this.deps, moveId, state, actor);
    const result = await this.deps.orchestrator.cancel(moveId, actor, data.comment || `Cancelled by ${actor.name}.`, correlationOf(turn));
    return answerClick(this.deps, { turn, actor }, moveId, state, result, []);
  }
}
