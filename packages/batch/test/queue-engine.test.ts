import { createInstructor, Mode } from "@cortex-ml/core";
import { type RedisServer, startRedisServer, type TestServer } from "@cortex-ml/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectJob, InvalidJobNameError, JobNotFoundError, jobStatus, parseInputLines, runWorker, submitJob } from "../src/index.js";
import { startExtractionServer } from "./extraction-server.js";
import { inputLines, linesSeen, names, personSchema, waitFor } from "./queue-helpers.js";

let redis: RedisServer;
let server: TestServer;

beforeAll(async () => {
  redis = await startRedisServer();
  server = await startExtractionServer({ recordRequests: true });
});

afterAll(async () => {
  await server?.close();
  await redis?.close();
});

function worker(job: string, concurrency = 4) {
  return runWorker({
    redisUrl: redis.url,
    job,
    concurrency,
    createClient: (baseURL) => createInstructor({ baseURL: baseURL ?? server.baseURL, mode: Mode.JSON }),
    model: "test-model",
  });
}

async function finished(job: string, total: number): Promise<void> {
  await waitFor(`job ${job} to finish`, async () => {
    const status = await jobStatus({ redisUrl: redis.url, job });
    return status.succeeded + status.failed === total;
  });
}

describe("the queue engine (real redis-server, loopback endpoint)", () => {
  it("runs every record once and collects them in input order, failures as typed records with a usage ledger", async () => {
    const texts = [...names(20), "POISON never valid", "LONG cut off", "BAD request"];
    const input = [...texts.map((text, index) => JSON.stringify({ id: `r${index + 1}`, text })), "{not json"].join("\n");
    const withInvalid = parseInputLines(input, "text");
    const submitted = await submitJob({ redisUrl: redis.url, job: "basic", lines: withInvalid, settings: { schema: personSchema, callSettings: { maxRetries: 1 } } });
    expect(submitted).toMatchObject({ total: 24, added: 24, alreadySubmitted: 0, invalid: 1 });
    const again = await submitJob({ redisUrl: redis.url, job: "basic", lines: withInvalid, settings: { schema: personSchema, callSettings: { maxRetries: 1 } } });
    expect(again).toMatchObject({ total: 24, added: 0, alreadySubmitted: 24 });

    const running = await worker("basic");
    try {
      await finished("basic", 24);
    } finally {
      await running.close();
    }
    const collected = await collectJob({ redisUrl: redis.url, job: "basic" });
    expect(collected.records.map((record) => record.line)).toEqual(Array.from({ length: 24 }, (_, index) => index + 1));
    expect(collected).toMatchObject({ total: 24, succeeded: 20, failed: 4, pendingLines: [] });
    const first = collected.records[0];
    expect(first).toMatchObject({ line: 1, id: "r1", ok: true, data: { name: "person 1" } });
    expect(first?.ledger).toMatchObject({ attempts: 1, reasks: 0, deliveries: 1, usage: { promptTokens: 20, completionTokens: 10, totalTokens: 30 }, endpoint: "default" });
    const failure = (line: number) => collected.records.find((record) => record.line === line);
    expect(failure(21)).toMatchObject({ ok: false, error: { name: "RetriesExhaustedError" }, ledger: { attempts: 2, reasks: 1, usage: { totalTokens: 60 } } });
    expect(failure(22)).toMatchObject({ ok: false, error: { name: "LengthLimitError" }, ledger: { attempts: 1, reasks: 0 } });
    expect(failure(23)).toMatchObject({ ok: false, error: { name: "ApiError" } });
    expect(failure(24)).toMatchObject({ ok: false, error: { name: "InvalidRecordError", message: expect.stringContaining("line 24 is not valid JSON") } });
    // A cut-off answer is never re-asked as if it were invalid: one request for it.
    expect(server.requests.filter((request) => JSON.stringify(request.body).includes("LONG cut off"))).toHaveLength(1);

    const status = await jobStatus({ redisUrl: redis.url, job: "basic" });
    expect(status).toMatchObject({ total: 24, succeeded: 20, failed: 4, pending: 0, etaSeconds: 0 });
    expect(status.failuresByError).toEqual({ RetriesExhaustedError: 1, LengthLimitError: 1, ApiError: 1, InvalidRecordError: 1 });
    expect(status.tokens.total).toBe(20 * 30 + 60 + 30);
    expect(status.recordsPerSecond).toBeGreaterThan(0);
  });

  it("never enqueues a record twice, even after it is done, and adds only new lines on a bigger submit", async () => {
    const lines = inputLines(names(6));
    await submitJob({ redisUrl: redis.url, job: "idempotent", lines: lines.slice(0, 4), settings: { schema: personSchema } });
    const running = await worker("idempotent");
    try {
      await finished("idempotent", 4);
      const requestsBefore = server.requests.length;
      const more = await submitJob({ redisUrl: redis.url, job: "idempotent", lines, settings: { schema: personSchema } });
      expect(more).toMatchObject({ total: 6, added: 2, alreadySubmitted: 4 });
      await finished("idempotent", 6);
      expect(server.requests.length - requestsBefore).toBe(2);
    } finally {
      await running.close();
    }
    const collected = await collectJob({ redisUrl: redis.url, job: "idempotent" });
    expect([...linesSeen(collected.records).values()]).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it("says which job is missing, and which names are allowed", async () => {
    await expect(jobStatus({ redisUrl: redis.url, job: "nothing-here" })).rejects.toBeInstanceOf(JobNotFoundError);
    await expect(collectJob({ redisUrl: redis.url, job: "nothing-here" })).rejects.toThrow(/submit it first/);
    await expect(worker("nothing-here")).rejects.toBeInstanceOf(JobNotFoundError);
    await expect(jobStatus({ redisUrl: redis.url, job: "bad:name" })).rejects.toBeInstanceOf(InvalidJobNameError);
  });
});
