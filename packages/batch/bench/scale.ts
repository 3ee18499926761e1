// The scale bench of the queue engine (issue 19): N records against 4 loopback
// endpoints, run by the single-process `cortex-ml batch` (the baseline) and by
// 1, 2 and 4 queue worker processes on one Redis. Prints records/s, the ratio
// to the baseline, Redis commands and CPU per record, and memory per worker.
//   tsx bench/scale.ts [--records 20000] [--workers 1,2,4] [--concurrency 32]
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { jobStatus, parseInputLines, submitJob } from "@cortex-ml/batch";
import type { JsonObjectSchema } from "@cortex-ml/schemas";
import { startRedisServer } from "@cortex-ml/test-server";
import { type BenchChild, packageDir, peakMemoryOf, startTsxChild } from "./child-process.js";
import { redisCounters } from "./redis-counters.js";

const { values } = parseArgs({
  options: { records: { type: "string", default: "20000" }, workers: { type: "string", default: "1,2,4" }, concurrency: { type: "string", default: "32" } },
});
const records = Number(values.records);
const workerCounts = values.workers.split(",").map(Number);
const concurrency = Number(values.concurrency);
const cliBinary = join(packageDir, "..", "..", "apps", "cli", "dist", "bin.js");
for (const [name, path] of [["the CLI", cliBinary], ["@cortex-ml/batch", join(packageDir, "dist", "index.js")]] as const) {
  if (!existsSync(path)) throw new Error(`${name} is not built (${path}): run pnpm build first`);
}

const schema: JsonObjectSchema = { type: "object", properties: { name: { type: "string" } }, required: ["name"] };
const directory = mkdtempSync(join(tmpdir(), "cortex-batch-bench-"));
const inputPath = join(directory, "input.jsonl");
const schemaPath = join(directory, "person.json");
writeFileSync(inputPath, Array.from({ length: records }, (_, index) => JSON.stringify({ id: `r${index}`, text: `Person number ${index} lives in town ${index % 97}.` })).join("\n"));
writeFileSync(schemaPath, JSON.stringify(schema));

const serveScript = join(packageDir, "node_modules", "@cortex-ml", "test-server", "src", "serve.ts");
const servers: BenchChild[] = [];
const baseURLs: string[] = [];
for (let index = 0; index < 4; index += 1) {
  const server = await startTsxChild([serveScript, "--content", JSON.stringify({ name: "Ann" })], /\{.*"baseURL".*\}\n/);
  servers.push(server);
  baseURLs.push((JSON.parse(server.firstLine) as { baseURL: string }).baseURL);
}

interface Row {
  readonly name: string;
  readonly seconds: number;
  /** Seconds the submit took (inside `seconds`: workers start on the first records at once). */
  readonly submitSeconds?: number;
  readonly recordsPerSecond: number;
  readonly redisCommandsPerRecord?: number;
  readonly redisCpuMicrosecondsPerRecord?: number;
  readonly memoryPerWorkerMiB: number;
}
const rows: Row[] = [];

/** The single-process baseline: `cortex-ml batch` at its highest concurrency, on one endpoint (it takes one). */
async function baseline(): Promise<Row> {
  const output = join(directory, "baseline.jsonl");
  rmSync(output, { force: true });
  const startedAt = performance.now();
  const child = spawn(process.execPath, [cliBinary, "batch", inputPath, "-o", output, "--schema", schemaPath, "--model", "test-model", "--concurrency", "64", "--mode", "json"], {
    env: { ...process.env, OLLAMA_BASE_URL: baseURLs[0], CORTEX_API_KEY: "" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, peakMemoryOf(child.pid))), 200);
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`cortex-ml batch exited with ${code}: ${errors.slice(-500)}`);
  const seconds = (performance.now() - startedAt) / 1000;
  return { name: "cortex-ml batch (1 process)", seconds, recordsPerSecond: records / seconds, memoryPerWorkerMiB: peak };
}

/** `workers` queue worker processes on a fresh Redis: from the submit to the last record written. */
async function queued(workers: number): Promise<Row> {
  const redis = await startRedisServer();
  const started: BenchChild[] = [];
  try {
    for (let index = 0; index < workers; index += 1) started.push(await startTsxChild([join(packageDir, "bench", "worker-process.ts"), redis.url, String(concurrency)], /ready\n/));
    const before = await redisCounters(redis.port);
    const job = `bench-${workers}`;
    const startedAt = performance.now();
    const lines = parseInputLines(readFileSync(inputPath, "utf8"), "text");
    await submitJob({ redisUrl: redis.url, job, lines, settings: { schema, model: "test-model", endpoints: baseURLs } });
    const submitSeconds = (performance.now() - startedAt) / 1000;
    for (;;) {
      const status = await jobStatus({ redisUrl: redis.url, job });
      if (status.pending === 0) {
        if (status.succeeded !== records) throw new Error(`expected ${records} records ok, got ${status.succeeded} (failures: ${JSON.stringify(status.failuresByError)})`);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (performance.now() - startedAt) / 1000;
    const after = await redisCounters(redis.port);
    const memory = started.map((worker) => worker.peakMemoryMiB());
    return {
      name: `queue, ${workers} worker process${workers === 1 ? "" : "es"}`,
      seconds,
      submitSeconds,
      recordsPerSecond: records / seconds,
      redisCommandsPerRecord: (after.commands - before.commands) / records,
      redisCpuMicrosecondsPerRecord: ((after.cpuSeconds - before.cpuSeconds) * 1e6) / records,
      memoryPerWorkerMiB: memory.reduce((sum, value) => sum + value, 0) / memory.length,
    };
  } finally {
    await Promise.all(started.map((worker) => worker.stop()));
    await redis.close();
  }
}

try {
  process.stderr.write(`scale bench: ${records} records, 4 loopback endpoints, worker concurrency ${concurrency}\n`);
  const base = await baseline();
  rows.push(base);
  process.stderr.write(`  ${base.name}: ${base.recordsPerSecond.toFixed(0)} records/s\n`);
  for (const workers of workerCounts) {
    const row = await queued(workers);
    rows.push(row);
    process.stderr.write(`  ${row.name}: ${row.recordsPerSecond.toFixed(0)} records/s\n`);
  }
  const table = [
    "| run | seconds | of which submit | records/s | vs cortex-ml batch | Redis commands / record | Redis CPU µs / record | peak memory / process (MiB) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ...rows.map((row) =>
      `| ${row.name} | ${row.seconds.toFixed(1)} | ${row.submitSeconds?.toFixed(1) ?? "-"} | ${row.recordsPerSecond.toFixed(0)} | ${(row.recordsPerSecond / base.recordsPerSecond).toFixed(2)} | ${row.redisCommandsPerRecord?.toFixed(1) ?? "-"} | ${row.redisCpuMicrosecondsPerRecord?.toFixed(0) ?? "-"} | ${row.memoryPerWorkerMiB.toFixed(0)} |`,
    ),
  ];
  process.stdout.write(`${table.join("\n")}\n`);
} finally {
  await Promise.all(servers.map((server) => server.stop()));
  rmSync(directory, { recursive: true, force: true });
}
