/**
 * Feedback while the bot works (issue #12): "typing…" as soon as a message arrives, and a working card in the chat
 * where a slow step was asked for, redrawn in place (outbox 'update' to the same activity) until the step answers —
 * licence reassignment progress at a bounded rate, the final state always.
 */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import type { Activity, TurnContext } from 'botbuilder';
import { TypingIndicator } from '../../bot/typingIndicator';
import type { MoveState } from '../../move/state';
import { sdkProblems } from '../cards/cardAssertions';
import { TestBot, assertCardResponse, cardIn, textOf, useTestBot, type TurnResult } from './buildTestBot';
import { CONTOSO_DOMAIN, CONTOSO_TENANT, RecordingLog, STAFF, licensedUser, type PostRecord } from './fakes';
import { E3, pickData, withUnsoldE3 } from './resolveWorld';

const WORKING = /This card updates itself, and shows the outcome here when the step is done\./;

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2_000 && !condition(); i += 1) await new Promise((resolve) => setImmediate(resolve));
  assert.ok(condition(), what);
}

/** A promise the test opens: calls wait on it until `open()`. */
function gate(): { wait: Promise<void>; open: () => void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => { open = resolve; });
  return { wait, open };
}

function onlyCardReply(result: TurnResult): Partial<Activity> {
  assert.equal(result.replies.length, 1, `one reply, got ${result.replies.length}`);
  assert.ok(cardIn(result.replies[0]), 'a card');
  assert.deepEqual(sdkProblems(cardIn(result.replies[0])), [], 'the adaptivecards SDK reports problems');
  return result.replies[0];
}

function assertValid(posts: PostRecord[]): void {
  for (const post of posts) {
    const card = cardIn(post.activity);
    if (card) assert.deepEqual(sdkProblems(card), [], `${post.op} ${post.activityId}: the adaptivecards SDK reports problems`);
  }
}

describe('typing indicator', () => {
  let t: TestBot;
  useTestBot((bot) => { t = bot; });

  it('shows "typing…" before anything else for `move …` and `status`', async () => {
    const started = await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct');
    assert.deepEqual(started.activities.map((a) => a.type), ['typing', 'message'], 'typing first, then the answer');
    assert.equal(started.activities[0].conversation?.id, t.personal(STAFF.megan).id, 'in the conversation asked from');

    const status = await t.say(STAFF.megan, 'status contoso.onmicrosoft.com');
    assert.equal(status.activities[0].type, 'typing');
    assert.ok(status.replies.length > 0 && status.replies.every((r) => r.type === 'message'));
  });

  it('shows "typing…" for a command typed in a channel post too, and never for a card click', async () => {
    const inChannel = await t.say(STAFF.megan, 'status contoso.onmicrosoft.com', t.channelPost());
    assert.equal(inChannel.activities[0].type, 'typing');

    const moveId = await t.startContoso();
    const click = await t.click(STAFF.megan, 'move.refresh', { moveId });
    assertCardResponse(click, t.orchestrator.get(moveId)!);
    assert.deepEqual(click.activities, [], 'a click answers with its card only');
  });

  it('repeats while the work runs, stops when it ends, and only logs a typing activity Teams refuses', async () => {
    const clock = sinon.useFakeTimers();
    try {
      const sent: string[] = [];
      let refuse = false;
      const context = {
        activity: { type: 'message', id: 'a-1', channelId: 'msteams', serviceUrl: 'https://smba.example/', conversation: { id: 'c-1' }, from: { id: 'u' }, recipient: { id: 'b' } },
        adapter: { sendActivities: async (_c: unknown, activities: Partial<Activity>[]) => {
          if (refuse) throw Object.assign(new Error('Bad Gateway'), { statusCode: 502 });
          sent.push(...activities.map((a) => `${a.type} to ${a.conversation?.id}`));
          return [];
        } },
      } as unknown as TurnContext;
      const log = new RecordingLog();
      const work = gate();
      const during = new TypingIndicator(log, 3_000).during(context, () => work.wait.then(() => 'answered'));
      await clock.tickAsync(0);
      assert.deepEqual(sent, ['typing to c-1'], 'at once');
      await clock.tickAsync(3_000);
      assert.equal(sent.length, 2, 'again after the period');
      refuse = true;
      await clock.tickAsync(3_000);
      assert.ok(log.lines.some((l) => l.message === 'could not show the typing indicator'), 'a refused one is logged');
      refuse = false;
      work.open();
      assert.equal(await during, 'answered', 'the work\'s own result');
      const count = sent.length;
      await clock.tickAsync(30_000);
      assert.equal(sent.length, count, 'nothing once the work ended');
    } finally {
      clock.restore();
    }
  });
});

describe('working card', () => {
  let t: TestBot;
  const megansChat = () => t.personal(STAFF.megan).id;
  afterEach(function () {
    if (this.currentTest?.state === 'failed') return;
    assert.deepEqual(t.turnErrors, [], 'no turn crashed');
    assertValid(t.poster.posts);
  });

  async function workingRecords(moveId: string): Promise<string[]> {
    return (await t.registry.getPosted(moveId)).filter((p) => p.kind === 'working').map((p) => `${p.reference.conversation?.id} ${p.activityId}`);
  }

  it('answers a move that settles within the reply with the move card, and opens no working card', async () => {
    t = new TestBot();
    const reply = onlyCardReply(await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct'));
    const [state] = t.orchestrator.all();
    assert.equal(state.stage, 'awaiting-acceptance');
    assert.doesNotMatch(textOf(cardIn(reply)), WORKING);
    assert.deepEqual(await workingRecords(state.moveId), []);
  });

  it('`move …` still asking for the invitation: posts "Sending the invitation…" once, then draws the invitation into it in place', async () => {
    t = new TestBot({ replyBudgetMs: 5 });
    const invitation = gate();
    const real = t.partnerCenter.resellerInvitationLink.bind(t.partnerCenter);
    t.partnerCenter.resellerInvitationLink = async (ctx) => { await invitation.wait; return real(ctx); };

    const reply = onlyCardReply(await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct'));
    const [started] = t.orchestrator.all();
    assert.equal(started.stage, 'invitation');
    const text = textOf(cardIn(reply));
    assert.match(text, /Sending the invitation…/);
    assert.match(text, WORKING);
    assert.deepEqual(await workingRecords(started.moveId), [`${megansChat()} ${reply.id}`], 'kept as the chat\'s working card for the move');
    assert.deepEqual(t.poster.to(megansChat()), [], 'nothing else in the chat');

    invitation.open();
    await until(() => t.orchestrator.get(started.moveId)?.stage === 'awaiting-acceptance', 'the invitation comes');
    await t.outbox.idle();
    const toMegan = t.poster.to(megansChat());
    assert.deepEqual(toMegan.map((p) => [p.op, p.activityId]), [['update', reply.id]], 'the outcome replaces the working card, no new message');
    const outcome = textOf(cardIn(toMegan[0].activity));
    assert.ok(outcome.includes(t.partnerCenter.invitationLink), 'the invitation card, with the link');
    assert.doesNotMatch(outcome, WORKING);
    assert.deepEqual(await workingRecords(started.moveId), [], 'answered: no longer a working card');

    // Later news is said as usual, in new messages; the answered card is left alone.
    t.poster.clear();
    t.partnerCenter.accept(CONTOSO_TENANT, CONTOSO_DOMAIN, 'Contoso Ltd');
    await t.sweep();
    assert.equal(t.orchestrator.get(started.moveId)!.stage, 'approval');
    const later = t.poster.to(megansChat());
    assert.ok(later.length > 0 && later.every((p) => p.op === 'send'), 'new messages');
    assert.ok(later.every((p) => p.activityId !== reply.id));
  });

  it('a commit while the working card is on its way is not lost: the turn draws it again before leaving it to the outbox', async () => {
    t = new TestBot({ replyBudgetMs: 5 });
    const invitation = gate();
    const real = t.partnerCenter.resellerInvitationLink.bind(t.partnerCenter);
    t.partnerCenter.resellerInvitationLink = async (ctx) => { await invitation.wait; return real(ctx); };
    // Teams takes its time with the reply; meanwhile the invitation arrives.
    const redrawn: Partial<Activity>[] = [];
    const update = t.adapter.updateActivity.bind(t.adapter);
    t.adapter.updateActivity = async (context, activity) => { redrawn.push(activity); return update(context, activity); };
    const send = t.adapter.sendActivities.bind(t.adapter);
    t.adapter.sendActivities = async (context, activities) => {
      if (cardIn(activities[0]) && textOf(cardIn(activities[0])).includes('Sending the invitation')) {
        invitation.open();
        await until(() => t.orchestrator.get(t.orchestrator.all()[0].moveId)?.stage === 'awaiting-acceptance', 'the invitation comes meanwhile');
      }
      return send(context, activities);
    };

    const reply = onlyCardReply(await t.say(STAFF.megan, 'move contoso.onmicrosoft.com US direct'));
    const [state] = t.orchestrator.all();
    assert.equal(state.stage, 'awaiting-acceptance');
    assert.deepEqual(redrawn.map((a) => a.id), [reply.id], 'redrawn once, in place');
    assert.ok(textOf(cardIn(redrawn[0])).includes(t.partnerCenter.invitationLink), 'with the outcome');
    assert.deepEqual(await workingRecords(state.moveId), [], 'answered');
    assert.deepEqual(t.poster.to(megansChat()), [], 'no message for the same news');
  });

  it('approval still buying: a working card in the approver\'s chat, purchase and reassignment in place, the done card last', async () => {
    t = new TestBot({ replyBudgetMs: 5 });
    const atApproval = await t.contosoAtApproval(STAFF.megan);
    const purchase = gate();
    const real = t.partnerCenter.getSubscription.bind(t.partnerCenter);
    t.partnerCenter.getSubscription = async (customerId, subscriptionId) => { await purchase.wait; return real(customerId, subscriptionId); };
    t.poster.clear();

    const click = await t.click(STAFF.adele, 'move.plan.approve', { moveId: atApproval.moveId, version: atApproval.version, planHash: atApproval.plan!.hash });
    assertCardResponse(click, t.orchestrator.get(atApproval.moveId)!);
    const working = onlyCardReply(click);
    assert.match(textOf(cardIn(working)), /Order placed\. Waiting for Partner Center to provision the new subscriptions…|Placing the order…/);
    const adelesChat = t.personal(STAFF.adele).id;
    assert.equal(working.conversation?.id, adelesChat);

    purchase.open();
    await until(() => t.orchestrator.get(atApproval.moveId)?.stage === 'watching-sources', 'bought and reassigned');
    await t.outbox.idle();
    const toAdele = t.poster.to(adelesChat);
    assert.ok(toAdele.length > 0);
    assert.ok(toAdele.every((p) => p.op === 'update' && p.activityId === working.id), 'only updates of the working card');
    const last = cardIn(toAdele.at(-1)!.activity)!;
    const after = t.orchestrator.get(atApproval.moveId)!;
    assert.deepEqual(last.refresh.action.data, { moveId: after.moveId, version: after.version }, 'the final state');
    assert.doesNotMatch(textOf(last), WORKING, 'the move\'s card, not the working card');
    assert.ok(t.poster.to(megansChat()).some((p) => p.op === 'send'), 'the starter hears the news as usual');
  });

  describe('licence reassignment progress', () => {
    /** Contoso also holds SPE_E3 (not sold here) for 45 users: three Graph batches of 20, 20 and 5 once Alex picked Business Premium. */
    function withManyE3Users(): void {
      withUnsoldE3(t);
      const skus = t.customers.subscribedSkus.bind(t.customers);
      t.customers.subscribedSkus = async (tenantId, ctx) => (await skus(tenantId, ctx)).map((sku) => (sku.skuId === E3
        ? { ...sku, consumedUnits: 45, prepaidUnits: { ...sku.prepaidUnits, enabled: 45 } } : sku));
      t.customers.users.set(CONTOSO_TENANT, Array.from({ length: 45 }, (_, i) => licensedUser(`u-${i + 1}`, [{ skuId: E3 }])));
    }

    /**
     * Alex approves; reassignment waits until the click was answered, then each Graph batch takes `batchMs` on the
     * test's clock. Returns what reached his working card.
     */
    async function reassignWith(progressEveryMs: number, batchMs: number): Promise<{ working: Partial<Activity>; updates: PostRecord[]; after: MoveState }> {
      t = new TestBot({ replyBudgetMs: 5, progressEveryMs });
      withManyE3Users();
      const moveId = await t.startContoso(STAFF.megan);
      const blocked = await t.acceptAndSweep(moveId);
      await t.click(STAFF.alex, 'move.offers.choose', pickData(blocked));
      const atApproval = t.orchestrator.get(moveId)!;
      assert.equal(atApproval.stage, 'approval');
      const reassign = gate();
      const change = t.customers.changeLicences.bind(t.customers);
      t.customers.changeLicences = async (tenantId, changes, ctx) => {
        await reassign.wait;
        t.clock.advance(batchMs);
        return change(tenantId, changes, ctx);
      };
      t.poster.clear();
      const click = await t.click(STAFF.alex, 'move.plan.approve', { moveId, version: atApproval.version, planHash: atApproval.plan!.hash });
      const working = onlyCardReply(click);
      assert.equal(t.orchestrator.get(moveId)!.stage, 'reassigning-licenses');
      assert.match(textOf(cardIn(working)), /Moving users to the new licences…\n0 of about 45 users done: 0 moved, 0 need attention\./);

      reassign.open();
      await until(() => t.orchestrator.get(moveId)?.stage === 'watching-sources', 'reassigned');
      await t.outbox.idle();
      const updates = t.poster.to(t.personal(STAFF.alex).id);
      assert.ok(updates.every((p) => p.op === 'update' && p.activityId === working.id), 'only updates of the working card');
      return { working, updates, after: t.orchestrator.get(moveId)! };
    }

    const progressOf = (updates: PostRecord[]) => updates.map((p) => textOf(cardIn(p.activity)))
      .map((text) => /(\d+) of about 45 users done/.exec(text)?.[1]).filter((done) => done !== undefined);

    function assertFinal({ updates, after }: { updates: PostRecord[]; after: MoveState }): void {
      const final = cardIn(updates.at(-1)!.activity)!;
      assert.deepEqual(final.refresh.action.data, { moveId: after.moveId, version: after.version }, 'the final state is always drawn');
      assert.doesNotMatch(textOf(final), WORKING);
      assert.match(textOf(final), /45 users moved/);
    }

    it('without a bound, draws done/total at every batch, then the final state', async () => {
      const unbounded = await reassignWith(0, 3_000);
      // The last batch ends the pass in the same commit: its count is on the card that follows.
      assert.deepEqual(progressOf(unbounded.updates), ['20', '40']);
      assertFinal(unbounded);
    });

    it('draws progress at most once per period per chat (fake clock), and always the final state', async () => {
      // Batches 3 s apart, at most one draw per 5 s: 20 done at +3 s is too soon after the card, 40 at +6 s is drawn.
      const bounded = await reassignWith(5_000, 3_000);
      assert.deepEqual(progressOf(bounded.updates), ['40']);
      assertFinal(bounded);

      const quick = await reassignWith(5_000, 1_000);
      assert.deepEqual(progressOf(quick.updates), [], 'all within 5 s of the card: no progress drawn');
      assertFinal(quick);
    });
  });

  it('leaves the move\'s channel thread to the channel: no working card for a click there', async () => {
    t = new TestBot({ replyBudgetMs: 5 });
    const atApproval = await t.contosoAtApproval(STAFF.megan);
    await t.registry.setThread(atApproval.moveId, {
      reference: { conversation: { id: '19:general@thread.tacv2;messageid=root-1', isGroup: true, conversationType: 'channel' } as never },
      rootActivityId: 'root-1',
    });
    const purchase = gate();
    const real = t.partnerCenter.getSubscription.bind(t.partnerCenter);
    t.partnerCenter.getSubscription = async (customerId, subscriptionId) => { await purchase.wait; return real(customerId, subscriptionId); };
    const thread = { id: '19:general@thread.tacv2;messageid=root-1', conversationType: 'channel', tenantId: t.personal(STAFF.adele).tenantId, isGroup: true, name: '' };
    const click = await t.click(STAFF.adele, 'move.plan.approve', { moveId: atApproval.moveId, version: atApproval.version, planHash: atApproval.plan!.hash }, thread);
    assertCardResponse(click, t.orchestrator.get(atApproval.moveId)!);
    assert.deepEqual(click.replies, []);
    assert.deepEqual(await workingRecords(atApproval.moveId), []);
    purchase.open();
    await until(() => t.orchestrator.get(atApproval.moveId)?.stage === 'watching-sources', 'bought');
    await t.outbox.idle();
  });
});
