import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { TableClient } from '@azure/data-tables';
import { ConcurrencyError } from '../../move/ports';
import { AzureStorageError } from '../../store/azure/azureErrors';
import { AppendTooLargeError, AzureTableMoveStore, HEAD_ROW_KEY, rowKeyOf } from '../../store/azure/azureTableMoveStore';
import { InvalidMoveIdError } from '../../store/fileMoveStore';
import { runMoveStoreContract } from '../store/moveStoreContract';
import { largeStepFailed, moveStarted, stepFailed } from '../store/moveEventFixtures';
import { useAzurite } from './azurite';

function freshTableName(): string {
  return `moves${randomUUID().replace(/-/g, '')}`;
}

describe('AzureTableMoveStore on Azurite', function () {
  this.timeout(60_000);
  const azurite = useAzurite();

  /** Two "bot instances": two stores, each with its own client, on one table. */
  async function twoInstances(): Promise<{ a: AzureTableMoveStore; b: AzureTableMoveStore; drop(): Promise<void> }> {
    const table = freshTableName();
    const a = await AzureTableMoveStore.create(azurite().connectionString, table);
    const b = new AzureTableMoveStore(azurite().connectionString, table);
    return { a, b, drop: () => a.client.deleteTable() };
  }

  runMoveStoreContract('AzureTableMoveStore', async () => {
    const store = await AzureTableMoveStore.create(azurite().connectionString, freshTableName());
    return { store, cleanup: () => store.client.deleteTable() };
  });

  describe('several bot instances on one table', () => {
    it('lets exactly one of two instances appending at the same version win', async () => {
      const { a, b, drop } = await twoInstances();
      try {
        await a.append('move-1', 0, [moveStarted('move-1')]);
        const results = await Promise.allSettled([a.append('move-1', 1, [stepFailed('from-a')]), b.append('move-1', 1, [stepFailed('from-b')])]);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        const loser = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        assert.ok(loser?.reason instanceof ConcurrencyError, String(loser?.reason));
        assert.equal(loser.reason.actualVersion, 2);
        const events = await b.load('move-1');
        assert.equal(events.length, 2);
        assert.deepEqual(await a.load('move-1'), events);
      } finally {
        await drop();
      }
    });

    it('lets exactly one of two instances create a move (first append at version 0)', async () => {
      const { a, b, drop } = await twoInstances();
      try {
        const results = await Promise.allSettled([a.append('move-1', 0, [moveStarted('move-1', 'a.com')]), b.append('move-1', 0, [moveStarted('move-1', 'b.com'), stepFailed('x')])]);
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
        const loser = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        assert.ok(loser?.reason instanceof ConcurrencyError);
        assert.ok([1, 2].includes((await a.load('move-1')).length));
      } finally {
        await drop();
      }
    });

    it('of 50 concurrent appends at version N across two instances, one wins and 49 get ConcurrencyError', async () => {
      const { a, b, drop } = await twoInstances();
      try {
        await a.append('move-1', 0, [moveStarted('move-1'), stepFailed('s1'), stepFailed('s2')]);
        const started = Date.now();
        const results = await Promise.allSettled(
          Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? a : b).append('move-1', 3, [stepFailed(`attempt-${i}`)])),
        );
        const elapsed = Date.now() - started;
        const winners = results.filter((r) => r.status === 'fulfilled');
        const losers = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        assert.equal(winners.length, 1);
        assert.equal(losers.length, 49);
        for (const loser of losers) {
          assert.ok(loser.reason instanceof ConcurrencyError, String(loser.reason));
          assert.equal(loser.reason.actualVersion, 4);
        }
        const events = await b.load('move-1');
        assert.equal(events.length, 4);
        console.log(`      (50 concurrent appends across 2 instances settled in ${elapsed} ms)`);
      } finally {
        await drop();
      }
    });

    it('sees the other instance’s appends and lists its moves', async () => {
      const { a, b, drop } = await twoInstances();
      try {
        await a.append('move-a', 0, [moveStarted('move-a')]);
        await b.append('move-b', 0, [moveStarted('move-b')]);
        assert.equal(await b.append('move-a', 1, [stepFailed('by-b')]), 2);
        assert.deepEqual(await a.load('move-a'), [moveStarted('move-a'), stepFailed('by-b')]);
        assert.deepEqual(await a.listMoveIds(), ['move-a', 'move-b']);
      } finally {
        await drop();
      }
    });

    it('tells every stream\'s version from the heads alone, the other instance\'s appends included', async () => {
      const { a, b, drop } = await twoInstances();
      try {
        assert.deepEqual(await a.streamVersions(), new Map());
        await a.append('move-a', 0, [moveStarted('move-a'), stepFailed('one')]);
        await b.append('move-b', 0, [moveStarted('move-b')]);
        await b.append('move-a', 2, [stepFailed('by-b')]);
        await a.client.createEntity({ partitionKey: 'not a move', rowKey: HEAD_ROW_KEY, version: 4 });
        assert.deepEqual(await a.streamVersions(), new Map([['move-a', 3], ['move-b', 1]]));
      } finally {
        await drop();
      }
    });
  });

  describe('Azure specifics', () => {
    let store: AzureTableMoveStore;
    let client: TableClient;

    beforeEach(async () => {
      store = await AzureTableMoveStore.create(azurite().connectionString, freshTableName());
      client = store.client;
    });

    afterEach(async () => {
      await client.deleteTable();
    });

    it('keeps one partition per move: zero-padded event rows and a head with the version', async () => {
      await store.append('move-1', 0, [moveStarted('move-1'), largeStepFailed(200 * 1024)]);
      const rows: Array<{ partitionKey?: string; rowKey?: string; [key: string]: unknown }> = [];
      for await (const entity of client.listEntities()) rows.push(entity);
      assert.deepEqual(rows.map((row) => [row.partitionKey, row.rowKey]), [['move-1', rowKeyOf(1)], ['move-1', rowKeyOf(2)], ['move-1', HEAD_ROW_KEY]]);
      assert.equal(rowKeyOf(1), '0000000001');
      assert.equal(rows[2]!.version, 2);
      assert.equal(rows[0]!.eventType, 'MoveStarted');
      assert.ok(Number(rows[1]!.jsonParts) > 1, 'a 200 KB event is split across properties');
    });

    it('keeps surrogate pairs and multi-byte characters intact across property splits', async () => {
      const events = [0, 1, 2].map((shift) => stepFailed('emoji', `${'x'.repeat(shift)}${'🚀ü—'.repeat(40_000)}`));
      await store.append('move-emoji', 0, events);
      const loaded = await store.load('move-emoji');
      assert.ok(JSON.stringify(loaded) === JSON.stringify(events), 'the events came back changed');
    });

    it('treats its own append as done when a retried transaction conflicts with itself (lost response)', async () => {
      await store.append('move-1', 0, [moveStarted('move-1')]);
      const submit = client.submitTransaction.bind(client);
      // What the SDK's retry after a lost response looks like: the transaction commits, then runs again.
      client.submitTransaction = async (actions, options) => {
        await submit(actions, options);
        return submit(actions, options);
      };
      assert.equal(await store.append('move-1', 1, [stepFailed('once')]), 2);
      assert.equal(await store.append('move-1', 2, [stepFailed('twice')]), 3);
      assert.equal(await store.append('move-2', 0, [moveStarted('move-2')]), 1);
      client.submitTransaction = submit;
      assert.deepEqual(await store.load('move-2'), [moveStarted('move-2')]);
      assert.deepEqual(await store.load('move-1'), [moveStarted('move-1'), stepFailed('once'), stepFailed('twice')]);
      await assert.rejects(store.append('move-1', 2, [stepFailed('stale')]), ConcurrencyError);
    });

    it('pages through a long stream in order', async () => {
      await store.append('move-long', 0, [moveStarted('move-long')]);
      let version = 1;
      for (let batch = 0; batch < 12; batch++) {
        const events = Array.from({ length: 99 }, (_, i) => stepFailed(`step-${version + i}`));
        version = await store.append('move-long', version, events);
      }
      const loaded = await store.load('move-long');
      assert.equal(loaded.length, 1 + 12 * 99);
      loaded.slice(1).forEach((event, index) => assert.equal((event as { step: string }).step, `step-${index + 1}`));
    });

    it('refuses an append over one transaction whole, with a clear error', async () => {
      await assert.rejects(store.append('move-1', 0, Array.from({ length: 100 }, () => stepFailed('x'))), (error: unknown) => {
        assert.ok(error instanceof AppendTooLargeError);
        assert.match(error.message, /at most 99 events/);
        return true;
      });
      await assert.rejects(store.append('move-1', 0, [largeStepFailed(600 * 1024)]), /at most 480000|1 MiB/);
      const fiveMiB = Array.from({ length: 12 }, () => largeStepFailed(400 * 1024));
      await assert.rejects(store.append('move-1', 0, fiveMiB), /4 MiB/);
      assert.deepEqual(await store.load('move-1'), []);
      assert.deepEqual(await store.listMoveIds(), []);
    });

    it('refuses hostile move ids before touching the table', async () => {
      for (const moveId of ['', '../x', 'a/b', 'a#b', 'a?b', 'a\\b', 'a\u0001b', 'x'.repeat(129)]) {
        await assert.rejects(store.load(moveId), InvalidMoveIdError);
        await assert.rejects(store.append(moveId, 0, [moveStarted('x')]), InvalidMoveIdError);
      }
    });

    it('ignores rows that are not move heads when listing, and fails loudly on a damaged stream', async () => {
      await store.append('move-1', 0, [moveStarted('move-1'), stepFailed('a')]);
      await client.createEntity({ partitionKey: 'not a move', rowKey: HEAD_ROW_KEY, version: 1 });
      assert.deepEqual(await store.listMoveIds(), ['move-1']);
      await client.deleteEntity('move-1', rowKeyOf(2));
      await assert.rejects(store.load('move-1'), /damaged/);
      await client.upsertEntity({ partitionKey: 'move-1', rowKey: rowKeyOf(2), json0: '{"type":', jsonParts: 1 }, 'Replace');
      await assert.rejects(store.load('move-1'), /not valid JSON/);
    });

    it('says what to do when the table does not exist', async () => {
      const missing = new AzureTableMoveStore(azurite().connectionString, freshTableName());
      await assert.rejects(missing.load('move-1'), (error: unknown) => {
        assert.ok(error instanceof AzureStorageError, String(error));
        assert.match(error.message, /Loading a move: table moves\w+: .*does not exist\. Call ensure\(\)/);
        return true;
      });
      await assert.rejects(missing.listMoveIds(), /Call ensure\(\)/);
      await missing.ensure();
      await missing.ensure(); // idempotent
      assert.deepEqual(await missing.load('move-1'), []);
      await missing.client.deleteTable();
    });

    it('refuses a bad connection string without echoing it', () => {
      const secretish = 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0LWtleQ=+!';
      assert.throws(() => new AzureTableMoveStore(secretish), (error: unknown) => {
        assert.ok(error instanceof AzureStorageError);
        assert.match(error.message, /^Reading AZURE_STORAGE_CONNECTION_STRING: its AccountKey is not base64/);
        assert.ok(!error.message.includes('c2VjcmV0'), 'the key never appears');
        return true;
      });
      assert.throws(() => new AzureTableMoveStore('not a connection string'), /Name=value pairs/);
      assert.throws(() => new AzureTableMoveStore(''), /empty/);
      assert.throws(() => new AzureTableMoveStore('AccountName=a;EndpointSuffix=core.windows.net'), /neither AccountKey nor SharedAccessSignature/);
      assert.throws(() => new AzureTableMoveStore(azurite().connectionString, 'bad-name'), /invalid table name/);
      assert.throws(
        () => new AzureTableMoveStore(azurite().connectionString.replace(/127\.0\.0\.1/g, 'storage.example.test')),
        /must use https/,
      );
    });

    it('says the key was refused when the account key is wrong, without showing it', async () => {
      const wrongKey = Buffer.from('definitely-not-the-key').toString('base64');
      const wrong = new AzureTableMoveStore(azurite().connectionString.replace(/AccountKey=[^;]+/, `AccountKey=${wrongKey}`), client.tableName);
      await assert.rejects(wrong.load('move-1'), (error: unknown) => {
        assert.ok(error instanceof AzureStorageError, String(error));
        assert.match(error.message, /Loading a move: .*(refused|denied)/);
        assert.ok(!error.message.includes(wrongKey));
        return true;
      });
    });
  });
});
