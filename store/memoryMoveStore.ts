import type { MoveEvent } from '../move/events';
import { ConcurrencyError, type MoveStore, type MoveStreamVersions } from '../move/ports';

/**
 * The MoveStore contract in memory (benchmarks, tests): append at an expected version, ConcurrencyError on
 * a mismatch, copies in and out. Nothing survives the process.
 */
export class MemoryMoveStore implements MoveStore, MoveStreamVersions {
  protected readonly streams = new Map<string, MoveEvent[]>();

  async load(moveId: string): Promise<MoveEvent[]> {
    return structuredClone(this.streams.get(moveId) ?? []);
  }

  async append(moveId: string, expectedVersion: number, events: MoveEvent[]): Promise<number> {
    const stream = this.streams.get(moveId) ?? [];
    if (stream.length !== expectedVersion) throw new ConcurrencyError(moveId, expectedVersion, stream.length);
    const next = [...stream, ...structuredClone(events)];
    this.streams.set(moveId, next);
    return next.length;
  }

  async listMoveIds(): Promise<string[]> {
    return [...this.streams.keys()].sort();
  }

  async streamVersions(): Promise<Map<string, number>> {
    return new Map([...this.streams].map(([moveId, events]) => [moveId, events.length]));
  }
}
