/**
 * `npm run bench -- <name> [options]` (package.json: `"bench": "tsx bench/run.ts"`): runs one benchmark.
 * Each benchmark prints its figures on stdout (progress on stderr) and never passes or fails on time
 * (docs/ARCHITECTURE.md §7). The list is in docs/PERFORMANCE.md; add a benchmark by adding an entry below.
 */
import { CLICKS_BENCHMARK_DESCRIPTION, runClicksBenchmark } from './clicks';
import { EDGE_BENCHMARK_DESCRIPTION, runEdgeBenchmark } from './edge';
import { UsageError } from './lib';
import { PLAN_BENCHMARK_DESCRIPTION, runPlanBenchmark } from './plan';
import { PRICESHEET_BENCHMARK_DESCRIPTION, runPricesheetBenchmark } from './pricesheet';
import { runSweepBenchmark, SWEEP_BENCHMARK_DESCRIPTION } from './sweep';

interface Benchmark {
  description: string;
  run(args: readonly string[]): Promise<void>;
}

const BENCHMARKS: Readonly<Record<string, Benchmark>> = {
  sweep: { description: SWEEP_BENCHMARK_DESCRIPTION, run: runSweepBenchmark },
  plan: { description: PLAN_BENCHMARK_DESCRIPTION, run: runPlanBenchmark },
  edge: { description: EDGE_BENCHMARK_DESCRIPTION, run: runEdgeBenchmark },
  clicks: { description: CLICKS_BENCHMARK_DESCRIPTION, run: runClicksBenchmark },
  pricesheet: { description: PRICESHEET_BENCHMARK_DESCRIPTION, run: runPricesheetBenchmark },
};

function usage(): string {
  const names = Object.entries(BENCHMARKS).map(([name, b]) => `  ${name.padEnd(10)} ${b.description}`).join('\n');
  return `Usage: npm run bench -- <benchmark> [options]   (--help after the name for its options)\n${names}`;
}

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    process.stdout.write(`${usage()}\n`);
    return name ? 0 : 2;
  }
  const benchmark = Object.hasOwn(BENCHMARKS, name) ? BENCHMARKS[name] : undefined;
  if (!benchmark) {
    process.stderr.write(`Unknown benchmark ${JSON.stringify(name)}.\n${usage()}\n`);
    return 2;
  }
  try {
    await benchmark.run(args);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    return 1;
  }
}

// Exit explicitly: keep-alive sockets of the outbound HTTP client must not hold the process open.
main(process.argv.slice(2)).then((code) => process.exit(code));
