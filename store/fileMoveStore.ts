/**
 * The move event streams on local disk (runtime mode "Local", docs/ARCHITECTURE.md §3): one JSON file per move,
 * `<moveId>.events.json`, holding every event of the move in order. The version of a stream is its
 * number of events.
 *
 * Every append rewrites the move's file atomically (temp file + fsync + rename + folder fsync), so a
 * crash leaves the old or the new stream, never a torn one. Appends to one move are serialised inside
 * this instance; a second process on the same folder is kept out by `acquireFolderLock`, not here.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { MoveEvent } from '../move/events';
import { ConcurrencyError, type MoveStore } from '../move/ports';
import { readFileIfExists, removeLeftoverTempFiles, writeFileAtomic } from './atomicFile';
import { KeyedSerialQueue } from '../move/keyedSerialQueue';

/** Letters, digits, `.`, `_`, `-`; starts with a letter or digit (so never `.`/`..` or a hidden file). */
const MOVE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const MAX_MOVE_ID_LENGTH = 128;
const STREAM_FILE_SUFFIX = '.events.json';

export class InvalidMoveIdError extends Error {
  constructor(readonly moveId: unknown) {
    super(
      `Invalid move id ${describe(moveId)}: use 1-${MAX_MOVE_ID_LENGTH} characters from A-Z, a-z, 0-9, ".", "_", "-", ` +
        'starting with a letter or digit.',
    );
    this.name = 'InvalidMoveIdError';
  }
}

/** Throws InvalidMoveIdError unless the id is safe to use as a file name. */
export function assertValidMoveId(moveId: unknown): asserts moveId is string {
  if (typeof moveId !== 'string' || moveId.length > MAX_MOVE_ID_LENGTH || !MOVE_ID_PATTERN.test(moveId)) {
    throw new InvalidMoveIdError(moveId);
  }
}

/** What one stream file holds. The move id is repeated inside so a misplaced file is detected. */
interface StreamDocument {
  moveId: string;
  events: MoveEvent[];
}

export class FileMoveStore implements MoveStore {
  private readonly queue = new KeyedSerialQueue();
  private ready: Promise<void> | undefined;

  /** @param folder where the stream files live, e.g. `.data/moves`; created when missing. */
  constructor(readonly folder: string) {}

  async load(moveId: string): Promise<MoveEvent[]> {
    assertValidMoveId(moveId);
    await this.ensureReady();
    return this.readStream(moveId);
  }

  async append(moveId: string, expectedVersion: number, events: MoveEvent[]): Promise<number> {
    assertValidMoveId(moveId);
    if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
      throw new RangeError(`Expected version must be a non-negative integer, got ${String(expectedVersion)}.`);
    }
    if (!Array.isArray(events)) throw new TypeError('Events must be an array.');
    // Serialise now: what is stored is the events as they were at the call, even if the caller
    // mutates them while the append waits in the queue; a non-serialisable event fails here.
    const newEventLines = events.map((event) => JSON.stringify(event));
    await this.ensureReady();
    return this.queue.run(moveId, async () => {
      const current = await this.readDocument(moveId);
      const currentVersion = current?.events.length ?? 0;
      if (currentVersion !== expectedVersion) {
        throw new ConcurrencyError(moveId, expectedVersion, currentVersion);
      }
      if (newEventLines.length === 0) return currentVersion;
      const existingLines = (current?.events ?? []).map((event) => JSON.stringify(event));
      await writeFileAtomic(this.pathOf(moveId), formatStream(moveId, [...existingLines, ...newEventLines]));
      return currentVersion + newEventLines.length;
    });
  }

  async listMoveIds(): Promise<string[]> {
    await this.ensureReady();
    const ids: string[] = [];
    for (const entry of await fs.readdir(this.folder, { withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(STREAM_FILE_SUFFIX)) continue;
      const moveId = entry.name.slice(0, -STREAM_FILE_SUFFIX.length);
      if (moveId.length <= MAX_MOVE_ID_LENGTH && MOVE_ID_PATTERN.test(moveId)) ids.push(moveId);
    }
    return ids.sort();
  }

  /** The file that holds a move's stream (for operators and tests). */
  pathOf(moveId: string): string {
    assertValidMoveId(moveId);
    return path.join(this.folder, `${moveId}${STREAM_FILE_SUFFIX}`);
  }

  private async readStream(moveId: string): Promise<MoveEvent[]> {
    return (await this.readDocument(moveId))?.events ?? [];
  }

  private async readDocument(moveId: string): Promise<StreamDocument | undefined> {
    const filePath = this.pathOf(moveId);
    const text = await readFileIfExists(filePath);
    if (text === undefined) return undefined;
    return parseStream(moveId, filePath, text);
  }

  /** Creates the folder and drops temp files left by a crash, once, before the first operation. */
  private ensureReady(): Promise<void> {
    this.ready ??= (async () => {
      await fs.mkdir(this.folder, { recursive: true });
      await removeLeftoverTempFiles(this.folder);
    })().catch((error: unknown) => {
      this.ready = undefined; // let a later call try again (e.g. after the disk is remounted)
      throw error;
    });
    return this.ready;
  }
}

/** One event per line: valid JSON that is still readable and diffable by a person. */
function formatStream(moveId: string, eventLines: string[]): string {
  const body = eventLines.length === 0 ? '' : `\n${eventLines.join(',\n')}\n`;
  return `{"moveId":${JSON.stringify(moveId)},"events":[${body}]}\n`;
}

function parseStream(moveId: string, filePath: string, text: string): StreamDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // Atomic writes mean this is damage from outside the store; never treat it as an empty stream.
    throw new Error(`The event stream of move ${moveId} (${filePath}) is not valid JSON: ${(error as Error).message}`);
  }
  const document = parsed as Partial<StreamDocument> | null;
  if (typeof document !== 'object' || document === null || !Array.isArray(document.events)) {
    throw new Error(`The event stream of move ${moveId} (${filePath}) has no "events" array.`);
  }
  if (document.moveId !== moveId) {
    throw new Error(`The file ${filePath} holds the stream of move ${describe(document.moveId)}, not ${moveId}.`);
  }
  return { moveId, events: document.events };
}

function describe(value: unknown): string {
  if (typeof value !== 'string') return `(${typeof value})`;
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(shown);
}
