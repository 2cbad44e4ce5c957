import { correlationOf } from '../requestCorrelation';
import { ROLES_THAT_START } from '../../move/policy';
import { whoCanText } from '../../cards/refusalText';
import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { VERBS } from '../../cards/common';
import { retryReassignmentContract, type RetryReassignmentData } from '../../cards/blockedCard';
import { answerClick, MoveCardAction, type ActionContext } from './actionHandler';
import type { MoveState } from '../../move/state';

/**
 * `move.reassignment.retry`: another licence-reassignment pass, after staff fixed the users the card lists.
 * A second click, or one on a card drawn before the pass began, gets today's card: never a second pass.
 */
export class RetryReassignmentAction extends MoveCardAction<RetryReassignmentData> {
  readonly verb = VERBS.retryReassignment;
  readonly contract = retryReassignmentContract;
  readonly whoCan = whoCanText('retry-reassignment', { roles: ROLES_THAT_START });

  protected async act({ turn, actor }: ActionContext<RetryReassignmentData>, moveId: string, state: MoveState): Promise<AdaptiveCardInvokeResponse> {
    const result = await this.deps.orchestrator.resumeReassignment(moveId, actor, correlationOf(turn));
    return answerClick(this.deps, { turn, actor }, moveId, state, result);
  }
}
