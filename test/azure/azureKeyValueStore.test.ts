import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AzureKeyValueStore, rowKeyOf } from '../../store/azure/azureKeyValueStore';
import { InvalidKeyError, MAX_KEY_LENGTH } from '../../store/fileKeyValueStore';
import { useAzurite } from './azurite';

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

describe('AzureKeyValueStore on Azurite', function () {
  this.timeout(60_000);
  const azurite = useAzurite();
  let store: AzureKeyValueStore;

  beforeEach(async () => {
    store = await AzureKeyValueStore.create(azurite().connectionString, `kv${randomUUID().replace(/-/g, '')}`);
  });

  afterEach(async () => {
    await store.client.deleteTable();
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
    await store.put('false', false);
    assert.equal(await store.get('zero'), 0);
    assert.equal(await store.get('null'), null);
    assert.equal(await store.get('false'), false);

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
    await store.put('card', 'not under card/');
    assert.deepEqual(await store.list(), ['card', 'card/move-1', 'card/move-2', 'conversation-ref/move-1', 'notification-channel']);
    assert.deepEqual(await store.list('card/'), ['card/move-1', 'card/move-2']);
    assert.deepEqual(await store.list('c'), ['card', 'card/move-1', 'card/move-2', 'conversation-ref/move-1']);
    assert.deepEqual(await store.list('nothing'), []);
  });

  it('round-trips hostile keys: the characters Azure forbids in keys, control characters, unicode', async () => {
    const keys = [
      '../../etc/passwd', '/absolute', '..', '.', '.hidden', 'a\\b', 'C:\\x', 'with space', 'nul\0byte', 'hash#tag',
      'what?', 'tab\there', 'del\u007Fchar', 'c1\u0085ctrl', '%2F', '_2F', 'msteams/conversations/a:1Tc0XYZ_abc-DEF==',
      'ünïcødé', '🚀 rocket', '~hash-like', 'CON', "quote'single", 'quote"double',
    ];
    for (const [index, key] of keys.entries()) await store.put(key, index);
    for (const [index, key] of keys.entries()) assert.equal(await store.get(key), index, key);
    assert.deepEqual(await store.list(), [...keys].sort());
    assert.deepEqual(await store.list('quote'), ["quote'single", 'quote"double'].sort());
    for (const key of keys) assert.match(rowKeyOf(key), /^[A-Za-z0-9_-]+$/, key);
  });

  it('keeps keys that differ only in case apart', async () => {
    await store.put('Move-A', 'upper');
    await store.put('move-a', 'lower');
    assert.equal(await store.get('Move-A'), 'upper');
    assert.equal(await store.get('move-a'), 'lower');
    assert.deepEqual(await store.list(), ['Move-A', 'move-a']);
  });

  it('stores long keys under a hashed row key and still lists them, by prefix too', async () => {
    const longKey = `msteams/users/${'A'.repeat(400)}`;
    const maxKey = 'k'.repeat(MAX_KEY_LENGTH);
    const longUnicode = `msteams/${'ü'.repeat(300)}`;
    await store.put(longKey, { long: true });
    await store.put(maxKey, 1);
    await store.put(longUnicode, 2);
    await store.put('msteams/short', 3);
    assert.deepEqual(await store.get(longKey), { long: true });
    assert.match(rowKeyOf(longKey), /^~[0-9a-f]{64}$/);
    assert.deepEqual(await store.list('msteams/'), [longKey, longUnicode, 'msteams/short'].sort());
    assert.deepEqual(await store.list('msteams/users/'), [longKey]);
    assert.equal((await store.list()).length, 4);
  });

  it('rejects empty, too long and malformed keys', async () => {
    await assert.rejects(store.put('', 1), InvalidKeyError);
    await assert.rejects(store.get('x'.repeat(MAX_KEY_LENGTH + 1)), InvalidKeyError);
    await assert.rejects(store.put('lone \uD800 surrogate', 1), /not well-formed/);
    await assert.rejects(store.delete(7 as unknown as string), InvalidKeyError);
  });

  it('is shared by several instances on one table', async () => {
    const other = new AzureKeyValueStore(azurite().connectionString, store.client.tableName);
    await store.put('card/move-1', { activityId: '1:2' });
    assert.deepEqual(await other.get('card/move-1'), { activityId: '1:2' });
    await other.delete('card/move-1');
    assert.equal(await store.get('card/move-1'), undefined);
    const elsewhere = new AzureKeyValueStore(azurite().connectionString, store.client.tableName, { partition: 'other' });
    await elsewhere.put('card/move-1', 'separate');
    assert.deepEqual(await store.list(), []);
    assert.deepEqual(await elsewhere.list(), ['card/move-1']);
  });

  it('applies concurrent puts of one key in call order', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.put('counter', i)));
    assert.equal(await store.get('counter'), 19);
  });

  it('stores the value as it was at the call, and large values intact', async () => {
    const value = { n: 1 };
    const pending = store.put('k', value);
    value.n = 2;
    await pending;
    assert.deepEqual(await store.get('k'), { n: 1 });
    // Over 64 KiB of multi-byte characters: a request body that Azurite's plain insert path would corrupt.
    const big = { text: 'Ünïcödé "q" \\ 🚀 '.repeat(12_000) };
    await store.put('big', big);
    const loaded = await store.get<typeof big>('big');
    assert.ok(loaded?.text === big.text, `the large value came back changed (${loaded?.text.length} vs ${big.text.length} characters)`);
  });

  it('ignores foreign rows when listing', async () => {
    await store.put('real', 1);
    await store.client.createEntity({ partitionKey: 'kv', rowKey: 'README', note: 'x' });
    await store.client.createEntity({ partitionKey: 'kv', rowKey: 'other', key: 'not-this-row', json0: '1', jsonParts: 1 });
    await store.client.createEntity({ partitionKey: 'kv', rowKey: '~0000', key: 'real-but-wrong-row', json0: '1', jsonParts: 1 });
    assert.deepEqual(await store.list(), ['real']);
  });
});
