/**
 * Small JSON documents by key: Teams conversation references, card activity ids, the notification
 * channel. The file implementation is FileKeyValueStore; an Azure one can implement the same shape.
 *
 * Values are stored as JSON, so `get<T>` returns what was put after a JSON round trip (Dates become
 * strings, undefined properties disappear). `T` is not checked at runtime: validate where it matters.
 */
export interface KeyValueStore {
  /** undefined when the key has no value. */
  get<T>(key: string): Promise<T | undefined>;
  /** Stores a JSON-serialisable value, replacing any previous one. */
  put<T>(key: string, value: T): Promise<void>;
  /** Removes the key; a missing key is fine. */
  delete(key: string): Promise<void>;
  /** Keys that start with `prefix` (all keys without one), sorted. */
  list(prefix?: string): Promise<string[]>;
}
