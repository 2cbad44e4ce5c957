/**
 * The channel a partner's staff read: one whole Fabrikam move (start → accept → approve → reassignment → retry →
 * override) leaves one thread in the notification channel holding one card — its root, redrawn in place — and a
 * handful of one-line replies; the approvers are @mentioned there when the plan is ready and asked in their own
 * personal chat, where the plan card is redrawn once someone decides.
 */
import assert from 'node:assert/strict';
import { Harness, users } from './harness';
import type { RecordedActivity } from '../support/fakeConnector';
import { findAction, textOf } from '../support/fakeConnector';

const DOMAIN = 'fabrikam.onmicrosoft.com';
const GENERAL = '19:general@thread.tacv2';

describe('the channel thread of a whole Fabrikam move', function () {
  this.timeout(120_000);
  const h = new Harness();
  let moveId = '';
  /** The plan card taken to Alex's personal chat. */
  let askedAlex = '';

  before(async () => {
    await h.start();
    // Adele and Alex have used the bot in their personal chats: the bot knows where to ask them.
    await h.teams.say(users.adele, 'help');
    await h.teams.say(users.alex, 'help');
    await h.teams.say(users.alex, '<at>CSP Move Assistant</at> notify here', h.teams.channel(GENERAL), { channel: { id: GENERAL }, team: { id: 'team-1' } });
  });
  after(() => h.stop());

  function thread(): { root: RecordedActivity; replies: RecordedActivity[] } {
    const threads = h.connector.threads.filter((t) => t.channelId === GENERAL);
    assert.equal(threads.length, 1, 'one thread for the move');
    const [posted, ...replies] = h.connector.to(threads[0].conversationId);
    return { root: posted, replies };
  }

  it('says "plan ready" once in the thread, @mentioning both approvers, and asks each in their personal chat', async () => {
    moveId = await h.moveToApproval(DOMAIN, { args: 'US csp' });
    const { root, replies } = thread();
    assert.ok(root.updated, 'the root card was redrawn in place');
    assert.match(textOf(root.activity), /Waiting on Adele Vance or Alex Wilber/);
    const ready = replies.filter((r) => /Plan ready for approval/.test(r.activity.text ?? ''));
    assert.equal(ready.length, 1);
    const mentioned = (ready[0].activity.entities ?? []).filter((e: any) => e.type === 'mention');
    assert.deepEqual(mentioned.map((e: any) => [e.mentioned.id, e.text]).sort(), [['29:adele', '<at>Adele Vance</at>'], ['29:alex', '<at>Alex Wilber</at>']]);
    for (const mention of mentioned) assert.ok(ready[0].activity.text.includes(mention.text), 'each mention is in the text');

    // Teams redraws the root card by itself for the approvers first, then for the other staff the bot has met, each
    // with only the buttons they may press (user-specific views).
    const userIds: string[] = root.activity.attachments[0].content.refresh.userIds;
    assert.deepEqual(userIds.slice(0, 2).sort(), ['29:adele', '29:alex']);
    assert.ok(userIds.includes('29:megan'), 'Megan, who started the move, too');
    assert.equal(new Set(userIds).size, userIds.length);

    for (const approver of [users.adele, users.alex]) {
      const asked = h.connector.to(h.teams.personal(approver).id).filter((s) => findAction(s.activity, 'move.plan.approve'));
      assert.equal(asked.length, 1, `${approver.name} is asked once, with the plan card`);
      assert.match(asked[0].activity.text, /Megan Bowen started the move of fabrikam\.onmicrosoft\.com: its plan waits for your approval/);
      if (approver === users.alex) askedAlex = asked[0].activityId;
    }
    assert.equal(h.connector.to(h.teams.personal(users.isaiah).id).length, 0, 'nobody else is asked');
  });

  it('names whom to ask when it refuses someone the approval', async () => {
    const state = h.app.orchestrator.get(moveId)!;
    const { body } = await h.teams.click(users.megan, 'move.plan.approve', { moveId, version: state.version, planHash: state.plan!.hash });
    assert.match(JSON.stringify(body), /Ask Adele Vance or Alex Wilber\./);
  });

  it('holds one card and at most 12 one-line replies once the move is through, and redraws the asked plan cards', async () => {
    const state = h.app.orchestrator.get(moveId)!;
    await h.teams.click(users.adele, 'move.plan.approve', { moveId, version: state.version, planHash: state.plan!.hash, comment: 'Equivalent pair' });
    await h.sweepUntil(moveId, 'blocked', 20);
    const contractor = Object.values(h.app.orchestrator.get(moveId)!.reassignment.results).find((r) => r.outcome === 'skipped-usage-location')!;
    await h.admin('POST', `customers/${DOMAIN}/users/${contractor.userId}/usage-location`, { usageLocation: 'US' });
    await h.teams.say(users.megan, `retry ${DOMAIN}`);
    await h.sweepUntil(moveId, 'blocked', 20);
    await h.teams.say(users.alex, `override ${DOMAIN} The licensing group is switched to the new offers by the customer's admin.`);
    await h.sweepUntil(moveId, 'watching-sources', 20);

    const { root, replies } = thread();
    assert.ok(root.activity.attachments?.length === 1, 'the root is a card');
    assert.deepEqual(replies.filter((r) => (r.activity.attachments ?? []).length > 0).map((r) => textOf(r.activity).slice(0, 80)), [], 'no card among the replies');
    assert.ok(replies.length <= 12, `${replies.length} replies:\n${replies.map((r) => r.activity.text).join('\n')}`);
    const said = replies.map((r) => r.activity.text).join('\n');
    for (const milestone of [/started the move/, /accepted/, /Plan ready/, /approved by Adele Vance/, /provisioned/, /Move blocked/, /overridden by Alex Wilber/, /let them expire/]) {
      assert.match(said, milestone);
    }
    assert.doesNotMatch(said, /Cart created|Sending the licence changes|Licences reassigned:/, 'working steps stay on the root card');

    // The plan card taken to Alex's chat now shows Adele's decision, without buttons (Adele's own click was
    // answered with the card in place).
    const asked = h.connector.to(h.teams.personal(users.alex).id).find((s) => s.activityId === askedAlex);
    assert.ok(asked?.updated, 'Alex\'s plan card was redrawn');
    assert.equal(findAction(asked!.activity, 'move.plan.approve'), null);
    assert.match(textOf(asked!.activity), /Approved/);
  });

  it('@mentions the owners of the follow-ups when their reminders come', async () => {
    const before = thread().replies.length;
    // The day before the users' task is due (the original ends on 28 Feb 2027): both reminders are due by then.
    const target = Date.parse('2027-02-26T12:00:00Z');
    h.clock.advance(target - h.clock.now().getTime());
    // One reminder a sweep.
    for (let i = 0; i < 4; i += 1) {
      await h.app.orchestrator.sweep();
      await h.app.outbox.idle();
    }
    const reminders = thread().replies.slice(before).filter((r) => (r.activity.entities ?? []).some((e: any) => e.type === 'mention'));
    const mentioned = new Set(reminders.flatMap((r) => r.activity.entities.map((e: any) => e.mentioned.id)));
    assert.ok(mentioned.has('29:alex'), 'Alex Wilber, who overrode: the users to move by hand');
    assert.ok(mentioned.has('29:adele'), 'Adele Vance, who approved: auto-renew off');
  });
});
