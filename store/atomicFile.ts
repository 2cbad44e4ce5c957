/**
 * Crash-safe file replacement for the file stores: write a temp file in the same folder, fsync it,
 * rename it over the target, fsync the folder. rename() within one folder is atomic, so after a crash
 * (even kill -9 or a power cut) the target holds either the old or the new content, never a mix.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Temp files are hidden (leading dot) and carry a random tag: `.<target name>.<16 hex>.tmp`. */
const TEMP_FILE_PATTERN = /^\..+\.[0-9a-f]{16}\.tmp$/;

/** Data files are readable by the bot's own user only: they hold staff names and conversation ids. */
const DATA_FILE_MODE = 0o600;

export function tempPathFor(targetPath: string): string {
  const folder = path.dirname(targetPath);
  return path.join(folder, `.${path.basename(targetPath)}.${randomBytes(8).toString('hex')}.tmp`);
}

export function isTempFileName(fileName: string): boolean {
  return TEMP_FILE_PATTERN.test(fileName);
}

/** Replaces `targetPath` with `content` atomically and durably. */
export async function writeFileAtomic(targetPath: string, content: string): Promise<void> {
  const tempPath = tempPathFor(targetPath);
  try {
    const handle = await fs.open(tempPath, 'wx', DATA_FILE_MODE);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(tempPath, targetPath);
  } catch (error) {
    await fs.rm(tempPath, { force: true }).catch(() => undefined);
    throw error;
  }
  await fsyncFolder(path.dirname(targetPath));
}

/** Removes a file (absent is fine) and makes the removal durable. */
export async function removeFileDurably(targetPath: string): Promise<void> {
  await fs.rm(targetPath, { force: true });
  await fsyncFolder(path.dirname(targetPath));
}

/**
 * Makes a rename or unlink in `folder` survive a power cut. Some platforms (Windows) and file systems
 * cannot open or fsync a folder; there the rename is as durable as the platform allows.
 */
export async function fsyncFolder(folder: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch (error) {
    if (!isErrnoCode(error, 'EISDIR', 'EPERM', 'EINVAL', 'EBADF', 'EACCES', 'ENOTSUP')) throw error;
  } finally {
    await handle?.close();
  }
}

/** Deletes temp files a crash left behind (they never became the real file). Returns their names. */
export async function removeLeftoverTempFiles(folder: string): Promise<string[]> {
  const names = (await fs.readdir(folder)).filter(isTempFileName);
  await Promise.all(names.map((name) => fs.rm(path.join(folder, name), { force: true })));
  return names;
}

/** Reads a file as UTF-8; undefined when it does not exist. */
export async function readFileIfExists(filePath: string): Promise<string | undefined> {
  try {
    return await fs.readFile(filePath, 'utf8');
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return undefined;
    throw error;
  }
}

export function isErrnoCode(error: unknown, ...codes: string[]): boolean {
  return typeof error === 'object' && error !== null && codes.includes((error as NodeJS.ErrnoException).code ?? '');
}
