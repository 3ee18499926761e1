// Instructions per call of the call floor (bench/call-floor.ts), counted by valgrind's
// callgrind instead of timed: the count does not move with the machine's load, so a
// change of a few percent shows up even on a noisy 2-core VM, where timings drift by
// 20%. Each side runs in its own process; callgrind dumps its counters at every
// process.cpuUsage() call (`--dump-before=uv_getrusage`), so the second dump holds
// exactly the measured loop, with no start-up and no warm-up in it.
// A second table counts the same sides through the real `openai` client (call-floor's
// `--through openai`: request building, headers, response parsing, no socket), with a
// young generation large enough that no collection lands in the measured window.
// Run (after `pnpm build`): `npx tsx bench/instructions.ts [--calls N (20000)] [--openai-calls N (2000)]`.
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

/** Runs one side of the call floor under callgrind and returns its instructions per measured call, with and without compile jobs. */
async function instructionsPerCall(side: string, calls: number, folder: string, throughOpenAI: boolean): Promise<CallCount> {
  const out = join(folder, `${side}${throughOpenAI ? "-openai" : ""}.out`);
  await run(
    "valgrind",
    [
      "--tool=callgrind",
      "--dump-before=uv_getrusage",
      `--callgrind-out-file=${out}`,
      process.execPath,
      ...(throughOpenAI ? ["--max-semi-space-size=512", "--min-semi-space-size=512"] : []),
      "--single-threaded",
      "--import",
      "tsx",
      join(packageDir, "bench", "call-floor.ts"),
      "--only",
      side,
      "--calls",
      String(calls),
      ...(throughOpenAI ? ["--through", "openai"] : []),
    ],
    { cwd: packageDir, maxBuffer: 64 * 1024 * 1024 },
  );
  // Dump 1: start-up and warm-up; dump 2: the measured loop; the final file: what came after.
  const total = await totalOf(`${out}.2`);
  return { all: total / calls, withoutCompiler: (total - (await compilerJobsOf(`${out}.2`))) / calls };
}

/**
 * The instructions of V8's optimizing-compiler jobs in a dump (TurboFan's
 * `PipelineCompilationJob::ExecuteJobImpl`, Maglev's job when there is one),
 * inclusive. Under `--single-threaded` they run on the main thread, so a job
 * that lands in the measured window adds tens of millions of instructions to
 * one side only: through the openai client, 2,000 calls after 2,000 warm-up
 * calls still had a quarter of the window in compile jobs, which moved a
 * side by 30,000 instructions per call between runs of the same code.
 */
async function compilerJobsOf(file: string): Promise<number> {
  const { stdout } = await run("callgrind_annotate", ["--inclusive=yes", "--threshold=100", file], { maxBuffer: 256 * 1024 * 1024 });
  let jobs = 0;
  for (const line of stdout.split("\n")) {
    if (!/(PipelineCompilationJob|MaglevCompilationJob)::ExecuteJobImpl\(/.test(line)) continue;
    const count = /^\s*([\d,]+)/.exec(line)?.[1];
    if (count) jobs += Number(count.replaceAll(",", ""));
  }
  return jobs;
}

/** Instructions per measured call: all of them, and without the optimizing compiler's jobs. */
interface CallCount {
  readonly all: number;
  readonly withoutCompiler: number;
}

/** The table of one floor: instructions per call, over raw, over the bare fiber (all, then without compile jobs). */
function floorTable(counts: readonly CallCount[]): string {
  const [raw, effect] = counts as [CallCount, CallCount, CallCount];
  return renderTable([
    ["side", "instructions/call", "over raw", "over one Effect fiber", "without compile jobs", "over raw", "over one Effect fiber"],
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

const usage = "usage: tsx bench/instructions.ts [--calls N (20000)] [--openai-calls N (2000)]";
const { values } = parseArgs({ options: { calls: { type: "string" }, "openai-calls": { type: "string" } } });
const calls = Number(values.calls ?? 20_000);
const openAICalls = Number(values["openai-calls"] ?? 2_000);
if (!Number.isInteger(calls) || calls < 1 || !Number.isInteger(openAICalls) || openAICalls < 1) {
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
  const counts = await Promise.all(sides.map(({ side }) => instructionsPerCall(side, calls, folder, false)));
  console.log(floorTable(counts));
  console.log("");
  console.log(`through the openai client (no socket): ${openAICalls} measured calls per side after as many warm-up calls (several minutes)...`);
  const openAICounts = await Promise.all(sides.map(({ side }) => instructionsPerCall(side, openAICalls, folder, true)));
  console.log(floorTable(openAICounts));
} finally {
  await rm(folder, { recursive: true, force: true });
}
