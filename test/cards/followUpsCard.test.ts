/** cards/followUpsView.ts on the done card: each follow-up with title, owner, due date (overdue in attention) and Done. */
import assert from 'node:assert/strict';
import { doneCard } from '../../cards/doneCard';
import { moveCard } from '../../cards/moveCard';
import { eventText } from '../../cards/eventText';
import { DEFAULT_APPROVAL_POLICY } from '../../move/policy';
import type { MoveEvent } from '../../move/events';
import { replay } from '../../move/state';
import { adele, alex, patti, system } from '../move/fixtures';
import { given } from '../move/givenWhenThen';
import { fabrikamAfterOverride, reassigned } from '../move/followUpFixtures';
import { assertValidCard, buttons, compactHeader, moveChecks, shownAtFirst, visibleText, walk } from './cardAssertions';

const on = (day: string) => ({ approvalPolicy: DEFAULT_APPROVAL_POLICY, now: () => new Date(`${day}T09:00:00Z`) });

/** The TextRuns of the card whose text matches, with their colour. */
function runs(card: unknown, text: RegExp): Array<{ text: string; color?: string }> {
  const found: Array<{ text: string; color?: string }> = [];
  walk(card, (o) => { if (o.type === 'TextRun' && typeof o.text === 'string' && text.test(o.text)) found.push(o as { text: string; color?: string }); });
  return found;
}

describe('follow-ups on the done card', () => {
  const history = fabrikamAfterOverride();
  const state = replay('mv-1', history);

  it('lists the three tasks after an override first, each with owner, due date and a Done button for its task', () => {
    const card = moveCard(state, on('2027-02-10'));
    assertValidCard(card, moveChecks(state));
    const text = visibleText(shownAtFirst(card));
    assert.match(text, /Follow-ups: 3 open of 3/);
    assert.match(text, /Turn auto-renew off for .+ \(subscription sub-SPE_E3\) at the old partner \(ask them to\)\nOwner: Adele Vance or a Billing agent\nDue 15 Feb 2027/);
    assert.match(text, /Move these users by hand to the new licences in Microsoft Entra: g1@fabrikam\.onmicrosoft\.com, g2@fabrikam\.onmicrosoft\.com\nOwner: Alex Wilber or an Admin agent\nDue 17 Feb 2027/);
    assert.match(text, /Confirm the originals ended \(1 subscription\) and the customer runs on the new subscriptions\nOwner: Adele Vance or a Billing agent\nDue 19 Feb 2027/);
    assert.ok(text.indexOf('Follow-ups') < text.indexOf('Orders'), 'what is left to do comes before what was done');
    const done = buttons(card).filter((b) => b.verb === 'move.followup.done');
    assert.deepEqual(done.map((b) => b.data), ['auto-renew:sub-SPE_E3', 'move-users:1', 'confirm-originals-ended']
      .map((taskId) => ({ moveId: 'mv-1', version: state.version, taskId })));
    assert.ok(done.every((b) => b.title === 'Done'));
  });

  it('says the move waits on the owners, not "no one (the bot watches)"', () => {
    const header = compactHeader(doneCard(state, on('2027-02-10')));
    assert.equal(header.waiting, 'Waiting on Adele Vance or a Billing agent; Alex Wilber or an Admin agent (follow-ups)');
    assert.equal(header.style, 'warning', 'a person must act');
  });

  it('draws a task past its due day in the attention colour, and nothing overdue without a clock', () => {
    const overdue = runs(doneCard(state, on('2027-02-16')), /Overdue: was due 15 Feb 2027/);
    assert.deepEqual(overdue.map((r) => r.color), ['Attention']);
    assert.deepEqual(runs(doneCard(state, on('2027-02-16')), /^Due 17 Feb 2027$/).map((r) => r.color), ['Default']);
    assert.deepEqual(runs(doneCard(state, { approvalPolicy: DEFAULT_APPROVAL_POLICY }), /Overdue/), []);
  });

  it('offers Done only to a viewer who may tick the task', () => {
    const forAdele = buttons(doneCard(state, { ...on('2027-02-10'), viewer: adele })).filter((b) => b.verb === 'move.followup.done');
    assert.deepEqual(forAdele.map((b) => b.data.taskId), ['auto-renew:sub-SPE_E3', 'confirm-originals-ended'], 'a Billing agent does not move users');
  });

  it('shows a ticked task as one line with who and when, without its button; all done: the move waits on no one', () => {
    let after = history;
    for (const [taskId, actor] of [['move-users:1', patti], ['auto-renew:sub-SPE_E3', adele]] as const) {
      after = given(after).when({ type: 'CompleteFollowUp', actor, at: '2027-02-12T10:00:00.000Z', taskId }).accepted().history;
    }
    const ticked = replay('mv-1', after);
    const card = doneCard(ticked, on('2027-02-12'));
    assertValidCard(card, moveChecks(ticked));
    const text = visibleText(card);
    assert.match(text, /Follow-ups: 1 open of 3/);
    assert.match(text, /✓ Move these users by hand .+ — done by Patti Fernandez, 12 Feb 2027, 10:00 UTC/);
    assert.deepEqual(buttons(card).filter((b) => b.verb === 'move.followup.done').map((b) => b.data.taskId), ['confirm-originals-ended']);
    const last = given(after).when({ type: 'CompleteFollowUp', actor: adele, at: '2027-02-19T10:00:00.000Z', taskId: 'confirm-originals-ended' }).accepted();
    const doneState = last.state;
    assert.equal(doneState.stage, 'done');
    const finished = doneCard(doneState, on('2027-02-19'));
    assert.match(visibleText(finished), /Follow-ups: all 3 done/);
    assert.equal(compactHeader(finished).waiting, null);
  });

  it('says the reminder and the tick in the thread with the task and its owner', () => {
    const reminder: MoveEvent = { type: 'FollowUpReminderDue', at: '2027-02-16T00:00:00.000Z', actor: system, taskId: 'auto-renew:sub-SPE_E3', due: '2027-02-15' };
    assert.match(eventText(reminder, state, on('2027-02-16')), /^Reminder: follow-up overdue since 15 Feb 2027: Turn auto-renew off for .+ at the old partner \(ask them to\)\. Owner: Adele Vance or a Billing agent\./);
    const tick: MoveEvent = { type: 'FollowUpDone', at: '2027-02-16T00:00:00.000Z', actor: alex, taskId: 'move-users:1' };
    assert.match(eventText(tick, state, on('2027-02-16')), /^Alex Wilber ticked a follow-up done: Move these users by hand/);
  });

  it('keeps hostile user names out of markdown and the card small with many users and originals', () => {
    const many = Array.from({ length: 400 }, (_, i) => reassigned(`h${i}`, 'skipped-group', `**evil**${i}\u202E@x.com ${'${x}'}`));
    const hostile = replay('mv-1', fabrikamAfterOverride(many));
    const card = doneCard(hostile, on('2027-02-10'));
    assertValidCard(card, moveChecks(hostile));
    const users = runs(card, /Move these users by hand/)[0].text;
    assert.doesNotMatch(users, /\u202E/);
    assert.match(users, /and 395 more/);
  });
});
