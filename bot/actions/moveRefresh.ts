import { refreshContract, VERBS, type RefreshAction } from '../../cards/common';
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { moveCard } from '../../cards/moveCard';
import { cardResponse, messageResponse } from '../invokeResponses';
import { moveGoneFor, type ActionContext, type ActionDeps, type ActionHandler } from './actionHandler';
import { cardOptionsFor } from '../viewerCardOptions';

/**
 * `move.refresh` (the card's refresh, automatic or from its menu, and Refresh buttons): the card again from the
 * move's current state, drawn for the person asking — the buttons they may use, and no others.
 */
export class MoveRefreshAction implements ActionHandler<RefreshAction> {
  readonly verb = VERBS.refresh;
  readonly contract = refreshContract;

  constructor(private readonly deps: ActionDeps) {}

  async handle({ turn, actor, data: { moveId } }: ActionContext<RefreshAction>): Promise<AdaptiveCardInvokeResponse> {
    const state = moveId ? await this.deps.orchestrator.find(moveId) : undefined;
    if (!state) return messageResponse(moveGoneFor(this.deps, turn));
    return cardResponse(moveCard(state, cardOptionsFor(this.deps.cardOptions, turn, actor)));
  }
}
