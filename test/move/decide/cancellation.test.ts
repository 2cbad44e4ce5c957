/** move/decide/interventions.ts (cancelling, with its confirmation) and move/decide/withdrawal.ts (the GDAP request after it). */
import assert from 'node:assert/strict';
import { cancelConsequences, cancelTermsKey, MAX_WITHDRAWAL_ATTEMPTS, requestToWithdraw, withdrawalDue } from '../../../move/cancellation';
import type { MoveCommand, WithdrawPendingRequests } from '../../../move/commands';
import type { MoveEvent } from '../../../move/events';
import { latestChange } from '../../../move/moveChange';
import { replay } from '../../../move/state';
import { retryDelayMs } from '../../../move/sweepRules';
import { adele, alex, contosoHistory, megan, system, T0 } from '../fixtures';
import { given, recorded } from '../givenWhenThen';

const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const REASON = 'The customer decided to stay with its current partner.';

function cancel(overrides: Partial<Extract<MoveCommand, { type: 'CancelMove' }>> = {}): MoveCommand {
  return { type: 'CancelMove', actor: megan, at: at(10), reason: REASON, ...overrides };
}

function withdrawal(outcome: WithdrawPendingRequests['outcome'], extra: Partial<WithdrawPendingRequests> = {}): MoveCommand {
  return { type: 'WithdrawPendingRequests', actor: system, at: at(11), what: 'gdap-relationship', relationshipId: 'gdap-1', outcome, detail: 'approvalPending', retryable: false, ...extra };
}

describe('decider: cancelling with a confirmation and a reason', () => {
  const invited = () => contosoHistory('invited');

  it('records the reason, trimmed, when the confirmation still says what cancelling means', () => {
    const seen = cancelTermsKey(replay('mv-1', invited()));
    assert.equal(seen, 'awaiting-acceptance/0/0');
    given(invited()).when(cancel({ reason: `  ${REASON}  `, seen })).then([{ type: 'MoveCancelled', ...recorded(megan, at(10)), reason: REASON }]);
  });

  it('refuses an empty or blank reason, and one over 500 characters, changing nothing', () => {
    given(invited()).when(cancel({ reason: '   \n ' })).refused('invalid-input', /Say why the move is cancelled[^]*Nothing was cancelled\./);
    given(invited()).when(cancel({ reason: 'x'.repeat(501) })).refused('invalid-input', 'Keep the reason to 500 characters (it has 501). Nothing was changed.');
    given(invited()).when(cancel({ reason: 'x'.repeat(500) })).accepted();
  });

  it('refuses a confirmation the move outgrew, saying what changed', () => {
    const seen = cancelTermsKey(replay('mv-1', invited()));
    const accepted = contosoHistory('accepted');
    given(accepted).when(cancel({ seen })).refused('wrong-stage', /^The move went on to "Reading the inventory" at 24 Nov 2026, 10:00 UTC since this card was drawn; nothing was done\.$/);
  });

  it('refuses a confirmation of a move cancelled meanwhile, naming who and when', () => {
    const { history } = given(invited()).when(cancel({ actor: alex, seen: 'awaiting-acceptance/0/0' })).accepted();
    given(history).when(cancel({ seen: 'awaiting-acceptance/0/0' })).refused('wrong-stage', /already cancelled \(cancelled by Alex Wilber, 24 Nov 2026, 09:10 UTC\)/);
    assert.deepEqual(latestChange(replay('mv-1', history)), { kind: 'cancelled', by: 'Alex Wilber', at: at(10) });
  });

  it('still checks who may cancel first', () => {
    given(invited()).when(cancel({ actor: adele, reason: '' })).refused('not-allowed', /Only the person who started this move \(Megan Bowen\)/);
  });

  it('says what cancelling does at each point: nothing bought, the GDAP request withdrawn, the reseller link out', () => {
    const state = replay('mv-1', invited());
    assert.deepEqual(cancelConsequences(state), { ordersPlaced: 0, purchasesNotMade: [], gdapWithdrawn: true, gdapStays: false, resellerLinkOut: true });
    const accepted = replay('mv-1', contosoHistory('inventory'));
    assert.equal(cancelConsequences(accepted).resellerLinkOut, false, 'accepted: the link is spent');
  });
});

describe('decider: withdrawing the GDAP request after a cancellation', () => {
  const cancelled = (): MoveEvent[] => given(contosoHistory('invited')).when(cancel()).accepted().history;

  it('is due once the move is cancelled, and records the outcome once', () => {
    assert.equal(requestToWithdraw(replay('mv-1', contosoHistory('invited'))), null, 'not before the cancellation');
    assert.equal(requestToWithdraw(replay('mv-1', cancelled())), 'gdap-1');
    const { history, state } = given(cancelled()).when(withdrawal('withdrawn')).then([{
      type: 'RequestsWithdrawn', ...recorded(system, at(11)), what: 'gdap-relationship', relationshipId: 'gdap-1', outcome: 'withdrawn', detail: 'approvalPending',
    }]);
    assert.equal(state.withdrawal?.outcome, 'withdrawn');
    assert.equal(requestToWithdraw(state), null);
    given(history).when(withdrawal('withdrawn')).then([], 'a repeated result records nothing');
  });

  it('tries again after the back-off when it fails, and gives up after the last try', () => {
    let history = cancelled();
    for (let attempt = 1; attempt < MAX_WITHDRAWAL_ATTEMPTS; attempt += 1) {
      const outcome = given(history).when(withdrawal('failed', { detail: 'HTTP 503', retryable: true })).accepted();
      assert.equal(outcome.events[0].type === 'RequestsWithdrawn' && outcome.events[0].outcome, 'failed');
      history = outcome.history;
      const state = outcome.state;
      assert.equal(state.withdrawal?.attempts, attempt);
      assert.equal(withdrawalDue(state, Date.parse(at(11)), retryDelayMs), false, 'not before the back-off');
      assert.equal(withdrawalDue(state, Date.parse(at(11)) + retryDelayMs(attempt), retryDelayMs), true);
    }
    const last = given(history).when(withdrawal('failed', { detail: 'HTTP 503', retryable: true })).accepted();
    assert.equal(last.events[0].type === 'RequestsWithdrawn' && last.events[0].outcome, 'gave-up');
    assert.equal(requestToWithdraw(last.state), null, 'a person takes it from here');
  });

  it('gives up at once when trying again cannot help', () => {
    const { events } = given(cancelled()).when(withdrawal('failed', { detail: 'HTTP 403', retryable: false })).accepted();
    assert.equal(events[0].type === 'RequestsWithdrawn' && events[0].outcome, 'gave-up');
  });

  it('refuses a result for a move that is not cancelled, or for another request', () => {
    given(contosoHistory('invited')).when(withdrawal('withdrawn')).refused('wrong-stage');
    given(cancelled()).when(withdrawal('withdrawn', { relationshipId: 'gdap-other' })).refused('wrong-stage', 'The move has no such request to withdraw.');
  });
});
