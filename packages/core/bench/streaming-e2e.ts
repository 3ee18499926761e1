// End-to-end streaming benchmark (issue 18): a loopback SSE server in its own process streams
// one generated JSON document in 4-character deltas, and each client turns the stream into a
// validated object: the raw `openai` stream (concatenate, one JSON.parse, v.parse), the AI SDK's
// streamObject, instructor-js's partial stream, cortex-ml's createPartial and createIterable,
// and, over tool-call argument deltas, the raw tool-call stream and cortex-ml's PARALLEL_TOOLS
// createIterable. Per call: CPU time of this process, wall time, time to first partial; per size
// a table with ratios to raw in the same rounds, then the growth exponent of CPU with size.
// It measures the built package (`dist`): `pnpm build` first. See bench/README.md.
import { readFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { VERSION as openaiVersion } from "openai/version";
import { runBenchCli } from "./bench-args.js";
import { loadBuiltPackage } from "./built-package.js";
import { collectGarbage, median } from "./measure.js";
import { FULL_SIZES, formatSize, parseStreamBenchArgs, STREAM_BENCH_USAGE, type StreamBenchArgs } from "./streaming-e2e/stream-args.js";
import { type StreamClient, streamClients } from "./streaming-e2e/stream-clients.js";
import { documentModel, generateBenchDocument } from "./streaming-e2e/stream-document.js";
import { type ClientResult, growthTable, type RoundFigures, type SizeResult, sizeHeading, sizeTable } from "./streaming-e2e/stream-report.js";
import { callsPerBlock, growthSizes, predictCallMs, type SizePoint } from "./streaming-e2e/stream-stats.js";

import { startChildServer } from "./test-server-process.js";
import { type CallOutcome, type CallTiming, timeCall } from "./streaming-e2e/timed-call.js";

const DELTA = 4;
const serverScript = fileURLToPath(new URL("./streaming-e2e/stream-server.ts", import.meta.url));

function packageVersion(name: string): string {
  const file = new URL(`../node_modules/${name}/package.json`, import.meta.url);
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

/** The document a size streams, what a client must end with, and the deltas on the wire. */
interface SizeDocument {
  readonly target: number;
  readonly model: string;
  readonly characters: number;
  readonly expected: { readonly document: unknown; readonly records: unknown };
  readonly contentDeltas: number;
  readonly toolDeltas: number;
  readonly toolCalls: number;
}

function sizeDocument(target: number): SizeDocument {
  const document = generateBenchDocument(target);
  const text = JSON.stringify(document);
  return {
    target,
    model: documentModel(target),
    characters: text.length,
    expected: { document, records: document.content },
    contentDeltas: Math.ceil(text.length / DELTA),
    toolDeltas: document.content.reduce((sum, record) => sum + Math.ceil(JSON.stringify(record).length / DELTA), 0),
    toolCalls: document.content.length,
  };
}

/** Builds the server's answers for a document (content, and tool calls named `Item`) before they are measured. */
async function readyServer(baseURL: string, model: string): Promise<void> {
  for (const tool of ["", "Item"]) {
    const response = await fetch(`${baseURL}/ready?model=${model}&tool=${tool}`);
    if (response.status !== 204) throw new Error(`the stream server could not build ${model}: ${response.status} ${await response.text()}`);
  }
}

/** What the sizes measured so far tell about the next. */
interface RunState {
  /** Why a client has no figures from this size on; clients not in it are measured. */
  readonly stopped: Map<string, string>;
  /** Each client's median wall time per call at the sizes it was measured at. */
  readonly wallMs: Map<string, SizePoint[]>;
}

/** A call expected to take this many budgets (from the client's growth so far) is not made. */
const PREDICTED_BUDGETS = 2;

/** Why a call did not count: over budget, or the error it ended with (first line). */
function failureStatus(outcome: Exclude<CallOutcome, { ok: true }>, budgetMs: number): string {
  if (outcome.overBudget) return `over budget (> ${budgetMs / 1000} s per call)`;
  return `failed: ${outcome.message.split("\n")[0]?.slice(0, 100) ?? ""}`;
}

/** The figures of `calls` timed calls of one client. */
function figuresOf(timings: readonly CallTiming[]): RoundFigures {
  const firstPartials = timings.flatMap((timing) => (timing.firstPartialMs === undefined ? [] : [timing.firstPartialMs]));
  return {
    cpuMsPerCall: timings.reduce((sum, timing) => sum + timing.cpuMicros, 0) / 1000 / timings.length,
    wallMsPerCall: timings.reduce((sum, timing) => sum + timing.wallMs, 0) / timings.length,
    firstPartialMs: firstPartials.length > 0 ? median(firstPartials) : undefined,
  };
}

/** The first call of a client at a size: it must end within the budget with the document's value. */
async function probe(client: StreamClient, doc: SizeDocument, budgetMs: number): Promise<CallTiming | { status: string }> {
  const outcome = await timeCall(client.call(doc.model), budgetMs);
  if (!outcome.ok) return { status: failureStatus(outcome, budgetMs) };
  if (!isDeepStrictEqual(outcome.timing.value, doc.expected[client.returns])) return { status: "WRONG value (not the document)" };
  return outcome.timing;
}

/** A block of `calls` measured calls of one client: its figures, or why it stopped. */
async function block(client: StreamClient, doc: SizeDocument, calls: number, budgetMs: number): Promise<RoundFigures | { status: string }> {
  const timings: CallTiming[] = [];
  for (let index = 0; index < calls; index += 1) {
    const outcome = await timeCall(client.call(doc.model), budgetMs);
    if (!outcome.ok) return { status: failureStatus(outcome, budgetMs) };
    timings.push(outcome.timing);
  }
  return figuresOf(timings);
}

/** Marks a client stopped at this size (and so skipped at the larger ones). */
function stop(results: Map<string, ClientResult>, state: RunState, client: StreamClient, status: string, target: number): void {
  results.set(client.key, { status });
  state.stopped.set(client.key, `skipped (${status.startsWith("over budget") ? "over budget" : "failed"} at ${formatSize(target)})`);
}

function logRound(target: number, round: number, client: StreamClient, figures: RoundFigures): void {
  console.log(
    `  ${formatSize(target).padEnd(7)} round ${round + 1}  ${client.label.padEnd(38)} ${figures.cpuMsPerCall.toFixed(2).padStart(9)} ms CPU/call ${figures.wallMsPerCall.toFixed(2).padStart(9)} ms wall/call`,
  );
}

/**
 * One size: a first call per client (checked against the document; a client over budget or
 * failing stops here), then the rounds, each client a block of calls, the order reversed every
 * round. Blocks hold as many calls as make about `--block-ms` of raw calls; at sizes where that
 * is one call, the first calls (made in the first round's order) are the first round.
 */
async function measureSize(clients: readonly StreamClient[], doc: SizeDocument, args: StreamBenchArgs, state: RunState, baseURL: string): Promise<SizeResult> {
  await readyServer(baseURL, doc.model);
  const results = new Map<string, ClientResult>();
  const rounds = new Map<string, RoundFigures[]>();
  let calls = 1;
  collectGarbage();
  for (const client of clients) {
    const status = state.stopped.get(client.key);
    if (status !== undefined) {
      results.set(client.key, { status });
      continue;
    }
    // A peer that grows quadratically would take minutes at the next size: say so instead of waiting out its budget.
    const predicted = predictCallMs(state.wallMs.get(client.key) ?? [], doc.characters);
    if (predicted !== undefined && predicted > PREDICTED_BUDGETS * args.budgetMs) {
      stop(results, state, client, `over budget (about ${Math.round(predicted / 1000)} s per call, predicted from its growth)`, doc.target);
      continue;
    }
    const timing = await probe(client, doc, args.budgetMs);
    if ("status" in timing) {
      stop(results, state, client, timing.status, doc.target);
      continue;
    }
    if (client.key === "raw") calls = callsPerBlock(timing.wallMs, args.blockMs);
    rounds.set(client.key, calls === 1 ? [figuresOf([timing])] : []);
    if (calls === 1) logRound(doc.target, 0, client, figuresOf([timing]));
  }
  for (let round = calls === 1 ? 1 : 0; round < args.rounds; round += 1) {
    collectGarbage();
    // Alternate the order every round (A B C, then C B A): neither end is always first after the gc.
    const order = round % 2 === 0 ? clients : [...clients].reverse();
    for (const client of order) {
      const figures = rounds.get(client.key);
      if (figures === undefined) continue;
      const measured = await block(client, doc, calls, args.budgetMs);
      if ("status" in measured) {
        rounds.delete(client.key);
        stop(results, state, client, measured.status, doc.target);
        continue;
      }
      figures.push(measured);
      logRound(doc.target, round, client, measured);
    }
  }
  for (const [key, figures] of rounds) {
    results.set(key, { rounds: figures });
    const points = state.wallMs.get(key) ?? [];
    state.wallMs.set(key, [...points, { characters: doc.characters, value: median(figures.map((round) => round.wallMsPerCall)) }]);
  }
  return { ...doc, callsPerBlock: calls, results };
}

/** Unmeasured calls of every client on a small document, so the first measured size does not pay for the JIT. */
async function warmUp(clients: readonly StreamClient[], doc: SizeDocument, args: StreamBenchArgs, baseURL: string): Promise<void> {
  await readyServer(baseURL, doc.model);
  for (const client of clients) {
    for (let call = 0; call < args.warmup; call += 1) if (!(await timeCall(client.call(doc.model), args.budgetMs)).ok) break;
  }
}

async function bench(args: StreamBenchArgs): Promise<void> {
  const cortex = await loadBuiltPackage();
  const server = await startChildServer(["--conditions=@cortex-ml/source", serverScript, "--events-per-write", String(args.eventsPerWrite)]);
  try {
    const all = streamClients(server.baseURL, cortex);
    const unknown = (args.clients ?? []).filter((key) => !all.some((client) => client.key === key));
    if (unknown.length > 0) throw new Error(`unknown client(s) ${unknown.join(", ")}; the clients are ${all.map((client) => client.key).join(", ")}`);
    const clients = all.filter((client) => args.clients === undefined || args.clients.includes(client.key) || client.key === client.baseline);

    const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
    console.log("cortex-ml end-to-end streaming benchmark");
    console.log(`  node ${process.version}, ${process.platform}/${process.arch}, ${cpu} x${availableParallelism()}`);
    console.log(
      `  openai ${openaiVersion}, ai ${packageVersion("ai")} + @ai-sdk/openai-compatible ${packageVersion("@ai-sdk/openai-compatible")},` +
        ` @instructor-ai/instructor ${packageVersion("@instructor-ai/instructor")} (zod ${packageVersion("zod")})`,
    );
    console.log(`  cortex-ml loaded from: ${cortex.loadedFrom}`);
    console.log(`  stream server: ${server.baseURL} (child process, not counted in CPU), ${DELTA}-character deltas, ${args.eventsPerWrite} events per socket write`);
    console.log(
      `  sizes ${args.sizes.map(formatSize).join(", ")}; ${args.rounds} round(s); blocks of about ${args.blockMs} ms of raw calls; budget ${args.budgetMs / 1000} s per call;` +
        ` ${args.warmup} warm-up calls per client; gc before each round: ${globalThis.gc ? "yes" : "no (run node with --expose-gc for it)"}`,
    );
    console.log("");

    const smallest = args.sizes.find((size) => size >= 3_000) ?? args.sizes[0] ?? FULL_SIZES[1];
    await warmUp(clients, sizeDocument(smallest), args, server.baseURL);
    const state: RunState = { stopped: new Map(), wallMs: new Map() };
    const results: SizeResult[] = [];
    for (const size of args.sizes) results.push(await measureSize(clients, sizeDocument(size), args, state, server.baseURL));

    console.log("");
    console.log("Medians of the rounds; \"x raw\" is the median of per-round ratios to the raw client named under \"against\" (raw: content, raw-tools: tool calls); lower is better.");
    for (const size of results) {
      console.log("");
      console.log(sizeHeading(size, args.rounds));
      console.log(sizeTable(size, clients));
    }
    const growth = growthSizes(args.sizes);
    console.log("");
    if (growth.length < 2) {
      console.log("Growth of CPU with size: needs two sizes (e.g. --sizes 30k,300k,1m).");
    } else {
      console.log(`Growth of CPU per call with size (log-log least-squares slope over ${growth.map(formatSize).join(", ")}; 1 = linear, 2 = quadratic):`);
      console.log(growthTable(results.filter((size) => growth.includes(size.target)), clients));
    }
    console.log("(A benchmark, not a test: it exits 0 whatever the figures.)");
  } finally {
    await server.stop();
  }
}

await runBenchCli(parseStreamBenchArgs, STREAM_BENCH_USAGE, bench);
