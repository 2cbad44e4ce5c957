import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { VERBS, offerInputIds } from '../../cards/common';
import { messageResponse } from '../invokeResponses';
import {
  answerClick, clickedMove, listFrom, textFrom, todaysCard, type ActionContext, type ActionDeps, type ActionHandler,
} from './actionHandler';

/**
 * `move.offers.choose`: an Account admin picks offers for a licence no sold offer covers (blocked card).
 * The decider checks the role, that the licence is still blocked and that the offers are its candidates.
 */
export class ChooseOffersAction implements ActionHandler {
  readonly verb = VERBS.chooseOffers;

  constructor(private readonly deps: ActionDeps) {}

  async handle({ turn, actor, data }: ActionContext): Promise<AdaptiveCardInvokeResponse> {
    const clicked = await clickedMove(this.deps, data);
    if ('answer' in clicked) return clicked.answer;
    const { moveId, state } = clicked;
    // A card drawn before the move changed (offers already picked, the plan drafted again) gets today's card.
    if (data.version !== state.version) return todaysCard(this.deps, moveId, state);

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

    const result = await this.deps.orchestrator.chooseOffer(moveId, actor, sourceSkuId, offerIds, reason);
    // Whoever picked hears how the plan turns out, in the conversation where they picked.
    return answerClick(this.deps, turn, moveId, state, result);
  }
}
