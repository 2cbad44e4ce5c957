/**
 * What the bot posts proactively (the real TeamsNotifier with a recording poster): the move's thread in
 * the notification channel, and the conversation a move was started from — left alone while a turn of
 * that conversation is answering (TurnScope), posted to when the change happens later.
 */
import assert from 'node:assert/strict';
import type { MoveEvent } from '../../move/events';
import type { Notifier } from '../../move/ports';
import type { MoveState } from '../../move/state';
import { sdkProblems } from '../cards/cardAssertions';
import {
  CHANNEL_ID, TEAM_ID, TestBot, assertCardResponse, cardIn, findAction, textOf,
} from './buildTestBot';
import { PARTNER_TENANT, STAFF, type PostRecord } from './fakes';

function assertPostedCardsValid(posts: PostRecord[]): void {
  for (const post of posts) {
    const card = cardIn(post.activity);
    if (card) assert.deepEqual(sdkProblems(card), [], `${post.op} to ${post.conversationId}: the adaptivecards SDK reports problems`);
  }
}

function summary(posts: PostRecord[]): string[] {
  return posts.map((p) => {
    const card = cardIn(p.activity);
    return `${p.op} ${card ? `card v${card.refresh?.action?.data?.version ?? '-'}` : `text: ${p.activity.text}`}`;
  });
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setImmediate(resolve));
  assert.ok(condition(), what);
}

async function chooseChannel(t: TestBot): Promise<void> {
  const reply = await t.say(STAFF.alex, '<at>CSP Move Assistant</at> notify here', t.channelPost(), {
    channelData: { tenant: { id: PARTNER_TENANT }, channel: { id: CHANNEL_ID }, team: { id: TEAM_ID } },
  });
  assert.match(reply.replies[0].text ?? '', /^Done: this channel is now the notification channel/);
  t.poster.clear();
}

const GDAP_GRANTED = "The customer approved delegated admin (GDAP): your AdminAgents group now has the approved roles in the customer's tenant.";

describe('proactive posts (TeamsNotifier)', () => {
  let t: TestBot;
  const megansChat = () => t.personal(STAFF.megan).id;

  beforeEach(async () => {
    t = new TestBot();
    await chooseChannel(t);
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') return;
    assert.deepEqual(t.turnErrors, [], 'no turn crashed');
    assertPostedCardsValid(t.poster.posts);
  });

  it('starts a thread once the move passed its pre-flight checks: the move card as its root, one line per milestone; the starter\'s chat gets only the turn\'s answer', async () => {
    const result = await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
    const [state] = t.orchestrator.all();

    // The turn's own answer: the move card, once.
    assert.equal(result.replies.length, 1);
    assert.deepEqual(cardIn(result.replies[0])?.refresh.action.data, { moveId: state.moveId, version: 3 });

    const [root, ...rest] = t.poster.posts;
    assert.equal(root.op, 'startThread');
    assert.equal(root.conversationId, CHANNEL_ID);
    const rootCard = cardIn(root.activity)!;
    assert.deepEqual(rootCard.refresh.action.data, { moveId: state.moveId, version: 2 }, 'the root is the move card, once the checks passed');
    assert.match(textOf(rootCard), /^contoso\.onmicrosoft\.com\nWaiting on the bot/);

    const thread = (await t.registry.getThread(state.moveId))!;
    assert.equal(thread.rootActivityId, root.activityId);
    assert.equal(thread.reference.conversation?.id, `${CHANNEL_ID};messageid=${root.activityId}`);
    for (const post of rest) assert.equal(post.conversationId, thread.reference.conversation?.id, 'every later post goes to the thread');

    assert.deepEqual(summary(rest), [
      'send text: Megan Bowen started the move of contoso.onmicrosoft.com (bought direct from Microsoft).',
      'update card v3',
    ]);
    for (const update of rest.filter((p) => p.op === 'update')) assert.equal(update.activityId, root.activityId, 'the root post is kept up to date');
    assert.ok(textOf(cardIn(rest.at(-1)!.activity)).includes(t.partnerCenter.invitationLink), 'the root shows the invitation');

    assert.deepEqual(t.poster.to(megansChat()), [], 'nothing posted again to the conversation the turn answers');
  });

  it('posts to the starter\'s chat what happens later (a sweep detects the acceptance)', async () => {
    await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
    const [started] = t.orchestrator.all();
    const thread = (await t.registry.getThread(started.moveId))!;
    t.poster.clear();

    t.partnerCenter.accept('a1b2c3d4-0000-4000-8000-000000000001', 'contoso.onmicrosoft.com', 'Contoso Ltd');
    const swept = await t.sweep();
    assert.deepEqual(swept, { accepted: 1, advanced: 0 });
    const state = t.orchestrator.get(started.moveId)!;
    assert.equal(state.stage, 'approval');

    const origin = t.poster.to(megansChat());
    // The customer accepted everything, GDAP included: the partner group is given access before the inventory.
    assert.deepEqual(summary(origin), [
      'send text: Customer accepted the reseller invitation (Contoso Ltd).',
      `send text: ${GDAP_GRANTED}`,
      'send card v6',
      'send card v7',
    ]);
    const planCard = cardIn(origin[3].activity)!;
    assert.equal(findAction(planCard, 'move.plan.approve')?.data.planHash, state.plan!.hash, 'the plan card, with Approve');

    // The thread: its root redrawn at each step (now the plan card), and a line for each milestone only.
    const inThread = t.poster.to(thread.reference.conversation!.id!);
    assert.deepEqual(summary(inThread), [
      'update card v4', 'send text: Customer accepted the reseller invitation (Contoso Ltd).',
      'update card v5', 'update card v6', 'update card v7',
      'send text: Plan ready for approval: 2 lines, 35 licences. An Account admin or a Billing agent other than Megan Bowen can approve it.',
    ]);
    assert.equal(findAction(cardIn(inThread[4].activity), 'move.plan.approve')?.data.planHash, state.plan!.hash, 'the root is the plan card, with Approve');
    const posted = await t.registry.getPosted(state.moveId);
    const key = (p: { reference: { conversation?: { id?: string } }; activityId: string }) => `${p.reference.conversation?.id} ${p.activityId}`;
    assert.deepEqual(posted.map((p) => p.kind), ['plan']);
    assert.deepEqual(posted.map(key), [`${megansChat()} ${origin[3].activityId}`]);
  });

  it('updates every posted copy of the plan card once Adele approves from her own chat', async () => {
    await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
    const [started] = t.orchestrator.all();
    const state = await t.acceptAndSweep(started.moveId);
    const posted = await t.registry.getPosted(state.moveId);
    t.poster.clear();

    const result = await t.click(STAFF.adele, 'move.plan.approve', { moveId: state.moveId, version: state.version, planHash: state.plan!.hash });
    assertCardResponse(result, t.orchestrator.get(state.moveId)!);

    for (const copy of posted) {
      const updates = t.poster.posts.filter((p) => p.op === 'update' && p.activityId === copy.activityId);
      assert.equal(updates.length, 1, `the plan card in ${copy.reference.conversation?.id} is updated once`);
      const card = cardIn(updates[0].activity)!;
      assert.match(textOf(card), /Approved by Adele Vance/);
      assert.equal(findAction({ body: card.body, actions: card.actions }, 'move.plan.approve'), undefined, 'without buttons');
    }
    assert.deepEqual(t.poster.to(t.personal(STAFF.adele).id), [], 'Adele\'s own chat has the invoke answer, nothing more');
    assert.ok(t.poster.to(megansChat()).some((p) => p.op === 'send'), 'the starter hears about the order');
  });

  it('redraws every posted plan card in place when someone changes the plan, and says who changed what', async () => {
    await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
    const [started] = t.orchestrator.all();
    const state = await t.acceptAndSweep(started.moveId);
    const posted = await t.registry.getPosted(state.moveId);
    t.poster.clear();

    const line = state.plan!.lines[0];
    await t.click(STAFF.adele, 'move.plan.adjust', { moveId: state.moveId, version: state.version, planHash: state.plan!.hash, quantity_0: String(line.quantity + 1) });
    const after = t.orchestrator.get(state.moveId)!;
    assert.notEqual(after.plan!.hash, state.plan!.hash);
    for (const copy of posted) {
      const updates = t.poster.posts.filter((p) => p.op === 'update' && p.activityId === copy.activityId);
      assert.equal(updates.length, 1, `the plan card in ${copy.reference.conversation?.id} is redrawn once`);
      assert.equal(findAction(cardIn(updates[0].activity)!, 'move.plan.approve')?.data.planHash, after.plan!.hash, 'its Approve is for the new plan');
    }
    assert.ok(t.poster.to(megansChat()).some((p) => p.op === 'send' && /Plan changed by Adele Vance/.test(JSON.stringify(p.activity))));
  });

  it('tells the approver, in the chat where she approved, how the move ends; a refused click follows nothing', async () => {
    await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
    const [started] = t.orchestrator.all();
    const state = await t.acceptAndSweep(started.moveId);
    let active = false;
    const real = t.partnerCenter.getSubscription.bind(t.partnerCenter);
    t.partnerCenter.getSubscription = async (customerId, subscriptionId) => ({ ...(await real(customerId, subscriptionId)), status: active ? 'active' : 'pending' });

    await t.click(STAFF.lynne, 'move.plan.approve', { moveId: state.moveId, planHash: state.plan!.hash });
    await t.click(STAFF.adele, 'move.plan.approve', { moveId: state.moveId, planHash: state.plan!.hash });
    assert.equal(t.orchestrator.get(state.moveId)!.stage, 'provisioning');
    const adelesChat = t.personal(STAFF.adele).id;
    assert.deepEqual((await t.registry.getFollowers(state.moveId)).map((f) => f.conversation?.id), [megansChat(), adelesChat]);
    assert.deepEqual(t.poster.to(adelesChat), [], 'nothing during her own turn');
    t.poster.clear();

    active = true;
    await t.sweep();
    assert.equal(t.orchestrator.get(state.moveId)!.stage, 'watching-sources');
    const toAdele = t.poster.to(adelesChat);
    assert.ok(toAdele.length > 0, 'the approver hears how it ends');
    assert.deepEqual(summary(toAdele), summary(t.poster.to(megansChat())), 'the same news as the starter');
    assert.deepEqual(t.poster.to(t.personal(STAFF.lynne).id), []);
  });

  it('redraws the thread\'s root and the other copies when Adele approves on the root card in the thread', async () => {
    await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
    const [started] = t.orchestrator.all();
    const state = await t.acceptAndSweep(started.moveId);
    const thread = (await t.registry.getThread(state.moveId))!;
    const posted = await t.registry.getPosted(state.moveId);
    const inOrigin = posted.find((p) => p.reference.conversation?.id === megansChat())!;
    t.poster.clear();

    const threadConversation = { id: thread.reference.conversation!.id!, conversationType: 'channel', tenantId: PARTNER_TENANT, isGroup: true, name: '' };
    const result = await t.click(STAFF.adele, 'move.plan.approve', { moveId: state.moveId, version: state.version, planHash: state.plan!.hash }, threadConversation);
    assertCardResponse(result, t.orchestrator.get(state.moveId)!);

    // The invoke answer shows Adele her view; the root is redrawn for everyone, and Megan's copy too.
    const updated = t.poster.posts.filter((p) => p.op === 'update').map((p) => p.activityId);
    assert.ok(updated.includes(thread.rootActivityId), 'the root card');
    assert.ok(updated.includes(inOrigin.activityId), 'the copy in Megan\'s chat');
    assert.equal(findAction(cardIn(t.poster.posts.filter((p) => p.activityId === thread.rootActivityId).at(-1)!.activity), 'move.plan.approve') ?? null, null);
  });

  it('shows in the starter\'s working card, in place, a step that finishes after the reply was sent', async () => {
    t = new TestBot({ replyBudgetMs: 5 });
    await chooseChannel(t);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const real = t.partnerCenter.resellerInvitationLink.bind(t.partnerCenter);
    t.partnerCenter.resellerInvitationLink = async (ctx) => { await gate; return real(ctx); };

    const result = await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
    const [state] = t.orchestrator.all();
    assert.equal(state.stage, 'invitation', 'the reply went out while the invitation was still being fetched');
    assert.deepEqual(cardIn(result.replies[0])?.refresh.action.data, { moveId: state.moveId, version: 2 });
    assert.deepEqual(t.poster.to(megansChat()), []);

    release();
    await until(() => t.orchestrator.get(state.moveId)?.stage === 'awaiting-acceptance', 'the move goes on after the turn');
    await until(() => t.poster.to(megansChat()).length > 0, 'the starter gets the invitation');
    const origin = t.poster.to(megansChat());
    assert.deepEqual(summary(origin), ['update card v3']);
    assert.equal(origin[0].activityId, result.replies[0].id, 'the reply (the working card) shows the invitation, in place');
    assert.ok(textOf(cardIn(origin[0].activity)).includes(t.partnerCenter.invitationLink));
  });

  it('refuses a customer in another CSP region at the form, naming both regions, and posts nothing to the thread', async () => {
    const before = t.poster.posts.length;
    const result = await t.say(STAFF.megan, 'move contoso.onmicrosoft.com CA direct');
    assert.deepEqual(t.orchestrator.all(), [], 'no move');
    const text = textOf(cardIn(result.replies[0]));
    assert.match(text, /CA \(Canada\) is in the CSP region Canada, and you sell in United States/);
    assert.equal(t.poster.posts.length, before, 'no thread, no channel post');
    assert.equal(t.partnerCenter.calls.includes('resellerInvitationLink'), false, 'nothing was sent');
  });

  it('starts no thread when no notification channel was chosen', async () => {
    t = new TestBot();
    await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
    assert.equal(t.poster.posts.length, 0, 'nothing to post: the turn answered the only conversation');
    const [state] = t.orchestrator.all();
    await t.acceptAndSweep(state.moveId);
    assert.ok(t.poster.posts.length > 0);
    assert.ok(t.poster.posts.every((p) => p.op === 'send' && p.conversationId === megansChat()));
  });

  it('keeps the move going and logs when Teams fails a post', async () => {
    const fail = () => { throw Object.assign(new Error('Bad Gateway'), { statusCode: 502 }); };
    t.poster.startThread = async () => fail();
    t.poster.send = async () => fail();
    const result = await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
    const [state] = t.orchestrator.all();
    assert.equal(state.stage, 'awaiting-acceptance');
    assert.ok(cardIn(result.replies[0]));
    await t.acceptAndSweep(state.moveId);
    assert.equal(t.orchestrator.get(state.moveId)!.stage, 'approval');
    const warnings = t.log.lines.filter((l) => l.message === 'could not post to Teams; the post waits in the outbox');
    assert.ok(warnings.some((w) => (w.details as { where?: string }).where === 'thread-root'), 'the channel failure is logged');
    assert.ok(warnings.some((w) => (w.details as { where?: string }).where === 'follower'), 'the follower failure is logged');
    assert.deepEqual((await t.registry.getFollowers(state.moveId)).map((f) => f.conversation?.id), [megansChat()], 'a transient failure keeps the follower');
  });

  it('keeps what Teams did not take in the outbox and delivers it, in order and once, when Teams is back', async () => {
    const send = t.poster.send.bind(t.poster);
    const startThread = t.poster.startThread.bind(t.poster);
    let down = true;
    const unavailable = () => Object.assign(new Error('Service Unavailable'), { statusCode: 503 });
    t.poster.send = async (reference, activity) => { if (down) throw unavailable(); return send(reference, activity); };
    t.poster.startThread = async (channel, channelId, activity) => { if (down) throw unavailable(); return startThread(channel, channelId, activity); };

    await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
    const [started] = t.orchestrator.all();
    const state = await t.acceptAndSweep(started.moveId);
    assert.equal(state.stage, 'approval', 'the move went on while Teams was down');
    assert.equal(t.poster.posts.length, 0, 'nothing reached Teams');
    const waiting = (await t.kv.get<{ items: unknown[]; attempts: number; retryAt: string }>(`outbox/${state.moveId}`))!;
    assert.ok(waiting.items.length > 0 && waiting.attempts > 0 && waiting.retryAt, 'the posts wait, with a retry time');

    down = false;
    t.clock.advance(15 * 60_000);
    await t.sweep();
    const thread = (await t.registry.getThread(state.moveId))!;
    const inThread = summary(t.poster.to(thread.reference.conversation!.id!));
    const toMegan = summary(t.poster.to(megansChat()));
    assert.ok(inThread.length > 0 && toMegan.length > 0, 'the thread and the starter got their posts');
    assert.deepEqual((await t.kv.get<{ items: unknown[] }>(`outbox/${state.moveId}`))!.items, [], 'the outbox is empty');
    const countBefore = t.poster.posts.length;
    t.clock.advance(15 * 60_000);
    await t.sweep();
    assert.equal(t.poster.posts.length, countBefore, 'nothing is posted twice');
    // In commit order: the acceptance is said before the plan card.
    assert.ok(toMegan.indexOf('send text: Customer accepted the reseller invitation (Contoso Ltd).') < toMegan.findIndex((line) => line.startsWith('send card')));
  });

  it('stops posting to a conversation Teams no longer knows (403)', async () => {
    await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
    const [state] = t.orchestrator.all();
    const attempts: string[] = [];
    const send = t.poster.send.bind(t.poster);
    t.poster.send = async (reference, activity) => {
      if (reference.conversation?.id === megansChat()) {
        attempts.push(String(activity.text ?? 'card'));
        throw Object.assign(new Error('Forbidden'), { statusCode: 403 });
      }
      return send(reference, activity);
    };
    await t.acceptAndSweep(state.moveId);
    assert.equal(t.orchestrator.get(state.moveId)!.stage, 'approval');
    assert.equal(attempts.length, 1, 'one refused post, then the conversation is forgotten');
    assert.deepEqual(await t.registry.getFollowers(state.moveId), []);
    const thread = (await t.registry.getThread(state.moveId))!;
    assert.ok(t.poster.to(thread.reference.conversation!.id!).length > 0, 'the channel thread still gets the updates');
  });
});

describe('the notifier port seen from the bot (recording Notifier)', () => {
  class RecordingNotifier implements Notifier {
    readonly calls: Array<{ state: MoveState; events: MoveEvent[] }> = [];
    async moveChanged(state: MoveState, events: MoveEvent[]): Promise<void> {
      this.calls.push({ state, events });
    }
  }

  it('is told about every recorded event exactly once, in order', async () => {
    const notifier = new RecordingNotifier();
    const t = new TestBot({ notifier });
    const state = await t.contosoAtApproval(STAFF.megan);
    await t.click(STAFF.adele, 'move.plan.approve', { moveId: state.moveId, version: state.version, planHash: state.plan!.hash });
    const told = notifier.calls.flatMap((c) => c.events.map((e) => e.type));
    assert.deepEqual(told, t.eventTypes(state.moveId));
    for (const call of notifier.calls) assert.equal(call.state.moveId, state.moveId);
  });

  it('is told nothing about refused or forged clicks', async () => {
    const notifier = new RecordingNotifier();
    const t = new TestBot({ notifier });
    const state = await t.contosoAtApproval(STAFF.megan);
    const before = notifier.calls.length;
    await t.click(STAFF.megan, 'move.plan.approve', { moveId: state.moveId, planHash: state.plan!.hash });
    await t.click(STAFF.adele, 'move.plan.approve', { moveId: '../../etc', planHash: state.plan!.hash });
    await t.click(STAFF.adele, 'move.nope', { moveId: state.moveId });
    assert.equal(notifier.calls.length, before);
  });
});

