/**
 * The outbox on its own: order per destination, a failing destination holding back only itself, retries on
 * a timer with back-off (sinon's fake timers stand in for the 30-second wait), a conversation Teams no longer
 * knows dropped, nothing delivered twice, and entries left behind by another instance taken over.
 */
import assert from 'node:assert/strict';
import sinon from 'sinon';
import { NotificationOutbox, outboxRetryDelayMs, type OutboxEntry, type OutboxItem } from '../../bot/notificationOutbox';
import { ConversationRegistry } from '../../bot/conversationRegistry';
import { FixedClock, InMemoryKeyValueStore, RecordingLog, RecordingPoster } from './fakes';

const chat = (id: string) => ({ conversation: { id, conversationType: 'personal', isGroup: false } }) as never;
const text = (value: string) => ({ type: 'message', text: value }) as never;
const toChat = (id: string, value: string): OutboxItem => ({ kind: 'follower', to: chat(id), activity: text(value), remember: null });

describe('NotificationOutbox', () => {
  let kv: InMemoryKeyValueStore;
  let registry: ConversationRegistry;
  let poster: RecordingPoster;
  let clock: FixedClock;
  let outbox: NotificationOutbox;
  let timers: sinon.SinonFakeTimers | null = null;

  beforeEach(() => {
    kv = new InMemoryKeyValueStore();
    registry = new ConversationRegistry(kv);
    poster = new RecordingPoster();
    clock = new FixedClock();
    outbox = new NotificationOutbox(kv, registry, poster, clock, new RecordingLog());
  });
  afterEach(async () => {
    timers?.restore();
    timers = null;
    await outbox.close();
  });

  const texts = (conversationId: string) => poster.to(conversationId).map((p) => p.activity.text);
  const entry = () => kv.get<OutboxEntry>('outbox/mv-1');

  it('delivers in commit order and empties itself', async () => {
    await outbox.append('mv-1', 3, 3, [toChat('a', 'one'), toChat('a', 'two')]);
    await outbox.append('mv-1', 4, 1, [toChat('a', 'three')]);
    await outbox.idle();
    assert.deepEqual(texts('a'), ['one', 'two', 'three']);
    assert.deepEqual((await entry())!.items, []);
    assert.equal((await entry())!.upTo, 4);
  });

  it('ignores items for versions it already covers (a replay after a crash)', async () => {
    await outbox.append('mv-1', 2, 2, [toChat('a', 'first')]);
    await outbox.append('mv-1', 2, 2, [toChat('a', 'first again')]);
    await outbox.idle();
    assert.deepEqual(texts('a'), ['first']);
  });

  it('holds back only the destination that fails, and retries it after the back-off', async () => {
    timers = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const send = poster.send.bind(poster);
    let bDown = true;
    poster.send = async (reference, activity) => {
      if (bDown && reference.conversation?.id === 'b') throw Object.assign(new Error('Bad Gateway'), { statusCode: 502 });
      return send(reference, activity);
    };
    await outbox.append('mv-1', 3, 3, [toChat('b', 'b1'), toChat('a', 'a1'), toChat('b', 'b2'), toChat('a', 'a2')]);
    await outbox.idle();
    assert.deepEqual(texts('a'), ['a1', 'a2'], 'the healthy chat is not held back');
    assert.deepEqual(texts('b'), []);
    const waiting = (await entry())!;
    assert.deepEqual(waiting.items.map((i) => (i as { activity: { text: string } }).activity.text), ['b1', 'b2'], 'order kept for the failing chat');
    assert.equal(waiting.attempts, 1);

    bDown = false;
    await timers.tickAsync(outboxRetryDelayMs(1) - 1);
    assert.deepEqual(texts('b'), [], 'not before the back-off');
    await timers.tickAsync(1);
    await outbox.idle();
    assert.deepEqual(texts('b'), ['b1', 'b2']);
    assert.deepEqual(texts('a'), ['a1', 'a2'], 'nothing delivered twice');
    assert.equal((await entry())!.attempts, 0);
  });

  it('delivers items appended during a pass at once, even while another destination waits for its back-off', async () => {
    const send = poster.send.bind(poster);
    let release!: () => void;
    const slow = new Promise<void>((resolve) => { release = resolve; });
    poster.send = async (reference, activity) => {
      if (reference.conversation?.id === 'b') throw Object.assign(new Error('Bad Gateway'), { statusCode: 502 });
      if ((activity as { text?: string }).text === 'a1') await slow;
      return send(reference, activity);
    };
    await outbox.append('mv-1', 1, 1, [toChat('b', 'b1'), toChat('a', 'a1')]);
    // The pass is busy with a1 (b1 already failed): a new item arrives meanwhile.
    await outbox.append('mv-1', 2, 1, [toChat('a', 'a2')]);
    release();
    await outbox.idle();
    assert.deepEqual(texts('a'), ['a1', 'a2'], 'a2 did not wait for b\'s back-off');
    assert.deepEqual(texts('b'), []);
  });

  it('drops a conversation Teams no longer knows, with what was meant for it, and forgets the follower', async () => {
    await registry.addFollower('mv-1', chat('gone'));
    const send = poster.send.bind(poster);
    poster.send = async (reference, activity) => {
      if (reference.conversation?.id === 'gone') throw Object.assign(new Error('Forbidden'), { statusCode: 403 });
      return send(reference, activity);
    };
    await outbox.append('mv-1', 2, 2, [toChat('gone', 'x'), toChat('gone', 'y'), toChat('a', 'z')]);
    await outbox.idle();
    assert.deepEqual(texts('a'), ['z']);
    assert.deepEqual((await entry())!.items, []);
    assert.deepEqual(await registry.getFollowers('mv-1'), []);
  });

  it('starts the channel thread once, then replies in it and updates its root in place', async () => {
    const channel = { conversation: { id: '19:general', conversationType: 'channel', isGroup: true } } as never;
    await outbox.append('mv-1', 1, 1, [
      { kind: 'thread-root', channel, channelId: '19:general', activity: text('root v1') },
      { kind: 'thread-reply', activity: text('started'), remember: null },
    ]);
    await outbox.append('mv-1', 2, 1, [
      { kind: 'thread-root', channel, channelId: '19:general', activity: text('root v2') },
      { kind: 'thread-reply', activity: text('accepted'), remember: 'plan' },
    ]);
    await outbox.idle();
    assert.deepEqual(poster.posts.map((p) => `${p.op} ${p.activity.text}`), ['startThread root v1', 'send started', 'update root v2', 'send accepted']);
    assert.equal((await registry.getPosted('mv-1'))[0]?.kind, 'plan', 'a card to update later is remembered');
  });

  it('takes over an entry another instance left untouched, and only then', async () => {
    const other: OutboxEntry = { upTo: 5, items: [{ ...toChat('a', 'left behind'), seq: 1 }], nextSeq: 2, attempts: 0, retryAt: null, updatedAt: clock.now().toISOString() };
    await kv.put('outbox/mv-1', other);
    await outbox.deliverDue(['mv-1']);
    await outbox.idle();
    assert.deepEqual(texts('a'), [], 'still fresh: the other instance may be delivering it');
    clock.advance(2 * 60_000);
    await outbox.deliverDue(['mv-1']);
    await outbox.idle();
    assert.deepEqual(texts('a'), ['left behind']);
  });
});
