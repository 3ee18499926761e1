import { parseArgs } from "node:util";
import { positiveInteger } from "../bench-args.js";

/** Settings of the end-to-end streaming bench. */
export interface StreamBenchArgs {
  /** Document sizes, in characters of compact JSON. */
  readonly sizes: readonly number[];
  /** Interleaved rounds per size; medians are reported. */
  readonly rounds: number;
  /** Unmeasured calls per client on the smallest document before measuring. */
  readonly warmup: number;
  /** A call that lasts longer (wall time) is aborted; the client is "over budget" at that size and above. */
  readonly budgetMs: number;
  /** Calls per block are chosen so raw's block lasts about this long (1 .. 50 calls). */
  readonly blockMs: number;
  /** Events per socket write of the server. */
  readonly eventsPerWrite: number;
  /** Only these clients (keys), raw baselines always included; undefined: all. */
  readonly clients: readonly string[] | undefined;
  readonly quick: boolean;
  readonly help: boolean;
}

/** The sizes: 300 B, 3 KB, 30 KB, 300 KB and 1 MB. */
export const FULL_SIZES = [300, 3_000, 30_000, 300_000, 1_000_000] as const;
/** `--quick`: the three small sizes. */
export const QUICK_SIZES = [300, 3_000, 30_000] as const;

/** Usage text of `bench/streaming-e2e.ts`. */
export const STREAM_BENCH_USAGE = [
  "usage: tsx --expose-gc bench/streaming-e2e.ts [--quick] [--sizes 300,3k,30k,300k,1m] [--rounds N (3; 1 quick)]",
  "       [--budget-ms N (60000; 8000 quick)] [--warmup N (20; 5 quick)] [--block-ms N (300; 100 quick)]",
  "       [--events-per-write N (16)] [--clients key,key (all)]",
  "  --quick: sizes 300 B, 3 KB and 30 KB, one round, smaller budgets (the `pnpm bench` run).",
  "  sizes in characters: 300, 3k or 3KB, 1m or 1MB (decimal units).",
].join("\n");

/** A size such as `300`, `3k`, `3KB`, `1m` or `1MB`, in characters (decimal units). */
export function parseSize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb)?$/i.exec(text.trim());
  const unit = match?.[2]?.toLowerCase().charAt(0);
  const value = match ? Number(match[1]) * (unit === "k" ? 1_000 : unit === "m" ? 1_000_000 : 1) : Number.NaN;
  if (!Number.isInteger(value) || value < 1) throw new Error(`--sizes takes sizes such as 300, 3k, 30KB or 1MB, got "${text}"`);
  return value;
}

/** A size for a table: `300 B`, `3 KB`, `1 MB`, `1.5 MB`. */
export function formatSize(characters: number): string {
  if (characters >= 1_000_000) return `${+(characters / 1_000_000).toFixed(2)} MB`;
  if (characters >= 1_000) return `${+(characters / 1_000).toFixed(1)} KB`;
  return `${characters} B`;
}

/** Parses the bench's flags; throws with a message naming the bad flag. */
export function parseStreamBenchArgs(args: readonly string[]): StreamBenchArgs {
  const { values } = parseArgs({
    args: [...args],
    strict: true,
    options: {
      quick: { type: "boolean" },
      sizes: { type: "string" },
      rounds: { type: "string" },
      warmup: { type: "string" },
      "budget-ms": { type: "string" },
      "block-ms": { type: "string" },
      "events-per-write": { type: "string" },
      clients: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const quick = values.quick ?? false;
  const sizes = values.sizes === undefined ? [...(quick ? QUICK_SIZES : FULL_SIZES)] : values.sizes.split(",").map(parseSize);
  return {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    rounds: positiveInteger("rounds", values.rounds, quick ? 1 : 3, 1),
    warmup: positiveInteger("warmup", values.warmup, quick ? 5 : 20, 0),
    budgetMs: positiveInteger("budget-ms", values["budget-ms"], quick ? 8_000 : 60_000, 1),
    blockMs: positiveInteger("block-ms", values["block-ms"], quick ? 100 : 300, 1),
    eventsPerWrite: positiveInteger("events-per-write", values["events-per-write"], 16, 1),
    clients: values.clients === undefined ? undefined : values.clients.split(",").map((key) => key.trim()),
    quick,
    help: values.help ?? false,
  };
}
