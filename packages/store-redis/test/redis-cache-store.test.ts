import { createInstructor, structuredChatWithMetadata } from "@cortex-ml/core";
import { completion, type RedisServer, startRedisServer, useTestServer } from "@cortex-ml/test-server";
import { Redis } from "ioredis";
import * as v from "valibot";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { redisCacheStore } from "../src/index.js";

const Person = v.object({ name: v.string(), age: v.number() });
const messages = [{ role: "user" as const, content: "John is 25" }];
const answer = { value: { a: 1 }, text: '{"a":1}', model: "m", usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 }, createdAt: 1 };
const server = useTestServer({ beforeEach, afterEach });

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.close();
});
afterEach(async () => {
  const admin = new Redis(redis.url);
  await admin.flushall();
  await admin.quit();
});

describe("redisCacheStore (a real redis-server)", () => {
  it("shares answers between clients that do not share anything else (two machines' worth of connections)", async () => {
    const machineA = redisCacheStore(redis.url);
    const machineB = redisCacheStore(redis.url);
    server.enqueue(completion('{"name":"John","age":25}'));
    const first = await structuredChatWithMetadata(createInstructor({ baseURL: server.baseURL, model: "m", cache: machineA }), { responseModel: Person, messages });
    const second = await structuredChatWithMetadata(createInstructor({ baseURL: server.baseURL, model: "m", cache: machineB }), { responseModel: Person, messages });
    expect([first.cache, second.cache]).toEqual(["miss", "hit"]);
    expect(second.data).toEqual({ name: "John", age: 25 });
    expect(server.requests).toHaveLength(1);
    await machineA.close?.();
    await machineB.close?.();
  });

  it("expires entries with Redis's own PX, and clear removes only this store's prefix", async () => {
    const store = redisCacheStore(redis.url, { prefix: "app:" });
    const admin = new Redis(redis.url);
    await admin.set("someone-else", "keep me");
    await store.set("short", answer, 50);
    await store.set("long", answer, undefined);
    expect(await store.get("short")).toEqual(answer);
    expect(await admin.pttl("app:short")).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await store.get("short")).toBeUndefined();
    expect(await store.stats()).toMatchObject({ entries: 1, bytes: JSON.stringify(answer).length });
    await store.clear();
    expect(await store.stats()).toMatchObject({ entries: 0, bytes: 0 });
    expect(await admin.get("someone-else")).toBe("keep me");
    await admin.quit();
    await store.close?.();
  });

  it("takes concurrent writers: 4 stores writing 250 entries each lose none", async () => {
    const stores = Array.from({ length: 4 }, () => redisCacheStore(redis.url));
    await Promise.all(stores.map((store, writer) => Promise.all(Array.from({ length: 250 }, (_, index) => store.set(`${writer}-${index}`, answer, undefined)))));
    expect(await stores[0]?.stats()).toMatchObject({ entries: 1_000 });
    for (const store of stores) await store.close?.();
  });

  it("never shows the password, and a Redis that is down costs the call a warning, not its answer", async () => {
    const unreachable = redisCacheStore("redis://user:s3cret@127.0.0.1:1/0", { redis: { connectTimeout: 300 } });
    const failure = await Promise.resolve(unreachable.stats()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(String(failure)).not.toContain("s3cret");
    await unreachable.close?.();
    const down = redisCacheStore(`redis://:s3cret@127.0.0.1:${redis.port + 1}`, { redis: { connectTimeout: 300 } });
    const warnings: string[] = [];
    server.enqueue(completion('{"name":"J","age":1}'));
    const result = await structuredChatWithMetadata(
      createInstructor({ baseURL: server.baseURL, model: "m", cache: down, logger: { warn: (message: string) => warnings.push(message) } as never }),
      { responseModel: Person, messages },
    );
    expect(result.data).toEqual({ name: "J", age: 1 });
    expect(warnings.join("\n")).toMatch(/cache could not be read/);
    expect(warnings.join("\n")).not.toContain("s3cret");
    await down.close?.();
  }, 20_000);

  it("reports where it is without the password", async () => {
    const store = redisCacheStore(`redis://:s3cret@127.0.0.1:${redis.port}`);
    const stats = await Promise.resolve(store.stats()).catch(() => undefined);
    // This server has no password: the command fails or succeeds, but the location never shows it.
    if (stats) expect(stats.location).not.toContain("s3cret");
    await store.close?.();
  });
});
