import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { BlobLease } from '../../store/azure/blobLease';
import { containerClientFrom } from '../../store/azure/connection';
import { useAzurite } from './azurite';
import { TwoInstanceWorld } from './twoInstanceWorld';

/** /readyz's sweep check when instances share Azure Storage (Azurite): someone must hold the sweep lease. */
describe('readiness of instances sharing Azure Storage', function () {
  this.timeout(120_000);
  const azurite = useAzurite();

  it('BlobLease.isHeld: the blob\'s lease state, whoever holds it', async () => {
    const container = containerClientFrom(azurite().connectionString, `leases-${randomUUID().replace(/-/g, '')}`);
    try {
      const mine = new BlobLease(container, 'sweep-leader', { leaseSeconds: 15 });
      const theirs = new BlobLease(container, 'sweep-leader', { leaseSeconds: 15 });
      assert.equal(await mine.isHeld(), false, 'no blob yet');
      await mine.ensure();
      assert.equal(await theirs.isHeld(), false);
      assert.equal(await mine.acquire(), true);
      assert.equal(await theirs.isHeld(), true);
      await mine.release();
      assert.equal(await theirs.isHeld(), false);
    } finally {
      await container.deleteIfExists();
    }
  });

  describe('two instances', () => {
    const world = new TwoInstanceWorld(azurite);
    before(() => world.start('readyz'));
    after(() => world.stop());

    it('both are ready: one holds the sweep lease, the other sees it held', async () => {
      const leader = await world.leader();
      const details = await Promise.all(world.apps.map(async (app) => {
        const response = await fetch(`http://127.0.0.1:${app.server.port}/readyz`);
        const body = await response.json() as { status: string; checks: Record<string, { ok: boolean; detail?: string }> };
        assert.equal(response.status, 200, JSON.stringify(body));
        assert.equal(body.status, 'ready');
        assert.ok(body.checks.store!.ok && body.checks.token!.ok);
        return [app === leader, body.checks.sweep!.detail];
      }));
      assert.deepEqual(details.sort(), [[false, 'held by another instance'], [true, 'held by this instance']]);
    });
  });
});
