import assert from 'node:assert/strict';
import { runKeyValueStoreContract } from './keyValueStoreContract';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tempPathFor } from '../../store/atomicFile';
import { FileKeyValueStore, MAX_KEY_LENGTH } from '../../store/fileKeyValueStore';


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

  runKeyValueStoreContract(() => store);





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


  it('persists across instances and ignores and cleans leftover temp files', async () => {
    await store.put('card/move-1', { activityId: '1:2' });
    await fs.writeFile(tempPathFor(store.pathOf('card/move-1')), '{"key":"card/move-1","value":{"activityId":"torn');
    const reopened = new FileKeyValueStore(folder);
    assert.deepEqual(await reopened.get('card/move-1'), { activityId: '1:2' });
    assert.deepEqual(await reopened.list(), ['card/move-1']);
    assert.deepEqual(await fs.readdir(folder), [path.basename(store.pathOf('card/move-1'))]);
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
