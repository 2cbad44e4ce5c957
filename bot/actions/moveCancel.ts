import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { refusalFor } from '../refusalWords';
import { cancelConfirmCard } from '../../cards/cancelConfirmCard';
import { cancelContract, VERBS, type CancelAction } from '../../cards/common';
import { cancelRefusal } from '../../move/decider';
import { refusal } from '../../move/refusals';
import { FINAL_STAGES, type MoveState } from '../../move/state';
import { cardResponse, messageResponse } from '../invokeResponses';
import { MoveCardAction, staleCard, type ActionContext } from './actionHandler';
import { cardOptionsFor } from '../viewerCardOptions';

/**
 * `move.cancel` (status, progress, invitation and scheduled cards): nothing is cancelled yet. The answer, in place of
 * the card, is the confirmation: what cancelling does and does not do now, and a required reason (move.cancel.confirm).
 * Someone who may not cancel is told so at once; a card drawn before the move changed gets today's card, saying why.
 */
export class MoveCancelAction extends MoveCardAction<CancelAction> {
  readonly verb = VERBS.cancel;
  readonly contract = cancelContract;

  protected async act({ turn, actor }: ActionContext<CancelAction>, moveId: string, state: MoveState): Promise<AdaptiveCardInvokeResponse> {
    if (FINAL_STAGES.has(state.stage)) return staleCard(this.deps, moveId, state, { turn, actor });
    const refused = cancelRefusal(actor, state);
    if (refused) return messageResponse(await refusalFor(refusal(refused), actor, this.deps.people));
    return cardResponse(cancelConfirmCard(state, cardOptionsFor(this.deps.cardOptions, turn, actor)));
  }
}
