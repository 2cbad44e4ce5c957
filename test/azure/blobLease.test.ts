import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import type { ContainerClient } from '@azure/storage-blob';
import { BlobLease, LeaderElection, LeaseLostError } from '../../store/azure/blobLease';
import { containerClientFrom } from '../../store/azure/connection';
import { useAzurite } from './azurite';

const BLOB = 'sweep-leader';

describe('Blob lease leader election on Azurite', function () {
  this.timeout(60_000);
  const azurite = useAzurite();
  let container: ContainerClient;
  const elections: LeaderElection[] = [];
  const children: ChildProcess[] = [];

  beforeEach(() => {
    container = containerClientFrom(azurite().connectionString, `leases-${randomUUID().replace(/-/g, '')}`);
  });

  afterEach(async () => {
    for (const child of children.splice(0)) child.kill('SIGKILL'); // also after a timed-out test
    await Promise.all(elections.splice(0).map((election) => election.stop()));
    await container.deleteIfExists();
  });

  /** A "bot instance": its own lease id, an attempt every second on the shortest lease (15 s). */
  async function instance(): Promise<LeaderElection> {
    const lease = new BlobLease(container, BLOB, { leaseSeconds: 15 });
    await lease.ensure();
    const election = new LeaderElection(lease, { intervalMs: 1000 });
    elections.push(election);
    return election;
  }

  describe('BlobLease', () => {
    it('lets one holder at a time acquire; the other can neither renew nor release it', async () => {
      const a = new BlobLease(container, BLOB, { leaseSeconds: 15 });
      const b = new BlobLease(container, BLOB, { leaseSeconds: 15 });
      await a.ensure();
      await b.ensure(); // idempotent, and harmless while the blob is leased
      assert.equal(await a.acquire(), true);
      assert.equal(await b.acquire(), false);
      assert.equal(await a.acquire(), true, 'the holder may acquire again with its own id');
      await a.renew();
      await assert.rejects(b.renew(), LeaseLostError);
      await b.release(); // not held by b: nothing happens
      assert.equal(await b.acquire(), false);
      await a.release();
      assert.equal(await b.acquire(), true);
      await assert.rejects(a.renew(), LeaseLostError);
      await b.release();
    });

    it('creates the lease blob when it is missing, and refuses lease lengths Azure does not allow', async () => {
      const lease = new BlobLease(container, BLOB, { leaseSeconds: 15 });
      await lease.ensure();
      await container.getBlobClient(BLOB).delete();
      assert.equal(await lease.acquire(), true);
      await lease.release();
      assert.throws(() => new BlobLease(container, BLOB, { leaseSeconds: 14 }), /15-60 whole seconds/);
      assert.throws(() => new BlobLease(container, BLOB, { leaseSeconds: 61 }), /15-60 whole seconds/);
    });

    it('says what to do when the container is missing', async () => {
      const lease = new BlobLease(container, BLOB, { leaseSeconds: 15 });
      await assert.rejects(lease.acquire(), /Taking the leader lease: blob leases-\w+\/sweep-leader: .*Call ensure\(\)/);
    });
  });

  describe('LeaderElection', () => {
    it('makes exactly one of two instances leader, and keeps it so while it renews', async () => {
      const a = await instance();
      const b = await instance();
      const [aLeads, bLeads] = await Promise.all([a.start(), b.start()]);
      assert.equal(Number(aLeads) + Number(bLeads), 1, 'exactly one leader');
      const leader = aLeads ? a : b;
      for (let sample = 0; sample < 16; sample++) {
        await sleep(250);
        assert.equal(Number(a.isLeader()) + Number(b.isLeader()), 1, `exactly one leader at sample ${sample}`);
        assert.ok(leader.isLeader(), 'the same instance stays leader');
      }
    });

    it('hands over at once when the leader stops (release)', async () => {
      const a = await instance();
      const b = await instance();
      assert.equal(await a.start(), true);
      assert.equal(await b.start(), false);
      const started = Date.now();
      await a.stop();
      assert.equal(a.isLeader(), false);
      assert.equal(await b.runOnce(), true);
      const handover = Date.now() - started;
      assert.ok(handover < 2000, `handover took ${handover} ms`);
      console.log(`      (release → other instance leader in ${handover} ms)`);
    });

    it('steps down when a renew fails (lease broken by an operator), and the other instance takes over', async () => {
      const a = await instance();
      const b = await instance();
      assert.equal(await a.start(), true);
      assert.equal(await b.start(), false);
      await container.getBlobClient(BLOB).getBlobLeaseClient().breakLease(0);
      const brokenAt = Date.now();
      while (a.isLeader() || !b.isLeader()) {
        assert.ok(Date.now() - brokenAt < 5000, `after a broken lease: a leader ${a.isLeader()}, b leader ${b.isLeader()}`);
        assert.ok(!(a.isLeader() && b.isLeader()), 'never two leaders');
        await sleep(50);
      }
    });

    it('passes a killed leader’s lease to the other instance once it expires', async function () {
      this.timeout(45_000);
      const child = startLeaseHolder(azurite().connectionString, container.containerName);
      children.push(child.process);
      try {
        await child.becameLeader;
        const survivor = await instance();
        assert.equal(await survivor.start(), false, 'the other instance is leader while it lives');
        child.process.kill('SIGKILL');
        const killedAt = Date.now();
        while (!survivor.isLeader()) {
          assert.ok(Date.now() - killedAt < 20_000, 'the lease never passed to the survivor');
          await sleep(100);
        }
        const takeover = Date.now() - killedAt;
        // The child renewed every second, so its lease had 14-15 s left when it was killed.
        assert.ok(takeover >= 12_000, `taken over after only ${takeover} ms: the lease cannot have expired`);
        console.log(`      (SIGKILLed leader → other instance leader after ${takeover} ms, lease 15 s)`);
      } finally {
        child.process.kill('SIGKILL');
      }
    });
  });
});

function startLeaseHolder(connectionString: string, containerName: string): { process: ChildProcess; becameLeader: Promise<void> } {
  const script = path.join(__dirname, 'fixtures', 'holdLease.ts');
  const child = spawn(process.execPath, ['--require', require.resolve('tsx/cjs'), script, containerName, BLOB], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, AZURE_STORAGE_CONNECTION_STRING: connectionString },
  });
  const becameLeader = new Promise<void>((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.split('\n').includes('leader')) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code, signal) => reject(new Error(`the lease holder exited (code ${code}, signal ${signal}) before leading: ${stderr}`)));
    child.on('error', reject);
    setTimeout(() => reject(new Error(`the lease holder did not become leader within 15 s: ${stderr}`)), 15_000).unref();
  });
  becameLeader.catch(() => undefined); // awaited by the test; avoid an unhandled rejection after a kill
  return { process: child, becameLeader };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
