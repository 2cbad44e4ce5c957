/**
 * `move.invitation.email` through the real MoveBot with TestAdapter: the exact invoke responses, what the
 * click recorded, and what the fake mailer sent.
 */
import assert from 'node:assert/strict';
import { SsoGate } from '../../bot/ssoGate';
import { CHANNEL_ID, TEAM_ID, TestBot, assertCardResponse, assertErrorResponse, assertMessageResponse, findAction, textOf } from './buildTestBot';
import { MOVES_MAILBOX, PARTNER_TENANT, STAFF, type StaffMember } from './fakes';

const VERB = 'move.invitation.email';

/** Megan starts the Contoso move; the invitation card she gets back offers "Email the invitation". */
async function invitedMove(t: TestBot): Promise<{ moveId: string; data: Record<string, unknown> }> {
  const form = t.startForm();
  const card = assertCardResponse(await t.click(STAFF.megan, 'move.start', form));
  const moveId = form.moveId as string;
  assert.equal(t.orchestrator.get(moveId)?.stage, 'awaiting-acceptance');
  const action = findAction(card, VERB);
  assert.ok(action, 'the invitation card offers "Email the invitation"');
  return { moveId, data: action.data };
}

/** A click refused with `expected`: nothing recorded, nothing sent. */
async function assertRefused(t: TestBot, moveId: string, user: StaffMember, data: Record<string, unknown>, expected: string | RegExp): Promise<void> {
  const before = t.store.eventsOf(moveId).length;
  assertMessageResponse(await t.click(user, VERB, data), expected);
  assert.equal(t.store.eventsOf(moveId).length, before, 'nothing recorded');
  assert.equal(t.mailer.calls, 0, 'nothing sent');
}

describe('card action move.invitation.email', () => {
  it('emails the invitation from the configured mailbox and answers with the card showing the outcome', async () => {
    const t = new TestBot();
    const { moveId, data } = await invitedMove(t);
    const result = await t.click(STAFF.megan, VERB, { ...data, invitationEmailTo: 'admin@contoso.com, it@contoso.com' });

    const state = t.orchestrator.get(moveId)!;
    const card = assertCardResponse(result, state);
    const text = textOf(card);
    assert.match(text, /Emailed to admin@contoso\.com, it@contoso\.com by Megan Bowen at 24 Nov 2026, 09:00 UTC, from moves@relecloud\.onmicrosoft\.com\./);
    assert.ok(findAction(card, VERB), 'the form is there again for another address');
    assert.equal(state.stage, 'awaiting-acceptance');
    assert.deepEqual(t.eventTypes(moveId).slice(-3), ['InvitationEmailRequested', 'InvitationEmailAttempted', 'InvitationEmailed']);

    assert.equal(t.mailer.calls, 1);
    const [sent] = t.mailer.sent;
    assert.deepEqual(sent.to, ['admin@contoso.com', 'it@contoso.com']);
    assert.equal(sent.from, MOVES_MAILBOX);
    assert.equal(sent.subject, "Action needed: accept contoso.onmicrosoft.com's CSP invitation from Relecloud");
    assert.ok(sent.body.includes(t.partnerCenter.invitationLink), 'the ready-to-send message with the reseller link');
    assert.match(sent.body, /Only a Global Administrator of your tenant can accept this/);
    assert.deepEqual(t.turnErrors, []);
  });

  it('refuses Isaiah (no role), naming who can, and sends nothing', async () => {
    const t = new TestBot();
    const { moveId, data } = await invitedMove(t);
    await assertRefused(t, moveId, STAFF.isaiah, { ...data, invitationEmailTo: 'admin@contoso.com' },
      'You have no Partner Center role, so you cannot see or change moves. Only an Account admin, an Admin agent or a Sales agent can email the invitation. To get a role, ask your Global Administrator to add you to the SalesAgents or AdminAgents group (or, to approve plans, to give you the Billing Administrator role).');
  });

  it('refuses a bad address with a message that names it, and records nothing', async () => {
    const t = new TestBot();
    const { moveId, data } = await invitedMove(t);
    await assertRefused(t, moveId, STAFF.megan, { ...data, invitationEmailTo: 'admin@contoso.com; admin@contoso' },
      '"admin@contoso" is not an email address (like admin@contoso.com). Correct it and select "Email the invitation" again. Nothing was sent.');
    await assertRefused(t, moveId, STAFF.megan, { ...data, invitationEmailTo: '  ' }, /^Type the customer admin's email address \(up to 5, separated by commas\)/);
    // Contract (cards/invitationCard.ts): the address is text; an object is malformed data (it used to read as an empty box).
    const before = t.store.count();
    assertErrorResponse(await t.click(STAFF.megan, VERB, { ...data, invitationEmailTo: { address: 'admin@contoso.com' } }), 400, 'BadRequest',
      'The card sent malformed data: "invitationEmailTo" must be text. Refresh the card and try again; nothing was done.');
    assert.equal(t.store.count(), before);
    await assertRefused(t, moveId, STAFF.megan, { ...data, invitationEmailTo: 'a@contoso.com,'.repeat(200) }, /^Emailing the invitation: that is more than 1500 characters\./);
  });

  it('shows a failed send on the card with its fix, and sends again when asked again', async () => {
    const t = new TestBot();
    const { moveId, data } = await invitedMove(t);
    t.mailer.failNext('failed');
    const failed = await t.click(STAFF.megan, VERB, { ...data, invitationEmailTo: 'admin@contoso.com' });
    assert.match(textOf(assertCardResponse(failed, t.orchestrator.get(moveId))),
      /Sending failed \(to admin@contoso\.com, asked by Megan Bowen at [^)]*\): Emailing the invitation from moves@relecloud\.onmicrosoft\.com: Graph answered HTTP 403 \(ErrorAccessDenied\): Access is denied\. Fix: grant the app Mail\.Send\./);
    const again = await t.click(STAFF.alex, VERB, { ...data, invitationEmailTo: 'admin@contoso.com' });
    assert.match(textOf(assertCardResponse(again, t.orchestrator.get(moveId))), /Emailed to admin@contoso\.com by Alex Wilber/);
    assert.equal(t.mailer.calls, 2);
    assert.equal(t.mailer.sent.length, 1);
  });

  it('tells the move\'s channel thread each email\'s outcome once (the request and the attempt are in the audit export)', async () => {
    const t = new TestBot();
    await t.say(STAFF.alex, '<at>CSP Move Assistant</at> notify here', t.channelPost(), {
      channelData: { tenant: { id: PARTNER_TENANT }, channel: { id: CHANNEL_ID }, team: { id: TEAM_ID } },
    });
    const { data } = await invitedMove(t);
    t.poster.clear();
    await t.click(STAFF.megan, VERB, { ...data, invitationEmailTo: 'admin@contoso.com' });
    const said = t.poster.posts.filter((p) => p.op === 'send').map((p) => p.activity.text);
    assert.deepEqual(said, ['Invitation emailed to admin@contoso.com by Megan Bowen, from moves@relecloud.onmicrosoft.com.']);
    assert.ok(t.poster.posts.some((p) => p.op === 'update'), 'the thread\'s root card is kept up to date');
  });

  it('gives today\'s card when the move no longer waits for acceptance', async () => {
    const t = new TestBot();
    const { moveId, data } = await invitedMove(t);
    const state = await t.acceptAndSweep(moveId);
    assert.equal(state.stage, 'approval');
    const result = await t.click(STAFF.megan, VERB, { ...data, invitationEmailTo: 'admin@contoso.com' });
    assertCardResponse(result, t.orchestrator.get(moveId));
    assert.equal(t.mailer.calls, 0);
  });

  it('without a mailbox or SSO: the card does not offer the form, and a click is refused naming the fix', async () => {
    const t = new TestBot({ invitationMail: { asSignedInUser: false, mailbox: null } });
    const moveId = await t.startContoso(STAFF.megan);
    const card = assertCardResponse(await t.click(STAFF.megan, 'move.refresh', { moveId, version: 0 }), t.orchestrator.get(moveId));
    assert.equal(findAction(card, VERB), undefined);
    assert.match(textOf(card), /The bot cannot email the invitation yet: an operator must set MAIL_SENDER_MAILBOX/);
    const result = await t.click(STAFF.megan, VERB, { moveId, version: 3, invitationEmailTo: 'admin@contoso.com' });
    assertMessageResponse(result, /^Emailing the invitation: the bot has no mailbox to send from\. An operator must set MAIL_SENDER_MAILBOX .*Nothing was sent\.$/);
    assert.equal(t.mailer.calls, 0);
    assert.ok(!t.eventTypes(moveId).includes('InvitationEmailRequested'));
  });

  describe('with Teams single sign-on', () => {
    const signInResource = async () => ({
      signInLink: 'https://token.botframework.com/api/oauth/signin?signin=abc',
      tokenExchangeResource: { id: 'exchange-1', uri: 'api://botid-11111111-2222-3333-4444-555555555555', providerId: 'aad' },
    });

    it('signs the staff member in first, then sends from their own mailbox without storing their token', async () => {
      const t = new TestBot({ sso: new SsoGate('TeamsSSO', signInResource) });
      const form = t.startForm();
      const started = await t.invoke(t.from(STAFF.megan), t.personal(STAFF.megan), {
        action: { type: 'Action.Execute', id: 'btn', verb: 'move.start', data: form }, trigger: 'manual',
        authentication: { id: 'exchange-1', connectionName: 'TeamsSSO', token: 'eyJ.sso-token-of-megan.sig' },
      });
      const moveId = form.moveId as string;
      assert.match(textOf(assertCardResponse(started, t.orchestrator.get(moveId))), /The email leaves from your own mailbox/);

      const withoutToken = await t.click(STAFF.megan, VERB, { moveId, version: 3, invitationEmailTo: 'admin@contoso.com' });
      assert.equal(withoutToken.invoke?.status, 401, 'a loginRequest first');
      assert.equal(t.mailer.calls, 0);

      const clicked = await t.invoke(t.from(STAFF.megan), t.personal(STAFF.megan), {
        action: { type: 'Action.Execute', id: 'btn', verb: VERB, data: { moveId, version: 3, invitationEmailTo: 'admin@contoso.com' } }, trigger: 'manual',
        authentication: { id: 'exchange-1', connectionName: 'TeamsSSO', token: 'eyJ.sso-token-of-megan.sig' },
      });
      assert.match(textOf(assertCardResponse(clicked, t.orchestrator.get(moveId))), /Emailed to admin@contoso\.com by Megan Bowen at [^,]*, [^,]*, from Megan Bowen's mailbox\./);
      assert.deepEqual(t.mailer.sent.map((m) => [m.from, m.userAssertion]), [['me', 'eyJ.sso-token-of-megan.sig']]);
      assert.doesNotMatch(JSON.stringify(t.store.eventsOf(moveId)), /sso-token/);
    });
  });
});
