/**
 * Install events: the welcome card, once per conversation, whether Teams says "installed"
 * (installationUpdate) or "the bot was added" (conversationUpdate with the bot in membersAdded).
 */
import assert from 'node:assert/strict';
import type { ConversationAccount } from 'botbuilder';
import { BOT_ACCOUNT, TestBot, assertCardsValid, cardIn, textOf, useTestBot } from './buildTestBot';
import { OTHER_TENANT, PARTNER_TENANT, STAFF } from './fakes';

describe('install events', () => {
  let t: TestBot;
  useTestBot((bot) => { t = bot; });

  const installed = (conversation: ConversationAccount, action = 'add') =>
    t.process(t.activity(t.from(STAFF.megan), conversation, { type: 'installationUpdate', action }));

  const botAdded = (conversation: ConversationAccount, members = [BOT_ACCOUNT]) =>
    t.process(t.activity(t.from(STAFF.megan), conversation, { type: 'conversationUpdate', membersAdded: members }));

  it('sends the welcome card when the app is installed', async () => {
    const result = await installed(t.personal(STAFF.megan));
    assert.equal(result.replies.length, 1);
    const card = cardIn(result.replies[0]);
    assert.ok(card, 'a card');
    assertCardsValid(result);
    const text = textOf(card);
    assert.ok(text.includes('Hi Megan Bowen, I\'m the CSP Move Assistant.'));
    assert.ok(text.includes('move contoso.com'));
    assert.ok(text.includes('Account admin, Admin agent or Sales agent.'));
  });

  it('does not welcome twice in the same conversation', async () => {
    await installed(t.personal(STAFF.megan));
    assert.equal((await installed(t.personal(STAFF.megan))).replies.length, 0, 'a second install event');
    assert.equal((await botAdded(t.personal(STAFF.megan))).replies.length, 0, 'the matching conversationUpdate');
    // Another conversation gets its own welcome.
    assert.equal((await installed(t.personal(STAFF.adele))).replies.length, 1);
  });

  it('welcomes when a conversationUpdate adds the bot, once', async () => {
    const team: ConversationAccount = { id: '19:general@thread.tacv2', conversationType: 'channel', tenantId: PARTNER_TENANT, isGroup: true, name: '' };
    const first = await botAdded(team, [{ id: '29:someone', name: 'Someone' }, BOT_ACCOUNT]);
    assert.equal(first.replies.length, 1);
    assert.match(textOf(cardIn(first.replies[0])), /I'm the CSP Move Assistant/);
    assertCardsValid(first);
    assert.equal((await botAdded(team)).replies.length, 0);
    assert.equal((await installed(team)).replies.length, 0);
  });

  it('welcomes nobody outside the partner\'s organisation, and stores nothing for them', async () => {
    const keys = [...t.kv.data.keys()];
    for (const conversation of [
      { ...t.personal(STAFF.megan), tenantId: OTHER_TENANT },
      { ...t.personal(STAFF.megan), tenantId: undefined },
    ] as ConversationAccount[]) {
      assert.equal((await installed(conversation)).replies.length, 0);
      assert.equal((await botAdded(conversation)).replies.length, 0);
    }
    const disagreeing = await t.process(t.activity(t.from(STAFF.megan), t.personal(STAFF.megan), { type: 'installationUpdate', action: 'add', channelData: { tenant: { id: OTHER_TENANT } } }));
    assert.equal(disagreeing.replies.length, 0);
    assert.deepEqual([...t.kv.data.keys()], keys);
  });

  it('does not welcome when only people join, nor on uninstall', async () => {
    const conversation = t.personal(STAFF.alex);
    assert.equal((await botAdded(conversation, [{ id: '29:alex', name: 'Alex Wilber' }])).replies.length, 0);
    assert.equal((await installed(conversation, 'remove')).replies.length, 0);
    assert.equal(await t.kv.get(`welcomed/${conversation.id}`), undefined);
  });

  it('welcomes each conversation once even when two install events arrive together', async () => {
    const conversation = t.personal(STAFF.patti);
    t.adapter.activeQueue.splice(0);
    await Promise.all([
      t.adapter.processActivity(t.activity(t.from(STAFF.patti), conversation, { type: 'installationUpdate', action: 'add' })),
      t.adapter.processActivity(t.activity(t.from(STAFF.patti), conversation, { type: 'conversationUpdate', membersAdded: [BOT_ACCOUNT] })),
    ]);
    const replies = t.adapter.activeQueue.splice(0);
    assert.equal(replies.filter((r) => cardIn(r)).length, 1, 'one welcome card');
  });
});
