/**
 * `audit <customer>`, `report <customer>` and the reassignment card's Download report, sent as CSV files with a
 * FileConsentCard (issue #12): the consent card in the personal chat (proactively when asked in a channel), the
 * fileConsent/invoke answer checked against the pending export, the whole file uploaded to the upload session
 * (a test server on 127.0.0.1), and a FileInfoCard after it.
 */
import assert from 'node:assert/strict';
import type { Activity, ConversationParameters } from 'botbuilder';
import { FILE_CONSENT_CONTENT_TYPE } from '../../cards/fileConsentCard';
import { FILE_INFO_CONTENT_TYPE } from '../../cards/fileInfoCard';
import { reassignmentCard } from '../../cards/reassignmentCard';
import { parseCommand } from '../../dialogs/commandParser';
import type { MoveEvent } from '../../move/events';
import { DEFAULT_APPROVAL_POLICY } from '../../move/policy';
import type { MoveState } from '../../move/state';
import { exportFile } from '../../bot/files/exportFiles';
import { UploadSessionServer } from '../support/uploadSessionServer';
import { TestBot, cardIn, findAction, textOf, type TurnResult } from './buildTestBot';
import { CONTOSO_DOMAIN, CONTOSO_TENANT, MOVES_MAILBOX, STAFF, type StaffMember } from './fakes';
import { reassignmentBlocked } from './resolveWorld';

const CARD_OPTIONS = { approvalPolicy: DEFAULT_APPROVAL_POLICY, invitationMail: { asSignedInUser: false, mailbox: MOVES_MAILBOX } };

interface ConsentCard { contentType: string; name: string; content: { description: string; sizeInBytes: number; acceptContext: { exportId: string }; declineContext: { exportId: string } } }

function consentCardIn(result: TurnResult | Partial<Activity>[]): ConsentCard | undefined {
  const replies = Array.isArray(result) ? result : result.replies;
  return replies.flatMap((r) => r.attachments ?? []).find((a) => a.contentType === FILE_CONSENT_CONTENT_TYPE) as ConsentCard | undefined;
}

/** The messages of a turn (not its typing indicator). */
function messages(result: TurnResult): Partial<Activity>[] {
  return result.replies.filter((r) => r.type === 'message');
}

function texts(result: TurnResult): string[] {
  return messages(result).map((r) => r.text ?? textOf(cardIn(r)));
}

/** 2,000 reminders on top of the move's own events: a long history. */
async function appendReminders(t: TestBot, moveId: string, count: number): Promise<void> {
  const events = await t.store.load(moveId);
  const last = events.at(-1)!;
  const reminders: MoveEvent[] = Array.from({ length: count }, (_, i) => ({
    type: 'ReminderDue', at: new Date(Date.parse(last.at) + (i + 1) * 60_000).toISOString(), actor: last.actor, correlationId: `corr-reminder-${i + 1}`,
    about: 'approval', waitingSince: last.at, count: i + 1,
  }));
  await t.store.append(moveId, events.length, reminders);
}

describe('file exports (audit and reassignment report as CSV files)', () => {
  let t: TestBot;
  let uploads: UploadSessionServer;
  let session = 0;

  beforeEach(async () => {
    t = new TestBot();
    uploads = await new UploadSessionServer().start();
  });
  afterEach(async function () {
    await uploads.close();
    if (this.currentTest?.state === 'failed') return;
    assert.deepEqual(t.turnErrors, [], 'no turn crashed');
  });

  function answer(user: StaffMember, action: 'accept' | 'decline', context: unknown, uploadUrl?: string): Promise<TurnResult> {
    const name = `file-${++session}.csv`;
    const value = {
      type: 'fileUpload', action, context,
      ...(action === 'accept' ? {
        uploadInfo: {
          name, uploadUrl: uploadUrl ?? uploads.uploadUrl(`s${session}`), contentUrl: `https://contoso.sharepoint.com/personal/megan/Documents/Applications/${name}`,
          uniqueId: `1150D938-0000-0000-0000-00000000000${session % 10}`, fileType: 'csv', etag: '1',
        },
      } : {}),
    };
    return t.process(t.activity(t.from(user), t.personal(user), { type: 'invoke', name: 'fileConsent/invoke', value }));
  }

  async function auditOffered(user: StaffMember = STAFF.megan): Promise<{ move: MoveState; card: ConsentCard }> {
    const move = await t.contosoAtApproval();
    const card = consentCardIn(await t.say(user, `audit ${CONTOSO_DOMAIN}`));
    assert.ok(card, 'a FileConsentCard');
    return { move, card };
  }

  it('audit in a personal chat answers with a FileConsentCard carrying only an opaque export id', async () => {
    const move = await t.contosoAtApproval();
    const result = await t.say(STAFF.megan, `audit ${CONTOSO_DOMAIN}`);
    assert.equal(messages(result).length, 1);
    const card = consentCardIn(result)!;
    const expected = exportFile('audit', move.moveId, CONTOSO_DOMAIN, await t.store.load(move.moveId), CARD_OPTIONS, t.clock.now());
    assert.equal(card.name, expected.fileName);
    assert.match(card.name, /^contoso\.onmicrosoft\.com-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    assert.equal(card.content.sizeInBytes, expected.bytes.byteLength);
    assert.match(card.content.description, new RegExp(`^Audit trail of the move of contoso\\.onmicrosoft\\.com: .*\\(${expected.rows} events, CSV\\)\\.$`));
    assert.deepEqual(Object.keys(card.content.acceptContext), ['exportId']);
    assert.match(card.content.acceptContext.exportId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(card.content.declineContext, card.content.acceptContext);
    assert.equal(uploads.received.length, 0, 'nothing leaves before the person accepts');
  });

  it('accepted: the whole CSV of a 2,000-event move, drawn at that moment, is uploaded byte for byte, then a FileInfoCard', async () => {
    const { move, card } = await auditOffered();
    // Events recorded after the offer are in the file: it is drawn when the person accepts.
    await appendReminders(t, move.moveId, 2_000);
    const result = await answer(STAFF.megan, 'accept', card.content.acceptContext);
    assert.equal(result.invoke?.status, 200);

    const events = await t.store.load(move.moveId);
    assert.ok(events.length > 2_000);
    const expected = exportFile('audit', move.moveId, CONTOSO_DOMAIN, events, CARD_OPTIONS, t.clock.now());
    const uploaded = uploads.files.get(`s${session}`);
    assert.ok(uploaded, 'the file arrived');
    assert.ok(uploaded.equals(Buffer.from(expected.bytes)), 'byte for byte the CSV drawn from the event store');
    const rows = uploaded.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    assert.equal(rows[0], 'time,actor,role,step,detail,correlation id');
    assert.ok(rows.length >= events.length + 1, 'one row per event at least');
    assert.match(rows[1], /,MoveStarted,/);
    assert.match(rows.at(-1)!, /,ReminderDue,.*,corr-reminder-2000$/);

    const info = result.replies.flatMap((r) => r.attachments ?? []).find((a) => a.contentType === FILE_INFO_CONTENT_TYPE);
    assert.deepEqual(info, {
      contentType: FILE_INFO_CONTENT_TYPE, name: `file-${session}.csv`,
      contentUrl: `https://contoso.sharepoint.com/personal/megan/Documents/Applications/file-${session}.csv`,
      content: { uniqueId: `1150D938-0000-0000-0000-00000000000${session % 10}`, fileType: 'csv' },
    });
    assert.match(messages(result)[0].text ?? '', new RegExp(`^Here is the audit trail of contoso\\.onmicrosoft\\.com: ${events.length} events\\.$`));

    // The offer is answered once: a second accept uploads nothing.
    const again = await answer(STAFF.megan, 'accept', card.content.acceptContext);
    assert.equal(again.invoke?.status, 404);
    assert.equal(uploads.files.size, 1);
  });

  it('declined: says so, uploads nothing, and the offer is gone', async () => {
    const { card } = await auditOffered();
    const result = await answer(STAFF.megan, 'decline', card.content.declineContext);
    assert.equal(result.invoke?.status, 200);
    assert.deepEqual(texts(result), [`OK, I did not send the file. Say \`audit ${CONTOSO_DOMAIN}\` when you want it.`]);
    assert.equal((await answer(STAFF.megan, 'accept', card.content.acceptContext)).invoke?.status, 404);
    assert.equal(uploads.received.length, 0);
  });

  it('a forged or malformed context gets a 4xx with a short reason and nothing is uploaded', async () => {
    await auditOffered();
    const forged = await answer(STAFF.megan, 'accept', { exportId: '11111111-2222-3333-4444-555555555555' });
    assert.equal(forged.invoke?.status, 404);
    assert.match((forged.invoke?.body as { message: string }).message, /no such file waiting for you/);
    for (const context of [{ exportId: '../../moves/mv-id-1' }, { moveId: 'mv-id-1', report: 'audit' }, 'audit contoso', null]) {
      const result = await answer(STAFF.megan, 'accept', context);
      assert.equal(result.invoke?.status, 400, JSON.stringify(context));
      assert.deepEqual(Object.keys(result.invoke?.body as object), ['code', 'message']);
    }
    const wrongType = await t.process(t.activity(t.from(STAFF.megan), t.personal(STAFF.megan), { type: 'invoke', name: 'fileConsent/invoke', value: { type: 'other', action: 'accept' } }));
    assert.equal(wrongType.invoke?.status, 400);
    const noUpload = await t.process(t.activity(t.from(STAFF.megan), t.personal(STAFF.megan), {
      type: 'invoke', name: 'fileConsent/invoke', value: { type: 'fileUpload', action: 'accept', context: { exportId: '11111111-2222-3333-4444-555555555555' } },
    }));
    assert.equal(noUpload.invoke?.status, 404);
    assert.equal(uploads.received.length, 0);
  });

  it('someone else accepting gets 403 and nothing; the person who asked still can', async () => {
    const { card } = await auditOffered(STAFF.megan);
    const stranger = await answer(STAFF.alex, 'accept', card.content.acceptContext);
    assert.equal(stranger.invoke?.status, 403);
    assert.match(texts(stranger)[0], /offered to someone else/);
    assert.equal((await answer(STAFF.alex, 'decline', card.content.declineContext)).invoke?.status, 403, 'nor decline it for them');
    assert.equal(uploads.received.length, 0);
    assert.equal((await answer(STAFF.megan, 'accept', card.content.acceptContext)).invoke?.status, 200);
    assert.equal(uploads.files.size, 1);
  });

  it('an offer expires after an hour: 410, nothing uploaded', async () => {
    const { card } = await auditOffered();
    t.clock.advance(61 * 60_000);
    const result = await answer(STAFF.megan, 'accept', card.content.acceptContext);
    assert.equal(result.invoke?.status, 410);
    assert.match(texts(result)[0], new RegExp(`expired.*\`audit ${CONTOSO_DOMAIN.replace(/\./g, '\\.')}\``));
    assert.equal(uploads.received.length, 0);
  });

  it('the role is checked again on accept: someone who lost it gets 403 and nothing', async () => {
    const { card } = await auditOffered(STAFF.megan);
    t.directory.roles.set(STAFF.megan.aadObjectId, []);
    const result = await answer(STAFF.megan, 'accept', card.content.acceptContext);
    assert.equal(result.invoke?.status, 403);
    assert.match(texts(result)[0], /no Partner Center role/);
    assert.equal(uploads.received.length, 0);
  });

  it('an upload address that is not https (or loopback in local mode) is refused before anything is sent', async () => {
    const { card } = await auditOffered();
    const result = await answer(STAFF.megan, 'accept', card.content.acceptContext, 'http://files.example.com/upload/x');
    assert.equal(result.invoke?.status, 400);
    assert.match(texts(result)[0], /upload address I will not send the file to \(the upload address must be https/);
    // Refused for its address, the offer still stands.
    assert.equal((await answer(STAFF.megan, 'accept', card.content.acceptContext)).invoke?.status, 200);
  });

  it('an upload the file store refuses gets a clear message, no crash', async () => {
    const { card } = await auditOffered();
    uploads.failWith = 503;
    const result = await answer(STAFF.megan, 'accept', card.content.acceptContext);
    assert.equal(result.invoke?.status, 200);
    assert.match(texts(result)[0], new RegExp(`^I could not upload file-${session}\\.csv: The file store refused the upload with HTTP 503 at byte 0 of \\d+\\. .*\`audit ${CONTOSO_DOMAIN.replace(/\./g, '\\.')}\``));
    assert.ok(!result.replies.some((r) => r.attachments?.some((a) => a.contentType === FILE_INFO_CONTENT_TYPE)), 'no file card');
    assert.ok(t.log.lines.some((l) => l.level === 'warn' && l.message === 'file upload failed'));
  });

  describe('asked in a channel', () => {
    let created: ConversationParameters[];
    let sent: Array<{ conversationId: string; activity: Partial<Activity> }>;
    let failCreate: number | null;

    beforeEach(() => {
      created = [];
      sent = [];
      failCreate = null;
      // Stands in for the Bot Connector client CloudAdapter puts in the turn state.
      const connector = {
        conversations: {
          createConversation: async (parameters: ConversationParameters) => {
            if (failCreate) throw Object.assign(new Error('Forbidden'), { statusCode: failCreate });
            created.push(parameters);
            return { id: `a:personal-${parameters.members![0].id}`, activityId: '', serviceUrl: '' };
          },
          sendToConversation: async (conversationId: string, activity: Partial<Activity>) => {
            sent.push({ conversationId, activity });
            return { id: `sent-${sent.length}` };
          },
        },
      };
      t.adapter.use(async (context, next) => {
        context.turnState.set(context.adapter.ConnectorClientKey, connector);
        await next();
      });
    });

    it('answers with one line there and sends the FileConsentCard to the person\'s personal chat', async () => {
      await t.contosoAtApproval();
      const result = await t.say(STAFF.megan, `audit ${CONTOSO_DOMAIN}`, t.channelPost());
      assert.deepEqual(texts(result), ['I\'ve sent the file to you in a personal chat.']);
      assert.equal(consentCardIn(result), undefined, 'no consent card in the channel');
      assert.equal(created.length, 1);
      assert.equal(created[0].isGroup, false);
      assert.deepEqual(created[0].members, [{ id: STAFF.megan.id, name: STAFF.megan.name }]);
      assert.equal(created[0].tenantId, t.personal(STAFF.megan).tenantId);
      assert.deepEqual(created[0].channelData, { tenant: { id: t.personal(STAFF.megan).tenantId } });
      assert.equal(sent.length, 1);
      assert.equal(sent[0].conversationId, `a:personal-${STAFF.megan.id}`);
      assert.equal(sent[0].activity.conversation?.id, `a:personal-${STAFF.megan.id}`);
      assert.equal(sent[0].activity.recipient?.id, STAFF.megan.id);
      const card = consentCardIn([sent[0].activity])!;
      assert.ok(card);

      // Accepted from the personal chat: uploaded there.
      const accepted = await answer(STAFF.megan, 'accept', card.content.acceptContext);
      assert.equal(accepted.invoke?.status, 200);
      assert.equal(uploads.files.size, 1);
    });

    it('when Teams will not open the personal chat, says how to get the file instead', async () => {
      await t.contosoAtApproval();
      failCreate = 403;
      const result = await t.say(STAFF.megan, `audit ${CONTOSO_DOMAIN}`, t.channelPost());
      assert.deepEqual(texts(result), [`I could not send you the file in a personal chat (Teams would not open the chat (HTTP 403)). Open a chat with me and say \`audit ${CONTOSO_DOMAIN}\` there.`]);
      assert.equal(sent.length, 0);
    });
  });

  describe('the licence reassignment report', () => {
    it('`report <customer>` offers one row per user; accepted, it uploads them with display name, SKUs, outcome and fix', async () => {
      const state = await reassignmentBlocked(t);
      const card = consentCardIn(await t.say(STAFF.megan, `report ${CONTOSO_DOMAIN}`))!;
      assert.ok(card);
      assert.match(card.name, /^contoso\.onmicrosoft\.com-licence-reassignment-\d{4}-\d{2}-\d{2}\.csv$/);
      assert.match(card.content.description, /one row per user, with the outcome and what to do \(2 users, CSV\)/);

      const result = await answer(STAFF.megan, 'accept', card.content.acceptContext);
      assert.equal(result.invoke?.status, 200);
      const expected = exportFile('reassignment', state.moveId, CONTOSO_DOMAIN, await t.store.load(state.moveId), CARD_OPTIONS, t.clock.now());
      const uploaded = uploads.files.get(`s${session}`)!;
      assert.ok(uploaded.equals(Buffer.from(expected.bytes)));
      const rows = uploaded.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
      assert.equal(rows[0], 'user principal name,display name,from SKU,to SKU,outcome,fix / why,when');
      assert.equal(rows.length, 3);
      const bob = rows.find((r) => r.startsWith('bob@contoso.onmicrosoft.com,'))!;
      const bobsName = t.customers.users.get(CONTOSO_TENANT)!.find((u) => u.id === 'u-bob')!.displayName;
      assert.ok(bob.startsWith(`bob@contoso.onmicrosoft.com,${bobsName},`), 'the display name the directory has');
      assert.match(bob, /^bob@contoso\.onmicrosoft\.com,[^,]+,SPE_E3,[^,]+,Skipped: no usage location,"No usage location \(a licence cannot be assigned without one\)\. Set the user's usage location in Microsoft Entra, then try again\.",\d{4}-/);
      assert.ok(rows.some((r) => /,Moved,/.test(r)));
      assert.match(messages(result)[0].text ?? '', /^Here is the licence reassignment report of contoso\.onmicrosoft\.com: 2 users\.$/);
    });

    it('the reassignment card offers Download report; clicking it sends the consent card', async () => {
      const state = await reassignmentBlocked(t);
      const action = findAction(reassignmentCard({ ...state, stage: 'reassigning-licenses' }), 'move.report.download');
      assert.deepEqual(action?.data, { moveId: state.moveId, version: state.version });
      const result = await t.click(STAFF.adele, 'move.report.download', action!.data);
      assert.equal(result.invoke?.status, 200);
      assert.equal((result.invoke?.body as { value: string }).value, 'Accept the file below to get the report.');
      const card = consentCardIn(result)!;
      assert.ok(card);
      assert.equal((await answer(STAFF.adele, 'accept', card.content.acceptContext)).invoke?.status, 200);
      assert.equal(uploads.files.size, 1);
    });

    it('a move that moved nobody has no report: says so, offers nothing', async () => {
      await t.contosoAtApproval();
      const result = await t.say(STAFF.megan, `report ${CONTOSO_DOMAIN}`);
      assert.equal(consentCardIn(result), undefined);
      assert.match(texts(result)[0], /has moved no user's licence \(yet\), so there is no reassignment report/);
    });

    it('a click naming no move here says the move is gone', async () => {
      const result = await t.click(STAFF.megan, 'move.report.download', { moveId: 'mv-nope', version: 1 });
      assert.match((result.invoke?.body as { value: string }).value, /does not exist here any more/);
    });
  });

  it('`report` and `audit` without a customer say how to ask; someone without a role is refused', async () => {
    assert.deepEqual(parseCommand('report Contoso.com'), { kind: 'report', customer: 'contoso.com' });
    assert.deepEqual(texts(await t.say(STAFF.megan, 'report')), ['Say which customer: `report contoso.com`.']);
    assert.deepEqual(texts(await t.say(STAFF.megan, 'audit nobody.example')), ['There is no move for nobody.example.']);
    const refused = await t.say(STAFF.isaiah, `audit ${CONTOSO_DOMAIN}`);
    assert.equal(consentCardIn(refused), undefined);
    assert.match(texts(refused).join('\n'), /no Partner Center role/);
  });

  it('help lists report and says audit sends a file', async () => {
    const text = texts(await t.say(STAFF.megan, 'help')).join('\n');
    assert.match(text, /report contoso\.com/);
    assert.match(text, /The move's whole history as a CSV file/);
  });
});
