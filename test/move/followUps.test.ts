/** move/followUps.ts and move/decide/followUps.ts: the human follow-ups after a purchase, ticking them, their reminders. */
import assert from 'node:assert/strict';
import type { MoveCommand } from '../../move/commands';
import { followUpsOf, isOverdue, openFollowUps } from '../../move/followUps';
import { replay } from '../../move/state';
import { waitCommands } from '../../move/sweepRules';
import { adele, alex, isaiah, lynne, megan, PARTNER_TENANT, patti, system } from './fixtures';
import { given, recorded } from './givenWhenThen';
import { fabrikamAfterOverride, OVERRIDE_REASON, reassigned } from './followUpFixtures';
import { at, E3, inventoryLine, moveHolding } from './decide/sandboxLicences';

const user = reassigned;
const afterOverride = () => fabrikamAfterOverride();
const settings = { partnerTenantId: PARTNER_TENANT, term: 'P1Y' as const, billing: 'monthly' as const };

const tick = (taskId: string, actor = patti, when = at(100)): MoveCommand => ({ type: 'CompleteFollowUp', actor, at: when, taskId });

describe('follow-ups after the purchase', () => {
  it('lists, after an override, the users to move by hand, auto-renew off at the old partner and the confirmation, each with owner and date', () => {
    const state = replay('mv-1', afterOverride());
    assert.equal(state.stage, 'watching-sources');
    const tasks = followUpsOf(state);
    assert.deepEqual(tasks.map((t) => [t.id, t.kind, t.ownerRole, t.owner?.name ?? null, t.due, t.status]), [
      ['auto-renew:sub-SPE_E3', 'auto-renew-off', 'billing-agent', 'Adele Vance', '2027-02-15', 'open'],
      ['move-users:1', 'move-users', 'admin-agent', 'Alex Wilber', '2027-02-17', 'open'],
      ['confirm-originals-ended', 'confirm-originals-ended', 'billing-agent', 'Adele Vance', '2027-02-19', 'open'],
    ]);
    const [renew, users] = tasks;
    assert.equal(renew.kind === 'auto-renew-off' && renew.where, 'old-partner');
    assert.deepEqual(users.kind === 'move-users' && users.users.map((u) => u.userPrincipalName), ['g1@fabrikam.onmicrosoft.com', 'g2@fabrikam.onmicrosoft.com']);
  });

  it('has none before the purchase, and none for old streams without advice or overrides', () => {
    assert.deepEqual(followUpsOf(replay('mv-1', moveHolding([inventoryLine(E3, 50)], 'proposed'))), []);
    assert.deepEqual(followUpsOf(replay('mv-1', moveHolding([inventoryLine(E3, 50)], 'provisioned'))), []);
  });

  it('settles auto-renew once the bot sees the original end, and completes the move then (originals ended), users still open', () => {
    const { state, events } = given(afterOverride()).when({ type: 'RecordSourceStatus', actor: system, at: '2027-02-19T00:00:00.000Z', statuses: {} }).accepted();
    assert.deepEqual(events.map((e) => e.type), ['SourceSubscriptionEnded', 'MoveCompleted']);
    assert.equal(state.stage, 'done');
    assert.deepEqual(followUpsOf(state).map((t) => t.status), ['settled', 'open', 'settled']);
    assert.deepEqual(openFollowUps(state).map((t) => t.id), ['move-users:1'], 'the users are still to be moved: the done move keeps the task');
  });

  it('marks a task overdue only after its due day', () => {
    const [renew] = followUpsOf(replay('mv-1', afterOverride()));
    assert.equal(isOverdue(renew, '2027-02-15T23:59:00.000Z'), false);
    assert.equal(isOverdue(renew, '2027-02-16T00:00:00.000Z'), true);
  });
});

describe('decider: CompleteFollowUp', () => {
  it('records who ticked it; the last open one completes a move that waits for its originals', () => {
    const history = afterOverride();
    const first = given(history).when(tick('move-users:1')).then([{ type: 'FollowUpDone', ...recorded(patti, at(100)), taskId: 'move-users:1' }]);
    assert.deepEqual(first.state.followUps.done['move-users:1'], { by: patti, at: at(100) });
    const second = given(first.history).when(tick('auto-renew:sub-SPE_E3', adele, at(101))).accepted();
    assert.equal(second.state.stage, 'watching-sources');
    given(second.history).when(tick('confirm-originals-ended', megan, at(102))).then([
      { type: 'FollowUpDone', ...recorded(megan, at(102)), taskId: 'confirm-originals-ended' },
      { type: 'MoveCompleted', ...recorded(megan, at(102)) },
    ]);
  });

  it('a confirmation that the originals ended settles their auto-renew tasks', () => {
    const { state } = given(afterOverride()).when(tick('confirm-originals-ended', adele)).accepted();
    assert.deepEqual(followUpsOf(state).map((t) => t.status), ['settled', 'open', 'done']);
    assert.equal(state.stage, 'watching-sources', 'the users are still to be moved');
  });

  it('is taken on a done move (users left to move by hand)', () => {
    const done = given(afterOverride()).when({ type: 'RecordSourceStatus', actor: system, at: '2027-02-19T00:00:00.000Z', statuses: {} }).accepted();
    const { state } = given(done.history).when(tick('move-users:1', alex, '2027-02-20T00:00:00.000Z')).accepted();
    assert.equal(state.stage, 'done');
    assert.deepEqual(openFollowUps(state), []);
  });

  it('refuses a second tick, naming who ticked it, and a task the bot saw settle', () => {
    const { history } = given(afterOverride()).when(tick('move-users:1')).accepted();
    given(history).when(tick('move-users:1', alex, at(105))).refused('wrong-stage', /already ticked done by Patti Fernandez, 24 Nov 2026, 10:40 UTC/);
    const ended = given(afterOverride()).when({ type: 'RecordSourceStatus', actor: system, at: '2027-02-19T00:00:00.000Z', statuses: {} }).accepted();
    given(ended.history).when(tick('auto-renew:sub-SPE_E3', adele, '2027-02-20T00:00:00.000Z')).refused('wrong-stage', /needs nothing more/);
  });

  it('refuses a task the move does not have, and changes nothing', () => {
    given(afterOverride()).when(tick('auto-renew:someone-elses')).refused('invalid-input', /no follow-up "auto-renew:someone-elses"/);
    given(moveHolding([inventoryLine(E3, 50)], 'proposed')).when(tick('confirm-originals-ended')).refused('invalid-input');
  });

  it('checks who may tick which task: no role never; billing is not for helpdesk, users are not for billing', () => {
    const history = afterOverride();
    given(history).when(tick('move-users:1', isaiah)).refused('not-allowed', /Only an Account admin, an Admin agent, a Sales agent or a Helpdesk agent can tick this follow-up done\. You have no Partner Center role/);
    given(history).when(tick('move-users:1', adele)).refused('not-allowed', /Your roles: Billing agent/);
    given(history).when(tick('auto-renew:sub-SPE_E3', lynne)).refused('not-allowed', /Only an Account admin, an Admin agent, a Sales agent or a Billing agent/);
    given(history).when(tick('move-users:1', lynne)).accepted();
    given(history).when(tick('auto-renew:sub-SPE_E3', megan)).accepted();
    // The named owner may tick their own task whatever kind it is.
    given(history).when(tick('move-users:1', { ...alex, roles: ['billing-agent'] })).accepted();
  });
});

describe('follow-up reminders (sweep)', () => {
  const remind = (when: string): MoveCommand => ({ type: 'RemindFollowUps', actor: system, at: when, leadMs: 24 * 3_600_000 });

  it('reminds once per task and due date, from a day before each due day', () => {
    const history = afterOverride();
    given(history).when(remind('2027-02-13T23:59:59.000Z')).then([]);
    const first = given(history).when(remind('2027-02-14T00:00:00.000Z'))
      .then([{ type: 'FollowUpReminderDue', ...recorded(system, '2027-02-14T00:00:00.000Z'), taskId: 'auto-renew:sub-SPE_E3', due: '2027-02-15' }]);
    given(first.history).when(remind('2027-02-14T06:00:00.000Z')).then([], 'the same task and date: not again');
    const second = given(first.history).when(remind('2027-02-16T00:00:00.000Z'))
      .then([{ type: 'FollowUpReminderDue', ...recorded(system, '2027-02-16T00:00:00.000Z'), taskId: 'move-users:1', due: '2027-02-17' }]);
    given(second.history).when(remind('2027-02-18T00:00:00.000Z'))
      .then([{ type: 'FollowUpReminderDue', ...recorded(system, '2027-02-18T00:00:00.000Z'), taskId: 'confirm-originals-ended', due: '2027-02-19' }]);
  });

  it('does not remind about a ticked task', () => {
    const { history } = given(afterOverride()).when(tick('auto-renew:sub-SPE_E3', adele)).accepted();
    given(history).when(remind('2027-02-14T00:00:00.000Z')).then([]);
  });

  it('is asked by the sweep while a task with a date is open, at any stage, and not otherwise', () => {
    const watching = replay('mv-1', afterOverride());
    const base = { actor: system, at: '2027-02-14T00:00:00.000Z' };
    assert.deepEqual(waitCommands(watching, settings, base).map((c) => c.type), ['RemindSourceExpiry', 'RemindFollowUps']);
    const done = given(afterOverride()).when({ type: 'RecordSourceStatus', actor: system, at: '2027-02-19T00:00:00.000Z', statuses: {} }).accepted().state;
    assert.deepEqual(waitCommands(done, settings, base).map((c) => c.type), ['RemindFollowUps']);
    assert.deepEqual(waitCommands(replay('mv-1', moveHolding([inventoryLine(E3, 50)], 'provisioned')), settings, base), []);
  });
});

describe('follow-ups and old streams', () => {
  it('a move with no advice to give and users left completes only once they are ticked', () => {
    let history = moveHolding([inventoryLine(E3, 50)], 'provisioned');
    history = given(history).when({ type: 'RecordReassignment', actor: system, at: at(85), results: [user('g1', 'skipped-group')], finished: true }).accepted().history;
    history = given(history).when({ type: 'OverrideBlock', actor: alex, at: at(90), reason: OVERRIDE_REASON }).accepted().history;
    const advised = given(history).when({ type: 'RecordSourceAdvice', actor: system, at: at(91), advice: [] }).accepted();
    assert.equal(advised.state.stage, 'watching-sources');
    const { state } = given(advised.history).when(tick('move-users:1', alex)).accepted();
    assert.equal(state.stage, 'done');
  });
});
