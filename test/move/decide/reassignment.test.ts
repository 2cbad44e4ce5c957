/** move/decide/reassignment.ts: the reassignment step's reports per batch of users, and another pass after a fix. */
import assert from 'node:assert/strict';
import type { MoveCommand } from '../../../move/commands';
import type { MoveEvent } from '../../../move/events';
import type { UserReassignment } from '../../../move/reassignment';
import { replay } from '../../../move/state';
import { adele, alex, contosoHistory, megan, system } from '../fixtures';
import { given, recorded } from '../givenWhenThen';
import { at, E3, inventoryLine, moveHolding } from './sandboxLicences';

const result = (userId: string, outcome: UserReassignment['outcome']): UserReassignment => ({
  userId, userPrincipalName: `${userId}@fabrikam.onmicrosoft.com`, sourceSkuId: E3.skuId, outcome, detail: outcome,
});

describe('decider: licence reassignment', () => {
  const provisioned = () => moveHolding([inventoryLine(E3, 50)], 'provisioned');
  const record = (results: UserReassignment[], finished: boolean): MoveCommand => ({ type: 'RecordReassignment', actor: system, at: at(85), results, finished });
  const step = recorded(system, at(85));
  const blockedMessage = (stillHolding: string, moved: number) => `${stillHolding} the old licence (${moved} moved).`;

  it('goes to reassignment after provisioning only when an offer changed', () => {
    assert.equal(replay('mv-1', provisioned()).stage, 'reassigning-licenses');
    assert.equal(replay('mv-1', contosoHistory('provisioned')).stage, 'source-advice');
  });

  it('records batches once, then finishes and moves on when every user moved', () => {
    const batch = [result('u1', 'moved'), result('u2', 'moved')];
    const first = given(provisioned()).when(record(batch, false)).then([{ type: 'LicencesReassigned', ...step, results: batch, sending: [] }]);
    given(first.history).when(record([result('u1', 'moved')], false)).then([], 'a repeated report changes nothing');
    const { state } = given(first.history).when(record([], true)).then([{ type: 'ReassignmentFinished', ...step, moved: 2, attention: 0 }]);
    assert.equal(state.stage, 'source-advice');
    assert.equal(state.reassignment.movedTotal, 2);
  });

  it('records the changes about to go to Graph before they leave, and clears them with their results', () => {
    const sending = [{ userId: 'u1', userPrincipalName: 'u1@contoso.onmicrosoft.com', sourceSkuId: E3.skuId }];
    const report = (results: UserReassignment[]): MoveCommand => ({ type: 'RecordReassignment', actor: system, at: at(85), results, sending, finished: false });
    const announced = given(provisioned()).when(report([result('u2', 'skipped-group')]))
      .then([{ type: 'LicencesReassigned', ...step, results: [result('u2', 'skipped-group')], sending }]);
    assert.deepEqual(announced.state.reassignment.sending, sending);
    given(announced.history).when(report([])).then([{ type: 'LicencesReassigned', ...step, results: [], sending }],
      'sending the same changes again is recorded again (their outcome is still to come)');
    const settled = given(announced.history).when(record([result('u1', 'moved')], true)).then([
      { type: 'LicencesReassigned', ...step, results: [result('u1', 'moved')], sending: [] },
      { type: 'ReassignmentFinished', ...step, moved: 1, attention: 1 },
      { type: 'MoveBlocked', ...step, reason: { code: 'reassignment-incomplete', users: 1 }, message: blockedMessage('1 user still holds', 1) },
    ]);
    assert.deepEqual(settled.state.reassignment.sending, []);
    assert.equal(settled.state.reassignment.movedTotal, 1);
  });

  it('blocks when users need attention; retry runs another pass; an Account admin may override to go on', () => {
    const batch = [result('u1', 'moved'), result('u2', 'skipped-group'), result('u3', 'failed')];
    const incomplete = given(provisioned()).when(record(batch, true)).then([
      { type: 'LicencesReassigned', ...step, results: batch, sending: [] },
      { type: 'ReassignmentFinished', ...step, moved: 1, attention: 2 },
      { type: 'MoveBlocked', ...step, reason: { code: 'reassignment-incomplete', users: 2 }, message: blockedMessage('2 users still hold', 1) },
    ]);
    assert.equal(incomplete.state.stage, 'blocked');
    assert.deepEqual(incomplete.state.blocked?.reason, { code: 'reassignment-incomplete', users: 2 });

    given(incomplete.history).when({ type: 'ResumeReassignment', actor: adele, at: at(90) }).refused('not-allowed');
    const { state: again } = given(incomplete.history).when({ type: 'ResumeReassignment', actor: megan, at: at(90) })
      .then([{ type: 'ReassignmentResumed', ...recorded(megan, at(90)) }]);
    assert.equal(again.stage, 'reassigning-licenses');
    assert.equal(again.reassignment.pass, 2);
    assert.deepEqual(again.reassignment.results, {});
    assert.equal(again.reassignment.movedTotal, 1);

    const reason = 'Those two users are handled by hand by the customer.';
    const overridden: MoveEvent = { type: 'BlockOverridden', ...recorded(alex, at(91)), blockCode: 'reassignment-incomplete', reason };
    const { state: onward } = given(incomplete.history).when({ type: 'OverrideBlock', actor: alex, at: at(91), reason }).then([overridden]);
    assert.equal(onward.stage, 'source-advice');
  });

  it('cannot cancel once bought', () => {
    given(provisioned()).when({ type: 'CancelMove', actor: alex, at: at(90), reason: 'changed mind' }).refused('wrong-stage');
  });

  it('refuses reassignment reports outside the stage', () => {
    given(contosoHistory('proposed')).when(record([], true)).refused('wrong-stage');
  });
});
