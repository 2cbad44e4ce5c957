import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { VERBS } from '../../cards/common';
import { answerClick, clickedMove, todaysCard, type ActionContext, type ActionDeps, type ActionHandler } from './actionHandler';

/** `move.reassignment.retry`: another licence-reassignment pass, after staff fixed the users the card lists. */
export class RetryReassignmentAction implements ActionHandler {
  readonly verb = VERBS.retryReassignment;

  constructor(private readonly deps: ActionDeps) {}

  async handle({ turn, actor, data }: ActionContext): Promise<AdaptiveCardInvokeResponse> {
    const clicked = await clickedMove(this.deps, data);
    if ('answer' in clicked) return clicked.answer;
    const { moveId, state } = clicked;
    // A second click, or a click on a card drawn before the pass began, gets today's card: never a second pass.
    if (data.version !== state.version) return todaysCard(this.deps, moveId, state);
    const result = await this.deps.orchestrator.resumeReassignment(moveId, actor);
    return answerClick(this.deps, turn, moveId, state, result);
  }
}
