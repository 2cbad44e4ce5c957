import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { VERBS } from '../../cards/common';
import { followUpDoneContract, type FollowUpDoneData } from '../../cards/followUpsView';
import type { MoveState } from '../../move/state';
import { correlationOf } from '../requestCorrelation';
import { answerClick, MoveCardAction, type ActionContext } from './actionHandler';

/**
 * `move.followup.done`: tick a follow-up after the purchase as done. The card's version is not checked — a reminder
 * or another tick changes it without making this task's button wrong — the task's own state is: a task someone else
 * already ticked (or that the bot saw settle) gets today's card, which shows who ticked it; nothing is recorded twice.
 */
export class FollowUpDoneAction extends MoveCardAction<FollowUpDoneData> {
  readonly verb = VERBS.followUpDone;
  readonly contract = followUpDoneContract;
  readonly whoCan = 'Follow-ups are ticked by partner staff with a Partner Center role.';
  protected override readonly needsCurrentCard = false;

  protected async act({ turn, actor, data }: ActionContext<FollowUpDoneData>, moveId: string, state: MoveState): Promise<AdaptiveCardInvokeResponse> {
    const result = await this.deps.orchestrator.completeFollowUp(moveId, actor, data.taskId, correlationOf(turn));
    return answerClick(this.deps, { turn, actor }, moveId, state, result);
  }
}
