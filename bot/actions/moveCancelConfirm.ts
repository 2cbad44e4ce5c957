import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { cancelConfirmCard, cancelConfirmContract, type CancelConfirmData } from '../../cards/cancelConfirmCard';
import { VERBS } from '../../cards/common';
import { refusalText } from '../../cards/refusalText';
import type { MoveState } from '../../move/state';
import { cardResponse } from '../invokeResponses';
import { correlationOf } from '../requestCorrelation';
import { answerClick, MoveCardAction, type ActionContext } from './actionHandler';
import { cardOptionsFor } from '../viewerCardOptions';

/**
 * `move.cancel.confirm` ("Cancel the move" on the confirmation): cancels with the reason typed, if cancelling still
 * means what the confirmation said (`seen`). A missing or too long reason gets the confirmation back with the problem
 * and the text typed; a confirmation the move outgrew gets today's card saying what happened and by whom.
 */
export class MoveCancelConfirmAction extends MoveCardAction<CancelConfirmData> {
  readonly verb = VERBS.cancelConfirm;
  readonly contract = cancelConfirmContract;
  // `seen` says what the confirmation was for (a reminder bumps the version while someone types the reason).
  protected override readonly needsCurrentCard = false;

  protected async act({ turn, actor, data }: ActionContext<CancelConfirmData>, moveId: string, state: MoveState): Promise<AdaptiveCardInvokeResponse> {
    const result = await this.deps.orchestrator.cancel(moveId, actor, data.cancelReason, correlationOf(turn), data.seen);
    if (!result.ok && (result.refusal.reason.kind === 'reason-too-short' || result.refusal.reason.kind === 'reason-too-long')) {
      const options = cardOptionsFor(this.deps.cardOptions, turn, actor);
      return cardResponse(cancelConfirmCard(result.state ?? state, options, { problem: refusalText(result.refusal), reason: data.cancelReason }));
    }
    return answerClick(this.deps, { turn, actor }, moveId, state, result, ['wrong-stage']);
  }
}
