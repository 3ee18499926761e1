// Instructions per call of the call floor (bench/call-floor.ts), counted by valgrind's
// callgrind instead of timed: the count does not move with the machine's load, so a
// change of a few percent shows up even on a noisy 2-core VM, where timings drift by
// 20%. Each side runs in its own process; callgrind dumps its counters at every
// process.cpuUsage() call (`--dump-before=uv_getrusage`), so the second dump holds
// exactly the measured loop, with no start-up and no warm-up in it.
// A second table counts the same sides through the real `openai` client (call-floor's
// `--through openai`: request building, headers, response parsing, no socket), with a
// 512 MB young generation, so collections are rare (one that lands is left out of the
// second column, with V8's compile jobs).
// Node runs with fixed random and hash seeds: with random ones the same code counted up to
// 10% apart from run to run through openai (hash tables laid out differently, other
// tiering); with fixed ones two runs agree within a few instructions per call. `--repeat N`
// runs each side with N different seeds and reports the median run, with the spread
// under the table. `--openai-warmup N` (default 30,000) warms the openai sides up longer
// than they are measured: after 3,000 or even 12,000 calls TurboFan still compiled some
// of the call's functions inside the window (a fifth of its instructions); after
// 30,000, compile jobs are under 0.2% of it.
// Run (after `pnpm build`): `npx tsx bench/instructions.ts [--calls N (20000)] [--openai-calls N (3000)] [--openai-warmup N (30000)] [--repeat N (1)]`.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs, promisify } from "node:util";
import { renderTable } from "./report-table.js";

const run = promisify(execFile);
const packageDir = dirname(dirname(fileURLToPath(import.meta.url)));
const sides = [
  { side: "raw", label: "raw JSON.parse + v.parse" },
  { side: "effect", label: "one bare Effect fiber (Effect.runPromise)" },
  { side: "cortex", label: "structuredChat" },
] as const;

/** The `totals:` line of a callgrind dump. */
async function totalOf(file: string): Promise<number> {
  const match = /^totals:\s+(\d+)/m.exec(await readFile(file, "utf8"));
  if (!match?.[1]) throw new Error(`no totals in ${file}`);
  return Number(match[1]);
}

/** Runs one side of the call floor under callgrind (run `runIndex` of it) and returns its instructions per measured call, with and without compile jobs and garbage collection. */
async function instructionsPerCall(side: string, calls: number, warmup: number, folder: string, throughOpenAI: boolean, runIndex: number): Promise<CallCount> {
  const out = join(folder, `${side}${throughOpenAI ? "-openai" : ""}-${runIndex}.out`);
  await run(
    "valgrind",
    [
      "--tool=callgrind",
      "--dump-before=uv_getrusage",
      `--callgrind-out-file=${out}`,
      process.execPath,
      ...(throughOpenAI ? ["--max-semi-space-size=512", "--min-semi-space-size=512"] : []),
      `--random-seed=${7 + runIndex}`,
      `--hash-seed=${7 + runIndex}`,
      "--single-threaded",
      "--import",
      "tsx",
      join(packageDir, "bench", "call-floor.ts"),
      "--only",
      side,
      "--calls",
      String(calls),
      "--warmup",
      String(warmup),
      ...(throughOpenAI ? ["--through", "openai"] : []),
    ],
    { cwd: packageDir, maxBuffer: 64 * 1024 * 1024 },
  );
  // Dump 1: start-up and warm-up; dump 2: the measured loop; the final file: what came after.
  const total = await totalOf(`${out}.2`);
  return { all: total / calls, withoutCompiler: (total - (await machineryOf(`${out}.2`))) / calls };
}

/**
 * The instructions of V8's own machinery in a dump, inclusive: its
 * optimizing-compiler jobs (TurboFan's `PipelineCompilationJob::ExecuteJobImpl`,
 * Maglev's job) and its garbage collections (`Heap::CollectGarbage`). Under
 * `--single-threaded` both run on the main thread, and where they land is
 * chance: a compile job in the window adds tens of millions of instructions
 * to one side only (through the openai client, 2,000 calls after 2,000
 * warm-up calls still had a quarter of the window in compile jobs), and one
 * scavenge adds hundreds of millions. Both sides allocate alike (the same
 * number of scavenges per call), so leaving collections out compares the
 * calls' own work.
 */
async function machineryOf(file: string): Promise<number> {
  const { stdout } = await run("callgrind_annotate", ["--inclusive=yes", "--threshold=100", file], { maxBuffer: 256 * 1024 * 1024 });
  let jobs = 0;
  let collections = 0;
  for (const line of stdout.split("\n")) {
    const count = Number(/^\s*([\d,]+)/.exec(line)?.[1]?.replaceAll(",", "") ?? Number.NaN);
    if (!Number.isFinite(count)) continue;
    if (/(PipelineCompilationJob|MaglevCompilationJob)::ExecuteJobImpl\(/.test(line)) jobs += count;
    // Heap::CollectGarbage calls itself once through a stack-marking lambda: its largest line holds every collection.
    else if (/v8::internal::Heap::CollectGarbage\(/.test(line)) collections = Math.max(collections, count);
  }
  return jobs + collections;
}

/** Instructions per measured call: all of them, and without the optimizing compiler's jobs. */
interface CallCount {
  readonly all: number;
  readonly withoutCompiler: number;
}

/** The median run of a side (by all instructions), and the spread of its runs. */
function medianOf(runs: readonly CallCount[]): CallCount & { readonly low: number; readonly high: number } {
  const sorted = [...runs].sort((left, right) => left.all - right.all);
  const median = sorted[Math.floor((sorted.length - 1) / 2)] as CallCount;
  return { ...median, low: (sorted[0] as CallCount).all, high: (sorted.at(-1) as CallCount).all };
}

/** Runs a side `repeat` times (each with its own seeds), one run after the other, and returns its median run. */
async function repeatedCount(side: string, calls: number, warmup: number, folder: string, throughOpenAI: boolean, repeat: number) {
  const runs: CallCount[] = [];
  for (let index = 0; index < repeat; index += 1) runs.push(await instructionsPerCall(side, calls, warmup, folder, throughOpenAI, index));
  return medianOf(runs);
}

/** One line per side: the lowest and highest run, when there was more than one. */
function spreadLines(counts: readonly ReturnType<typeof medianOf>[], repeat: number): string {
  if (repeat < 2) return "";
  const lines = counts.map((count, index) => `  ${sides[index]?.label}: ${count.low.toFixed(0)} .. ${count.high.toFixed(0)}`);
  return `\nmedian of ${repeat} runs per side (seeds 7..${6 + repeat}); lowest .. highest run (instructions/call):\n${lines.join("\n")}`;
}

/** The table of one floor: instructions per call, over raw, over the bare fiber (all, then without compile jobs and collections). */
function floorTable(counts: readonly CallCount[]): string {
  const [raw, effect] = counts as [CallCount, CallCount, CallCount];
  return renderTable([
    ["side", "instructions/call", "over raw", "over one Effect fiber", "without compile jobs and GC", "over raw", "over one Effect fiber"],
    ...sides.map(({ label }, index) => {
      const count = counts[index] as CallCount;
      const over = (base: CallCount, key: keyof CallCount) => (index === 0 ? "" : (count[key] - base[key]).toFixed(0));
      return [
        label,
        count.all.toFixed(0),
        (count.all - raw.all).toFixed(0),
        over(effect, "all"),
        count.withoutCompiler.toFixed(0),
        (count.withoutCompiler - raw.withoutCompiler).toFixed(0),
        over(effect, "withoutCompiler"),
      ];
    }),
  ]);
}

const usage = "usage: tsx bench/instructions.ts [--calls N (20000)] [--openai-calls N (3000)] [--openai-warmup N (30000)] [--repeat N (1)]";
const { values } = parseArgs({
  options: { calls: { type: "string" }, "openai-calls": { type: "string" }, "openai-warmup": { type: "string" }, repeat: { type: "string" } },
});
const calls = Number(values.calls ?? 20_000);
const openAICalls = Number(values["openai-calls"] ?? 3_000);
const openAIWarmup = Number(values["openai-warmup"] ?? 30_000);
const repeat = Number(values.repeat ?? 1);
const counts = [calls, openAICalls, openAIWarmup, repeat];
if (!counts.every((count) => Number.isInteger(count) && count >= 1)) {
  console.error(usage);
  process.exit(2);
}
try {
  await run("valgrind", ["--version"]);
} catch {
  console.log("valgrind is not installed (Debian/Ubuntu: `apt-get install valgrind`); nothing measured.");
  process.exit(0);
}

const folder = await mkdtemp(join(tmpdir(), "cortex-ml-instructions-"));
try {
  console.log(`call floor under callgrind: ${calls} measured calls per side after ${calls} warm-up calls (a few minutes)...`);
  const resolved = await Promise.all(sides.map(({ side }) => repeatedCount(side, calls, calls, folder, false, repeat)));
  console.log(floorTable(resolved) + spreadLines(resolved, repeat));
  console.log("");
  console.log(`through the openai client (no socket): ${openAICalls} measured calls per side after ${openAIWarmup} warm-up calls (several minutes)...`);
  const throughOpenAI = await Promise.all(sides.map(({ side }) => repeatedCount(side, openAICalls, openAIWarmup, folder, true, repeat)));
  console.log(floorTable(throughOpenAI) + spreadLines(throughOpenAI, repeat));
} finally {
  await rm(folder, { recursive: true, force: true });
}
