/** After a cancellation: what became of withdrawing the GDAP request the customer had not answered. */
import { MAX_WITHDRAWAL_ATTEMPTS } from '../cancellation';
import type { WithdrawPendingRequests } from '../commands';
import { accept, clip, refuse, type Decision } from '../decision';
import type { WithdrawalOutcome } from '../events';
import type { MoveState } from '../state';
import type { DecisionContext } from './handler';

/**
 * Only for a cancelled move's own request; a result after a final one is ignored (nothing twice). A failure that
 * trying again cannot help, or the last of MAX_WITHDRAWAL_ATTEMPTS, is recorded as given up: a person must do it.
 */
export function withdrawPendingRequests(command: WithdrawPendingRequests, state: MoveState, { envelope }: DecisionContext): Decision {
  if (state.stage !== 'cancelled') return refuse({ kind: 'wrong-stage', stage: state.stage, expected: 'cancelled' });
  if (command.relationshipId !== state.invitation?.gdapRelationshipId) return refuse({ kind: 'no-request-to-withdraw' });
  const tried = state.withdrawal;
  if (tried && tried.relationshipId === command.relationshipId && tried.outcome !== 'failed') return accept();
  const attempts = (tried?.relationshipId === command.relationshipId ? tried.attempts : 0) + 1;
  const givesUp = command.outcome === 'failed' && (!command.retryable || attempts >= MAX_WITHDRAWAL_ATTEMPTS);
  const outcome: WithdrawalOutcome = givesUp ? 'gave-up' : command.outcome;
  return accept({
    type: 'RequestsWithdrawn', ...envelope, what: command.what, relationshipId: command.relationshipId, outcome, detail: clip(command.detail, 600),
  });
}
