/**
 * Check 10: the move store answers a read, with /readyz's own store check (bot/readiness.ts). The file store is
 * read without the store class (which tidies its folder on first use): the doctor writes nothing.
 */
import { constants as fsConstants, promises as fs } from 'node:fs';
import path from 'node:path';
import { NotReady, storeCheck } from '../../bot/readiness';
import { createAzureStorage } from '../../store/azure/azureStorage';
import { ok, problem, skipped, type DoctorCheck } from './doctorTypes';

const STREAM_SUFFIX = '.events.json';

export const storageCheck: DoctorCheck = {
  name: 'storage',
  async run(context) {
    const { config } = context;
    if (!config) return skipped('not run: the settings do not parse (see "settings")');
    const signal = AbortSignal.timeout(15_000);
    if (config.STORE === 'azure') {
      let storage;
      try {
        storage = createAzureStorage({ connectionString: config.AZURE_STORAGE_CONNECTION_STRING ?? '' });
        await storeCheck(storage.moves)(signal);
      } catch (error) {
        return problem(`Azure Storage: ${reason(error)}`, 'Check AZURE_STORAGE_CONNECTION_STRING (account, key or SAS with Table and Blob access) and that the account is reachable from here.');
      }
      const held = await storage.lease.isHeld(signal).then((h) => (h ? 'a bot instance holds the sweep lease' : 'no instance holds the sweep lease now (fine while the bot is stopped)'), () => 'the sweep lease could not be read');
      return ok(`Azure Storage answers a read; ${held}`);
    }
    const folder = path.resolve(config.DATA_DIR);
    const movesFolder = path.join(folder, 'moves');
    try {
      await storeCheck({ load: (moveId) => readStream(movesFolder, moveId) })(signal);
    } catch (error) {
      return problem(`file store ${movesFolder}: ${reason(error)}`, `Check DATA_DIR (${config.DATA_DIR}): the folder must be readable and writable by the bot.`);
    }
    const writable = await nearestFolderWritable(folder);
    if (!writable.ok) return problem(`file store: ${writable.folder} is not writable`, `Give the bot's user write access to ${writable.folder}, or set DATA_DIR to a writable folder.`);
    const moves = await fs.readdir(movesFolder).then((names) => names.filter((n) => n.endsWith(STREAM_SUFFIX)).length, () => 0);
    return ok(writable.folder === folder ? `file store ${folder}: readable and writable, ${moves} move${moves === 1 ? '' : 's'}` : `file store ${folder}: not created yet; the bot creates it in ${writable.folder}`);
  },
};

/** What FileMoveStore.load reads, without creating the folder or removing leftover temp files. */
async function readStream(folder: string, moveId: string): Promise<never[]> {
  try {
    const text = await fs.readFile(path.join(folder, `${moveId}${STREAM_SUFFIX}`), 'utf8');
    JSON.parse(text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return [];
}

async function nearestFolderWritable(folder: string): Promise<{ ok: boolean; folder: string }> {
  let current = folder;
  for (;;) {
    try {
      await fs.access(current, fsConstants.F_OK);
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return { ok: false, folder: current };
      current = parent;
      continue;
    }
    try {
      await fs.access(current, fsConstants.W_OK | fsConstants.R_OK);
      return { ok: true, folder: current };
    } catch {
      return { ok: false, folder: current };
    }
  }
}

function reason(error: unknown): string {
  const cause = error instanceof NotReady && error.cause !== undefined ? error.cause : error;
  const text = cause instanceof Error ? cause.message : String(cause);
  return `${error instanceof NotReady ? `${error.message}: ` : ''}${text.split('\n')[0]}`;
}
