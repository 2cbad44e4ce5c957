import assert from 'node:assert/strict';
import { PCSYNC_USER_PRINCIPAL_NAME } from '../../sandbox/world/constants';
import { findAction, textOf } from '../support/fakeConnector';
import { Harness, users } from './harness';

/** "Email the invitation" over HTTP: the composition root's mailer, Graph sendMail in the sandbox, its outbox. */
describe('emailing the invitation over HTTP', function () {
  this.timeout(60_000);
  const h = new Harness();

  before(() => h.start());
  after(() => h.stop());

  const cardText = (body: any) => textOf({ attachments: [{ content: body.value }] });

  it('sends the invitation once from the configured mailbox and shows it on the card', async () => {
    await h.teams.say(users.megan, 'move contoso.onmicrosoft.com');
    const form = h.connector.to(h.teams.personal(users.megan).id).at(-1)!;
    const start = findAction(form.activity.attachments[0].content, 'move.start');
    const started = await h.teams.click(users.megan, 'move.start', {
      ...start.data, domain: 'contoso.onmicrosoft.com', country: 'US', source: 'microsoft-direct', multiPartner: 'false', requestGdap: 'true',
    });
    const email = findAction(started.body.value, 'move.invitation.email');
    assert.ok(email, 'the invitation card offers "Email the invitation" (local mode sets MAIL_SENDER_MAILBOX)');
    assert.match(cardText(started.body), new RegExp(`The email leaves from ${PCSYNC_USER_PRINCIPAL_NAME.replace(/\./g, '\\.')}`));

    const refused = await h.teams.click(users.isaiah, 'move.invitation.email', { ...email.data, invitationEmailTo: 'admin@contoso.onmicrosoft.com' });
    assert.equal(refused.body.type, 'application/vnd.microsoft.activity.message');
    assert.match(refused.body.value, /Only an Account admin, an Admin agent or a Sales agent can email the invitation/);

    const sent = await h.teams.click(users.megan, 'move.invitation.email', { ...email.data, invitationEmailTo: 'admin@contoso.onmicrosoft.com' });
    assert.equal(sent.status, 200);
    assert.match(cardText(sent.body), /Emailed to admin@contoso\.onmicrosoft\.com by Megan Bowen at .*, from pcsync@relecloud\.onmicrosoft\.com\./);

    const { outbox } = await h.admin('GET', 'state');
    assert.deepEqual(outbox.map((m: any) => [m.from, m.to, m.subject]), [
      [PCSYNC_USER_PRINCIPAL_NAME, ['admin@contoso.onmicrosoft.com'], "Action needed: accept contoso.onmicrosoft.com's CSP invitation from Relecloud"],
    ]);
    assert.match(outbox[0].content, /invType=ResellerRelationship/);

    // A sweep and a restart of the bot send nothing more.
    await h.app.orchestrator.sweep();
    await h.stopBot();
    await h.startBot();
    await h.app.orchestrator.sweep();
    assert.equal((await h.admin('GET', 'state')).outbox.length, 1);
    const move = h.app.orchestrator.latestMoveFor('contoso.onmicrosoft.com')!;
    assert.equal(move.stage, 'awaiting-acceptance');
    assert.deepEqual(move.invitationEmails.map((e) => e.outcome), ['sent']);
  });
});
