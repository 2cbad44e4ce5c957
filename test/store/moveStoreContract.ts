/**
 * The behaviour every MoveStore must have (file store today, Azure Tables later). Call it from a
 * *.test.ts file with a factory that gives a fresh, empty store and a cleanup for it.
 */
import assert from 'node:assert/strict';
import type { MoveEvent } from '../../move/events';
import { ConcurrencyError, type MoveStore } from '../../move/ports';
import { largeStepFailed, moveStarted, stepFailed } from './moveEventFixtures';

export interface MoveStoreUnderTest {
  store: MoveStore;
  cleanup(): Promise<void>;
}

export function runMoveStoreContract(name: string, makeStore: () => Promise<MoveStoreUnderTest>): void {
  describe(`MoveStore contract: ${name}`, () => {
    let subject: MoveStoreUnderTest;
    let store: MoveStore;

    beforeEach(async () => {
      subject = await makeStore();
      store = subject.store;
    });

    afterEach(async () => {
      await subject.cleanup();
    });

    it('loads an unknown move as an empty stream and lists no moves when empty', async () => {
      assert.deepEqual(await store.load('move-unknown'), []);
      assert.deepEqual(await store.listMoveIds(), []);
    });

    it('round-trips appended events deep-equal and in order', async () => {
      const events: MoveEvent[] = [moveStarted('move-1'), stepFailed('preflight'), stepFailed('preflight', 'timeout')];
      await store.append('move-1', 0, events);
      assert.deepEqual(await store.load('move-1'), events);
    });

    it('counts versions in events: append returns the new version', async () => {
      assert.equal(await store.append('move-1', 0, [moveStarted('move-1')]), 1);
      assert.equal(await store.append('move-1', 1, [stepFailed('a'), stepFailed('b')]), 3);
      assert.equal(await store.append('move-1', 3, [stepFailed('c')]), 4);
      assert.equal((await store.load('move-1')).length, 4);
      // Appending nothing at the current version is a no-op that confirms the version.
      assert.equal(await store.append('move-1', 4, []), 4);
      assert.equal((await store.load('move-1')).length, 4);
    });

    it('throws ConcurrencyError at a stale or future version and changes nothing', async () => {
      await store.append('move-1', 0, [moveStarted('move-1'), stepFailed('preflight')]);
      const before = await store.load('move-1');

      for (const wrongVersion of [0, 1, 3]) {
        await assert.rejects(store.append('move-1', wrongVersion, [stepFailed('late')]), (error: unknown) => {
          assert.ok(error instanceof ConcurrencyError, `expected ConcurrencyError, got ${String(error)}`);
          assert.equal(error.moveId, 'move-1');
          assert.equal(error.expectedVersion, wrongVersion);
          assert.equal(error.actualVersion, 2);
          return true;
        });
      }
      assert.deepEqual(await store.load('move-1'), before);
      // An unknown move has version 0: appending at 1 is a conflict too.
      await assert.rejects(store.append('move-2', 1, [moveStarted('move-2')]), ConcurrencyError);
      assert.deepEqual(await store.load('move-2'), []);
    });

    it('rejects a negative or fractional expected version', async () => {
      await assert.rejects(store.append('move-1', -1, [moveStarted('move-1')]));
      await assert.rejects(store.append('move-1', 0.5, [moveStarted('move-1')]));
      assert.deepEqual(await store.load('move-1'), []);
    });

    it('lets exactly one of two concurrent appends at the same version win', async () => {
      const first = [moveStarted('move-1', 'contoso.com')];
      const second = [moveStarted('move-1', 'fabrikam.com'), stepFailed('preflight')];
      const results = await Promise.allSettled([store.append('move-1', 0, first), store.append('move-1', 0, second)]);

      const winners = results.filter((result) => result.status === 'fulfilled');
      const losers = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
      assert.equal(winners.length, 1);
      assert.equal(losers.length, 1);
      assert.ok(losers[0]!.reason instanceof ConcurrencyError);
      const stored = await store.load('move-1');
      assert.ok(
        JSON.stringify(stored) === JSON.stringify(first) || JSON.stringify(stored) === JSON.stringify(second),
        'the stream holds exactly the winner’s events',
      );
    });

    it('lets exactly one of many concurrent appends at the same version win', async () => {
      await store.append('move-1', 0, [moveStarted('move-1')]);
      const attempts = Array.from({ length: 10 }, (_, i) => store.append('move-1', 1, [stepFailed(`attempt-${i}`)]));
      const results = await Promise.allSettled(attempts);
      assert.equal(results.filter((result) => result.status === 'fulfilled').length, 1);
      for (const result of results) {
        if (result.status === 'rejected') assert.ok(result.reason instanceof ConcurrencyError);
      }
      assert.equal((await store.load('move-1')).length, 2);
    });

    it('lists every move that has events', async () => {
      const ids = Array.from({ length: 25 }, (_, i) => `move-${String(i).padStart(2, '0')}`);
      await Promise.all(ids.map((id) => store.append(id, 0, [moveStarted(id)])));
      assert.deepEqual([...(await store.listMoveIds())].sort(), [...ids].sort());
    });

    it('never lets the events of one move leak into another', async () => {
      await store.append('move-a', 0, [moveStarted('move-a', 'contoso.com')]);
      await store.append('move-b', 0, [moveStarted('move-b', 'fabrikam.com')]);
      await store.append('move-a', 1, [stepFailed('a-step')]);
      await Promise.all([
        store.append('move-b', 1, [stepFailed('b-step-1')]),
        store.append('move-a', 2, [stepFailed('a-step-2')]),
      ]);

      const a = await store.load('move-a');
      const b = await store.load('move-b');
      assert.deepEqual(a, [moveStarted('move-a', 'contoso.com'), stepFailed('a-step'), stepFailed('a-step-2')]);
      assert.deepEqual(b, [moveStarted('move-b', 'fabrikam.com'), stepFailed('b-step-1')]);
    });

    it('keeps large events (200 KB) intact', async () => {
      const big = largeStepFailed(200 * 1024);
      await store.append('move-big', 0, [moveStarted('move-big'), big]);
      await store.append('move-big', 2, [largeStepFailed(210 * 1024)]);
      const loaded = await store.load('move-big');
      assert.equal(loaded.length, 3);
      assert.deepEqual(loaded[1], big);
      assert.deepEqual(loaded[2], largeStepFailed(210 * 1024));
    });

    it('returns copies: changing loaded or appended events does not change the store', async () => {
      const events: MoveEvent[] = [moveStarted('move-1')];
      await store.append('move-1', 0, events);
      (events[0] as { customerDomain: string }).customerDomain = 'changed-after-append.com';
      const loaded = await store.load('move-1');
      (loaded[0] as { customerDomain: string }).customerDomain = 'changed-after-load.com';
      assert.deepEqual(await store.load('move-1'), [moveStarted('move-1')]);
    });
  });
}
