/**
 * Runs tasks one after another per key, inside one process. A task may claim several keys; it starts
 * once every earlier task on any of those keys has settled. Tasks only ever wait on tasks queued before
 * them, so claiming several keys cannot deadlock.
 */
export class KeyedSerialQueue {
  /** The last queued task per key; removed when it settles so the map does not grow with old keys. */
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(keys: string | readonly string[], task: () => Promise<T>): Promise<T> {
    const claimed = [...new Set(typeof keys === 'string' ? [keys] : keys)];
    const previous = claimed.map((key) => this.tails.get(key) ?? Promise.resolve());
    const result = Promise.all(previous).then(() => task());
    // The tail never rejects: a failed task must not block the tasks queued after it.
    const tail = result.then(ignore, ignore);
    for (const key of claimed) this.tails.set(key, tail);
    void tail.then(() => {
      for (const key of claimed) {
        if (this.tails.get(key) === tail) this.tails.delete(key);
      }
    });
    return result;
  }
}

function ignore(): void {
  // settled either way
}
