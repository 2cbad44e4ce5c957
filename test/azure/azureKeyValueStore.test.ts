import assert from 'node:assert/strict';
import { runKeyValueStoreContract } from '../store/keyValueStoreContract';
import { randomUUID } from 'node:crypto';
import { AzureKeyValueStore, rowKeyOf } from '../../store/azure/azureKeyValueStore';
import { MAX_KEY_LENGTH } from '../../store/fileKeyValueStore';
import { useAzurite } from './azurite';


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

  runKeyValueStoreContract(() => store);





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
