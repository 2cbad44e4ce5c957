/**
 * KeyValueStore in Azure Table Storage (scale-out mode): conversation references, card activity ids,
 * the notification channel. Same semantics as FileKeyValueStore: JSON values, put replaces, delete of a
 * missing key is fine, list(prefix) sorted, keys 1-1024 characters of well-formed Unicode, puts of one
 * key applied in call order inside this instance (across instances the last write wins).
 *
 * Layout: one partition (default `kv`), one entity per key. The RowKey is the key's UTF-8 bytes with
 * `A-Z a-z 0-9 -` kept and every other byte written `_XX` (upper-case hex), so it never holds the
 * characters Azure forbids in keys (`/ \ # ?`, control characters) nor `%`, and a key's prefix maps to
 * a RowKey prefix (list(prefix) is a range query). A RowKey that would be longer than 255 characters
 * becomes `~<sha256 of the key>` (sorting after every encoded key). Every entity also keeps the original
 * key in its `key` property, which is what get/list check and return.
 */
import { createHash } from 'node:crypto';
import { odata, TableClient } from '@azure/data-tables';
import type { KeyValueStore } from '../keyValueStore';
import { assertValidKey, isValidKey } from '../fileKeyValueStore';
import { KeyedSerialQueue } from '../../move/keyedSerialQueue';
import { codeOf, describeAzureFailure, statusOf } from './azureErrors';
import { chunkProperties, joinChunks } from './chunkedText';
import { ensureTable, tableClientFrom } from './connection';

const MAX_ENCODED_ROW_KEY_LENGTH = 255;
const HASHED_PREFIX = '~';
/** Sorts after every character an encoded key uses (`-`, `0-9`, `A-Z`, `_`, `a-z`). */
const ABOVE_ENCODED = '~';
const LITERAL_CHAR = /^[A-Za-z0-9-]$/;
const PARTITION_NAME = /^[A-Za-z0-9_-]{1,100}$/;

export interface AzureKeyValueStoreOptions {
  /** The partition that holds this store's keys, so several stores can share a table (default `kv`). */
  partition?: string;
}

export class AzureKeyValueStore implements KeyValueStore {
  readonly client: TableClient;
  readonly partition: string;
  private readonly queue = new KeyedSerialQueue();

  /**
   * @param clientOrConnectionString a TableClient for the table, or an account connection string
   * @param tableName the table, when a connection string is given (default `keyvalues`)
   */
  constructor(clientOrConnectionString: TableClient | string, tableName = 'keyvalues', options: AzureKeyValueStoreOptions = {}) {
    this.partition = options.partition ?? 'kv';
    if (!PARTITION_NAME.test(this.partition)) {
      throw new TypeError(`Invalid partition name ${JSON.stringify(this.partition)}: use 1-100 characters from A-Z, a-z, 0-9, "_", "-".`);
    }
    this.client = typeof clientOrConnectionString === 'string' ? tableClientFrom(clientOrConnectionString, tableName) : clientOrConnectionString;
  }

  static async create(clientOrConnectionString: TableClient | string, tableName = 'keyvalues', options: AzureKeyValueStoreOptions = {}): Promise<AzureKeyValueStore> {
    const store = new AzureKeyValueStore(clientOrConnectionString, tableName, options);
    await store.ensure();
    return store;
  }

  /** Creates the table if it is missing (idempotent). */
  ensure(): Promise<void> {
    return ensureTable(this.client);
  }

  async get<T>(key: string): Promise<T | undefined> {
    const rowKey = rowKeyOf(key);
    let entity: Record<string, unknown>;
    try {
      entity = await this.client.getEntity<Record<string, unknown>>(this.partition, rowKey);
    } catch (error) {
      if (statusOf(error) === 404 && codeOf(error) !== 'TableNotFound') return undefined;
      throw describeAzureFailure('Reading a stored value', `table ${this.client.tableName}`, error);
    }
    if (entity.key !== key) {
      throw new Error(`The row ${this.partition}/${rowKey} of table ${this.client.tableName} holds key ${JSON.stringify(entity.key)}, not ${JSON.stringify(key)}.`);
    }
    const text = joinChunks(entity, 'json', `The stored value of ${JSON.stringify(key)}`);
    return JSON.parse(text) as T;
  }

  async put<T>(key: string, value: T): Promise<void> {
    const rowKey = rowKeyOf(key);
    if (value === undefined) throw new TypeError(`Cannot store undefined under ${JSON.stringify(key)}; use delete().`);
    // Serialise at the call so later mutation by the caller cannot change what gets written.
    const text = JSON.stringify(value);
    const entity = { partitionKey: this.partition, rowKey, key, ...chunkProperties(text, 'json', `The value of ${JSON.stringify(key)}`) };
    await this.queue.run(key, async () => {
      try {
        // A one-entity transaction rather than upsertEntity: same cost and semantics on Azure, and Azurite
        // (3.37) decodes a plain insert/update body per 64 KiB chunk, which corrupts a multi-byte character
        // that straddles a chunk boundary; its transaction parser decodes the body whole.
        await this.client.submitTransaction([['upsert', entity, 'Replace']]);
      } catch (error) {
        throw describeAzureFailure('Storing a value', `table ${this.client.tableName}`, error);
      }
    });
  }

  async delete(key: string): Promise<void> {
    const rowKey = rowKeyOf(key);
    await this.queue.run(key, async () => {
      try {
        await this.client.deleteEntity(this.partition, rowKey);
      } catch (error) {
        if (statusOf(error) === 404 && codeOf(error) !== 'TableNotFound') return;
        throw describeAzureFailure('Deleting a value', `table ${this.client.tableName}`, error);
      }
    });
  }

  async list(prefix = ''): Promise<string[]> {
    if (typeof prefix !== 'string') throw new TypeError('The prefix must be a string.');
    const partition = odata`PartitionKey eq ${this.partition}`;
    // A prefix that is not well-formed Unicode has no byte encoding to range over: scan everything.
    const encodedPrefix = isWellFormed(prefix) ? encodeKey(prefix) : '';
    const filters = [
      `${partition} and ${odata`RowKey ge ${encodedPrefix} and RowKey lt ${encodedPrefix + ABOVE_ENCODED}`}`,
      `${partition} and ${odata`RowKey ge ${HASHED_PREFIX}`}`,
    ];
    const keys: string[] = [];
    try {
      for (const filter of filters) {
        const entities = this.client.listEntities<{ key?: unknown }>({ queryOptions: { filter, select: ['RowKey', 'key'] } });
        for await (const page of entities.byPage({ maxPageSize: 1000 })) {
          for (const entity of page) {
            const key = entity.key;
            // Skip foreign rows: only a row whose RowKey is exactly what this store writes for its key counts.
            if (typeof key === 'string' && isValidKey(key) && rowKeyOf(key) === entity.rowKey && key.startsWith(prefix)) keys.push(key);
          }
        }
      }
    } catch (error) {
      throw describeAzureFailure('Listing stored keys', `table ${this.client.tableName}`, error);
    }
    return keys.sort();
  }
}

/** The RowKey of a key; throws InvalidKeyError for a bad key. */
export function rowKeyOf(key: string): string {
  assertValidKey(key);
  const encoded = encodeKey(key);
  if (encoded.length <= MAX_ENCODED_ROW_KEY_LENGTH) return encoded;
  return `${HASHED_PREFIX}${createHash('sha256').update(key, 'utf8').digest('hex')}`;
}

function encodeKey(key: string): string {
  let encoded = '';
  for (const byte of Buffer.from(key, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += LITERAL_CHAR.test(char) ? char : `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

function isWellFormed(text: string): boolean {
  return Buffer.from(text, 'utf8').toString('utf8') === text;
}


