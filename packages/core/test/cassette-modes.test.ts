import { readFileSync, writeFileSync } from "node:fs";
import { completion, contentDeltaChunks, streamReply, useTestServer } from "@cortex-ml/test-server";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ejectCassette } from "../src/cassette/cassette-registry.js";
import { readCassette } from "../src/cassette/read-cassette.js";
import OpenAI from "openai";
import { CassetteMissError, createInstructor, createPartial, fromOpenAI, fromProvider, Mode, structuredChat } from "../src/index.js";
import { cassetteFetch } from "../src/testing.js";
import { ask, cassetteClient, cassetteFolder, collect, fast, Person } from "./cassette-fixtures.js";

const folder = cassetteFolder();
const server = useTestServer({ beforeEach, afterEach });
afterAll(() => folder.remove());
afterEach(() => vi.unstubAllEnvs());

const contents = (path: string) => readCassette(path).map((line) => (line.request.body as { messages: Array<{ content: string }> }).messages.at(-1)?.content);

describe("auto mode", () => {
  it("replays what is recorded, records what is missing, and the cassette then replays everything offline", async () => {
    const path = folder.file();
    server.enqueue(completion('{"name":"Ann","age":1}'));
    await structuredChat(cassetteClient(server.baseURL, path, "record"), { model: "m", responseModel: Person, messages: ask("Ann") });
    server.requests.length = 0;

    server.enqueue(completion('{"name":"Bob","age":2}'), streamReply(contentDeltaChunks('{"name":"Cy","age":3}', 4)));
    const auto = cassetteClient(server.baseURL, path, "auto");
    expect(await structuredChat(auto, { model: "m", responseModel: Person, messages: ask("Ann") })).toEqual({ name: "Ann", age: 1 });
    expect(server.requests).toHaveLength(0);
    expect(await structuredChat(auto, { model: "m", responseModel: Person, messages: ask("Bob") })).toEqual({ name: "Bob", age: 2 });
    expect((await collect(createPartial(auto, { model: "m", responseModel: Person, messages: ask("Cy") }))).at(-1)?.data).toEqual({ name: "Cy", age: 3 });
    expect(server.requests).toHaveLength(2);
    expect(contents(path)).toEqual(["Ann", "Bob", "Cy"]);

    await server.close();
    const replay = cassetteClient(server.baseURL, path, "replay");
    expect(await structuredChat(replay, { model: "m", responseModel: Person, messages: ask("Ann") })).toEqual({ name: "Ann", age: 1 });
    expect(await structuredChat(replay, { model: "m", responseModel: Person, messages: ask("Bob") })).toEqual({ name: "Bob", age: 2 });
    expect((await collect(createPartial(replay, { model: "m", responseModel: Person, messages: ask("Cy") }))).at(-1)?.data).toEqual({ name: "Cy", age: 3 });
  });

  it("records a request again once its recorded answers are used up (the same question asked one more time)", async () => {
    const path = folder.file();
    server.enqueue(completion('{"name":"First","age":1}'), completion('{"name":"Second","age":2}'));
    const call = (client: ReturnType<typeof createInstructor>) => structuredChat(client, { model: "m", responseModel: Person, messages: ask("same") });
    expect(await call(cassetteClient(server.baseURL, path, "auto"))).toEqual({ name: "First", age: 1 });
    const auto = cassetteClient(server.baseURL, path, "auto");
    expect(await call(auto)).toEqual({ name: "First", age: 1 });
    expect(await call(auto)).toEqual({ name: "Second", age: 2 });
    expect(server.requests).toHaveLength(2);
    expect(readCassette(path)).toHaveLength(2);
  });

  it("appends after a last line that has no newline", async () => {
    const path = folder.file();
    server.enqueue(completion('{"name":"Ann","age":1}'), completion('{"name":"Bob","age":2}'));
    await structuredChat(cassetteClient(server.baseURL, path, "record"), { model: "m", responseModel: Person, messages: ask("Ann") });
    writeFileSync(path, readFileSync(path, "utf8").trimEnd());
    await structuredChat(cassetteClient(server.baseURL, path, "auto"), { model: "m", responseModel: Person, messages: ask("Bob") });
    expect(readFileSync(path, "utf8").split("\n")).toHaveLength(3);
    expect(contents(path)).toEqual(["Ann", "Bob"]);
  });
});

describe("record mode", () => {
  it("writes the cassette anew: a second recording replaces the first", async () => {
    const path = folder.file();
    server.enqueue(completion('{"name":"Old","age":1}'), completion('{"name":"New","age":2}'));
    await structuredChat(cassetteClient(server.baseURL, path, "record"), { model: "m", responseModel: Person, messages: ask("old") });
    await structuredChat(cassetteClient(server.baseURL, path, "record"), { model: "m", responseModel: Person, messages: ask("new") });
    expect(contents(path)).toEqual(["new"]);
  });

  it("always asks the server, even for a request the cassette has", async () => {
    const path = folder.file();
    server.enqueue(completion('{"name":"A","age":1}'), completion('{"name":"B","age":2}'));
    const client = cassetteClient(server.baseURL, path, "record");
    await structuredChat(client, { model: "m", responseModel: Person, messages: ask("same") });
    expect(await structuredChat(client, { model: "m", responseModel: Person, messages: ask("same") })).toEqual({ name: "B", age: 2 });
    expect(server.requests).toHaveLength(2);
    expect(readCassette(path)).toHaveLength(2);
  });
});

describe("one cassette, many clients", () => {
  it("answers are handed out in request order across the clients of the process", async () => {
    const path = folder.file();
    server.enqueue(completion('{"name":"A","age":1}'), completion('{"name":"B","age":2}'));
    const call = (client: ReturnType<typeof createInstructor>) => structuredChat(client, { model: "m", responseModel: Person, messages: ask("same") });
    ejectCassette(path);
    const recordOptions = { baseURL: server.baseURL, ...fast, cassette: { path, mode: "record" } } as const;
    await call(createInstructor(recordOptions));
    await call(createInstructor(recordOptions));
    expect(readCassette(path)).toHaveLength(2);

    ejectCassette(path);
    const replayOptions = { baseURL: server.baseURL, ...fast, cassette: { path, mode: "replay" } } as const;
    expect(await call(createInstructor(replayOptions))).toEqual({ name: "A", age: 1 });
    expect(await call(createInstructor(replayOptions))).toEqual({ name: "B", age: 2 });
  });
});

describe("the environment and the option", () => {
  it("a client takes CORTEX_RECORD and CORTEX_CASSETTE as they are when it is created", async () => {
    const path = folder.file();
    vi.stubEnv("CORTEX_RECORD", "record");
    vi.stubEnv("CORTEX_CASSETTE", path);
    const recorder = createInstructor({ baseURL: server.baseURL, ...fast });
    vi.stubEnv("CORTEX_RECORD", "replay");
    const replayer = createInstructor({ baseURL: server.baseURL, ...fast });
    vi.unstubAllEnvs();
    server.enqueue(completion('{"name":"Env","age":1}'));
    await structuredChat(recorder, { model: "m", responseModel: Person, messages: ask("env") });
    expect(contents(path)).toEqual(["env"]);
    await server.close();
    expect(await structuredChat(replayer, { model: "m", responseModel: Person, messages: ask("env") })).toEqual({ name: "Env", age: 1 });
  });

  it("CORTEX_CASSETTE alone replays (the default mode)", async () => {
    vi.stubEnv("CORTEX_CASSETTE", folder.file());
    vi.stubEnv("CORTEX_RECORD", "");
    const error = await structuredChat(createInstructor({ baseURL: server.baseURL, ...fast }), { model: "m", responseModel: Person, messages: ask("x") }).catch((caught: unknown) => caught);
    expect(CassetteMissError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it("each option field wins over its variable", async () => {
    const fromVariable = folder.file("variable");
    const fromOption = folder.file("option");
    vi.stubEnv("CORTEX_RECORD", "replay");
    vi.stubEnv("CORTEX_CASSETTE", fromVariable);
    server.enqueue(completion('{"name":"Opt","age":1}'), completion('{"name":"Var","age":2}'));
    await structuredChat(createInstructor({ baseURL: server.baseURL, ...fast, cassette: { path: fromOption, mode: "record" } }), { model: "m", responseModel: Person, messages: ask("both") });
    expect(contents(fromOption)).toEqual(["both"]);
    // Only the mode given: the path comes from CORTEX_CASSETTE.
    await structuredChat(createInstructor({ baseURL: server.baseURL, ...fast, cassette: { mode: "record" } }), { model: "m", responseModel: Person, messages: ask("mode only") });
    expect(contents(fromVariable)).toEqual(["mode only"]);
    expect(server.requests).toHaveLength(2);
  });

  it("cassette: false sends straight to the server whatever the environment says", async () => {
    vi.stubEnv("CORTEX_RECORD", "replay");
    vi.stubEnv("CORTEX_CASSETTE", folder.file());
    server.enqueue(completion('{"name":"Live","age":1}'));
    expect(await structuredChat(createInstructor({ baseURL: server.baseURL, ...fast, cassette: false }), { model: "m", responseModel: Person, messages: ask("x") })).toEqual({ name: "Live", age: 1 });
    expect(server.requests).toHaveLength(1);
  });

  it("fromProvider clients take the option too", async () => {
    const path = folder.file();
    server.enqueue(completion('{"name":"Prov","age":1}'));
    ejectCassette(path);
    const options = { baseURL: server.baseURL, ...fast, mode: Mode.JSON_SCHEMA, cassette: { path, mode: "record" } } as const;
    await structuredChat(fromProvider("ollama/llama3.2", options), { responseModel: Person, messages: ask("provider") });
    await server.close();
    ejectCassette(path);
    const replayed = fromProvider("ollama/llama3.2", { ...options, cassette: { path, mode: "replay" } });
    expect(await structuredChat(replayed, { responseModel: Person, messages: ask("provider") })).toEqual({ name: "Prov", age: 1 });
    expect(readCassette(path)[0]?.request.body).toMatchObject({ model: "llama3.2" });
  });

  it("your own openai client (fromOpenAI) records and replays through cassetteFetch", async () => {
    const path = folder.file();
    const apiKey = "sk-own-client-secret-0123456789";
    const own = (mode: "record" | "replay") => {
      ejectCassette(path);
      return fromOpenAI(new OpenAI({ baseURL: server.baseURL, apiKey, maxRetries: 0, fetch: cassetteFetch(fetch, { path, mode }, [apiKey]) }), fast);
    };
    server.enqueue(streamReply(contentDeltaChunks('{"name":"Own","age":5}', 3)));
    const recorded = await collect(createPartial(own("record"), { model: "m", responseModel: Person, messages: ask("own") }));
    await server.close();
    const replayed = await collect(createPartial(own("replay"), { model: "m", responseModel: Person, messages: ask("own") }));
    expect(replayed.at(-1)?.data).toEqual({ name: "Own", age: 5 });
    expect(replayed.at(-1)?.data).toEqual(recorded.at(-1)?.data);
    expect(readFileSync(path, "utf8")).not.toContain(apiKey);
    const miss = await structuredChat(own("replay"), { model: "m", responseModel: Person, messages: ask("other") }).catch((caught: unknown) => caught);
    expect(CassetteMissError.isInstance(miss)).toBe(true);
  });
});
