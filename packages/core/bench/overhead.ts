// Per-call overhead of cortex-ml over a raw `openai` call: the same request to a local
// test server (in a child process), then JSON.parse + Valibot parse on the raw side,
// `structuredChat` on the other. Reports throughput and client CPU per call, with two
// references in the same rounds: the raw call inside one Effect fiber, and instructor-js.
// It measures the built package (`dist`), as users run it: `pnpm bench` at the root
// builds first; `pnpm --filter @cortex-ml/core bench` needs a `pnpm build` before.
import { readFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import Instructor from "@instructor-ai/instructor";
import { Effect } from "effect";
import OpenAI from "openai";
import type { ChatCompletionCreateParamsNonStreaming, ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { VERSION as openaiVersion } from "openai/version";
import * as v from "valibot";
import { z } from "zod";
import { BENCH_USAGE, type BenchArgs, parseBenchArgs, runBenchCli } from "./bench-args.js";
import { collectGarbage, median, pairedRatios, type RunResult, runCalls, runInterleaved } from "./measure.js";
import { cpuRatio, pairedTable, type ScenarioSummary, summaryTable, throughputRatio } from "./report-table.js";
import { loadBuiltPackage } from "./built-package.js";
import { startServerProcess } from "./test-server-process.js";

/** What the test server answers; valid for {@link Person}. */
const CONTENT = '{"name":"John","age":25}';
const MODEL = "test-model";
const instructorVersion = (
  JSON.parse(readFileSync(new URL("../node_modules/@instructor-ai/instructor/package.json", import.meta.url), "utf8")) as { version: string }
).version;
/** cortex-ml must reach this ratio of raw (throughput, and CPU per call). */
const TARGET = 0.95;

const Person = v.object({ name: v.string(), age: v.number() });
const PersonZod = z.object({ name: z.string(), age: z.number() });
const messages: ChatCompletionMessageParam[] = [{ role: "user", content: "Extract the person: John is 25 years old." }];

/** The clients reported as references next to cortex-ml, each as its ratios to raw. */
const referenceKeys = ["again", "fiber", "instructor"] as const;
type ReferenceKey = (typeof referenceKeys)[number];

interface BenchClient {
  readonly key: "raw" | ReferenceKey | "cortex";
  readonly label: string;
  readonly call: () => Promise<unknown>;
}

/** A `fetch` that records each request body, for the one-off wire check. */
function recordingFetch(bodies: string[]): typeof fetch {
  return (input, init) => {
    bodies.push(typeof init?.body === "string" ? init.body : String(init?.body));
    return fetch(input, init);
  };
}

function sameValue(value: unknown): boolean {
  return JSON.stringify(value) === CONTENT;
}

function formatRun(result: RunResult): string {
  return `${result.callsPerSecond.toFixed(0).padStart(6)} calls/s ${result.cpuMicrosPerCall.toFixed(1).padStart(7)} us CPU/call`;
}

/** Calls per interleaved block: `--block`, or 100 sequential calls and 8 waves of the concurrent workers. */
function blockSize(args: BenchArgs, concurrency: number): number {
  return args.block ?? Math.max(100, concurrency * 8);
}

/** Unmeasured calls per client at the start of a round: 20 sequential, 2 waves of the concurrent workers. */
function settleCalls(concurrency: number): number {
  return Math.max(20, concurrency * 2);
}

function verdict(ratio: number): string {
  return ratio >= TARGET ? "meets" : "BELOW";
}

/** Runs both scenarios against a test server in a child process and prints the report. */
async function bench(args: BenchArgs): Promise<void> {
  const { createInstructor, structuredChat, loadedFrom } = await loadBuiltPackage();

  const server = await startServerProcess(CONTENT);
  try {
    const { baseURL } = server;

    // The raw side sends the very bytes structuredChat sends in its default JSON mode
    // (temperature 0, seed 42, schema in the system message): recorded from one call.
    const cortexBodies: string[] = [];
    const cortexValue = await structuredChat(createInstructor({ baseURL, fetch: recordingFetch(cortexBodies) }), { model: MODEL, responseModel: Person, messages });
    const body = JSON.parse(cortexBodies[0] ?? "{}") as ChatCompletionCreateParamsNonStreaming;
    const rawBodies: string[] = [];
    const rawCheck = await new OpenAI({ baseURL, apiKey: "ollama", maxRetries: 0, fetch: recordingFetch(rawBodies) }).chat.completions.create(body);
    const rawValue = v.parse(Person, JSON.parse(rawCheck.choices[0]?.message.content ?? ""));
    if (!sameValue(rawValue) || !sameValue(cortexValue)) {
      throw new Error(`unexpected answers: raw ${JSON.stringify(rawValue)}, cortex-ml ${JSON.stringify(cortexValue)}`);
    }
    const wireSame = rawBodies.length === 1 && cortexBodies.length === 1 && rawBodies[0] === cortexBodies[0];

    const openai = new OpenAI({ baseURL, apiKey: "ollama", maxRetries: 0 });
    const instructor = createInstructor({ baseURL });
    const instructorJs = Instructor({ client: openai, mode: "JSON" });
    const rawCall = async () => {
      const completion = await openai.chat.completions.create(body);
      return v.parse(Person, JSON.parse(completion.choices[0]?.message.content ?? ""));
    };
    const clients: readonly BenchClient[] = [
      { key: "raw", label: "raw", call: rawCall },
      // The same raw call again (an A/A control): its ratio to raw is the resolution of the method on this machine.
      { key: "again", label: "raw again", call: rawCall },
      {
        // The floor of any Effect-run call: the raw call inside one Effect.runPromise fiber.
        key: "fiber",
        label: "raw+fiber",
        call: () =>
          Effect.runPromise(
            Effect.map(Effect.promise(() => openai.chat.completions.create(body)), (completion) =>
              v.parse(Person, JSON.parse(completion.choices[0]?.message.content ?? "")),
            ),
          ),
      },
      {
        // A peer on the same openai client: instructor-js in its JSON mode, no re-asks (on zod 4, see pnpm-workspace.yaml).
        key: "instructor",
        label: "instr-js",
        call: () =>
          instructorJs.chat.completions.create({
            model: MODEL,
            messages,
            response_model: { schema: PersonZod, name: "Person" },
            max_retries: 0,
            temperature: 0,
            seed: 42,
          }),
      },
      {
        key: "cortex",
        label: "cortex-ml",
        call: () => structuredChat(instructor, { model: MODEL, responseModel: Person, messages }),
      },
    ];

    const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
    console.log("cortex-ml per-call overhead benchmark");
    console.log(`  node ${process.version}, openai ${openaiVersion}, ${process.platform}/${process.arch}, ${cpu} x${availableParallelism()}`);
    console.log(
      `  ${args.calls} calls per client per round in alternating blocks (sequential ${blockSize(args, 1)}, concurrent ${blockSize(args, args.concurrency)} calls),` +
        ` ${args.rounds} round(s), ${args.warmup} warm-up calls per client per scenario,` +
        ` gc before each round: ${globalThis.gc ? "yes" : "no (run node with --expose-gc for it)"}`,
    );
    console.log(`  cortex-ml loaded from: ${loadedFrom}`);
    console.log(`  test server: ${baseURL} (child process, not counted in CPU)`);
    console.log(`  request body identical on the wire: ${wireSame ? `yes (${rawBodies[0]?.length ?? 0} bytes)` : "NO"}`);
    console.log("");

    const scenarios = [
      { name: "sequential", concurrency: 1 },
      { name: `concurrency ${args.concurrency}`, concurrency: args.concurrency },
    ];
    const summaries: ScenarioSummary[] = [];
    const references: Record<ReferenceKey, { scenario: string; throughput: number; cpu: number }[]> = { again: [], fiber: [], instructor: [] };
    for (const scenario of scenarios) {
      for (const client of clients) {
        collectGarbage();
        if (args.warmup > 0) await runCalls(client.call, args.warmup, scenario.concurrency);
      }
      const results: Record<BenchClient["key"], RunResult[]> = { raw: [], again: [], fiber: [], instructor: [], cortex: [] };
      for (let round = 0; round < args.rounds; round += 1) {
        collectGarbage();
        // The clients in alternating blocks (raw ... cortex, then cortex ... raw), so drift hits all
        // alike. No gc between blocks: a forced full gc every few hundred calls makes every call slower
        // (measured: 1,200 instead of 750 us CPU per call) and the gap between clients wider.
        const calls = clients.map((client) => client.call);
        // Every other round starts from the other end, after a few unmeasured calls per client: the
        // first calls after a gc run cold, and would otherwise always land on the same client.
        const roundResults = await runInterleaved(calls, args.calls, blockSize(args, scenario.concurrency), scenario.concurrency, {
          startBackward: round % 2 === 1,
          settleCalls: settleCalls(scenario.concurrency),
        });
        clients.forEach((client, index) => {
          const result = roundResults[index] as RunResult;
          results[client.key].push(result);
          console.log(`  ${scenario.name.padEnd(16)} round ${round + 1}  ${client.label.padEnd(9)} ${formatRun(result)}`);
        });
      }
      for (const key of referenceKeys) {
        const ratios = pairedRatios(results.raw, results[key]);
        references[key].push({
          scenario: scenario.name,
          throughput: median(ratios.map((ratio) => ratio.throughput)),
          cpu: median(ratios.map((ratio) => ratio.cpu)),
        });
      }
      const paired = pairedRatios(results.raw, results.cortex);
      summaries.push({
        scenario: scenario.name,
        pairedThroughputRatios: paired.map((ratio) => ratio.throughput),
        pairedCpuRatios: paired.map((ratio) => ratio.cpu),
        rawCallsPerSecond: median(results.raw.map((result) => result.callsPerSecond)),
        cortexCallsPerSecond: median(results.cortex.map((result) => result.callsPerSecond)),
        rawCpuMicrosPerCall: median(results.raw.map((result) => result.cpuMicrosPerCall)),
        cortexCpuMicrosPerCall: median(results.cortex.map((result) => result.cpuMicrosPerCall)),
      });
    }

    console.log("");
    console.log(`Medians of ${args.rounds} round(s):`);
    console.log("");
    console.log(summaryTable(summaries));
    console.log("");
    console.log(pairedTable(summaries));
    console.log("");
    console.log(`Target: cortex-ml >= ${TARGET} of raw in both ratios (throughput cortex/raw, CPU raw/cortex), medians of the rounds.`);
    for (const summary of summaries) {
      const throughput = throughputRatio(summary);
      const cpuPerCall = cpuRatio(summary);
      console.log(
        `  ${summary.scenario.padEnd(16)} throughput ${throughput.toFixed(3)} ${verdict(throughput)}, CPU ${cpuPerCall.toFixed(3)} ${verdict(cpuPerCall)}`,
      );
    }
    const referenceNames: Record<ReferenceKey, string> = {
      again: "the raw call again, an A/A control (any distance from 1.000 is the method's noise on this machine)",
      fiber: "the raw call inside one Effect.runPromise fiber (no cortex-ml code)",
      instructor: `instructor-js ${instructorVersion} (JSON mode, max_retries 0) on the same openai client`,
    };
    for (const key of referenceKeys) {
      console.log(`Reference, same rounds: ${referenceNames[key]}, per-round medians of its ratios to raw:`);
      for (const reference of references[key]) {
        console.log(`  ${reference.scenario.padEnd(16)} throughput ${reference.throughput.toFixed(3)}, CPU ${reference.cpu.toFixed(3)}`);
      }
    }
    console.log("(A benchmark, not a test: it exits 0 whatever the ratios.)");
  } finally {
    await server.stop();
  }
}

await runBenchCli(parseBenchArgs, BENCH_USAGE, bench);
