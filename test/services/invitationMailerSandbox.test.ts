/**
 * GraphInvitationMailer (the domain's InvitationMailer) against the sandbox's Graph sendMail: the configured
 * mailbox with the app's own token, the staff member's mailbox (/me), and how each failure is classified.
 */
import assert from 'node:assert/strict';
import { PCSYNC_USER_PRINCIPAL_NAME } from '../../sandbox/world/constants';
import { GraphInvitationMailer } from '../../services/invitationMailer';
import type { OutboundServices } from '../../services/outboundServices';
import { useSandboxServices } from './support/sandboxServices';

const ctx = { correlationId: '0f0e0d0c-0b0a-4909-8807-060504030201' };
const MAILBOX = 'alexw@relecloud.onmicrosoft.com';
const mail = {
  to: ['admin@contoso.onmicrosoft.com', 'it@contoso.onmicrosoft.com'],
  subject: "Action needed: accept contoso.onmicrosoft.com's CSP invitation from Relecloud",
  body: 'Hello,\n\nPlease open our reseller invitation: https://admin.microsoft.com/x\n\nThank you',
};

type Outbox = Array<{ from: string; to: string[]; subject: string; contentType: string; content: string }>;

describe('services: the invitation mailer against the sandbox', function () {
  this.timeout(30_000);
  let services: OutboundServices;
  const sb = useSandboxServices((_started, built) => { services = built; });
  const outbox = async () => (await sb.state()).outbox as Outbox;

  it('sends from the configured mailbox with the app\'s token (POST /users/{mailbox}/sendMail), as plain text', async () => {
    const mailer = new GraphInvitationMailer(services, MAILBOX);
    assert.deepEqual(mailer.senderFor(ctx), { kind: 'mailbox', address: MAILBOX });
    await mailer.send(mail, ctx);
    const [sent, ...more] = await outbox();
    assert.deepEqual(more, []);
    assert.deepEqual([sent.from, sent.to, sent.subject, sent.contentType, sent.content], [MAILBOX, mail.to, mail.subject, 'Text', mail.body]);
  });

  it('stays with the mailbox when a sign-in is given but the bot cannot act as the staff member (no on-behalf-of)', async () => {
    const mailer = new GraphInvitationMailer(services, MAILBOX);
    assert.equal(services.canActAsUser, false);
    assert.deepEqual(mailer.senderFor({ ...ctx, userAssertion: 'eyJ.sso.sig' }), { kind: 'mailbox', address: MAILBOX });
    await mailer.send(mail, { ...ctx, userAssertion: 'eyJ.sso.sig' });
    assert.deepEqual((await outbox()).map((m) => m.from), [MAILBOX]);
  });

  it('sends from the signed-in user\'s own mailbox (POST /me/sendMail) when it can act as them', async () => {
    // The sandbox has no on-behalf-of over http: the App+User identity here is the secure-app-model user.
    const asUser = { mailer: services.mailer, canActAsUser: true, forUser: () => services };
    const mailer = new GraphInvitationMailer(asUser, MAILBOX);
    assert.deepEqual(mailer.senderFor({ ...ctx, userAssertion: 'eyJ.sso.sig' }), { kind: 'user' });
    await mailer.send(mail, { ...ctx, userAssertion: 'eyJ.sso.sig' });
    assert.deepEqual((await outbox()).map((m) => m.from), [PCSYNC_USER_PRINCIPAL_NAME]);
  });

  it('has no sender without a mailbox or a sign-in, and says what to set', async () => {
    const mailer = new GraphInvitationMailer(services);
    assert.equal(mailer.senderFor(ctx), null);
    await assert.rejects(mailer.send(mail, ctx), /no mailbox to send from\. Set MAIL_SENDER_MAILBOX, or set up Teams single sign-on/);
    assert.deepEqual(await outbox(), []);
  });

  it('fails (not sent) for a mailbox that does not exist, naming MAIL_SENDER_MAILBOX', async () => {
    const mailer = new GraphInvitationMailer(services, 'nobody@relecloud.onmicrosoft.com');
    await assert.rejects(mailer.send(mail, ctx), (error: Error & { outcome?: string }) => {
      assert.equal(error.outcome, 'failed');
      assert.match(error.message, /^Emailing the invitation from nobody@relecloud\.onmicrosoft\.com: Graph answered HTTP 404/);
      assert.match(error.message, /Fix: MAIL_SENDER_MAILBOX \(nobody@relecloud\.onmicrosoft\.com\) is not a mailbox of the partner tenant/);
      return true;
    });
  });

  it('fails (not sent) when Graph denies Mail.Send, naming the permission', async () => {
    await sb.fault({ match: 'POST /graph/v1.0/users/*/sendMail', status: 403 });
    const mailer = new GraphInvitationMailer(services, MAILBOX);
    await assert.rejects(mailer.send(mail, ctx), (error: Error & { outcome?: string }) => {
      assert.equal(error.outcome, 'failed');
      assert.match(error.message, /HTTP 403.*Fix: the app may not send as alexw@relecloud\.onmicrosoft\.com: grant it the Microsoft Graph application permission Mail\.Send/);
      return true;
    });
    assert.deepEqual(await outbox(), []);
  });

  it('says "unknown" when Graph took the message but the answer was an error, and never sends it twice', async () => {
    await sb.fault({ match: 'POST /graph/v1.0/users/*/sendMail', status: 503, phase: 'after' });
    const mailer = new GraphInvitationMailer(services, MAILBOX);
    await assert.rejects(mailer.send(mail, ctx), (error: Error & { outcome?: string }) => {
      assert.equal(error.outcome, 'unknown');
      assert.match(error.message, /HTTP 503.*The email may have left all the same: check the Sent Items of alexw@relecloud\.onmicrosoft\.com before sending again\./);
      return true;
    });
    assert.equal((await outbox()).length, 1, 'it did leave, once: a 503 on a POST is not retried');
  });
});
