import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { FINAL_STAGES } from '../../move/state';
import { answerClick, clickedMove, textFrom, todaysCard, type ActionContext, type ActionDeps, type ActionHandler } from './actionHandler';

/** `move.cancel`: stop a move that is waiting. */
export class MoveCancelAction implements ActionHandler {
  readonly verb = 'move.cancel';

  constructor(private readonly deps: ActionDeps) {}

  async handle({ turn, actor, data }: ActionContext): Promise<AdaptiveCardInvokeResponse> {
    const clicked = await clickedMove(this.deps, data);
    if ('answer' in clicked) return clicked.answer;
    const { moveId, state } = clicked;
    // A card drawn before the move changed gets today's card: cancel from what you can see now.
    if (FINAL_STAGES.has(state.stage) || data.version !== state.version) return todaysCard(this.deps, moveId, state);
    const result = await this.deps.orchestrator.cancel(moveId, actor, textFrom(data, 'comment', 2000) || `Cancelled by ${actor.name}.`);
    return answerClick(this.deps, turn, moveId, state, result, []);
  }
}
