import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
// Type and test harness only: store/ itself never imports botbuilder. This proves bot/ can pass a
// FileBotStorage wherever botbuilder expects a Storage.
import { ConversationState, TestAdapter, type Storage } from 'botbuilder';
import { FileBotStorage } from '../../store/fileBotStorage';
import { FileKeyValueStore } from '../../store/fileKeyValueStore';

const conflict = (key: string): Error => new Error(`Storage: error writing "${key}" due to eTag conflict.`);

describe('FileBotStorage', () => {
  let root: string;
  let storage: FileBotStorage;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'csp-bot-storage-'));
    storage = new FileBotStorage(path.join(root, 'bot-state'));
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('is a botbuilder Storage', () => {
    const asStorage: Storage = storage;
    assert.ok(asStorage);
  });

  it('leaves missing keys out of a read', async () => {
    assert.deepEqual(await storage.read(['a', 'b']), {});
    await storage.write({ a: { n: 1 } });
    const items = await storage.read(['a', 'b']);
    assert.deepEqual(Object.keys(items), ['a']);
    assert.ok(!('b' in items));
    assert.deepEqual(await storage.read([]), {});
  });

  it('returns items with a string eTag and a new eTag on each save', async () => {
    await storage.write({ a: { n: 1 } });
    const first = (await storage.read(['a'])).a;
    assert.equal(first.n, 1);
    assert.equal(typeof first.eTag, 'string');
    assert.ok(first.eTag.length > 0);

    await storage.write({ a: { n: 2, eTag: first.eTag } });
    const second = (await storage.read(['a'])).a;
    assert.equal(second.n, 2);
    assert.notEqual(second.eTag, first.eTag);
  });

  it('writes when the key is absent, whatever eTag comes with the item', async () => {
    await storage.write({ fresh: { n: 1, eTag: 'some-old-etag' } });
    assert.equal((await storage.read(['fresh'])).fresh.n, 1);
  });

  it('writes when the incoming eTag is "*", missing or empty', async () => {
    await storage.write({ a: { n: 1 } });
    await storage.write({ a: { n: 2, eTag: '*' } });
    assert.equal((await storage.read(['a'])).a.n, 2);
    await storage.write({ a: { n: 3 } });
    assert.equal((await storage.read(['a'])).a.n, 3);
    await storage.write({ a: { n: 4, eTag: '' } });
    assert.equal((await storage.read(['a'])).a.n, 4);
  });

  it('rejects a stale eTag with the MemoryStorage message and keeps the stored item', async () => {
    await storage.write({ a: { n: 1 } });
    const stale = (await storage.read(['a'])).a;
    await storage.write({ a: { ...stale, n: 2 } });
    const current = (await storage.read(['a'])).a;

    await assert.rejects(storage.write({ a: { ...stale, n: 3 } }), conflict('a'));
    await assert.rejects(storage.write({ a: { n: 3, eTag: 'made-up' } }), conflict('a'));
    assert.deepEqual((await storage.read(['a'])).a, current);
  });

  it('writes none of several keys when one conflicts', async () => {
    await storage.write({ a: { n: 1 }, b: { n: 1 } });
    await assert.rejects(storage.write({ a: { n: 2 }, b: { n: 2, eTag: 'stale' } }), conflict('b'));
    const items = await storage.read(['a', 'b']);
    assert.equal(items.a.n, 1);
    assert.equal(items.b.n, 1);
  });

  it('lets exactly one of two concurrent writes with the same eTag win', async () => {
    await storage.write({ a: { n: 0 } });
    const { eTag } = (await storage.read(['a'])).a as { eTag: string };
    const results = await Promise.allSettled([
      storage.write({ a: { n: 1, eTag } }),
      storage.write({ a: { n: 2, eTag } }),
    ]);
    assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
    const rejected = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    assert.deepEqual(rejected?.reason, conflict('a'));
  });

  it('does not change the caller’s object and returns independent copies', async () => {
    const item = { n: 1, nested: { list: [1] } };
    await storage.write({ a: item });
    assert.deepEqual(item, { n: 1, nested: { list: [1] } });
    const read = (await storage.read(['a'])).a;
    read.nested.list.push(2);
    assert.deepEqual((await storage.read(['a'])).a.nested.list, [1]);
  });

  it('deletes keys, missing ones included', async () => {
    await storage.write({ a: { n: 1 }, b: { n: 2 } });
    await storage.delete(['a', 'missing']);
    assert.deepEqual(Object.keys(await storage.read(['a', 'b'])), ['b']);
    await storage.write({ a: { n: 3, eTag: 'anything' } }); // absent again, so any eTag is accepted
    assert.equal((await storage.read(['a'])).a.n, 3);
  });

  it('rejects items that are not objects', async () => {
    await assert.rejects(storage.write({ a: null }), /must be an object/);
    await assert.rejects(storage.write({ a: 'text' }), /must be an object/);
  });

  it('persists across instances and can sit on a given key-value store', async () => {
    const kv = new FileKeyValueStore(path.join(root, 'shared'));
    await new FileBotStorage(kv).write({ 'msteams/conversations/a:1xyz': { step: 2 } });
    const reopened = new FileBotStorage(new FileKeyValueStore(path.join(root, 'shared')));
    assert.equal((await reopened.read(['msteams/conversations/a:1xyz']))['msteams/conversations/a:1xyz'].step, 2);
  });

  it('uses a custom eTag generator when given one', async () => {
    let next = 0;
    const counting = new FileBotStorage(path.join(root, 'counting'), { newETag: () => String(++next) });
    await counting.write({ a: { n: 1 } });
    await counting.write({ a: { n: 2 } });
    assert.equal((await counting.read(['a'])).a.eTag, '2');
  });

  it('keeps botbuilder conversation state across turns', async () => {
    const conversationState = new ConversationState(storage);
    const turns = conversationState.createProperty<number>('turns');
    const adapter = new TestAdapter(async (context) => {
      const count = (await turns.get(context, 0)) + 1;
      await turns.set(context, count);
      await context.sendActivity(`turn ${count}`);
      await conversationState.saveChanges(context);
    });
    await adapter.send('hi').assertReply('turn 1').send('again').assertReply('turn 2').startTest();

    // A fresh ConversationState on a reopened storage sees the saved count.
    const reopened = new ConversationState(new FileBotStorage(path.join(root, 'bot-state')));
    const reopenedTurns = reopened.createProperty<number>('turns');
    const next = new TestAdapter(async (context) => {
      await context.sendActivity(`seen ${await reopenedTurns.get(context, 0)}`);
    });
    await next.send('hello').assertReply('seen 2').startTest();
  });
});
