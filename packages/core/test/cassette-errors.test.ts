import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { completion, contentDeltaChunks, startTestServer, statusReply, streamReply, useTestServer } from "@cortex-ml/test-server";
import { Effect } from "effect";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ejectCassette } from "../src/cassette/cassette-registry.js";
import { readCassette } from "../src/cassette/read-cassette.js";
import * as effectApi from "../src/effect.js";
import {
  ApiError,
  CassetteFileError,
  CassetteMissError,
  createInstructor,
  createPartial,
  InvalidArgumentError,
  structuredChat,
} from "../src/index.js";
import { ask, cassetteClient, cassetteFolder, collect, fast, Person } from "./cassette-fixtures.js";

const folder = cassetteFolder();
const server = useTestServer({ beforeEach, afterEach });
afterAll(() => folder.remove());
afterEach(() => vi.unstubAllEnvs());

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail("expected the call to fail"),
    (error: unknown) => error,
  );
}

/** A cassette holding one recorded answer to "John is 25". */
async function recordedJohn(): Promise<string> {
  const path = folder.file();
  server.enqueue(completion('{"name":"John","age":25}'));
  await structuredChat(cassetteClient(server.baseURL, path, "record"), { model: "llama3.2", responseModel: Person, messages: ask("John is 25") });
  server.requests.length = 0;
  return path;
}

describe("a request missing from the cassette in replay mode", () => {
  it("fails with CassetteMissError naming the call, the cassette and the fix, without touching the network", async () => {
    const path = folder.file();
    const error = await failure(structuredChat(cassetteClient(server.baseURL, path, "replay"), { model: "llama3.2", responseModel: Person, messages: ask("John is 25") }));
    expect(CassetteMissError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ model: "llama3.2", firstUserMessage: "John is 25", cassettePath: path, request: "POST /v1/chat/completions", cassetteExists: false, retryable: false });
    const message = (error as Error).message;
    expect(message).toContain('model "llama3.2"');
    expect(message).toContain('first user message "John is 25"');
    expect(message).toContain(path);
    expect(message).toContain("the file does not exist yet");
    expect(message).toContain("CORTEX_RECORD=record");
    expect(message).toContain("CORTEX_RECORD=auto");
    expect(server.requests).toHaveLength(0);
  });

  it("names where the closest recorded request differs", async () => {
    const path = await recordedJohn();
    const error = await failure(structuredChat(cassetteClient(server.baseURL, path, "replay"), { model: "llama3.2", responseModel: Person, messages: ask("Mary is 31") }));
    expect(CassetteMissError.isInstance(error)).toBe(true);
    expect((error as CassetteMissError).closestDifference).toEqual(["messages[1].content"]);
    expect((error as Error).message).toContain("the closest recorded request differs at messages[1].content");
    expect(server.requests).toHaveLength(0);
  });

  it("says when a request is sent more times than it was recorded", async () => {
    const path = await recordedJohn();
    const client = cassetteClient(server.baseURL, path, "replay");
    const call = () => structuredChat(client, { model: "llama3.2", responseModel: Person, messages: ask("John is 25") });
    expect(await call()).toEqual({ name: "John", age: 25 });
    const error = await failure(call());
    expect(error).toMatchObject({ recordedTimes: 1, occurrence: 2 });
    expect((error as Error).message).toContain("the request is recorded 1 time and this is time 2");
  });

  it("cuts a long first user message short", async () => {
    const long = `${"word ".repeat(40)}end`;
    const error = await failure(structuredChat(cassetteClient(server.baseURL, folder.file(), "replay"), { model: "m", responseModel: Person, messages: ask(long) }));
    const shown = (error as CassetteMissError).firstUserMessage ?? "";
    expect(Array.from(shown)).toHaveLength(80);
    expect(shown.endsWith("…")).toBe(true);
    expect(long.startsWith(shown.slice(0, -1))).toBe(true);
  });

  it("stays a CassetteMissError when the prompt or the path says \"timed out\" (openai would take it for a timeout)", async () => {
    const path = join(folder.dir, "timed out", "timeout.jsonl");
    const error = await failure(structuredChat(cassetteClient(server.baseURL, path, "replay"), { model: "m", responseModel: Person, messages: ask("The request timed out") }));
    expect(CassetteMissError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("The request timed out");
  });

  it("fails streaming calls and the Effect API with the same typed error", async () => {
    const path = folder.file();
    const streamed = await failure(collect(createPartial(cassetteClient(server.baseURL, path, "replay"), { model: "m", responseModel: Person, messages: ask("stream it") })));
    expect(CassetteMissError.isInstance(streamed)).toBe(true);
    const program = effectApi.structuredChat(cassetteClient(server.baseURL, path, "replay"), { model: "m", responseModel: Person, messages: ask("effect") });
    const tag = await Effect.runPromise(program.pipe(Effect.map(() => "succeeded"), Effect.catchTag("CassetteMissError", (error) => Effect.succeed(error._tag))));
    expect(tag).toBe("CassetteMissError");
  });
});

describe("a corrupt cassette", () => {
  const good = JSON.stringify({
    request: { method: "POST", path: "/v1/chat/completions", body: { model: "m" } },
    response: { status: 200, headers: { "content-type": "application/json" }, body: {} },
  });

  it.each([
    ["a line that is not JSON", `${good}\n{"request": {"method": "POST"\n`, 2, "not JSON"],
    ["a line with a wrong field", `${good}\n\n${good.replace('"status":200', '"status":"200"')}\n`, 3, "response.status"],
    ["a line with two bodies", `${good.replace('"body":{}}', '"body":{},"text":"x"}')}\n`, 1, "body and text"],
    ["an event without data", `${good.replace('"body":{}}', '"events":[{"date":1}]}')}\n`, 1, "response.events[0]"],
  ])("%s fails with CassetteFileError naming the file, the line and the problem", async (_, contents, line, problem) => {
    const path = folder.file();
    writeFileSync(path, contents);
    const error = await failure(structuredChat(cassetteClient(server.baseURL, path, "replay"), { model: "m", responseModel: Person, messages: ask("x") }));
    expect(CassetteFileError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ cassettePath: path, line, retryable: false });
    const message = (error as Error).message;
    expect(message).toContain(`${path} is corrupt at line ${line}`);
    expect(message).toContain(problem);
    expect(message).toContain("CORTEX_RECORD=record");
    expect(server.requests).toHaveLength(0);
  });

  it("auto mode refuses a corrupt cassette too (it would append to it)", async () => {
    const path = folder.file();
    writeFileSync(path, "garbage\n");
    const error = await failure(structuredChat(cassetteClient(server.baseURL, path, "auto"), { model: "m", responseModel: Person, messages: ask("x") }));
    expect(error).toMatchObject({ _tag: "CassetteFileError", line: 1 });
    expect(readFileSync(path, "utf8")).toBe("garbage\n");
  });

  it("a cassette that cannot be written fails the recording call", async () => {
    const blocker = folder.file("not-a-folder");
    writeFileSync(blocker, "");
    server.enqueue(completion('{"name":"John","age":25}'));
    const error = await failure(structuredChat(cassetteClient(server.baseURL, join(blocker, "c.jsonl"), "record"), { model: "m", responseModel: Person, messages: ask("x") }));
    expect(CassetteFileError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("cannot be written");
  });
});

describe("secrets", () => {
  const apiKey = "sk-cassette-test-secret-0123456789abcdef";
  const headerSecret = "header-secret-value-42424242";

  it("no API key, auth header or secret header value is ever written, even when the server echoes them", async () => {
    const path = folder.file();
    server.enqueue(
      statusReply(401, { error: { message: `Incorrect API key provided: ${apiKey}`, type: "invalid_request_error" } }),
      streamReply(contentDeltaChunks(`{"name":"${apiKey}","age":1}`, 100)),
    );
    const options = { apiKey, defaultHeaders: { "x-api-key": headerSecret, Authorization: `Bearer ${apiKey}` } };
    const client = cassetteClient(server.baseURL, path, "record", options);
    const denied = await failure(structuredChat(client, { model: "m", responseModel: Person, messages: ask(`my key is ${apiKey}`) }));
    expect(ApiError.isInstance(denied)).toBe(true);
    const events = await collect(createPartial(client, { model: "m", responseModel: Person, messages: ask(`header ${headerSecret}`) }));
    expect(events.at(-1)?.data).toEqual({ name: apiKey, age: 1 });
    // The server did get the credentials: they were sent, and only kept out of the file.
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(server.requests[0]?.headers["x-api-key"]).toBe(headerSecret);

    const file = readFileSync(path, "utf8");
    expect(file).not.toContain(apiKey);
    expect(file).not.toContain(apiKey.slice(3, 20));
    expect(file).not.toContain(headerSecret);
    expect(file.toLowerCase()).not.toContain("authorization");
    expect(file.toLowerCase()).not.toContain("x-api-key");
    expect(file).not.toContain("Bearer");
    expect(file).toContain("[redacted]");

    // The redacted cassette still replays: the replaying client redacts its requests the same way.
    const replay = cassetteClient(server.baseURL, path, "replay", options);
    expect(ApiError.isInstance(await failure(structuredChat(replay, { model: "m", responseModel: Person, messages: ask(`my key is ${apiKey}`) })))).toBe(true);
    const replayed = await collect(createPartial(replay, { model: "m", responseModel: Person, messages: ask(`header ${headerSecret}`) }));
    expect(replayed.at(-1)?.data).toEqual({ name: "[redacted]", age: 1 });
    expect(readCassette(path).map((line) => line.request.body)).toMatchObject([
      { messages: [expect.anything(), { content: "my key is [redacted]" }] },
      { messages: [expect.anything(), { content: "header [redacted]" }] },
    ]);
  });
});

describe("wrong settings", () => {
  it("a wrong cassette option fails createInstructor, naming it", () => {
    const wrong = (cassette: unknown) => () => createInstructor({ cassette: cassette as never });
    expect(wrong({ mode: "sometimes" })).toThrow(/Invalid `cassette.mode`: expected "record", "replay" or "auto", got "sometimes"/);
    expect(wrong({ path: "" })).toThrow(/Invalid `cassette.path`/);
    expect(wrong("tape.jsonl")).toThrow(/Invalid `cassette`: expected \{ path, mode \} or false/);
  });

  it("a cassette option on a client that does not build its own openai client says what to do instead", async () => {
    const { default: OpenAI } = await import("openai");
    const withOpenAI = () => createInstructor({ openai: new OpenAI({ apiKey: "k", baseURL: server.baseURL }), cassette: { path: "c.jsonl" } });
    expect(withOpenAI).toThrow(/cassetteFetch\(fetch, \{ path, mode \}\)/);
    const transport = { baseURL: "local" } as never;
    expect(() => createInstructor({ transport, cassette: { path: "c.jsonl" } })).toThrow(/own transport \(an in-process model\), not HTTP/);
    expect(() => createInstructor({ transport, cassette: false })).not.toThrow();
  });

  it("CORTEX_RECORD without a cassette path fails the call, naming CORTEX_CASSETTE", async () => {
    vi.stubEnv("CORTEX_RECORD", "replay");
    vi.stubEnv("CORTEX_CASSETTE", "");
    const error = await failure(structuredChat(createInstructor({ baseURL: server.baseURL, ...fast }), { model: "m", responseModel: Person, messages: ask("x") }));
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ argument: "CORTEX_CASSETTE" });
    expect((error as Error).message).toContain("CORTEX_RECORD=replay needs a cassette file");
    expect(server.requests).toHaveLength(0);
  });

  it("a CORTEX_RECORD that is not a mode fails the call, naming it", async () => {
    vi.stubEnv("CORTEX_RECORD", "yes");
    vi.stubEnv("CORTEX_CASSETTE", folder.file());
    const error = await failure(structuredChat(createInstructor({ baseURL: server.baseURL, ...fast }), { model: "m", responseModel: Person, messages: ask("x") }));
    expect(error).toMatchObject({ _tag: "InvalidArgumentError", argument: "CORTEX_RECORD" });
  });
});

describe("an unreadable cassette", () => {
  it("a cassette path that is a folder fails with CassetteFileError", async () => {
    const path = join(folder.dir, "a-folder.jsonl");
    mkdirSync(path);
    ejectCassette(path);
    const error = await failure(structuredChat(createInstructor({ baseURL: (await startTestServer()).baseURL, ...fast, cassette: { path, mode: "replay" } }), { model: "m", responseModel: Person, messages: ask("x") }));
    expect(CassetteFileError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(/cannot be used: it cannot be read: EISDIR/);
  });
});
