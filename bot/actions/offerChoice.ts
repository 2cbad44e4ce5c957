import { correlationOf } from '../requestCorrelation';
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { VERBS } from '../../cards/common';
import { chooseOffersContract, type ChooseOffersData } from '../../cards/offerChoiceForm';
import { messageResponse } from '../invokeResponses';
import { answerClick, MoveCardAction, type ActionContext } from './actionHandler';
import type { MoveState } from '../../move/state';

/**
 * `move.offers.choose`: an Account admin picks offers for a licence no sold offer covers (blocked card).
 * The decider checks the role, that the licence is still blocked and that the offers are its candidates.
 */
export class ChooseOffersAction extends MoveCardAction<ChooseOffersData> {
  readonly verb = VERBS.chooseOffers;
  readonly contract = chooseOffersContract;

  protected async act({ turn, actor, data }: ActionContext<ChooseOffersData>, moveId: string, state: MoveState): Promise<AdaptiveCardInvokeResponse> {
    const { sourceSkuId, offerIds, reason } = data;
    if (!sourceSkuId) return messageResponse('Picking offers: the card did not say which licence the offers are for. Refresh the card and pick again. Nothing was recorded.');
    const sku = state.plan?.blockers.find((b) => b.skuId.toLowerCase() === sourceSkuId.toLowerCase())?.skuPartNumber ?? 'this licence';
    if (offerIds.length === 0) {
      return messageResponse(`Picking offers for ${sku}: choose one to three offers in the list, say why, then select "Use these offers". Only an Account admin can do this. Nothing was recorded.`);
    }
    if (!reason) {
      return messageResponse(`Picking offers for ${sku}: say why these offers are right (it goes on the record and on the plan card), then select "Use these offers" again. Nothing was recorded.`);
    }

    const result = await this.deps.orchestrator.chooseOffer(moveId, actor, sourceSkuId, offerIds, reason, correlationOf(turn));
    // Whoever picked hears how the plan turns out, in the conversation where they picked.
    return answerClick(this.deps, { turn, actor }, moveId, state, result);
  }
}
