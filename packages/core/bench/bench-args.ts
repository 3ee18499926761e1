import { parseArgs } from "node:util";

/** Settings of the overhead benchmark. */
export interface BenchArgs {
  /** Calls per measured run. */
  readonly calls: number;
  /** Interleaved rounds per scenario; the median is reported. */
  readonly rounds: number;
  /** Unmeasured calls per client before each scenario. */
  readonly warmup: number;
  /** Workers of the concurrent scenario. */
  readonly concurrency: number;
  /** Calls per interleaved block of one client; undefined: 100 sequential, 8 waves of workers concurrent. */
  readonly block: number | undefined;
  readonly help: boolean;
}

/** Usage text of `bench/overhead.ts`. */
export const BENCH_USAGE =
  "usage: tsx bench/overhead.ts [--calls N (2000)] [--rounds N (3)] [--warmup N (300)] [--concurrency N (32)] [--block N (100; 8 x concurrency)]";

/** An integer flag of at least `minimum`, `fallback` when absent; throws naming the flag otherwise. */
export function positiveInteger(name: string, text: string | undefined, fallback: number, minimum: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < minimum) throw new Error(`--${name} must be an integer >= ${minimum}, got "${text}"`);
  return value;
}

/** Parses the benchmark's flags; throws with a message naming the bad flag. */
export function parseBenchArgs(args: readonly string[]): BenchArgs {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      calls: { type: "string" },
      rounds: { type: "string" },
      warmup: { type: "string" },
      concurrency: { type: "string" },
      block: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  return {
    calls: positiveInteger("calls", values.calls, 2_000, 1),
    rounds: positiveInteger("rounds", values.rounds, 3, 1),
    warmup: positiveInteger("warmup", values.warmup, 300, 0),
    concurrency: positiveInteger("concurrency", values.concurrency, 32, 1),
    block: values.block === undefined ? undefined : positiveInteger("block", values.block, 100, 1),
    help: values.help ?? false,
  };
}

/**
 * Runs a benchmark's command line: parses its flags (a bad one prints the
 * message and the usage, exit code 2), prints the usage for `--help`, else
 * runs it; a benchmark reports and does not assert, so a run exits 0.
 */
export async function runBenchCli<TArgs extends { readonly help: boolean }>(
  parse: (args: readonly string[]) => TArgs,
  usage: string,
  run: (args: TArgs) => Promise<void>,
): Promise<void> {
  let args: TArgs;
  try {
    args = parse(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${usage}`);
    process.exitCode = 2;
    return;
  }
  if (args.help) {
    console.log(usage);
    return;
  }
  await run(args);
  process.exitCode = 0;
}
