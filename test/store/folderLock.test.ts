import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { acquireFolderLock, FolderInUseError, LOCK_FILE_NAME, type LockOwner } from '../../store/folderLock';

/** The pid of a process that has already exited. */
function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(child.pid!));
  });
}

describe('acquireFolderLock', () => {
  let root: string;
  let folder: string;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'csp-folder-lock-'));
    folder = path.join(root, 'data');
  });

  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  async function writeLock(owner: LockOwner): Promise<void> {
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(path.join(folder, LOCK_FILE_NAME), JSON.stringify(owner));
  }

  async function readLock(): Promise<LockOwner> {
    return JSON.parse(await fs.readFile(path.join(folder, LOCK_FILE_NAME), 'utf8')) as LockOwner;
  }

  it('creates the folder and a lock file naming pid, host and start time', async () => {
    const lock = await acquireFolderLock(folder);
    const owner = await readLock();
    assert.equal(owner.pid, process.pid);
    assert.equal(owner.hostname, os.hostname());
    assert.ok(Math.abs(Date.parse(owner.startedAt) - Date.now()) < 60_000);
    assert.deepEqual(owner, lock.owner);
    assert.deepEqual(await fs.readdir(folder), [LOCK_FILE_NAME], 'no helper files are left behind');
    await lock.release();
  });

  it('refuses a second acquire while the lock is held, naming the pid and STORE=azure', async () => {
    const lock = await acquireFolderLock(folder);
    await assert.rejects(acquireFolderLock(folder), (error: unknown) => {
      assert.ok(error instanceof FolderInUseError);
      assert.match(error.message, new RegExp(`Another instance \\(pid ${process.pid}\\b`));
      assert.match(error.message, /uses the data folder/);
      assert.match(error.message, /STORE=azure \(Azure Storage\)/);
      assert.equal(error.holder.pid, process.pid);
      return true;
    });
    assert.deepEqual(await readLock(), lock.owner, 'the holder keeps its lock');
    await lock.release();
  });

  it('refuses when another live process on this host holds the lock', async () => {
    // The parent of the test runner is alive and is not us.
    await writeLock({ pid: process.ppid, hostname: os.hostname(), startedAt: new Date().toISOString(), token: 'other' });
    await assert.rejects(acquireFolderLock(folder), new RegExp(`pid ${process.ppid}\\b.*STORE=azure`, 's'));
  });

  it('takes over a stale lock whose process is dead', async () => {
    const pid = await deadPid();
    await writeLock({ pid, hostname: os.hostname(), startedAt: '2024-01-01T00:00:00.000Z', token: 'dead' });
    const lock = await acquireFolderLock(folder);
    assert.equal((await readLock()).pid, process.pid);
    assert.deepEqual(await fs.readdir(folder), [LOCK_FILE_NAME]);
    await lock.release();
  });

  it('takes over a lock left by an earlier run that had our pid (container restarts)', async () => {
    const beforeThisProcess = new Date(Date.now() - process.uptime() * 1000 - 60_000).toISOString();
    await writeLock({ pid: process.pid, hostname: os.hostname(), startedAt: beforeThisProcess, token: 'earlier-run' });
    const lock = await acquireFolderLock(folder);
    assert.equal((await readLock()).token, lock.owner.token);
    await lock.release();
  });

  it('refuses a lock held on another host, since its process cannot be checked', async () => {
    await writeLock({ pid: 4242, hostname: 'some-other-host', startedAt: new Date().toISOString(), token: 'remote' });
    await assert.rejects(acquireFolderLock(folder), (error: unknown) => {
      assert.ok(error instanceof FolderInUseError);
      assert.match(error.message, /pid 4242 on host some-other-host/);
      assert.match(error.message, /delete .*\.instance\.lock/);
      assert.match(error.message, /STORE=azure/);
      return true;
    });
  });

  it('refuses an unreadable lock file with advice instead of guessing', async () => {
    await fs.mkdir(folder, { recursive: true });
    await fs.writeFile(path.join(folder, LOCK_FILE_NAME), 'garbage');
    await assert.rejects(acquireFolderLock(folder), /lock file .* is unreadable/);
  });

  it('release removes the lock, is idempotent, and the folder can be locked again', async () => {
    const lock = await acquireFolderLock(folder);
    await lock.release();
    await lock.release();
    assert.deepEqual(await fs.readdir(folder), []);
    const again = await acquireFolderLock(folder);
    await again.release();
  });

  it('release leaves alone a lock that is no longer ours', async () => {
    const lock = await acquireFolderLock(folder);
    const someoneElse: LockOwner = { pid: process.ppid, hostname: os.hostname(), startedAt: new Date().toISOString(), token: 'else' };
    await writeLock(someoneElse);
    await lock.release();
    assert.deepEqual(await readLock(), someoneElse);
  });

  it('lets exactly one of several simultaneous acquires win', async () => {
    const results = await Promise.allSettled([acquireFolderLock(folder), acquireFolderLock(folder), acquireFolderLock(folder)]);
    const winners = results.filter((result) => result.status === 'fulfilled');
    assert.equal(winners.length, 1);
    for (const result of results) {
      if (result.status === 'rejected') assert.ok(result.reason instanceof FolderInUseError);
    }
    await (winners[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireFolderLock>>>).value.release();
  });
});
