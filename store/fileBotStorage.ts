/**
 * Bot state (conversation and user state, dialog stacks) on local disk. Structurally the same as
 * botbuilder's `Storage` interface, so bot/ can hand it to ConversationState / UserState without
 * store/ importing botbuilder. The eTag rules are those of botbuilder's MemoryStorage:
 *
 * - a write succeeds when the key is absent, or the incoming `eTag` is `'*'`, missing or empty, or equal
 *   to the stored eTag; otherwise it rejects with `Storage: error writing "<key>" due to eTag conflict.`
 * - every save assigns a new eTag; items read back carry their eTag.
 *
 * One deliberate difference: a write of several keys checks every eTag first and writes nothing if any
 * conflicts (MemoryStorage would still save the keys that did not conflict).
 */
import { randomUUID } from 'node:crypto';
import type { KeyValueStore } from './keyValueStore';
import { FileKeyValueStore } from './fileKeyValueStore';
import { KeyedSerialQueue } from '../move/keyedSerialQueue';

/** Mirrors botbuilder's StoreItem: any JSON object, with an optional eTag for optimistic concurrency. */
export interface StoreItem {
  // `any`, as in botbuilder, so callers' state objects need no casts.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  [key: string]: any;
  eTag?: string;
}

/** Mirrors botbuilder's StoreItems: items by key. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StoreItems = Record<string, any>;

export interface FileBotStorageOptions {
  /** Makes the eTag of each save; defaults to a random UUID (unique across restarts). */
  newETag?: () => string;
}

export class FileBotStorage {
  private readonly store: KeyValueStore;
  private readonly newETag: () => string;
  /** Read-compare-write of a key must not interleave with another write of the same key. */
  private readonly queue = new KeyedSerialQueue();

  /** @param storeOrFolder a key-value store used only by this storage, or a folder for a FileKeyValueStore. */
  constructor(storeOrFolder: KeyValueStore | string, options: FileBotStorageOptions = {}) {
    this.store = typeof storeOrFolder === 'string' ? new FileKeyValueStore(storeOrFolder) : storeOrFolder;
    this.newETag = options.newETag ?? (() => randomUUID());
  }

  /** The stored items for the keys that exist; missing keys are absent from the result. */
  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const items: StoreItems = {};
    const values = await Promise.all(keys.map((key) => this.store.get<StoreItem>(key)));
    keys.forEach((key, index) => {
      const value = values[index];
      if (value !== undefined && value !== null) items[key] = value;
    });
    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const keys = Object.keys(changes);
    for (const key of keys) {
      const item: unknown = changes[key];
      if (typeof item !== 'object' || item === null || Array.isArray(item)) {
        throw new TypeError(`Storage: the item for "${key}" must be an object.`);
      }
    }
    if (keys.length === 0) return;
    await this.queue.run(keys, async () => {
      const stored = await Promise.all(keys.map((key) => this.store.get<StoreItem>(key)));
      keys.forEach((key, index) => {
        const incomingETag: unknown = (changes[key] as StoreItem).eTag;
        const storedItem = stored[index];
        const accepted =
          storedItem === undefined || storedItem === null ||
          incomingETag === '*' || !incomingETag ||
          incomingETag === storedItem.eTag;
        if (!accepted) throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
      });
      // The caller's object is left as it was; the stored copy gets the new eTag.
      for (const key of keys) {
        await this.store.put<StoreItem>(key, { ...(changes[key] as StoreItem), eTag: this.newETag() });
      }
    });
  }

  /** Removes the keys; missing keys are fine. */
  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.queue.run(keys, async () => {
      for (const key of keys) await this.store.delete(key);
    });
  }
}
