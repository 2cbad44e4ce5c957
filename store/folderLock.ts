/**
 * One bot instance per data folder. The file stores serialise writes inside one process only, so a
 * second instance on the same folder could interleave appends and break "exactly one order per plan".
 * The lock file records who holds the folder; a second instance refuses to start with a message that
 * points to the Azure Storage mode, which is built for several instances (docs/ARCHITECTURE.md §3).
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fsyncFolder, isErrnoCode, readFileIfExists } from './atomicFile';

export const LOCK_FILE_NAME = '.instance.lock';

/** What the lock file says about its holder. */
export interface LockOwner {
  pid: number;
  hostname: string;
  /** ISO time the lock was taken. */
  startedAt: string;
  /** Random per acquisition, so release() never removes a lock somebody else took over. */
  token: string;
}

export interface FolderLock {
  readonly lockFilePath: string;
  readonly owner: LockOwner;
  /** Removes the lock file if it is still ours. Safe to call more than once. */
  release(): Promise<void>;
}

export class FolderInUseError extends Error {
  constructor(readonly folder: string, readonly holder: LockOwner, readonly lockFilePath: string, sameHost: boolean) {
    super(
      sameHost
        ? `Another instance (pid ${holder.pid}, started ${holder.startedAt}) uses the data folder ${folder}. ` +
            'Stop it first. Running several instances needs STORE=azure (Azure Storage); the file store serves one instance.'
        : `Another instance (pid ${holder.pid} on host ${holder.hostname}, started ${holder.startedAt}) uses the data folder ${folder}. ` +
            `Its liveness cannot be checked from ${os.hostname()}: if it no longer runs, delete ${lockFilePath}. ` +
            'Running several instances needs STORE=azure (Azure Storage); the file store serves one instance.',
    );
    this.name = 'FolderInUseError';
  }
}

/** How many times a stale lock is cleared and the lock retried before giving up (only races loop). */
const MAX_ATTEMPTS = 5;

/** Creates `folder` if needed and takes its lock, or throws FolderInUseError. */
export async function acquireFolderLock(folder: string): Promise<FolderLock> {
  await fs.mkdir(folder, { recursive: true });
  const lockFilePath = path.join(folder, LOCK_FILE_NAME);
  const owner: LockOwner = {
    pid: process.pid,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
    token: randomBytes(12).toString('hex'),
  };
  const ownerText = `${JSON.stringify(owner, null, 2)}\n`;

  // The record is written and fsynced under a private name, then hard-linked to the lock name:
  // link() fails if the lock exists (an exclusive create) and a reader never sees a half-written lock.
  const pendingPath = path.join(folder, `${LOCK_FILE_NAME}.${owner.token}.pending`);
  const handle = await fs.open(pendingPath, 'wx', 0o644);
  try {
    await handle.writeFile(ownerText, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }

  try {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      try {
        await fs.link(pendingPath, lockFilePath);
        await fsyncFolder(folder);
        return makeLock(lockFilePath, owner, ownerText);
      } catch (error) {
        if (!isErrnoCode(error, 'EEXIST')) throw error;
      }
      const heldText = await readFileIfExists(lockFilePath);
      if (heldText === undefined) continue; // released meanwhile: try again
      const holder = parseOwner(heldText, lockFilePath);
      const sameHost = holder.hostname === os.hostname();
      if (!sameHost || isHolderAlive(holder)) throw new FolderInUseError(folder, holder, lockFilePath, sameHost);
      await clearStaleLock(lockFilePath, heldText, owner.token);
    }
    throw new Error(`Could not take the lock ${lockFilePath}: other instances keep starting at the same time.`);
  } finally {
    await fs.rm(pendingPath, { force: true });
  }
}

function makeLock(lockFilePath: string, owner: LockOwner, ownerText: string): FolderLock {
  let released = false;
  return {
    lockFilePath,
    owner,
    async release(): Promise<void> {
      if (released) return;
      released = true;
      // Only remove the lock if it is still ours (it may have been cleared by hand and retaken).
      if ((await readFileIfExists(lockFilePath)) !== ownerText) return;
      await fs.rm(lockFilePath, { force: true });
      await fsyncFolder(path.dirname(lockFilePath));
    },
  };
}

/**
 * Moves a dead holder's lock out of the way. Renaming (not deleting) lets us check that what we moved
 * is still the stale lock: if another starting instance replaced it in between, its fresh lock is put
 * back and the next attempt reports it as in use.
 */
async function clearStaleLock(lockFilePath: string, staleText: string, ourToken: string): Promise<void> {
  const movedPath = `${lockFilePath}.${ourToken}.stale`;
  try {
    await fs.rename(lockFilePath, movedPath);
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return; // someone else cleared it
    throw error;
  }
  try {
    if ((await readFileIfExists(movedPath)) !== staleText) {
      await fs.link(movedPath, lockFilePath).catch(() => undefined);
    }
  } finally {
    await fs.rm(movedPath, { force: true });
  }
}

function parseOwner(text: string, lockFilePath: string): LockOwner {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (
      Number.isSafeInteger(value.pid) && (value.pid ?? 0) > 0 &&
      typeof value.hostname === 'string' && typeof value.startedAt === 'string' && typeof value.token === 'string'
    ) {
      return value as LockOwner;
    }
  } catch {
    // fall through to the error below
  }
  // The lock is only ever created complete (hard link of an fsynced file), so this is outside damage.
  throw new Error(`The lock file ${lockFilePath} is unreadable. If no other instance uses this folder, delete it and start again.`);
}

/** Only called for a holder on this host. */
function isHolderAlive(holder: LockOwner): boolean {
  if (holder.pid === process.pid) {
    // Our own pid: either this process already holds the lock, or an earlier run had the same pid
    // (common in containers, where the bot is often pid 1) and died without releasing it.
    const thisProcessStartedAt = Date.now() - process.uptime() * 1000;
    const lockTakenAt = Date.parse(holder.startedAt);
    return Number.isFinite(lockTakenAt) && lockTakenAt >= thisProcessStartedAt - 1000;
  }
  try {
    process.kill(holder.pid, 0); // signal 0: existence check only
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return isErrnoCode(error, 'EPERM');
  }
}
