/**
 * KeyValueStore on local disk: one file per key, `<encoded key>.json`, holding `{ "key", "value" }`.
 * Writes are atomic (see atomicFile.ts) and serialised per key inside this instance.
 *
 * File names: the key's UTF-8 bytes, with `a-z 0-9 _ -` kept and every other byte written as `%XX`
 * (upper-case hex). Upper-case letters are escaped too, so two keys that differ only in case never
 * share a file on a case-insensitive disk (macOS, Windows). No name can contain a path separator or
 * start with a dot. A name that would be too long becomes `~<sha256 of the key>`; the key is then
 * read back from the file, which is why every file repeats its key.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import type { KeyValueStore } from './keyValueStore';
import { isTempFileName, readFileIfExists, removeFileDurably, removeLeftoverTempFiles, writeFileAtomic } from './atomicFile';
import { KeyedSerialQueue } from '../move/keyedSerialQueue';

export const MAX_KEY_LENGTH = 1024;
/** Leaves room for `.json` and the temp-file decoration within the usual 255-byte name limit. */
const MAX_ENCODED_NAME_LENGTH = 200;
const FILE_SUFFIX = '.json';
const HASHED_NAME_PREFIX = '~';
const LITERAL_BYTE = /^[a-z0-9_-]$/;
const ENCODED_NAME = /^(?:[a-z0-9_-]|%[0-9A-F]{2})+$/;

export class InvalidKeyError extends Error {
  constructor(reason: string) {
    super(`Invalid storage key: ${reason}`);
    this.name = 'InvalidKeyError';
  }
}

interface KeyDocument {
  key: string;
  value: unknown;
}

export class FileKeyValueStore implements KeyValueStore {
  private readonly queue = new KeyedSerialQueue();
  private ready: Promise<void> | undefined;

  /** @param folder where the documents live, e.g. `.data/kv`; created when missing. */
  constructor(readonly folder: string) {}

  async get<T>(key: string): Promise<T | undefined> {
    const filePath = this.pathOf(key);
    await this.ensureReady();
    const document = await this.readDocument(filePath);
    if (document === undefined) return undefined;
    if (document.key !== key) throw new Error(`The file ${filePath} holds key ${JSON.stringify(document.key)}, not ${JSON.stringify(key)}.`);
    return document.value as T;
  }

  async put<T>(key: string, value: T): Promise<void> {
    const filePath = this.pathOf(key);
    if (value === undefined) throw new TypeError(`Cannot store undefined under ${JSON.stringify(key)}; use delete().`);
    // Serialise at the call so later mutation by the caller cannot change what gets written.
    const text = `${JSON.stringify({ key, value } satisfies KeyDocument)}\n`;
    await this.ensureReady();
    await this.queue.run(key, () => writeFileAtomic(filePath, text));
  }

  async delete(key: string): Promise<void> {
    const filePath = this.pathOf(key);
    await this.ensureReady();
    await this.queue.run(key, () => removeFileDurably(filePath));
  }

  async list(prefix = ''): Promise<string[]> {
    await this.ensureReady();
    const keys: string[] = [];
    for (const entry of await fs.readdir(this.folder, { withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith(FILE_SUFFIX) || isTempFileName(entry.name)) continue;
      const name = entry.name.slice(0, -FILE_SUFFIX.length);
      let key: string | undefined;
      if (name.startsWith(HASHED_NAME_PREFIX)) {
        key = (await this.readDocument(path.join(this.folder, entry.name)))?.key; // undefined if deleted meanwhile
      } else if (ENCODED_NAME.test(name)) {
        const decoded = decodeKey(name);
        // Skip foreign files whose name is not exactly what this store would write for the key.
        if (isValidKey(decoded) && fileNameOf(decoded) === entry.name) key = decoded;
      }
      if (key !== undefined && key.startsWith(prefix)) keys.push(key);
    }
    return keys.sort();
  }

  /** The file that holds a key (for operators and tests); throws InvalidKeyError for a bad key. */
  pathOf(key: string): string {
    return path.join(this.folder, fileNameOf(key));
  }

  private async readDocument(filePath: string): Promise<KeyDocument | undefined> {
    const text = await readFileIfExists(filePath);
    if (text === undefined) return undefined;
    let parsed: Partial<KeyDocument> | null;
    try {
      parsed = JSON.parse(text) as Partial<KeyDocument> | null;
    } catch (error) {
      throw new Error(`The file ${filePath} is not valid JSON: ${(error as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.key !== 'string' || !('value' in parsed)) {
      throw new Error(`The file ${filePath} is not a stored document (no "key" and "value").`);
    }
    return { key: parsed.key, value: parsed.value };
  }

  /** Creates the folder and drops temp files left by a crash, once, before the first operation. */
  private ensureReady(): Promise<void> {
    this.ready ??= (async () => {
      await fs.mkdir(this.folder, { recursive: true });
      await removeLeftoverTempFiles(this.folder);
    })().catch((error: unknown) => {
      this.ready = undefined;
      throw error;
    });
    return this.ready;
  }
}

/** `<encoded key>.json`, or `~<sha256>.json` when the encoding is too long. */
export function fileNameOf(key: string): string {
  assertValidKey(key);
  const encoded = encodeKey(key);
  if (encoded.length <= MAX_ENCODED_NAME_LENGTH) return `${encoded}${FILE_SUFFIX}`;
  return `${HASHED_NAME_PREFIX}${createHash('sha256').update(key, 'utf8').digest('hex')}${FILE_SUFFIX}`;
}

export function isValidKey(key: string): boolean {
  try {
    assertValidKey(key);
    return true;
  } catch {
    return false;
  }
}

export function assertValidKey(key: unknown): asserts key is string {
  if (typeof key !== 'string') throw new InvalidKeyError(`expected a string, got ${typeof key}.`);
  if (key.length === 0) throw new InvalidKeyError('the key is empty.');
  if (key.length > MAX_KEY_LENGTH) throw new InvalidKeyError(`the key is longer than ${MAX_KEY_LENGTH} characters.`);
  // A lone surrogate would become U+FFFD in UTF-8, so two different keys could share one file.
  if (Buffer.from(key, 'utf8').toString('utf8') !== key) throw new InvalidKeyError('the key is not well-formed Unicode.');
}

function encodeKey(key: string): string {
  let encoded = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += LITERAL_BYTE.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

function decodeKey(encoded: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    if (encoded[i] === '%') {
      bytes.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(encoded.charCodeAt(i));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
