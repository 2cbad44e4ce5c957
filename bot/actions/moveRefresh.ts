import { VERBS } from '../../cards/common';
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { moveCard } from '../../cards/moveCard';
import { cardResponse, messageResponse } from '../invokeResponses';
import { moveIdFrom, type ActionContext, type ActionDeps, type ActionHandler } from './actionHandler';

/** `move.refresh`: draw the card again from the move's current state. */
export class MoveRefreshAction implements ActionHandler {
  readonly verb = VERBS.refresh;

  constructor(private readonly deps: ActionDeps) {}

  async handle({ data }: ActionContext): Promise<AdaptiveCardInvokeResponse> {
    const moveId = moveIdFrom(data);
    const state = moveId ? await this.deps.orchestrator.find(moveId) : undefined;
    if (!state) return messageResponse('This card belongs to a move that does not exist here any more. Say `list` to see the moves.');
    return cardResponse(moveCard(state, this.deps.cardOptions));
  }
}
