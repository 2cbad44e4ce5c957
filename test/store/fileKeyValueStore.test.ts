import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tempPathFor } from '../../store/atomicFile';
import { FileKeyValueStore, InvalidKeyError, MAX_KEY_LENGTH } from '../../store/fileKeyValueStore';

interface ConversationReferenceLike {
  conversation: { id: string; tenantId: string };
  serviceUrl: string;
  activityIds?: string[];
}

const reference: ConversationReferenceLike = {
  conversation: { id: '19:abc@thread.tacv2;messageid=1700000000000', tenantId: 'tenant-1' },
  serviceUrl: 'https://smba.trafficmanager.net/amer/',
  activityIds: ['1:1', '1:2'],
};

describe('FileKeyValueStore', () => {
  let root: string;
  let folder: string;
  let store: FileKeyValueStore;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'csp-kv-'));
    folder = path.join(root, 'kv');
    store = new FileKeyValueStore(folder);
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('gets undefined for a missing key', async () => {
    assert.equal(await store.get('missing'), undefined);
    assert.deepEqual(await store.list(), []);
  });

  it('puts, gets, overwrites and deletes JSON documents', async () => {
    await store.put('conversation-ref/move-1', reference);
    assert.deepEqual(await store.get<ConversationReferenceLike>('conversation-ref/move-1'), reference);

    await store.put('conversation-ref/move-1', { ...reference, serviceUrl: 'https://example.test/' });
    assert.equal((await store.get<ConversationReferenceLike>('conversation-ref/move-1'))?.serviceUrl, 'https://example.test/');

    await store.put('notification-channel', 'channel-id');
    assert.equal(await store.get<string>('notification-channel'), 'channel-id');
    await store.put('zero', 0);
    await store.put('null', null);
    assert.equal(await store.get('zero'), 0);
    assert.equal(await store.get('null'), null);

    await store.delete('conversation-ref/move-1');
    assert.equal(await store.get('conversation-ref/move-1'), undefined);
    await store.delete('conversation-ref/move-1'); // missing is fine
  });

  it('refuses to store undefined', async () => {
    await assert.rejects(store.put('k', undefined), /use delete/);
  });

  it('lists keys, optionally by prefix, sorted', async () => {
    await store.put('card/move-2', 'a');
    await store.put('card/move-1', 'b');
    await store.put('conversation-ref/move-1', reference);
    await store.put('notification-channel', 'c');
    assert.deepEqual(await store.list(), ['card/move-1', 'card/move-2', 'conversation-ref/move-1', 'notification-channel']);
    assert.deepEqual(await store.list('card/'), ['card/move-1', 'card/move-2']);
    assert.deepEqual(await store.list('nothing'), []);
  });

  it('round-trips awkward keys and keeps every file inside the folder', async () => {
    const keys = [
      '../../etc/passwd', '/absolute', '..', '.', '.hidden', 'a\\b', 'C:\\x', 'with space', 'nul\0byte',
      'msteams/conversations/a:1Tc0XYZ_abc-DEF==', 'ünïcødé', '🚀 rocket', '%41', '~hash-like', 'CON',
    ];
    for (const [index, key] of keys.entries()) await store.put(key, index);
    for (const [index, key] of keys.entries()) assert.equal(await store.get(key), index, key);
    assert.deepEqual(await store.list(), [...keys].sort());

    assert.deepEqual(await fs.readdir(root), ['kv']);
    for (const name of await fs.readdir(folder)) {
      assert.match(name, /^[a-z0-9_%~A-F-]+\.json$/, name);
      assert.ok(!name.startsWith('.'), name);
    }
  });

  it('keeps keys that differ only in case apart, even on a case-insensitive disk', async () => {
    await store.put('Move-A', 'upper');
    await store.put('move-a', 'lower');
    const names = await fs.readdir(folder);
    assert.equal(new Set(names.map((name) => name.toLowerCase())).size, 2);
    assert.equal(await store.get('Move-A'), 'upper');
    assert.equal(await store.get('move-a'), 'lower');
  });

  it('stores long keys under a hashed name and still lists them', async () => {
    const longKey = `msteams/users/${'A'.repeat(400)}`;
    const maxKey = 'k'.repeat(MAX_KEY_LENGTH);
    await store.put(longKey, { long: true });
    await store.put(maxKey, 1);
    assert.deepEqual(await store.get(longKey), { long: true });
    assert.match(path.basename(store.pathOf(longKey)), /^~[0-9a-f]{64}\.json$/);
    assert.deepEqual(await store.list('msteams/'), [longKey]);
    assert.deepEqual((await store.list()).length, 2);
  });

  it('rejects empty, too long and malformed keys', async () => {
    await assert.rejects(store.put('', 1), InvalidKeyError);
    await assert.rejects(store.get('x'.repeat(MAX_KEY_LENGTH + 1)), InvalidKeyError);
    await assert.rejects(store.put('lone \uD800 surrogate', 1), /not well-formed/);
    await assert.rejects(store.delete(7 as unknown as string), InvalidKeyError);
  });

  it('persists across instances and ignores and cleans leftover temp files', async () => {
    await store.put('card/move-1', { activityId: '1:2' });
    await fs.writeFile(tempPathFor(store.pathOf('card/move-1')), '{"key":"card/move-1","value":{"activityId":"torn');
    const reopened = new FileKeyValueStore(folder);
    assert.deepEqual(await reopened.get('card/move-1'), { activityId: '1:2' });
    assert.deepEqual(await reopened.list(), ['card/move-1']);
    assert.deepEqual(await fs.readdir(folder), [path.basename(store.pathOf('card/move-1'))]);
  });

  it('applies concurrent puts of one key in call order', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.put('counter', i)));
    assert.equal(await store.get('counter'), 19);
  });

  it('stores the value as it was at the call', async () => {
    const value = { n: 1 };
    const pending = store.put('k', value);
    value.n = 2;
    await pending;
    assert.deepEqual(await store.get('k'), { n: 1 });
  });

  it('ignores foreign files when listing', async () => {
    await store.put('real', 1);
    await fs.writeFile(path.join(folder, 'README.json'), '{}');
    await fs.writeFile(path.join(folder, 'notes.txt'), 'x');
    assert.deepEqual(await store.list(), ['real']);
  });
});
