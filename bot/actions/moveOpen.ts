import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { VERBS } from '../../cards/common';
import { openMoveContract, type OpenMoveAction } from '../../cards/dashboardCard';
import { moveCard } from '../../cards/moveCard';
import { cardResponse } from '../invokeResponses';
import { clickedMove, type ActionContext, type ActionDeps, type ActionHandler } from './actionHandler';
import { cardOptionsFor } from '../viewerCardOptions';

/**
 * `move.open` (a move's Open button on the dashboard): the move's current card in place of the dashboard, drawn for
 * the person who pressed it (Teams shows it to them alone) — so it offers only the buttons they may use.
 */
export class MoveOpenAction implements ActionHandler<OpenMoveAction> {
  readonly verb = VERBS.openMove;
  readonly contract = openMoveContract;

  constructor(private readonly deps: ActionDeps) {}

  async handle({ turn, actor, data: { moveId } }: ActionContext<OpenMoveAction>): Promise<AdaptiveCardInvokeResponse> {
    const clicked = await clickedMove(this.deps, moveId, turn);
    if ('answer' in clicked) return clicked.answer;
    return cardResponse(moveCard(clicked.state, cardOptionsFor(this.deps.cardOptions, turn, actor)));
  }
}
