/**
 * The move event streams in Azure Table Storage (runtime mode "Scale-out", docs/ARCHITECTURE.md §3), for several bot
 * instances sharing one storage account.
 *
 * Layout: one partition per move (PartitionKey = move id, checked like the file store's ids).
 * - one entity per event, RowKey = its sequence number zero-padded to 10 digits (`0000000001` is the
 *   first event), the event's JSON split across `json0…` properties (see chunkedText.ts);
 * - one head entity, RowKey `~head` (sorts after every event), holding `version` (= number of events)
 *   and the id of the append that wrote it.
 *
 * An append is one entity-group transaction in the move's partition: the new events plus the head,
 * created (first append: fails if it exists) or replaced with the head's ETag (If-Match: fails if
 * anything was appended since it was read). So of two appends at the same version exactly one commits
 * and the other gets ConcurrencyError, across any number of processes. A transaction holds at most
 * 100 entities and 4 MiB: a larger append is refused whole with a clear error (this app appends 1-3).
 *
 * The head is the truth: `load` reads it first and returns exactly the events up to its version, so a
 * load is a consistent prefix even while appends go on. `streamVersions` reads only the heads (one query for
 * every move), so a sweep on a shared store can tell which moves changed without loading them.
 */
import { randomUUID } from 'node:crypto';
import { odata, TableClient, type TableEntity, type TransactionAction } from '@azure/data-tables';
import type { MoveEvent } from '../../move/events';
import { ConcurrencyError, type MoveStore, type MoveStreamVersions } from '../../move/ports';
import { assertValidMoveId } from '../fileMoveStore';
import { AzureStorageError, codeOf, describeAzureFailure, statusOf } from './azureErrors';
import { chunkProperties, entitySizeBytes, joinChunks, MAX_ENTITY_BYTES, readInteger } from './chunkedText';
import { ensureTable, tableClientFrom } from './connection';

export const HEAD_ROW_KEY = '~head';
const SEQUENCE_DIGITS = 10;
/** 100 entities per transaction, one of them the head. */
export const MAX_EVENTS_PER_APPEND = 99;
/** Azure's 4 MiB per transaction, less room for the multipart framing of each operation. */
const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024 - 128 * 1024;
const PER_OPERATION_OVERHEAD_BYTES = 1024;

export class AppendTooLargeError extends Error {
  constructor(moveId: string, detail: string) {
    super(`Appending to move ${moveId} was refused, nothing was stored: ${detail}`);
    this.name = 'AppendTooLargeError';
  }
}

interface HeadEntity {
  version: number;
  etag: string;
  lastAppendId: string | undefined;
}

export class AzureTableMoveStore implements MoveStore, MoveStreamVersions {
  readonly client: TableClient;

  /**
   * @param clientOrConnectionString a TableClient for the table, or an account connection string
   * @param tableName the table, when a connection string is given (default `moves`)
   */
  constructor(clientOrConnectionString: TableClient | string, tableName = 'moves') {
    this.client = typeof clientOrConnectionString === 'string' ? tableClientFrom(clientOrConnectionString, tableName) : clientOrConnectionString;
  }

  /** Builds the store and creates its table if missing. */
  static async create(clientOrConnectionString: TableClient | string, tableName = 'moves'): Promise<AzureTableMoveStore> {
    const store = new AzureTableMoveStore(clientOrConnectionString, tableName);
    await store.ensure();
    return store;
  }

  /** Creates the table if it is missing (needs the "create" permission; idempotent). */
  ensure(): Promise<void> {
    return ensureTable(this.client);
  }

  async load(moveId: string): Promise<MoveEvent[]> {
    assertValidMoveId(moveId);
    const head = await this.readHead(moveId, 'Loading a move');
    if (!head || head.version === 0) return [];
    const rows: Array<Record<string, unknown>> = [];
    const filter = odata`PartitionKey eq ${moveId} and RowKey ge ${rowKeyOf(1)} and RowKey le ${rowKeyOf(head.version)}`;
    try {
      // The SDK follows continuation tokens: rows come page by page, in RowKey order.
      for await (const entity of this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) rows.push(entity);
    } catch (error) {
      throw describeAzureFailure('Loading a move', `table ${this.client.tableName}`, error);
    }
    const events = rows.map((row, index) => {
      if (row.rowKey !== rowKeyOf(index + 1)) {
        throw new Error(`The event stream of move ${moveId} in table ${this.client.tableName} is damaged: event ${index + 1} is missing (found row ${String(row.rowKey)}).`);
      }
      return parseEvent(row, moveId, index + 1);
    });
    if (events.length !== head.version) {
      throw new Error(`The event stream of move ${moveId} in table ${this.client.tableName} is damaged: the head says ${head.version} events, ${events.length} were found.`);
    }
    return events;
  }

  async append(moveId: string, expectedVersion: number, events: MoveEvent[]): Promise<number> {
    assertValidMoveId(moveId);
    if (!Number.isSafeInteger(expectedVersion) || expectedVersion < 0) {
      throw new RangeError(`Expected version must be a non-negative integer, got ${String(expectedVersion)}.`);
    }
    if (!Array.isArray(events)) throw new TypeError('Events must be an array.');
    if (events.length > MAX_EVENTS_PER_APPEND) {
      throw new AppendTooLargeError(moveId, `${events.length} events, but one Azure Table transaction holds at most ${MAX_EVENTS_PER_APPEND} events and the head. Append in smaller steps.`);
    }
    // Serialise now: what is stored is the events as they were at the call; a non-serialisable event fails here.
    const eventTexts = events.map((event, index) => {
      const text = JSON.stringify(event) as string | undefined;
      if (typeof text !== 'string') throw new TypeError(`Event ${index + 1} of the append to move ${moveId} is not a JSON value.`);
      return text;
    });

    if (eventTexts.length === 0) {
      const version = (await this.readHead(moveId, 'Appending to a move'))?.version ?? 0;
      if (version !== expectedVersion) throw new ConcurrencyError(moveId, expectedVersion, version);
      return version;
    }

    // Built (and checked against Azure's size limits) before any request.
    const eventActions = buildEventActions(moveId, expectedVersion, eventTexts, events);
    let head: HeadEntity | undefined;
    if (expectedVersion > 0) {
      head = await this.readHead(moveId, 'Appending to a move');
      const version = head?.version ?? 0;
      if (version !== expectedVersion) throw new ConcurrencyError(moveId, expectedVersion, version);
    }

    const appendId = randomUUID();
    const newVersion = expectedVersion + eventTexts.length;
    const headEntity: TableEntity<Record<string, unknown>> = { partitionKey: moveId, rowKey: HEAD_ROW_KEY, version: newVersion, lastAppendId: appendId };
    // The head is created by the first append (fails if it exists) and replaced only if unchanged since read.
    const headAction: TransactionAction = head ? ['update', headEntity, 'Replace', { etag: head.etag }] : ['create', headEntity];
    try {
      await this.client.submitTransaction([...eventActions, headAction]);
      return newVersion;
    } catch (error) {
      const status = statusOf(error);
      if (status !== 409 && status !== 412 && status !== 404) {
        throw describeAzureFailure(`Appending ${eventTexts.length} event(s) to move ${moveId}`, `table ${this.client.tableName}`, error);
      }
      // A conflict: either someone else appended first, or our own transaction committed and the SDK
      // retried it after a lost response. The head's append id tells the two apart.
      const current = await this.readHead(moveId, 'Checking a conflicting append');
      if (current?.lastAppendId === appendId && current.version === newVersion) return newVersion;
      const actual = current?.version ?? 0;
      if (actual !== expectedVersion) throw new ConcurrencyError(moveId, expectedVersion, actual);
      throw new Error(
        `Appending to move ${moveId} in table ${this.client.tableName} conflicted although its head is still at version ${actual}: ` +
          'rows beyond the head exist, so the stream was changed outside this app. Inspect the partition before appending again.',
      );
    }
  }

  async listMoveIds(): Promise<string[]> {
    const ids: string[] = [];
    try {
      const entities = this.client.listEntities({ queryOptions: { filter: odata`RowKey eq ${HEAD_ROW_KEY}`, select: ['PartitionKey'] } });
      for await (const page of entities.byPage({ maxPageSize: 1000 })) {
        for (const entity of page) {
          const id = entity.partitionKey;
          if (typeof id === 'string' && isValidMoveId(id)) ids.push(id);
        }
      }
    } catch (error) {
      throw describeAzureFailure('Listing moves', `table ${this.client.tableName}`, error);
    }
    return ids.sort();
  }

  /** Every move's version from its head, without reading any event (the same one query as listMoveIds). */
  async streamVersions(): Promise<Map<string, number>> {
    const versions = new Map<string, number>();
    try {
      const heads = this.client.listEntities<Record<string, unknown>>({ queryOptions: { filter: odata`RowKey eq ${HEAD_ROW_KEY}`, select: ['PartitionKey', 'version'] } });
      for await (const page of heads.byPage({ maxPageSize: 1000 })) {
        for (const head of page) {
          const id = head.partitionKey;
          const version = readInteger(head.version);
          if (typeof id === 'string' && isValidMoveId(id) && version !== undefined && version >= 0) versions.set(id, version);
        }
      }
    } catch (error) {
      throw describeAzureFailure('Reading the moves\' versions', `table ${this.client.tableName}`, error);
    }
    return versions;
  }

  private async readHead(moveId: string, step: string): Promise<HeadEntity | undefined> {
    let entity: Record<string, unknown> & { etag: string };
    try {
      entity = await this.client.getEntity<Record<string, unknown>>(moveId, HEAD_ROW_KEY);
    } catch (error) {
      if (statusOf(error) === 404 && codeOf(error) !== 'TableNotFound') return undefined;
      throw describeAzureFailure(step, `table ${this.client.tableName}`, error);
    }
    const version = readInteger(entity.version);
    if (version === undefined || version < 0) {
      throw new AzureStorageError(step, `the head of move ${moveId} in table ${this.client.tableName} has no valid "version"; it was changed outside this app.`);
    }
    const lastAppendId = typeof entity.lastAppendId === 'string' ? entity.lastAppendId : undefined;
    return { version, etag: entity.etag, lastAppendId };
  }
}

function buildEventActions(moveId: string, expectedVersion: number, texts: string[], events: MoveEvent[]): TransactionAction[] {
  const actions: TransactionAction[] = [];
  let bytes = 0;
  texts.forEach((text, index) => {
    const sequence = expectedVersion + index + 1;
    const entity: TableEntity<Record<string, unknown>> = {
      partitionKey: moveId,
      rowKey: rowKeyOf(sequence),
      eventType: typeof events[index]?.type === 'string' ? events[index].type : 'unknown',
      ...chunkProperties(text, 'json', `Event ${sequence} of move ${moveId}`),
    };
    if (entitySizeBytes(entity) > MAX_ENTITY_BYTES) {
      throw new AppendTooLargeError(moveId, `event ${sequence} is larger than the 1 MiB an Azure Table entity holds.`);
    }
    bytes += Buffer.byteLength(JSON.stringify(entity), 'utf8') + PER_OPERATION_OVERHEAD_BYTES;
    actions.push(['create', entity]);
  });
  if (bytes > MAX_TRANSACTION_BYTES) {
    throw new AppendTooLargeError(moveId, `the events come to about ${(bytes / 1048576).toFixed(1)} MiB, over the 4 MiB of one Azure Table transaction. Append fewer or smaller events.`);
  }
  return actions;
}

function parseEvent(entity: Record<string, unknown>, moveId: string, sequence: number): MoveEvent {
  const what = `Event ${sequence} of move ${moveId}`;
  const text = joinChunks(entity, 'json', what);
  try {
    return JSON.parse(text) as MoveEvent;
  } catch (error) {
    throw new Error(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

export function rowKeyOf(sequence: number): string {
  return String(sequence).padStart(SEQUENCE_DIGITS, '0');
}

function isValidMoveId(id: string): boolean {
  try {
    assertValidMoveId(id);
    return true;
  } catch {
    return false;
  }
}
