// What a cache hit costs against the call it saves: an uncached structuredChat to a loopback
// server (its own process, so its CPU is not counted) vs the same call answered from the
// cache, with the memory store and with the SQLite file. Issue 20's target: a hit costs less
// than 5% of an uncached loopback call. Interleaved rounds, medians, ratios from one run.
// Run (after `pnpm build`): `npx tsx --expose-gc bench/cache-hit.ts [--calls N (2000)] [--rounds N (5)]`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import * as v from "valibot";
import { positiveInteger } from "./bench-args.js";
import { loadBuiltPackage } from "./built-package.js";
import { collectGarbage, median, runCalls } from "./measure.js";
import { renderTable } from "./report-table.js";
import { startServerProcess } from "./test-server-process.js";

const Person = v.object({ name: v.string(), age: v.number() });
const messages = [{ role: "user" as const, content: "Extract the person: John is 25 years old." }];

const { values } = parseArgs({ options: { calls: { type: "string" }, rounds: { type: "string" } } });
const calls = positiveInteger("calls", values.calls, 2_000, 1);
const rounds = positiveInteger("rounds", values.rounds, 5, 1);
const { createInstructor, memoryCacheStore, sqliteCacheStore, structuredChat, loadedFrom } = await loadBuiltPackage();
const server = await startServerProcess('{"name":"John","age":25}');
const folder = mkdtempSync(join(tmpdir(), "cortex-cache-bench-"));
const sqlite = sqliteCacheStore(join(folder, "cache.db"));
try {
  const uncachedClient = createInstructor({ baseURL: server.baseURL, model: "m" });
  const memoryClient = createInstructor({ baseURL: server.baseURL, model: "m", cache: memoryCacheStore() });
  const sqliteClient = createInstructor({ baseURL: server.baseURL, model: "m", cache: sqlite });
  const sides = {
    "uncached loopback call": () => structuredChat(uncachedClient, { responseModel: Person, messages }),
    "hit, memory store": () => structuredChat(memoryClient, { responseModel: Person, messages }),
    "hit, SQLite file": () => structuredChat(sqliteClient, { responseModel: Person, messages }),
  };
  // The first call of each cached client is its miss (it stores the answer); then warm-up.
  for (const call of Object.values(sides)) for (let warm = 0; warm < 500; warm += 1) await call();
  const results = new Map<string, { cpu: number[]; wall: number[] }>(Object.keys(sides).map((name) => [name, { cpu: [], wall: [] }]));
  for (let round = 0; round < rounds; round += 1) {
    const order = round % 2 === 0 ? Object.entries(sides) : Object.entries(sides).reverse();
    for (const [name, call] of order) {
      collectGarbage();
      const run = await runCalls(call, calls, 1);
      results.get(name)?.cpu.push(run.cpuMicrosPerCall);
      results.get(name)?.wall.push((run.wallMs * 1000) / calls);
    }
  }
  const uncached = results.get("uncached loopback call") as { cpu: number[]; wall: number[] };
  console.log(`cache hit vs an uncached loopback call: ${calls} sequential calls x ${rounds} rounds, cortex-ml from ${loadedFrom}`);
  console.log(
    renderTable([
      ["side", "CPU us/call", "wall us/call", "CPU vs uncached", "wall vs uncached"],
      ...[...results].map(([name, { cpu, wall }]) => [
        name,
        median(cpu).toFixed(1),
        median(wall).toFixed(1),
        `${((100 * median(cpu)) / median(uncached.cpu)).toFixed(1)}%`,
        `${((100 * median(wall)) / median(uncached.wall)).toFixed(1)}%`,
      ]),
    ]),
  );
} finally {
  await sqlite.close?.();
  rmSync(folder, { recursive: true, force: true });
  await server.stop();
}
