/**
 * After a cancellation, the request the customer had not answered is withdrawn (today the GDAP relationship
 * request): tried once the move is cancelled, again after the usual back-off when it fails, never holding the
 * cancellation up. The adapter's call is safe to repeat; the decider records each result once.
 */
import { requestToWithdraw, withdrawalDue } from './cancellation';
import type { MoveCommand } from './commands';
import type { OrchestratorDeps } from './orchestratorDeps';
import { StepError, type CallContext } from './ports';
import type { MoveState } from './state';
import { retryDelayMs } from './sweepRules';

type Base = { actor: MoveCommand['actor']; at: string };

export class WithdrawalStep {
  constructor(private readonly deps: Pick<OrchestratorDeps, 'partnerDirectory'>) {}

  /** The command recording the withdrawal's result, or null when there is nothing to withdraw (or it must wait). */
  async next(state: MoveState, ctx: CallContext, base: Base): Promise<MoveCommand | null> {
    const relationshipId = requestToWithdraw(state);
    if (!relationshipId || !withdrawalDue(state, Date.parse(base.at), retryDelayMs)) return null;
    const what = 'gdap-relationship' as const;
    try {
      const result = await this.deps.partnerDirectory.withdrawDelegatedAdminRequest(relationshipId, ctx);
      return { type: 'WithdrawPendingRequests', ...base, what, relationshipId, outcome: result.outcome, detail: result.status, retryable: false };
    } catch (error) {
      // An adapter's StepError says whether trying again may help; anything else is tried again after the back-off.
      const retryable = error instanceof StepError ? error.retryable : true;
      const detail = error instanceof Error ? error.message : String(error);
      return { type: 'WithdrawPendingRequests', ...base, what, relationshipId, outcome: 'failed', detail, retryable };
    }
  }
}
