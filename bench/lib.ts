/**
 * Small helpers shared by the benchmarks: command-line options, the machine's description, memory
 * figures and a plain-text table. Benchmarks print figures; none of them passes or fails on time
 * (docs/ARCHITECTURE.md §7).
 */
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';

/** `--name=value` and `--flag` options; anything else is refused so a typo does not go unnoticed. */
export function parseOptions(args: readonly string[], known: readonly string[]): Map<string, string> {
  const options = new Map<string, string>();
  for (const arg of args) {
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/.exec(arg);
    if (!match || !known.includes(match[1])) {
      throw new UsageError(`Unknown option ${JSON.stringify(arg)}; known: ${known.map((k) => `--${k}`).join(', ')}.`);
    }
    options.set(match[1], match[2] ?? 'true');
  }
  return options;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function integerOption(options: Map<string, string>, name: string, fallback: number, min: number, max: number): number {
  const text = options.get(name);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}.`);
  return value;
}

export function describeMachine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown CPU';
  return `${os.availableParallelism()} cores (${model}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, `
    + `Node ${process.version}, ${os.platform()} ${os.release()}`;
}

export interface MemoryFigures {
  rssMb: number;
  heapUsedMb: number;
}

/**
 * The process's resident set and its live heap: a full garbage collection runs first, so `heapUsedMb` is
 * what is still reachable rather than whatever the last collection left behind.
 */
export function memory(): MemoryFigures {
  collectGarbage();
  const usage = process.memoryUsage();
  return { rssMb: usage.rss / 2 ** 20, heapUsedMb: usage.heapUsed / 2 ** 20 };
}

let gc: (() => void) | null | undefined;

/** `global.gc` without `--expose-gc` on the command line (npm scripts cannot pass it through tsx). */
function collectGarbage(): void {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gc = vm.runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  gc?.();
}

/** Right-aligns numbers, left-aligns the first column. */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly (string | number)[]>): string {
  const cells = [header, ...rows.map((row) => row.map((cell) => String(cell)))];
  const widths = header.map((_, column) => Math.max(...cells.map((row) => row[column]?.length ?? 0)));
  const line = (row: readonly string[]) => row
    .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
    .join('  ')
    .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** Runs `work` over `items` with at most `limit` at a time, in order of start. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      await work(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Progress for the person running the benchmark, on stderr so stdout stays the report. */
export function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}
