/** The invitation email through the orchestrator: sendMail is not idempotent, so exactly once, across restarts. */
import { refusalText } from '../../cards/refusalText';
import assert from 'node:assert/strict';
import { ORPHANED_ATTEMPT_MS } from '../../move/invitationEmailStep';
import { FakeInvitationMailer } from '../bot/fakes';
import { World } from './orchestratorWorld';

describe('move orchestrator: the invitation email', () => {
  const mail = { to: ['admin@contoso.com'], subject: 'Action needed: accept our CSP invitation', body: 'Please accept: https://admin.microsoft.com/x' };

  /** Asks for the email (it must be accepted) and waits until the move settles again. */
  async function askAndSettle(w: World, moveId: string, who: 'megan' | 'alex' = 'megan', userAssertion?: string): Promise<void> {
    const requested = await w.orchestrator.requestInvitationEmail(moveId, w.actor(who), mail, userAssertion);
    assert.ok(requested.ok, requested.ok ? '' : refusalText(requested.refusal));
    await requested.settled;
  }

  it('sends once, records the outcome, and neither a sweep nor a restart sends it again', async () => {
    const w = new World();
    const moveId = await w.toAwaitingAcceptance();
    await askAndSettle(w, moveId);
    assert.equal(w.mailer.calls, 1);
    assert.deepEqual(w.mailer.sent.map((m) => [m.from, m.to, m.subject]), [['moves@relecloud.onmicrosoft.com', mail.to, mail.subject]]);
    const state = w.orchestrator.get(moveId)!;
    assert.equal(state.stage, 'awaiting-acceptance');
    assert.deepEqual(state.invitationEmails.map((e) => [e.outcome, e.sender]), [['sent', { kind: 'mailbox', address: 'moves@relecloud.onmicrosoft.com' }]]);
    assert.deepEqual((await w.store.load(moveId)).slice(-3).map((e) => e.type), ['InvitationEmailRequested', 'InvitationEmailAttempted', 'InvitationEmailed']);

    w.clock.advance(10 * 60_000);
    await w.orchestrator.sweep();
    await w.restart();
    await w.orchestrator.sweep();
    assert.equal(w.mailer.calls, 1, 'never sent again');
  });

  it('records "unknown" and sends nothing after a restart between the attempt and the result', async () => {
    const w = new World();
    const moveId = await w.toAwaitingAcceptance();
    // The bot stops while Graph has the message: the call never comes back.
    let reachedGraph!: () => void;
    const sending = new Promise<void>((resolve) => { reachedGraph = resolve; });
    w.mailer.send = async () => { w.mailer.calls += 1; reachedGraph(); return new Promise<void>(() => undefined); };
    const requested = await w.orchestrator.requestInvitationEmail(moveId, w.actor('megan'), mail);
    assert.ok(requested.ok);
    await sending;
    assert.equal(w.orchestrator.get(moveId)!.invitationEmails[0].outcome, 'sending');

    await w.restart();
    await w.orchestrator.sweep();
    assert.equal(w.orchestrator.get(moveId)!.invitationEmails[0].outcome, 'sending', 'not declared before any sender could still be waiting for Graph');
    w.clock.advance(ORPHANED_ATTEMPT_MS);
    await w.orchestrator.sweep();
    const [email] = w.orchestrator.get(moveId)!.invitationEmails;
    assert.equal(email.outcome, 'unknown');
    assert.equal(email.error, 'Emailing the invitation: the bot stopped while sending: check the Sent Items of moves@relecloud.onmicrosoft.com before sending again.');
    assert.equal(w.mailer.calls, 1, 'the restarted bot never sent it');
    assert.equal(w.orchestrator.get(moveId)!.stage, 'awaiting-acceptance');
    assert.equal(w.notified.filter((e) => e.type === 'InvitationEmailFailed').length, 1);

    // A person may ask again: a new request is sent (once).
    w.mailer.send = FakeInvitationMailer.prototype.send.bind(w.mailer);
    await askAndSettle(w, moveId, 'alex');
    assert.deepEqual(w.orchestrator.get(moveId)!.invitationEmails.map((e) => e.outcome), ['unknown', 'sent']);
    assert.equal(w.mailer.sent.length, 1);
  });

  it('records a failed or unknown send as Graph answered, and retries neither', async () => {
    const w = new World();
    const moveId = await w.toAwaitingAcceptance();
    w.mailer.failNext('failed');
    await askAndSettle(w, moveId);
    w.mailer.failNext('unknown');
    await askAndSettle(w, moveId);
    w.clock.advance(60 * 60_000);
    await w.orchestrator.sweep();
    const emails = w.orchestrator.get(moveId)!.invitationEmails;
    assert.deepEqual(emails.map((e) => e.outcome), ['failed', 'unknown']);
    assert.match(emails[0].error ?? '', /HTTP 403.*Fix: grant the app Mail\.Send/);
    assert.match(emails[1].error ?? '', /check the Sent Items of moves@relecloud\.onmicrosoft\.com before sending again/);
    assert.equal(w.mailer.calls, 2);
  });

  it('sends from the staff member\'s mailbox with their sign-in, then forgets it', async () => {
    const w = new World();
    const moveId = await w.toAwaitingAcceptance();
    await askAndSettle(w, moveId, 'megan', 'sso-token-of-megan');
    assert.deepEqual(w.mailer.sent.map((m) => [m.from, m.userAssertion]), [['me', 'sso-token-of-megan']]);
    assert.deepEqual(w.orchestrator.get(moveId)!.invitationEmails[0].sender, { kind: 'user' });
    assert.doesNotMatch(JSON.stringify(await w.store.load(moveId)), /sso-token/, 'never stored');
    await askAndSettle(w, moveId);
    assert.deepEqual(w.mailer.sent.map((m) => m.from), ['me', 'moves@relecloud.onmicrosoft.com'], 'the sign-in served one email');
  });

  it('does not send a request the move outgrew (cancelled before the email step ran), and says so', async () => {
    const w = new World();
    const moveId = await w.toAwaitingAcceptance();
    const version = w.orchestrator.get(moveId)!.version;
    await w.store.append(moveId, version, [
      { type: 'InvitationEmailRequested', at: w.clock.now().toISOString(), actor: w.actor('megan'), ...mail, sendAs: 'mailbox' },
      { type: 'MoveCancelled', at: w.clock.now().toISOString(), actor: w.actor('megan'), reason: 'The customer stays.' },
    ]);
    await w.restart();
    await w.orchestrator.sweep();
    const state = w.orchestrator.get(moveId)!;
    assert.equal(state.stage, 'cancelled');
    assert.equal(state.invitationEmails[0].outcome, 'failed');
    assert.match(state.invitationEmails[0].error ?? '', /not sent: the move is at "Cancelled" now/);
    assert.equal(w.mailer.calls, 0);
  });

  it('never sends from another mailbox than asked: a sign-in lost to a restart before the attempt ends the email unsent', async () => {
    const w = new World();
    const moveId = await w.toAwaitingAcceptance();
    await w.store.append(moveId, w.orchestrator.get(moveId)!.version, [
      { type: 'InvitationEmailRequested', at: w.clock.now().toISOString(), actor: w.actor('megan'), ...mail, sendAs: 'user' },
    ]);
    await w.restart();
    await w.orchestrator.sweep();
    const [email] = w.orchestrator.get(moveId)!.invitationEmails;
    assert.deepEqual([email.outcome, email.sender], ['failed', null]);
    assert.match(email.error ?? '', /not sent: Megan Bowen's Teams sign-in was no longer at hand when the email was due to leave \(the bot may have restarted\)/);
    assert.equal(w.mailer.calls, 0, 'not from the configured mailbox either');
  });

  it('refuses a request with a bad address and changes nothing', async () => {
    const w = new World();
    const moveId = await w.toAwaitingAcceptance();
    const version = w.orchestrator.get(moveId)!.version;
    const refused = await w.orchestrator.requestInvitationEmail(moveId, w.actor('megan'), { ...mail, to: ['admin@contoso'] });
    assert.ok(!refused.ok);
    assert.match(refusalText(refused.refusal), /"admin@contoso" is not an email address/);
    assert.equal(w.orchestrator.get(moveId)!.version, version);
    assert.equal(w.mailer.calls, 0);
  });
});
