import assert from 'node:assert/strict';
import { UploadSessionServer } from '../support/uploadSessionServer';
import { Harness, users } from './harness';

const DOMAIN = 'contoso.onmicrosoft.com';
const GENERAL = '19:general@thread.tacv2';

/**
 * `audit` asked in a channel, over HTTP with production authentication: the bot answers there with one line, opens
 * the person's personal chat through the Bot Connector (createConversation, with its own token) and sends the
 * FileConsentCard there; the person accepts, the whole CSV goes to the upload session, and the FileInfoCard follows.
 */
describe('file exports over HTTP (channel request, personal chat, upload)', function () {
  this.timeout(90_000);
  const h = new Harness({ authenticated: true });
  let uploads: UploadSessionServer;
  before(async () => { await h.start(); uploads = await new UploadSessionServer().start(); });
  after(async () => { await uploads.close(); await h.stop(); });

  it('sends the consent card to the personal chat, uploads the whole audit CSV on accept and shows the file', async () => {
    const moveId = await h.moveToApproval(DOMAIN);
    const channel = h.teams.channel(GENERAL);
    await h.teams.say(users.megan, `<at>CSP Move Assistant</at> audit ${DOMAIN}`, channel, { channel: { id: GENERAL }, team: { id: 'team-1' } });

    assert.deepEqual(h.connector.texts(channel.id), ['I\'ve sent the file to you in a personal chat.']);
    assert.equal(h.connector.personalChats.length, 1);
    const chat = h.connector.personalChats[0];
    assert.deepEqual(chat.members.map((m) => m.id), [users.megan.id]);
    const consent = h.connector.to(chat.conversationId).map((s) => s.activity.attachments?.[0]).find((a) => a?.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    assert.ok(consent, 'the FileConsentCard in the personal chat');
    assert.deepEqual(h.connector.authFailures, [], 'every connector call carried the bot\'s token');

    const personal = { id: chat.conversationId, conversationType: 'personal', tenantId: chat.tenantId };
    const response = await h.teams.post({
      type: 'invoke', name: 'fileConsent/invoke', from: users.megan, conversation: personal, channelData: { tenant: { id: chat.tenantId } },
      value: {
        type: 'fileUpload', action: 'accept', context: consent.content.acceptContext,
        uploadInfo: { name: consent.name, uploadUrl: uploads.uploadUrl('it-1'), contentUrl: `https://contoso.sharepoint.com/personal/megan/${consent.name}`, uniqueId: 'item-1', fileType: 'csv' },
      },
    });
    assert.equal(response.status, 200);

    const file = uploads.files.get('it-1');
    assert.ok(file, 'the file arrived');
    const rows = file.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    assert.equal(rows[0], 'time,actor,role,step,detail,correlation id');
    const events = await h.app.orchestrator.history(moveId);
    assert.ok(rows.length >= events.length + 1, 'every event');
    const info = h.connector.to(chat.conversationId).map((s) => s.activity.attachments?.[0]).find((a) => a?.contentType === 'application/vnd.microsoft.teams.card.file.info');
    assert.deepEqual(info, { contentType: 'application/vnd.microsoft.teams.card.file.info', name: consent.name, contentUrl: `https://contoso.sharepoint.com/personal/megan/${consent.name}`, content: { uniqueId: 'item-1', fileType: 'csv' } });
  });
});
