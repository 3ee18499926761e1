import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { completion, useTestServer } from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type CacheStore,
  createInstructor,
  createIterable,
  createPartial,
  fromProvider,
  InvalidArgumentError,
  iterable,
  memoryCacheStore,
  Mode,
  RetriesExhaustedError,
  sqliteCacheStore,
  structuredChatWithMetadata,
} from "../src/index.js";
import { collect } from "./support/collect.js";

const Person = v.object({ name: v.string(), age: v.number() });
const messages = [{ role: "user" as const, content: "John is 25" }];
const server = useTestServer({ beforeEach, afterEach });
const run = promisify(execFile);


describe("the response cache", () => {
  it("answers the same call again from the store: no request, attempts 0, no tokens, and says so", async () => {
    const events: string[] = [];
    const client = createInstructor({
      baseURL: server.baseURL,
      model: "m",
      cache: memoryCacheStore(),
      hooks: { "cache:hit": () => events.push("hit"), "cache:miss": () => events.push("miss") },
    });
    server.enqueue(completion('{"name":"John","age":25}'));
    const first = await structuredChatWithMetadata(client, { responseModel: Person, messages });
    const second = await structuredChatWithMetadata(client, { responseModel: Person, messages });
    expect(server.requests).toHaveLength(1);
    expect(first).toMatchObject({ data: { name: "John", age: 25 }, cache: "miss", attempts: 1 });
    expect(second).toMatchObject({ data: { name: "John", age: 25 }, cache: "hit", attempts: 0, usage: { totalTokens: 0 }, rejectedAttempts: [] });
    expect(second.completion.choices[0]?.message.content).toBe('{"name":"John","age":25}');
    expect(events).toEqual(["miss", "hit"]);
  });

  it("keys by what determines the answer: any part changing is a miss, anything else is not", async () => {
    const store = memoryCacheStore();
    const base = { baseURL: server.baseURL, cache: store };
    const call = { model: "m", responseModel: Person, messages };
    for (let reply = 0; reply < 12; reply += 1) server.enqueue(completion('{"name":"J","age":1}'));
    await structuredChatWithMetadata(createInstructor(base), call);
    const variants = [
      { ...call, model: "other" },
      { ...call, messages: [{ role: "user" as const, content: "Jane is 30" }] },
      { ...call, responseModel: v.object({ name: v.string(), age: v.number(), city: v.optional(v.string()) }) },
      { ...call, mode: Mode.JSON_SCHEMA },
      { ...call, temperature: 0.7 },
      { ...call, seed: 7 },
      { ...call, max_tokens: 99 },
    ];
    for (const variant of variants) expect((await structuredChatWithMetadata(createInstructor(base), variant)).cache, JSON.stringify(variant.model)).toBe("miss");
    // Another endpoint (here the same server under another name) is another key; a trailing slash is not.
    expect((await structuredChatWithMetadata(createInstructor({ ...base, baseURL: server.baseURL.replace("127.0.0.1", "localhost") }), call)).cache).toBe("miss");
    expect((await structuredChatWithMetadata(createInstructor({ ...base, baseURL: `${server.baseURL}/` }), call)).cache).toBe("hit");
    // A provider's client is keyed by its base URL too: two Ollama hosts may serve different weights under one name.
    const ollama = (baseURL: string) => fromProvider("ollama/m", { baseURL, cache: store, mode: Mode.JSON });
    expect((await structuredChatWithMetadata(ollama(server.baseURL), call)).cache).toBe("miss");
    expect((await structuredChatWithMetadata(ollama(server.baseURL), call)).cache).toBe("hit");
    expect((await structuredChatWithMetadata(ollama(server.baseURL.replace("127.0.0.1", "localhost")), call)).cache).toBe("miss");
    const unchanged = [
      createInstructor({ ...base, apiKey: "sk-other-123456789", timeout: 9_000, maxRetries: 1, hooks: {} }),
      createInstructor({ ...base, transportRetry: { maxRetries: 0 } }),
    ];
    for (const client of unchanged) expect((await structuredChatWithMetadata(client, call)).cache).toBe("hit");
    expect((await structuredChatWithMetadata(createInstructor(base), { ...call, totalTimeout: 60_000, hooks: {} })).cache).toBe("hit");
  });

  it("a stored answer that no longer validates against today's schema is a miss, and is replaced", async () => {
    const store = memoryCacheStore();
    const client = createInstructor({ baseURL: server.baseURL, model: "m", cache: store });
    server.enqueue(completion('{"name":"J","age":-1}'), completion('{"name":"J","age":3}'));
    await structuredChatWithMetadata(client, { responseModel: Person, messages });
    // The same wire schema, a stricter check (not in JSON Schema): the stored -1 fails it.
    const Adult = v.object({ name: v.string(), age: v.pipe(v.number(), v.check((age) => age >= 0, "age must be >= 0")) });
    const again = await structuredChatWithMetadata(client, { responseModel: Adult, messages });
    expect(again).toMatchObject({ cache: "miss", data: { age: 3 } });
    expect(await store.stats()).toMatchObject({ entries: 1 });
    expect((await structuredChatWithMetadata(client, { responseModel: Adult, messages })).cache).toBe("hit");
  });

  it("stores only valid final answers: a re-asked call stores the valid one, an exhausted call nothing", async () => {
    const store = memoryCacheStore();
    const client = createInstructor({ baseURL: server.baseURL, model: "m", cache: store, maxRetries: 1 });
    server.enqueue(completion('{"name":"J"}'), completion('{"name":"J","age":2}'));
    await structuredChatWithMetadata(client, { responseModel: Person, messages });
    expect(await store.stats()).toMatchObject({ entries: 1 });
    server.enqueue(completion("nope"), completion("still no"));
    const error = await structuredChatWithMetadata(client, { responseModel: Person, messages: [{ role: "user", content: "other" }] }).catch((caught: unknown) => caught);
    expect(RetriesExhaustedError.isInstance(error)).toBe(true);
    expect(await store.stats()).toMatchObject({ entries: 1 });
  });

  it("honours ttl (client and call) and cache: false", async () => {
    const client = createInstructor({ baseURL: server.baseURL, model: "m", cache: { store: memoryCacheStore(), ttl: 60_000 } });
    for (let reply = 0; reply < 3; reply += 1) server.enqueue(completion('{"name":"J","age":1}'));
    await structuredChatWithMetadata(client, { responseModel: Person, messages, cache: { ttl: 30 } });
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await structuredChatWithMetadata(client, { responseModel: Person, messages })).cache).toBe("miss");
    expect((await structuredChatWithMetadata(client, { responseModel: Person, messages })).cache).toBe("hit");
    expect((await structuredChatWithMetadata(client, { responseModel: Person, messages, cache: false })).cache).toBeUndefined();
    expect(server.requests).toHaveLength(3);
  });

  it("a store that fails never fails the call: it goes on without the cache, with a warning", async () => {
    const warnings: string[] = [];
    const broken: CacheStore = {
      get: () => Promise.reject(new Error("disk on fire")),
      set: () => {
        throw new Error("read-only");
      },
      delete: () => undefined,
      clear: () => undefined,
      stats: () => ({ entries: 0, bytes: undefined, location: "broken" }),
    };
    const client = createInstructor({ baseURL: server.baseURL, model: "m", cache: broken, logger: { warn: (message: string) => warnings.push(message) } as never });
    server.enqueue(completion('{"name":"J","age":1}'));
    expect((await structuredChatWithMetadata(client, { responseModel: Person, messages })).data).toEqual({ name: "J", age: 1 });
    expect(warnings.join("\n")).toMatch(/could not be read \(disk on fire\)[\s\S]*could not be written \(read-only\)/);
  });

  it("wrong cache options name what to pass", async () => {
    expect(() => createInstructor({ cache: "yes" as never })).toThrow(/Invalid `cache`: expected true/);
    expect(() => createInstructor({ cache: { ttl: -5 } })).toThrow(/Invalid `cache.ttl`/);
    const client = createInstructor({ baseURL: server.baseURL, model: "m", cache: memoryCacheStore() });
    const error = await structuredChatWithMetadata(client, { responseModel: Person, messages, cache: { ttl: 0 } }).catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
  });
});

describe("streaming calls and the cache", () => {
  it("createPartial replays a hit as a stream: snapshots, then the validated object, with no request", async () => {
    const client = createInstructor({ baseURL: server.baseURL, model: "m", cache: memoryCacheStore() });
    const long = { name: "A name long enough to come in several pieces when it is replayed", age: 41 };
    server.enqueue(completion(JSON.stringify(long)));
    const live = await collect(createPartial(client, { responseModel: Person, messages }));
    expect(live.at(-1)).toMatchObject({ done: true, cache: "miss", attempt: 1 });
    const replayed = await collect(createPartial(client, { responseModel: Person, messages }));
    expect(server.requests).toHaveLength(1);
    expect(replayed.filter((event) => !event.done).length).toBeGreaterThan(1);
    expect(replayed.at(-1)).toMatchObject({ done: true, cache: "hit", attempt: 0, data: long });
  });

  it("createIterable replays a hit element by element, also for an answer stored by a non-streaming call", async () => {
    const client = createInstructor({ baseURL: server.baseURL, model: "m", cache: memoryCacheStore() });
    server.enqueue(completion('{"content":[{"name":"A","age":1},{"name":"B","age":2}]}'));
    const People = iterable(Person);
    await structuredChatWithMetadata(client, { responseModel: People, messages });
    expect(await collect(createIterable(client, { responseModel: People, messages }))).toEqual([
      { name: "A", age: 1 },
      { name: "B", age: 2 },
    ]);
    expect(server.requests).toHaveLength(1);
  });
});

describe("sqliteCacheStore", () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), "cortex-cache-"));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it("keeps answers in a file: another store on the same file (another process, later) hits", async () => {
    const path = join(folder, "nested", "cache.db");
    server.enqueue(completion('{"name":"J","age":1}'));
    const first = sqliteCacheStore(path);
    await structuredChatWithMetadata(createInstructor({ baseURL: server.baseURL, model: "m", cache: first }), { responseModel: Person, messages });
    await first.close?.();
    const second = sqliteCacheStore(path);
    const again = await structuredChatWithMetadata(createInstructor({ baseURL: server.baseURL, model: "m", cache: second }), { responseModel: Person, messages });
    expect(again).toMatchObject({ cache: "hit", data: { name: "J", age: 1 } });
    expect(await second.stats()).toMatchObject({ entries: 1, location: path });
    await second.clear();
    expect(await second.stats()).toMatchObject({ entries: 0 });
    await second.close?.();
  });

  it("takes concurrent writers: two processes writing 300 entries each into one file lose none", async () => {
    const path = join(folder, "shared.db");
    const writer = join(import.meta.dirname, "support", "write-cache-entries.ts");
    await Promise.all(["a", "b"].map((prefix) => run(process.execPath, ["--import", "tsx", writer, path, prefix, "300"], { cwd: join(import.meta.dirname, "..") })));
    const store = sqliteCacheStore(path);
    expect(await store.stats()).toMatchObject({ entries: 600 });
    expect(await store.get("a-299")).toMatchObject({ value: { index: 299 } });
    expect(await store.get("b-0")).toMatchObject({ value: { index: 0 } });
    await store.close?.();
  }, 60_000);

  it("a corrupt file is set aside with a warning and a new cache starts; nothing else in the folder is touched", async () => {
    const path = join(folder, "cache.db");
    writeFileSync(path, "this is not a sqlite database, just text that happens to be here ".repeat(200));
    writeFileSync(join(folder, "keep.txt"), "mine");
    const warnings: string[] = [];
    const store = sqliteCacheStore(path, { warn: (message) => warnings.push(message) });
    await store.set("k", { value: 1, text: "1", model: "m", usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, createdAt: 0 }, undefined);
    expect(await store.get("k")).toMatchObject({ value: 1 });
    expect(warnings.join()).toMatch(/could not be read .* moved to .*cache\.db\.corrupt-\d+/);
    const files = readdirSync(folder).sort();
    expect(files.filter((file) => file.startsWith("cache.db.corrupt-"))).toHaveLength(1);
    expect(files).toContain("keep.txt");
    await store.close?.();
  });

  it("expires entries by ttl", async () => {
    const store = sqliteCacheStore(join(folder, "ttl.db"));
    await store.set("k", { value: 1, text: "1", model: "m", usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, createdAt: 0 }, 400);
    expect(await store.get("k")).toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await store.get("k")).toBeUndefined();
    await store.close?.();
  });
});
