// Soak under faults: thousands of calls at high concurrency against a loopback
// server that injects faults at a given rate. Every call must end within its
// deadline with a valid object or a typed error; nothing may leak.
// Run: pnpm --filter @cortex-ml/core soak [--calls 5000] [--concurrency 32] [--fault-rate 0.25]
import { parseArgs } from "node:util";
import {
  completion,
  contentDeltaChunks,
  type RecordedRequest,
  resetReply,
  type ScriptedReply,
  startTestServer,
  statusReply,
  streamReply,
} from "@cortex-ml/test-server";
import * as v from "valibot";
import { createInstructor, createPartial, structuredChat } from "../src/index.js";

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "5000" },
    concurrency: { type: "string", default: "32" },
    "fault-rate": { type: "string", default: "0.25" },
    seed: { type: "string", default: "7" },
  },
});
const calls = Number(values.calls);
const concurrency = Number(values.concurrency);
const faultRate = Number(values["fault-rate"]);

let state = Number(values.seed) >>> 0;
/** A small seeded PRNG (mulberry32), so a run can be repeated. */
function random(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const valid = '{"name":"John","age":25}';
const faults: Array<[string, (request: RecordedRequest) => ScriptedReply]> = [
  ["500", () => statusReply(500, { error: { message: "internal" } })],
  ["502", () => statusReply(502, { error: { message: "bad gateway" } })],
  ["503", () => statusReply(503, { error: { message: "overloaded" } })],
  ["429 retry-after", () => statusReply(429, { error: { message: "slow down" } }, { "retry-after": "0" })],
  ["429 retry-after-ms", () => statusReply(429, { error: { message: "slow down" } }, { "retry-after-ms": "20" })],
  ["reset before body", () => resetReply()],
  ["reset mid-body", () => ({ kind: "raw", body: JSON.stringify({ id: "x", choices: [] }) + " ".repeat(200), cutAfterBytes: 30, headers: { "content-type": "application/json" } })],
  ["invalid JSON", () => completion("Sure! The person is John, 25.")],
  ["schema-invalid JSON", () => completion('{"name":"John","age":"twenty-five"}')],
  ["wrong content type", () => ({ kind: "raw", body: "<html>proxy error</html>", headers: { "content-type": "text/html" } })],
  ["huge body", () => ({ kind: "raw", body: `{"pad":"${"x".repeat(300_000)}"}`, headers: { "content-type": "application/json" } })],
  ["slow (past the attempt timeout)", () => completion(valid, { delayMs: 1_500 })],
  ["stream cut mid-object", (request) => (isStream(request) ? streamReply(contentDeltaChunks(valid, 3), { cutAfter: 4 }) : resetReply())],
  ["stream stall", (request) => (isStream(request) ? streamReply(contentDeltaChunks(valid, 3), { stallAfter: 3 }) : completion(valid, { delayMs: 1_500 }))],
  ["slow drip", () => ({ kind: "raw", body: JSON.stringify({ id: "d", object: "chat.completion", created: 1, model: "m", choices: [{ index: 0, message: { role: "assistant", content: valid }, finish_reason: "stop" }] }), dripBytes: 8, dripDelayMs: 1, headers: { "content-type": "application/json" } })],
];

function isStream(request: RecordedRequest): boolean {
  return (request.body as { stream?: boolean } | undefined)?.stream === true;
}

const injected = new Map<string, number>();
const server = await startTestServer({
  recordRequests: false,
  fallback: (request) => {
    if (random() < faultRate) {
      const [name, make] = faults[Math.floor(random() * faults.length)] as (typeof faults)[number];
      injected.set(name, (injected.get(name) ?? 0) + 1);
      return make(request);
    }
    return isStream(request) ? streamReply(contentDeltaChunks(valid, 4)) : completion(valid);
  },
});

let unhandled = 0;
process.on("unhandledRejection", () => {
  unhandled += 1;
});

const Person = v.object({ name: v.string(), age: v.number() });
const messages = [{ role: "user" as const, content: "John is 25" }];
const totalTimeout = 4_000;
const client = createInstructor({
  baseURL: server.baseURL,
  timeout: 1_000,
  totalTimeout,
  maxRetries: 2,
  maxResponseBytes: 256 * 1024,
  transportRetry: { maxRetries: 2, initialDelayMs: 10, maxDelayMs: 50 },
});

global.gc?.();
const rssStart = process.memoryUsage().rss;
const heapStart = process.memoryUsage().heapUsed;
// Handles open before the soak (stdio pipes, the server) are not leaks of the client.
const baselineResources = process.getActiveResourcesInfo().filter((name) => name === "TTYWrap" || name === "PipeWrap");
const outcomes = new Map<string, number>();
let pastDeadline = 0;
let next = 0;
const started = performance.now();

async function one(index: number): Promise<void> {
  const began = performance.now();
  let outcome = "valid object";
  try {
    if (index % 5 === 0) {
      let final: unknown;
      for await (const event of createPartial(client, { model: "m", responseModel: Person, messages, idleTimeout: 500 })) if (event.done) final = event.data;
      if (!v.is(Person, final)) outcome = "INVALID OBJECT";
    } else {
      const person = await structuredChat(client, { model: "m", responseModel: Person, messages });
      if (!v.is(Person, person)) outcome = "INVALID OBJECT";
    }
  } catch (error) {
    const scope = (error as { scope?: string }).scope;
    outcome = error instanceof Error ? `${error.name}${scope ? ` (${scope})` : ""}` : "UNTYPED";
  }
  if (performance.now() - began > totalTimeout + 250) pastDeadline += 1;
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
}

await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < calls) await one(next++);
  }),
);
const seconds = (performance.now() - started) / 1000;
await server.close();
// Let sockets and timers finish closing before counting what is left.
await new Promise((resolve) => setTimeout(resolve, 200));
global.gc?.();
const rssEnd = process.memoryUsage().rss;
const heapEnd = process.memoryUsage().heapUsed;
const resources = process.getActiveResourcesInfo();
for (const name of baselineResources) {
  const index = resources.indexOf(name);
  if (index !== -1) resources.splice(index, 1);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
console.log(`soak: ${calls} calls, concurrency ${concurrency}, fault rate ${faultRate}, ${seconds.toFixed(1)} s (${Math.round(calls / seconds)} calls/s)`);
console.log("\ninjected faults (requests):");
for (const [name, count] of [...injected].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(6)}  ${name}`);
console.log("\noutcomes (calls):");
for (const [name, count] of [...outcomes].sort((a, b) => b[1] - a[1])) console.log(`  ${String(count).padStart(6)}  ${name}`);
console.log(`\ncalls past their deadline: ${pastDeadline} (must be 0)`);
console.log(`unhandled rejections: ${unhandled} (must be 0)`);
console.log(`invalid objects returned: ${outcomes.get("INVALID OBJECT") ?? 0} (must be 0)`);
console.log(`open handles at the end: ${resources.length ? resources.join(", ") : "none"} (must be none: the process exits on its own)`);
console.log(`resident memory: start ${mb(rssStart)}, end ${mb(rssEnd)}; JS heap in use: start ${mb(heapStart)}, end ${mb(heapEnd)}${global.gc ? " (after gc)" : " (run with node --expose-gc for figures after gc)"}`);
