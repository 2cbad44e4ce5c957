import assert from 'node:assert/strict';
import { InvalidKeyError, MAX_KEY_LENGTH } from '../../store/fileKeyValueStore';
import type { KeyValueStore } from '../../store/keyValueStore';

interface ConversationReferenceLike {
  conversation: { id: string; tenantId: string };
  serviceUrl: string;
  activityIds?: string[];
}

export const reference: ConversationReferenceLike = {
  conversation: { id: '19:abc@thread.tacv2;messageid=1700000000000', tenantId: 'tenant-1' },
  serviceUrl: 'https://smba.trafficmanager.net/amer/',
  activityIds: ['1:1', '1:2'],
};

/**
 * What every KeyValueStore must do (the file and the Azure Table one alike). `store()` gives the store
 * under test, fresh for each test (the caller's beforeEach makes it).
 */
export function runKeyValueStoreContract(store: () => KeyValueStore): void {
  it('gets undefined for a missing key', async () => {
    assert.equal(await store().get('missing'), undefined);
    assert.deepEqual(await store().list(), []);
  });

  it('puts, gets, overwrites and deletes JSON documents', async () => {
    const s = store();
    await s.put('conversation-ref/move-1', reference);
    assert.deepEqual(await s.get<ConversationReferenceLike>('conversation-ref/move-1'), reference);
    await s.put('conversation-ref/move-1', { ...reference, serviceUrl: 'https://example.test/' });
    assert.equal((await s.get<ConversationReferenceLike>('conversation-ref/move-1'))?.serviceUrl, 'https://example.test/');
    await s.put('notification-channel', 'channel-id');
    assert.equal(await s.get<string>('notification-channel'), 'channel-id');
    await s.put('zero', 0);
    await s.put('null', null);
    await s.put('false', false);
    assert.equal(await s.get('zero'), 0);
    assert.equal(await s.get('null'), null);
    assert.equal(await s.get('false'), false);
    await s.delete('conversation-ref/move-1');
    assert.equal(await s.get('conversation-ref/move-1'), undefined);
    await s.delete('conversation-ref/move-1'); // missing is fine
  });

  it('refuses to store undefined', async () => {
    await assert.rejects(store().put('k', undefined), /use delete/);
  });

  it('lists keys, optionally by prefix, sorted', async () => {
    const s = store();
    await s.put('card/move-2', 'a');
    await s.put('card/move-1', 'b');
    await s.put('conversation-ref/move-1', reference);
    await s.put('notification-channel', 'c');
    await s.put('card', 'not under card/');
    assert.deepEqual(await s.list(), ['card', 'card/move-1', 'card/move-2', 'conversation-ref/move-1', 'notification-channel']);
    assert.deepEqual(await s.list('card/'), ['card/move-1', 'card/move-2']);
    assert.deepEqual(await s.list('c'), ['card', 'card/move-1', 'card/move-2', 'conversation-ref/move-1']);
    assert.deepEqual(await s.list('nothing'), []);
  });

  it('rejects empty, too long and malformed keys', async () => {
    const s = store();
    await assert.rejects(s.put('', 1), InvalidKeyError);
    await assert.rejects(s.get('x'.repeat(MAX_KEY_LENGTH + 1)), InvalidKeyError);
    await assert.rejects(s.put('lone \uD800 surrogate', 1), /not well-formed/);
    await assert.rejects(s.delete(7 as unknown as string), InvalidKeyError);
  });

  it('applies concurrent puts of one key in call order', async () => {
    const s = store();
    await Promise.all(Array.from({ length: 20 }, (_, i) => s.put('counter', i)));
    assert.equal(await s.get('counter'), 19);
  });
}
