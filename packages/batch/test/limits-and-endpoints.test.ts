import { createInstructor, Mode } from "@cortex-ml/core";
import { type RedisServer, startRedisServer, type TestServer } from "@cortex-ml/test-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SharedRateLimit } from "../src/queue/shared-rate-limit.js";
import { connectRedis } from "../src/queue/redis-url.js";
import { collectJob, jobStatus, type QueueWorker, runWorker, setBudget, submitJob } from "../src/index.js";
import { startExtractionServer } from "./extraction-server.js";
import { inputLines, linesSeen, names, personSchema, startWorkerProcess, waitFor } from "./queue-helpers.js";

let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedisServer();
});

afterAll(async () => {
  await redis?.close();
});

function inProcessWorker(job: string, concurrency = 4): Promise<QueueWorker> {
  return runWorker({
    redisUrl: redis.url,
    job,
    concurrency,
    createClient: (baseURL) => createInstructor({ baseURL: baseURL ?? "http://127.0.0.1:9/v1", mode: Mode.JSON }),
    adaptive: { takeOutMs: 100, maxTakeOutMs: 500 },
  });
}

describe("the shared rate limit (one bucket in Redis for every worker)", () => {
  it("holds two connections together to requests/min", async () => {
    const connections = [connectRedis(redis.url), connectRedis(redis.url)];
    try {
      const limits = connections.map((connection) => new SharedRateLimit(connection, "http://shared-requests/v1"));
      // 600/min = 10/s with a 5 s burst (50): 75 requests need at least 2.5 s, whoever sends them.
      const startedAt = performance.now();
      await Promise.all(limits.map(async (limit) => {
        for (let index = 0; index < 37 + (limit === limits[0] ? 1 : 0); index += 1) await limit.take({ requestsPerMinute: 600 }, 0);
      }));
      const seconds = (performance.now() - startedAt) / 1000;
      expect(seconds).toBeGreaterThan(2.2);
      expect(seconds).toBeLessThan(15);
    } finally {
      for (const connection of connections) connection.disconnect();
    }
  });

  it("holds them to tokens/min, and settles each estimate with the tokens used", async () => {
    const connection = connectRedis(redis.url);
    try {
      const limit = new SharedRateLimit(connection, "http://shared-tokens/v1");
      // 60,000/min = 1,000/s with a 5,000 burst: 30 requests estimated at 250 need 2.5 s...
      let startedAt = performance.now();
      for (let index = 0; index < 30; index += 1) await limit.take({ tokensPerMinute: 60_000 }, 250);
      const estimatedOnly = (performance.now() - startedAt) / 1000;
      expect(estimatedOnly).toBeGreaterThan(2.2);
      // ...unless each used only 25: the 225 given back per request leave room for all at once.
      await new Promise((resolve) => setTimeout(resolve, 5_000));
      startedAt = performance.now();
      for (let index = 0; index < 30; index += 1) {
        await limit.take({ tokensPerMinute: 60_000 }, 250);
        await limit.settle(60_000, 250, 25);
      }
      expect((performance.now() - startedAt) / 1000).toBeLessThan(estimatedOnly / 2);
    } finally {
      connection.disconnect();
    }
  }, 30_000);

  it("paces a job's records across two worker processes to its requests/min", async () => {
    const times: number[] = [];
    const server = await startExtractionServer({ onRequest: () => times.push(Date.now()) });
    try {
      // 600/min with a burst of 50: 90 records take at least (90 - 50) / 10 = 4 s from the first request.
      await submitJob({ redisUrl: redis.url, job: "paced", lines: inputLines(names(90)), settings: { schema: personSchema, model: "test-model", endpoints: [server.baseURL], limits: { requestsPerMinute: 600 } } });
      const workers = await Promise.all([startWorkerProcess(redis.url, 8, "paced"), startWorkerProcess(redis.url, 8, "paced")]);
      try {
        await waitFor("every record done", async () => (await jobStatus({ redisUrl: redis.url, job: "paced" })).pending === 0);
      } finally {
        await Promise.all(workers.map((worker) => worker.stop()));
      }
      expect(times).toHaveLength(90);
      const seconds = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
      expect(seconds).toBeGreaterThan(3.5);
      expect((await jobStatus({ redisUrl: redis.url, job: "paced" })).succeeded).toBe(90);
    } finally {
      await server.close();
    }
  }, 90_000);
});

describe("several endpoints in one job", () => {
  it("spreads records across endpoints; one that answers 429 for a while is taken out, then used again; nothing fails", async () => {
    let overloadedUntil = 0;
    let rejected = 0;
    const busy = await startExtractionServer({
      delayMs: 30,
      overloadedUntil: () => {
        if (overloadedUntil === 0) overloadedUntil = Date.now() + 400;
        return overloadedUntil;
      },
      onRequest: (status) => {
        if (status === 429) rejected += 1;
      },
    });
    const healthy = await startExtractionServer({ delayMs: 30 });
    const total = 300;
    try {
      await submitJob({ redisUrl: redis.url, job: "spread", lines: inputLines(names(total)), settings: { schema: personSchema, model: "test-model", endpoints: [busy.baseURL, healthy.baseURL] } });
      const worker = await inProcessWorker("spread", 8);
      try {
        await waitFor("every record done", async () => (await jobStatus({ redisUrl: redis.url, job: "spread" })).pending === 0);
      } finally {
        await worker.close();
      }
      const collected = await collectJob({ redisUrl: redis.url, job: "spread" });
      expect(collected.succeeded).toBe(total);
      expect([...linesSeen(collected.records).values()].every((count) => count === 1)).toBe(true);
      expect(rejected).toBeGreaterThan(0);
      const byEndpoint = (url: string) => collected.records.filter((record) => record.ledger?.endpoint === url).length;
      expect(byEndpoint(healthy.baseURL)).toBeGreaterThan(0);
      // Back after its 429s: it answered records too.
      expect(byEndpoint(busy.baseURL)).toBeGreaterThan(0);
      // A 429 is the endpoint's doing, not the record's: no delivery was used up on it.
      expect(collected.records.every((record) => record.ledger?.deliveries === 1)).toBe(true);
    } finally {
      await busy.close();
      await healthy.close();
    }
  }, 60_000);
});

describe("budgets", () => {
  it("stops cleanly when the dollar budget is spent and resumes when it is raised", async () => {
    const server = await startExtractionServer();
    try {
      // 30 tokens at $1,000 per million: 3 cents a record; a 30-cent budget runs about 10.
      await submitJob({
        redisUrl: redis.url,
        job: "dollars",
        lines: inputLines(names(25)),
        settings: { schema: personSchema, model: "test-model", endpoints: [server.baseURL], prices: { "test-model": { inputPerMillion: 1_000, outputPerMillion: 1_000 } } },
        budget: { dollars: 0.3 },
      });
      const worker = await inProcessWorker("dollars", 2);
      try {
        await waitFor("the budget spent", async () => (await jobStatus({ redisUrl: redis.url, job: "dollars" })).paused);
        await new Promise((resolve) => setTimeout(resolve, 500));
        const paused = await jobStatus({ redisUrl: redis.url, job: "dollars" });
        expect(paused.budgetSpent).toBe(true);
        expect(paused.succeeded).toBeGreaterThanOrEqual(10);
        expect(paused.succeeded).toBeLessThanOrEqual(12);
        expect(paused.pending).toBe(25 - paused.succeeded);
        expect(paused.dollars).toBeCloseTo(paused.succeeded * 0.03, 6);
        expect(await setBudget({ redisUrl: redis.url, job: "dollars", budget: { dollars: 5 } })).toEqual({ resumed: true });
        await waitFor("every record done", async () => (await jobStatus({ redisUrl: redis.url, job: "dollars" })).pending === 0);
      } finally {
        await worker.close();
      }
      const done = await jobStatus({ redisUrl: redis.url, job: "dollars" });
      expect(done).toMatchObject({ succeeded: 25, failed: 0, paused: false });
      expect(done.dollars).toBeCloseTo(0.75, 6);
    } finally {
      await server.close();
    }
  }, 60_000);
});
