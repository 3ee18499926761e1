import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { completion, type RecordedRequest, type RedisServer, startRedisServer, startTestServer, type TestServer } from "@cortex-ml/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { binary, runCli } from "./run-cli.js";

const personSchema = join(import.meta.dirname, "fixtures", "person.json");

let directory: string;
let redis: RedisServer;
let server: TestServer;

function recordText(request: RecordedRequest): string {
  const messages = (request.body as { messages: Array<{ role: string; content: string }> }).messages;
  return messages.find((message) => message.role === "user")?.content ?? "";
}

/** "Ann is 30" -> {"name":"Ann","age":30}; "nobody" -> an answer without the age (invalid). */
function answer(request: RecordedRequest) {
  const match = /^(\w+) is (\d+)/.exec(recordText(request));
  const body = match ? { name: match[1], age: Number(match[2]) } : { name: "?" };
  return completion(JSON.stringify(body), { usage: { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 } });
}

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), "cortex-queue-cli-"));
  redis = await startRedisServer();
  server = await startTestServer({ fallback: answer });
});

afterAll(async () => {
  await server?.close();
  await redis?.close();
  rmSync(directory, { recursive: true, force: true });
});

const environment = () => ({ OLLAMA_BASE_URL: server.baseURL, CORTEX_API_KEY: "" });

/** Starts `cortex-ml worker` as a real process; resolves its stop function once it serves. */
async function startWorker(args: string[]): Promise<{ stop: () => Promise<{ code: number | null; stderr: string }> }> {
  const child = spawn(process.execPath, [binary, "worker", ...args], { env: { ...process.env, ...environment() }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  while (!stderr.includes("worker: serving")) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the worker did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    stop: async () => {
      child.kill("SIGTERM");
      const code = await exited;
      return { code, stderr };
    },
  };
}

async function statusOf(job: string): Promise<{ pending: number; succeeded: number; failed: number; tokens: { total: number }; failuresByError: Record<string, number> }> {
  const run = await runCli(["batch", "status", "--queue", redis.url, "--job", job, "--json"]);
  return JSON.parse(run.stdout);
}

describe("cortex-ml batch submit | status | collect, cortex-ml worker", () => {
  it("runs a job through two worker processes and collects what cortex-ml batch writes, in input order", async () => {
    const lines = ['{"id":"a","text":"Ann is 30"}', '"Bob is 41"', "not json", '{"id":"c","text":"nobody"}', ...Array.from({ length: 12 }, (_, index) => `"P${index} is ${index}"`)];
    const input = join(directory, "input.jsonl");
    writeFileSync(input, `${lines.join("\n")}\n`);

    const submitted = await runCli(["batch", "submit", input, "--queue", redis.url, "--job", "cli-1", "--schema", personSchema, "--model", "test-model", "--max-retries", "1"]);
    expect(submitted.code).toBe(0);
    expect(submitted.stdout).toContain("job cli-1: 16 records added, 0 already submitted, 1 not records");
    const again = await runCli(["batch", "submit", input, "--queue", redis.url, "--job", "cli-1", "--schema", personSchema, "--json"]);
    expect(JSON.parse(again.stdout)).toMatchObject({ job: "cli-1", added: 0, alreadySubmitted: 16, total: 16, created: false });

    const pendingStatus = await runCli(["batch", "status", "--queue", redis.url, "--job", "cli-1"]);
    expect(pendingStatus.code).toBe(1);
    expect(pendingStatus.stdout).toMatch(/job cli-1: 1\/16 done \(0 ok, 1 failed\), 15 pending/);

    const workers = await Promise.all([startWorker(["--queue", redis.url, "--job", "cli-1", "--concurrency", "2"]), startWorker(["--queue", redis.url])]);
    const deadline = Date.now() + 60_000;
    while ((await statusOf("cli-1")).pending > 0) {
      if (Date.now() > deadline) throw new Error("the job did not finish");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const stopped = await Promise.all(workers.map((worker) => worker.stop()));
    for (const { code, stderr } of stopped) {
      expect(code).toBe(0);
      expect(stderr).toMatch(/worker: stopped after \d+ records/);
    }

    const status = await runCli(["batch", "status", "--queue", redis.url, "--job", "cli-1"]);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain("job cli-1: 16/16 done (14 ok, 2 failed), 0 pending");
    expect(status.stdout).toContain("failures: ");
    expect(status.stdout).toContain("RetriesExhaustedError 1");
    expect(status.stdout).toContain("InvalidRecordError 1");
    expect((await statusOf("cli-1")).tokens.total).toBe((14 + 2) * 20);

    const output = join(directory, "collected.jsonl");
    const collected = await runCli(["batch", "collect", "--queue", redis.url, "--job", "cli-1", "-o", output]);
    expect(collected.code).toBe(1);
    expect(collected.stderr).toContain("16/16 records written");
    const records = readFileSync(output, "utf8").trimEnd().split("\n").map((line) => JSON.parse(line));
    expect(records.map((record) => record.line)).toEqual(Array.from({ length: 16 }, (_, index) => index + 1));

    // The same input through the single-machine batch: the same records, line for line (the ledger aside).
    const local = join(directory, "local.jsonl");
    const localRun = await runCli(["batch", input, "-o", local, "--schema", personSchema, "--model", "test-model", "--max-retries", "1"], environment());
    expect(localRun.code).toBe(1);
    const localRecords = readFileSync(local, "utf8").trimEnd().split("\n").map((line) => JSON.parse(line)).sort((left, right) => left.line - right.line);
    expect(records.map(({ ledger: _ledger, ...record }) => record)).toEqual(localRecords);
    expect(records[0]).toMatchObject({ line: 1, id: "a", ok: true, data: { name: "Ann", age: 30 }, ledger: { attempts: 1, reasks: 0, usage: { totalTokens: 20 } } });
    expect(records[3]).toMatchObject({ line: 4, ok: false, error: { name: "RetriesExhaustedError" }, ledger: { attempts: 2, reasks: 1 } });
  }, 120_000);

  it("stops on its token budget and resumes when `batch budget` raises it", async () => {
    const input = join(directory, "budget.jsonl");
    writeFileSync(input, `${Array.from({ length: 30 }, (_, index) => `"N${index} is ${index}"`).join("\n")}\n`);
    const submitted = await runCli(["batch", "submit", input, "--queue", redis.url, "--job", "cli-budget", "--schema", personSchema, "--model", "test-model", "--budget-tokens", "200"]);
    expect(submitted.code).toBe(0);
    const worker = await startWorker(["--queue", redis.url, "--job", "cli-budget", "--concurrency", "1"]);
    try {
      const deadline = Date.now() + 30_000;
      while (!(await runCli(["batch", "status", "--queue", redis.url, "--job", "cli-budget"])).stdout.includes("SPENT")) {
        if (Date.now() > deadline) throw new Error("the budget was never spent");
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const paused = await statusOf("cli-budget");
      // 200 tokens at 20 a record: 10 records, and at most the one in flight after it.
      expect(paused.succeeded).toBeGreaterThanOrEqual(10);
      expect(paused.succeeded).toBeLessThanOrEqual(11);
      expect(paused.pending).toBe(30 - paused.succeeded);
      const raised = await runCli(["batch", "budget", "--queue", redis.url, "--job", "cli-budget", "--tokens", "10000"]);
      expect(raised.stdout).toContain("the job resumes");
      while ((await statusOf("cli-budget")).pending > 0) {
        if (Date.now() > deadline + 30_000) throw new Error("the job did not resume");
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect((await statusOf("cli-budget")).succeeded).toBe(30);
    } finally {
      await worker.stop();
    }
  }, 120_000);

  it("says what is wrong with a queue command line, with help for each", async () => {
    const [noQueue, badQueue, noJob, badName, noOutput, noRedis, help, workerHelp, missing] = await Promise.all([
      runCli(["batch", "status", "--job", "x"], { CORTEX_QUEUE: "" }),
      runCli(["batch", "status", "--queue", "http://x", "--job", "x"]),
      runCli(["batch", "collect", "--queue", redis.url, "-o", "out.jsonl"]),
      runCli(["batch", "status", "--queue", redis.url, "--job", "no:colons"]),
      runCli(["batch", "collect", "--queue", redis.url, "--job", "x"]),
      runCli(["batch", "status", "--queue", "redis://127.0.0.1:1", "--job", "x"]),
      runCli(["batch", "submit", "--help"]),
      runCli(["worker", "--help"]),
      runCli(["batch", "status", "--queue", redis.url, "--job", "never-submitted"]),
    ]);
    expect(noQueue).toMatchObject({ code: 2, stderr: expect.stringContaining("--queue is required") });
    expect(badQueue).toMatchObject({ code: 2, stderr: expect.stringContaining("--queue expects a redis:// URL") });
    expect(noJob).toMatchObject({ code: 2, stderr: expect.stringContaining("--job is required") });
    expect(badName.stderr).toContain('invalid job name "no:colons"');
    expect(noOutput).toMatchObject({ code: 2, stderr: expect.stringContaining("--output (-o) is required") });
    expect(noRedis).toMatchObject({ code: 3, stderr: expect.stringContaining("QueueUnreachableError") });
    expect(help.stdout).toContain("Idempotent");
    expect(workerHelp.stdout).toContain("AIMD");
    expect(missing.stderr).toContain('no job "never-submitted"');
  }, 60_000);
});
