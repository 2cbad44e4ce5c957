/** The decider's "Email the invitation" rules: given events, when a command, then events or a refusal. */
import assert from 'node:assert/strict';
import type { MoveCommand } from '../../move/commands';
import { MoveDecider } from '../../move/decider';
import type { MoveEvent } from '../../move/events';
import { invitationEmailInFlight, isEmailAddress, splitAddresses } from '../../move/invitationEmail';
import { RegionTable } from '../../move/regions';
import type { MoveState } from '../../move/state';
import { T0, alex, contosoHistory, eventsOf, isaiah, lynne, megan, patti, refusalOf, stateAfter, system, runCommands } from './fixtures';

const decider = new MoveDecider(RegionTable.default());
const SUBJECT = "Action needed: accept contoso.onmicrosoft.com's CSP invitation from Relecloud";
const BODY = 'Hello,\n\nPlease accept our invitation: https://admin.microsoft.com/x\n\nThank you';
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

function request(to: string[], overrides: Partial<Extract<MoveCommand, { type: 'RequestInvitationEmail' }>> = {}): MoveCommand {
  return { type: 'RequestInvitationEmail', actor: megan, at: at(10), to, subject: SUBJECT, body: BODY, sendAs: 'mailbox', ...overrides };
}
const attempt = (attemptId = 'attempt-1'): MoveCommand => ({
  type: 'RecordInvitationEmailAttempt', actor: system, at: at(10), attemptId, sender: { kind: 'mailbox', address: 'moves@relecloud.com' },
});
const result = (outcome: 'sent' | 'failed' | 'unknown', attemptId = 'attempt-1', error?: string): MoveCommand => ({
  type: 'RecordInvitationEmailResult', actor: system, at: at(11), attemptId, outcome, ...(error ? { error } : {}),
});

function run(history: MoveEvent[], ...commands: MoveCommand[]): { state: MoveState; events: MoveEvent[] } {
  return runCommands(decider, history, ...commands);
}

describe('decider: email the invitation', () => {
  const invited = contosoHistory('invited');

  describe('RequestInvitationEmail', () => {
    it('records the request with the addresses trimmed and without repeats, and the move keeps waiting', () => {
      const { state, events } = run(invited, request([' admin@contoso.com', 'Tania.Carr@contoso.com', 'ADMIN@contoso.com ']));
      assert.deepEqual(events, [{
        type: 'InvitationEmailRequested', at: at(10), actor: megan, to: ['admin@contoso.com', 'Tania.Carr@contoso.com'], subject: SUBJECT, body: BODY,
        sendAs: 'mailbox', correlationId: 'corr-1',
      }]);
      assert.equal(state.stage, 'awaiting-acceptance');
      assert.equal(state.invitationEmails.length, 1);
      assert.deepEqual({ ...state.invitationEmails[0], by: state.invitationEmails[0].by.name }, {
        to: ['admin@contoso.com', 'Tania.Carr@contoso.com'], subject: SUBJECT, body: BODY, by: 'Megan Bowen', requestedAt: at(10), sendAs: 'mailbox',
        attemptId: null, attemptedAt: null, sender: null, outcome: 'requested', finishedAt: null, error: null,
      });
    });

    it('takes a request from each role that may start a move', () => {
      for (const actor of [alex, megan, patti]) eventsOf(decider.decide(request(['admin@contoso.com'], { actor }), stateAfter(invited)));
    });

    it('refuses Isaiah (no role) and Lynne (Helpdesk agent), naming who can', () => {
      const refusal = refusalOf(decider.decide(request(['admin@contoso.com'], { actor: isaiah }), stateAfter(invited)));
      assert.equal(refusal.code, 'not-allowed');
      assert.equal(refusal.message, 'Only an Account admin, an Admin agent or a Sales agent can email the invitation. You have no Partner Center role.');
      const helpdesk = refusalOf(decider.decide(request(['admin@contoso.com'], { actor: lynne }), stateAfter(invited)));
      assert.match(helpdesk.message, /Your roles: Helpdesk agent\.$/);
    });

    it('refuses before the invitation is issued, once the customer accepted, and once the move ended', () => {
      for (const history of [contosoHistory('preflight'), contosoHistory('accepted'), contosoHistory('proposed')]) {
        const refusal = refusalOf(decider.decide(request(['admin@contoso.com']), stateAfter(history)));
        assert.equal(refusal.code, 'wrong-stage');
        assert.match(refusal.message, /^The invitation can be emailed only while the move waits for the customer to accept; the move is at "/);
      }
      const cancelled = [...invited, { type: 'MoveCancelled', at: at(5), actor: megan, reason: 'stays' } as MoveEvent];
      assert.equal(refusalOf(decider.decide(request(['admin@contoso.com']), stateAfter(cancelled))).code, 'wrong-stage');
    });

    it('refuses a move whose invitation has no link to send', () => {
      const noLinks = invited.map((e) => (e.type === 'InvitationIssued' ? { ...e, resellerLink: null, gdapLink: null } : e));
      assert.equal(refusalOf(decider.decide(request(['admin@contoso.com']), stateAfter(noLinks))).message, 'This move has no invitation link to email.');
    });

    it('refuses a bad address, naming it, and says nothing was sent', () => {
      const one = refusalOf(decider.decide(request(['admin@contoso.com', 'admin@contoso']), stateAfter(invited)));
      assert.equal(one.code, 'invalid-input');
      assert.equal(one.message, '"admin@contoso" is not an email address (like admin@contoso.com). Correct it and select "Email the invitation" again. Nothing was sent.');
      const several = refusalOf(decider.decide(request(['Tania Carr <tania@contoso.com>', 'a@@b.com', '@contoso.com', 'x@y.c', 'ok@contoso.com']), stateAfter(invited)));
      assert.equal(several.message, '"Tania Carr <tania@contoso.com>", "a@@b.com", "@contoso.com" and 1 more are not email addresses (like admin@contoso.com). '
        + 'Correct them and select "Email the invitation" again. Nothing was sent.');
    });

    it('refuses no address and more than five', () => {
      assert.match(refusalOf(decider.decide(request(['', '  ']), stateAfter(invited))).message,
        /^Type the customer admin's email address \(up to 5, separated by commas\), then select "Email the invitation"\. Nothing was sent\.$/);
      const six = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => `${n}@contoso.com`);
      assert.equal(refusalOf(decider.decide(request(six), stateAfter(invited))).message, 'Give at most 5 addresses; you gave 6. Nothing was sent.');
    });

    it('refuses an empty, multi-line or too long subject and an empty or too long text', () => {
      for (const subject of ['', '  ', 'Line one\nline two', 'x'.repeat(256)]) {
        assert.equal(refusalOf(decider.decide(request(['admin@contoso.com'], { subject }), stateAfter(invited))).code, 'invalid-input', JSON.stringify(subject.slice(0, 20)));
      }
      for (const body of ['', '\n\n', 'x'.repeat(20_001)]) {
        assert.match(refusalOf(decider.decide(request(['admin@contoso.com'], { body }), stateAfter(invited))).message, /text must be 1 to 20000 characters/);
      }
    });

    it('refuses a second email while one is requested or being sent, naming it', () => {
      for (const commands of [[request(['admin@contoso.com'])], [request(['admin@contoso.com']), attempt()]]) {
        const { state } = run(invited, ...commands);
        const refusal = refusalOf(decider.decide(request(['other@contoso.com'], { actor: alex }), state));
        assert.equal(refusal.code, 'in-flight');
        assert.equal(refusal.message, 'The invitation email to admin@contoso.com (asked for by Megan Bowen) is still being sent. '
          + 'Wait for its outcome on the card (select Refresh) before sending another.');
      }
    });

    it('takes a new request once the last one was sent, failed or is unknown, and keeps every email', () => {
      const { state } = run(invited,
        request(['admin@contoso.com']), attempt('a1'), result('failed', 'a1', 'Graph answered HTTP 403. Fix: grant Mail.Send.'),
        request(['admin@contoso.com']), attempt('a2'), result('unknown', 'a2'),
        request(['it@contoso.com']), attempt('a3'), result('sent', 'a3'),
        request(['ceo@contoso.com']));
      assert.deepEqual(state.invitationEmails.map((e) => [e.to.join(), e.outcome]), [
        ['admin@contoso.com', 'failed'], ['admin@contoso.com', 'unknown'], ['it@contoso.com', 'sent'], ['ceo@contoso.com', 'requested'],
      ]);
      assert.equal(state.stage, 'awaiting-acceptance');
    });
  });

  describe('RecordInvitationEmailAttempt and RecordInvitationEmailResult', () => {
    it('goes requested → sending → sent, dropping the text once sent, and the move keeps waiting', () => {
      const { state, events } = run(invited, request(['admin@contoso.com']), attempt(), result('sent'));
      assert.deepEqual(events.map((e) => e.type), ['InvitationEmailRequested', 'InvitationEmailAttempted', 'InvitationEmailed']);
      const [email] = state.invitationEmails;
      assert.deepEqual([email.outcome, email.attemptId, email.sender, email.body, email.finishedAt], ['sent', 'attempt-1', { kind: 'mailbox', address: 'moves@relecloud.com' }, null, at(11)]);
      assert.equal(state.stage, 'awaiting-acceptance');
      assert.equal(invitationEmailInFlight(state), undefined);
    });

    it('records a failure with its text, and an unknown outcome with where to look when no text is given', () => {
      const failed = run(invited, request(['admin@contoso.com']), attempt(), result('failed', 'attempt-1', 'Graph answered HTTP 403. Fix: grant Mail.Send.'));
      assert.deepEqual(failed.events.at(-1), {
        type: 'InvitationEmailFailed', at: at(11), actor: system, attemptId: 'attempt-1', outcome: 'failed', error: 'Graph answered HTTP 403. Fix: grant Mail.Send.',
        correlationId: 'corr-1',
      });
      const unknown = run(invited, request(['admin@contoso.com']), attempt(), result('unknown'));
      assert.equal(unknown.state.invitationEmails[0].outcome, 'unknown');
      assert.match(unknown.state.invitationEmails[0].error ?? '', /check the Sent Items of moves@relecloud\.com before sending again/);
    });

    it('records an attempt once: the same attempt again changes nothing, another one is refused', () => {
      const { state } = run(invited, request(['admin@contoso.com']), attempt('a1'));
      assert.deepEqual(eventsOf(decider.decide(attempt('a1'), state)), []);
      assert.equal(refusalOf(decider.decide(attempt('a2'), state)).message, 'No invitation email is waiting to be sent.');
      assert.equal(refusalOf(decider.decide(attempt('a1'), stateAfter(invited))).code, 'wrong-stage');
      const sent = run(invited, request(['admin@contoso.com']), attempt('a1'), result('sent', 'a1'), request(['it@contoso.com'])).state;
      assert.equal(refusalOf(decider.decide(attempt('a1'), sent)).message, 'The attempt id a1 was used for another email.');
    });

    it('keeps the first result, but lets a late answer settle an unknown one', () => {
      const sent = run(invited, request(['admin@contoso.com']), attempt(), result('sent'));
      assert.deepEqual(eventsOf(decider.decide(result('failed'), sent.state)), []);
      const unknown = run(invited, request(['admin@contoso.com']), attempt(), result('unknown'));
      assert.deepEqual(eventsOf(decider.decide(result('unknown'), unknown.state)), []);
      const settled = run([...invited, ...unknown.events], result('sent'));
      assert.equal(settled.state.invitationEmails[0].outcome, 'sent');
      assert.equal(settled.state.invitationEmails[0].error, null);
    });

    it('refuses a result for an attempt that is not on record', () => {
      const { state } = run(invited, request(['admin@contoso.com']), attempt('a1'));
      assert.equal(refusalOf(decider.decide(result('sent', 'a9'), state)).message, 'No invitation email attempt a9 is on record.');
    });

    it('records the attempt and its result even after the move was cancelled or accepted meanwhile', () => {
      const requested = run(invited, request(['admin@contoso.com'])).events;
      const cancelled: MoveEvent = { type: 'MoveCancelled', at: at(10), actor: megan, reason: 'stays' };
      const { state } = run([...invited, ...requested, cancelled], attempt(), result('failed', 'attempt-1', 'not sent: the move was cancelled'));
      assert.equal(state.stage, 'cancelled');
      assert.equal(state.invitationEmails[0].outcome, 'failed');
      const accepted = run([...contosoHistory('accepted'), ...requested.map((e) => ({ ...e, at: at(61) }))], attempt(), result('failed', 'attempt-1', 'not sent'));
      assert.equal(accepted.state.stage, 'inventory');
    });
  });

  describe('addresses', () => {
    it('splits a typed list on commas, semicolons and white space', () => {
      assert.deepEqual(splitAddresses(' a@contoso.com,b@contoso.com ; c@contoso.com\nd@contoso.com,, '), ['a@contoso.com', 'b@contoso.com', 'c@contoso.com', 'd@contoso.com']);
    });

    it('knows a plain address from everything else', () => {
      for (const good of ['admin@contoso.com', 'tania.carr+moves@mail.contoso.co.uk', "o'brien@contoso.ie", 'x@contoso.onmicrosoft.com']) assert.ok(isEmailAddress(good), good);
      for (const bad of ['admin', 'admin@contoso', '@contoso.com', 'a@b@contoso.com', '.a@contoso.com', 'a..b@contoso.com', 'a@-contoso.com',
        'a@contoso.c', 'Tania <t@contoso.com>', 'a"b@contoso.com', `${'x'.repeat(65)}@contoso.com`, 'a@contoso.com\n']) {
        assert.ok(!isEmailAddress(bad), bad);
      }
    });
  });
});
