import { correlationOf } from '../requestCorrelation';
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { VERBS, offerInputIds } from '../../cards/common';
import { messageResponse } from '../invokeResponses';
import { answerClick, listFrom, MoveCardAction, textFrom, type ActionContext } from './actionHandler';
import type { MoveState } from '../../move/state';

/**
 * `move.offers.choose`: an Account admin picks offers for a licence no sold offer covers (blocked card).
 * The decider checks the role, that the licence is still blocked and that the offers are its candidates.
 */
export class ChooseOffersAction extends MoveCardAction {
  readonly verb = VERBS.chooseOffers;

  protected async act({ turn, actor, data }: ActionContext, moveId: string, state: MoveState): Promise<AdaptiveCardInvokeResponse> {
    const sourceSkuId = textFrom(data, 'sourceSkuId', 100).trim();
    if (!sourceSkuId) return messageResponse('Picking offers: the card did not say which licence the offers are for. Refresh the card and pick again. Nothing was recorded.');
    const sku = state.plan?.blockers.find((b) => b.skuId.toLowerCase() === sourceSkuId.toLowerCase())?.skuPartNumber ?? 'this licence';
    const inputs = offerInputIds(sourceSkuId);
    const offerIds = listFrom(data, inputs.offers);
    const reason = textFrom(data, inputs.reason, 2000).trim();
    if (offerIds.length === 0) {
      return messageResponse(`Picking offers for ${sku}: choose one to three offers in the list, say why, then select "Use these offers". Only an Account admin can do this. Nothing was recorded.`);
    }
    if (!reason) {
      return messageResponse(`Picking offers for ${sku}: say why these offers are right (it goes on the record and on the plan card), then select "Use these offers" again. Nothing was recorded.`);
    }

    const result = await this.deps.orchestrator.chooseOffer(moveId, actor, sourceSkuId, offerIds, reason, correlationOf(turn));
    // Whoever picked hears how the plan turns out, in the conversation where they picked.
    return answerClick(this.deps, turn, moveId, state, result);
  }
}
