import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { AzureStorageError } from '../../store/azure/azureErrors';
import { createAzureStorage, openAzureStorage, type AzureStorage, type AzureStorageConfig } from '../../store/azure/azureStorage';
import { containerClientFrom } from '../../store/azure/connection';
import { moveStarted, stepFailed } from '../store/moveEventFixtures';
import { useAzurite } from './azurite';
import { BlobsStorage } from 'botbuilder-azure-blobs';

describe('openAzureStorage (scale-out storage) on Azurite', function () {
  this.timeout(60_000);
  const azurite = useAzurite();
  let config: AzureStorageConfig;
  const opened: AzureStorage[] = [];
  /** The Teams edge puts botbuilder's BlobsStorage on the bot-state container; so do these tests. */
  const botStorageOf = (storage: AzureStorage) => new BlobsStorage(config.connectionString, storage.botStateContainer);

  beforeEach(() => {
    const suffix = randomUUID().replace(/-/g, '').slice(0, 20);
    config = {
      connectionString: azurite().connectionString,
      movesTable: `moves${suffix}`,
      keyValuesTable: `kv${suffix}`,
      botStateContainer: `bot-state-${suffix}`,
      leaseContainer: `leases-${suffix}`,
      leaseSeconds: 15,
      election: { intervalMs: 1000 },
    };
  });

  afterEach(async () => {
    await Promise.all(opened.map((storage) => storage.leader.stop()));
    const first = opened.splice(0)[0];
    if (!first) return;
    await first.moves.client.deleteTable();
    await first.keyValues.client.deleteTable();
    await containerClientFrom(config.connectionString, config.botStateContainer!).deleteIfExists();
    await containerClientFrom(config.connectionString, config.leaseContainer!).deleteIfExists();
  });

  async function open(): Promise<AzureStorage> {
    const storage = await openAzureStorage(config);
    opened.push(storage);
    return storage;
  }

  it('creates its tables and containers, idempotently, and every part works', async () => {
    const storage = await open();
    await storage.ensure();
    assert.equal(await storage.moves.append('move-1', 0, [moveStarted('move-1')]), 1);
    await storage.keyValues.put('conversation-ref/move-1', { serviceUrl: 'https://smba.example.test/' });
    await botStorageOf(storage).write({ 'msteams/conversations/19:abc@thread.tacv2/': { dialogState: { stack: ['intake'] }, eTag: '*' } });
    const items = await botStorageOf(storage).read(['msteams/conversations/19:abc@thread.tacv2/']);
    assert.deepEqual(items['msteams/conversations/19:abc@thread.tacv2/']?.dialogState, { stack: ['intake'] });
    assert.equal(await storage.leader.start(), true);
  });

  it('lets two bot instances share everything, with one sweeping leader and bot state eTags enforced', async () => {
    const first = await open();
    const second = await open();
    await first.moves.append('move-1', 0, [moveStarted('move-1')]);
    const conflicting = await Promise.allSettled([first.moves.append('move-1', 1, [stepFailed('a')]), second.moves.append('move-1', 1, [stepFailed('b')])]);
    assert.equal(conflicting.filter((result) => result.status === 'fulfilled').length, 1);
    assert.deepEqual(await second.moves.listMoveIds(), ['move-1']);

    await first.keyValues.put('notification-channel', '19:general@thread.tacv2');
    assert.equal(await second.keyValues.get('notification-channel'), '19:general@thread.tacv2');

    await botStorageOf(first).write({ 'user/1': { turns: 1 } });
    const read = await botStorageOf(second).read(['user/1']);
    const eTag = read['user/1']?.eTag as string;
    await botStorageOf(second).write({ 'user/1': { turns: 2, eTag } });
    await assert.rejects(botStorageOf(first).write({ 'user/1': { turns: 3, eTag } }), 'a stale eTag is refused across instances');

    const leaders = await Promise.all([first.leader.start(), second.leader.start()]);
    assert.deepEqual(leaders.filter(Boolean).length, 1);
  });

  it('refuses bad configuration before any request, naming the fix and never the key', () => {
    const key = /AccountKey=([^;]+)/.exec(config.connectionString)![1]!;
    const check = (overrides: Partial<AzureStorageConfig>, pattern: RegExp): void => {
      assert.throws(() => createAzureStorage({ ...config, ...overrides }), (error: unknown) => {
        assert.ok(error instanceof AzureStorageError, String(error));
        assert.match(error.message, pattern);
        assert.ok(!error.message.includes(key), 'the account key never appears');
        return true;
      });
    };
    check({ connectionString: config.connectionString.replace(/AccountKey=[^;]+;/, '') }, /neither AccountKey nor SharedAccessSignature.*Access keys/);
    check({ connectionString: config.connectionString.replace(/AccountName=[^;]+;/, '') }, /AccountKey but no AccountName/);
    check({ connectionString: config.connectionString.replace('TableEndpoint=http://', 'TableEndpoint=ftp://') }, /TableEndpoint must use https/);
    check({ movesTable: 'moves-with-hyphen' }, /invalid table name "moves-with-hyphen"/);
    check({ botStateContainer: 'Bot_State' }, /invalid container name "Bot_State"/);
    assert.throws(() => createAzureStorage({ ...config, leaseSeconds: 90 }), /15-60 whole seconds/);
  });

  it('fails ensure() with the step and the fix when the account cannot be reached', async function () {
    this.timeout(60_000);
    const unreachable = config.connectionString.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:1');
    const started = Date.now();
    await assert.rejects(openAzureStorage({ ...config, connectionString: unreachable }), (error: unknown) => {
      assert.ok(error instanceof AzureStorageError, String(error));
      assert.match(error.message, /^Creating the Azure (table|blob container) \(ensure\): .*cannot be reached\. Check the endpoints in AZURE_STORAGE_CONNECTION_STRING/);
      return true;
    });
    console.log(`      (unreachable account reported after ${Date.now() - started} ms of SDK retries)`);
  });
});
