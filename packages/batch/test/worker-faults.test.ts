import { type RedisServer, startRedisServer, type TestServer } from "@cortex-ml/test-server";
import { afterEach, describe, expect, it } from "vitest";
import { collectJob, jobStatus, submitJob } from "../src/index.js";
import { startExtractionServer } from "./extraction-server.js";
import { inputLines, linesSeen, names, personSchema, startWorkerProcess, waitFor, type WorkerProcess } from "./queue-helpers.js";

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start<T extends { close?: () => Promise<void>; stop?: () => Promise<void> }>(value: Promise<T>): Promise<T> {
  const started = await value;
  cleanups.push(async () => {
    await (started.stop ?? started.close)?.call(started);
  });
  return started;
}

async function expectEveryRecordOnce(redisUrl: string, job: string, total: number): Promise<void> {
  const collected = await collectJob({ redisUrl, job });
  const seen = linesSeen(collected.records);
  expect(seen.size).toBe(total);
  expect([...seen.values()].every((count) => count === 1)).toBe(true);
  expect(collected.pendingLines).toEqual([]);
  const status = await jobStatus({ redisUrl, job });
  expect(status.succeeded + status.failed).toBe(total);
  expect(status.pending).toBe(0);
}

describe("worker processes under faults (real redis-server, real processes)", () => {
  it("loses nothing when a worker is killed with SIGKILL mid-record: another worker takes its records", async () => {
    const redis: RedisServer = await start(startRedisServer());
    const server: TestServer = await start(startExtractionServer({ delayMs: 300 }));
    const total = 40;
    await submitJob({ redisUrl: redis.url, job: "kill9", lines: inputLines(names(total)), settings: { schema: personSchema, model: "test-model", endpoints: [server.baseURL] } });
    const doomed: WorkerProcess = await start(startWorkerProcess(redis.url, 2, "kill9"));
    await waitFor("some records done, some in flight", async () => {
      const status = await jobStatus({ redisUrl: redis.url, job: "kill9" });
      return status.succeeded >= 4 && status.active > 0;
    });
    await doomed.kill9();
    expect((await jobStatus({ redisUrl: redis.url, job: "kill9" })).active).toBeGreaterThan(0);
    const survivor: WorkerProcess = await start(startWorkerProcess(redis.url, 4, "kill9"));
    await waitFor("every record done", async () => (await jobStatus({ redisUrl: redis.url, job: "kill9" })).pending === 0, 90_000);
    await expectEveryRecordOnce(redis.url, "kill9", total);
    const collected = await collectJob({ redisUrl: redis.url, job: "kill9" });
    expect(collected.succeeded).toBe(total);
    // The records the killed worker held were delivered a second time.
    expect(collected.records.some((record) => (record.ledger?.deliveries ?? 0) >= 2)).toBe(true);
    expect(survivor.child.exitCode).toBeNull();
  }, 120_000);

  it("writes poison records as typed failures, and the counts add up", async () => {
    const redis: RedisServer = await start(startRedisServer());
    const server: TestServer = await start(startExtractionServer());
    const texts = names(30).map((text, index) => (index % 10 === 3 ? `POISON ${text}` : index % 10 === 7 ? `LONG ${text}` : text));
    await submitJob({ redisUrl: redis.url, job: "poison", lines: inputLines(texts), settings: { schema: personSchema, model: "test-model", endpoints: [server.baseURL], callSettings: { maxRetries: 2 } } });
    await start(startWorkerProcess(redis.url, 4, "poison"));
    await start(startWorkerProcess(redis.url, 4));
    await waitFor("every record done", async () => (await jobStatus({ redisUrl: redis.url, job: "poison" })).pending === 0);
    await expectEveryRecordOnce(redis.url, "poison", 30);
    const status = await jobStatus({ redisUrl: redis.url, job: "poison" });
    expect(status).toMatchObject({ succeeded: 24, failed: 6, failuresByError: { RetriesExhaustedError: 3, LengthLimitError: 3 } });
    // 24 good records, 3 poison records of 3 attempts each, 3 cut-off answers never re-asked: 36 requests of 30 tokens.
    expect(status.tokens.total).toBe((24 + 9 + 3) * 30);
  }, 90_000);

  it("gives up on a record that takes its worker down every time (RecordLostError), and runs the rest", async () => {
    const redis: RedisServer = await start(startRedisServer());
    const server: TestServer = await start(startExtractionServer({ recordRequests: true }));
    const texts = [...names(5), "HANG forever", ...names(5, "other")];
    await submitJob({ redisUrl: redis.url, job: "hang", lines: inputLines(texts), settings: { schema: personSchema, model: "test-model", endpoints: [server.baseURL] } });
    const hangRequests = () => server.requests.filter((request) => JSON.stringify(request.body).includes("HANG forever")).length;
    // Each worker that takes the record dies with it; BullMQ hands it on once (maxStalledCount 1), then fails it.
    for (let delivery = 1; delivery <= 2; delivery += 1) {
      const worker = await startWorkerProcess(redis.url, 1, "hang");
      await waitFor(`delivery ${delivery} of the poison record`, () => hangRequests() >= delivery);
      await worker.kill9();
    }
    await start(startWorkerProcess(redis.url, 2, "hang"));
    await waitFor("every record done", async () => (await jobStatus({ redisUrl: redis.url, job: "hang" })).pending === 0, 60_000);
    await expectEveryRecordOnce(redis.url, "hang", 11);
    const collected = await collectJob({ redisUrl: redis.url, job: "hang" });
    expect(collected.records.find((record) => record.line === 6)).toMatchObject({ ok: false, error: { name: "RecordLostError", message: expect.stringContaining("stalled") } });
    expect(collected.succeeded).toBe(10);
    expect(hangRequests()).toBe(2);
  }, 120_000);

  it("survives a Redis restart mid-job (AOF on): every record exactly once", async () => {
    const redis: RedisServer = await start(startRedisServer({ appendOnly: true }));
    const server: TestServer = await start(startExtractionServer({ delayMs: 50 }));
    const total = 80;
    await submitJob({ redisUrl: redis.url, job: "restart", lines: inputLines(names(total)), settings: { schema: personSchema, model: "test-model", endpoints: [server.baseURL] } });
    await start(startWorkerProcess(redis.url, 4, "restart"));
    await start(startWorkerProcess(redis.url, 4, "restart"));
    await waitFor("some records done", async () => (await jobStatus({ redisUrl: redis.url, job: "restart" })).succeeded >= 15);
    await redis.restart();
    await waitFor("every record done", async () => (await jobStatus({ redisUrl: redis.url, job: "restart" })).pending === 0, 90_000);
    await expectEveryRecordOnce(redis.url, "restart", total);
    expect((await jobStatus({ redisUrl: redis.url, job: "restart" })).succeeded).toBe(total);
  }, 120_000);
});
