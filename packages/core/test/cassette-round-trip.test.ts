import {
  completion,
  contentDeltaChunks,
  statusReply,
  streamReply,
  toolCallCompletion,
  toolCallDeltaChunks,
  toolCallsDeltaChunks,
  wholeToolCallChunks,
} from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import { readCassette } from "../src/cassette/read-cassette.js";
import {
  ConnectionError,
  createIterable,
  createPartial,
  type InstructorClient,
  iterable,
  listModels,
  Mode,
  structuredChatWithMetadata,
  union,
} from "../src/index.js";
import { cassetteFolder, collect, Person, roundTrip, settle } from "./cassette-fixtures.js";

const Weather = v.object({ location: v.string(), units: v.picklist(["imperial", "metric"]) });
const Search = v.object({ query: v.string() });
const messages = [{ role: "user" as const, content: "John is 25 years old" }];
const folder = cassetteFolder();
afterAll(() => folder.remove());

/** The parts of a structured result a replay must give back exactly. */
const resultOf = (result: Awaited<ReturnType<typeof structuredChatWithMetadata>>) => ({
  data: result.data,
  completion: result.completion,
  usage: result.usage,
  attempts: result.attempts,
  rejected: result.rejectedAttempts,
});

/** A createPartial run: the final event, and every snapshot. */
async function partialRun(client: InstructorClient, options: Parameters<typeof createPartial>[1]) {
  const events = await collect(createPartial(client, options));
  const last = events.at(-1);
  return { last: last && { done: last.done, data: last.data, attempt: last.attempt, usage: last.done ? last.usage : undefined }, snapshots: events.filter((event) => !event.done).map((event) => event.data) };
}

describe("a cassette round trip: recorded against the server, replayed with the server stopped", () => {
  it.each([
    ["JSON", Mode.JSON, completion('{"name":"John","age":25}')],
    ["JSON_SCHEMA", Mode.JSON_SCHEMA, completion('{"name":"John","age":25}')],
    ["MD_JSON", Mode.MD_JSON, completion('Here it is:\n```json\n{"name":"John","age":25}\n```')],
    ["TOOLS", Mode.TOOLS, toolCallCompletion([{ name: "Response", arguments: { name: "John", age: 25 } }])],
  ] as const)("%s mode gives back the same result, completion and usage", async (_, mode, reply) => {
    const path = folder.file();
    const { live, replayed, requests } = await roundTrip(path, [reply], async (client) =>
      resultOf(await structuredChatWithMetadata(client, { model: "llama3.2", responseModel: Person, messages, mode })),
    );
    expect(live.data).toEqual({ name: "John", age: 25 });
    expect(replayed).toEqual(live);
    expect(requests).toHaveLength(1);
    const [line] = readCassette(path);
    expect(line?.request).toMatchObject({ method: "POST", path: "/v1/chat/completions", body: { model: "llama3.2" } });
    expect(line?.response).toMatchObject({ status: 200, headers: { "content-type": expect.stringContaining("application/json") } });
  });

  it("PARALLEL_TOOLS mode gives back every tool call", async () => {
    const reply = toolCallCompletion([
      { name: "Weather", arguments: { location: "NYC", units: "imperial" } },
      { name: "Search", arguments: { query: "Super Bowl 2024" } },
    ]);
    const { live, replayed } = await roundTrip(folder.file(), [reply], async (client) =>
      resultOf(await structuredChatWithMetadata(client, { model: "m", responseModel: iterable(union({ Weather, Search })), messages, mode: Mode.PARALLEL_TOOLS })),
    );
    expect(live.data).toEqual([
      { type: "Weather", value: { location: "NYC", units: "imperial" } },
      { type: "Search", value: { query: "Super Bowl 2024" } },
    ]);
    expect(replayed).toEqual(live);
  });

  it("a re-ask sequence replays attempt by attempt, with the same feedback sent", async () => {
    const path = folder.file();
    const { live, replayed, requests } = await roundTrip(path, [completion('{"name":"John","age":"unknown"}'), completion('{"name":"John","age":25}')], async (client) =>
      resultOf(await structuredChatWithMetadata(client, { model: "m", responseModel: Person, messages })),
    );
    expect(live.attempts).toBe(2);
    expect(live.rejected[0]?.issues[0]?.path).toBe("age");
    expect(replayed).toEqual(live);
    const lines = readCassette(path);
    expect(lines).toHaveLength(2);
    // The second request carries the re-ask: the rejected answer and its issue, as the server received it.
    const reask = (lines[1]?.request.body as { messages: Array<{ role: string; content: string }> }).messages.at(-1);
    expect(reask?.content).toContain("age");
    expect(reask?.content).toBe((requests[1]?.body as { messages: Array<{ content: string }> }).messages.at(-1)?.content);
  });

  it("a transport retry (503, then an answer) replays in order for the same request", async () => {
    const path = folder.file();
    const { live, replayed, requests } = await roundTrip(
      path,
      [statusReply(503, { error: { message: "busy" } }, { "retry-after-ms": "1" }), completion('{"name":"John","age":25}')],
      async (client) => resultOf(await structuredChatWithMetadata(client, { model: "m", responseModel: Person, messages })),
    );
    expect(requests).toHaveLength(2);
    expect(replayed).toEqual(live);
    const lines = readCassette(path);
    expect(lines.map((line) => line.response.status)).toEqual([503, 200]);
    expect(lines[0]?.response.headers).toEqual({ "content-type": expect.stringContaining("json"), "retry-after-ms": "1" });
    expect(lines[0]?.request).toEqual(lines[1]?.request);
  });

  it("the same call twice gets its two recorded answers in order", async () => {
    const { live, replayed } = await roundTrip(folder.file(), [completion('{"name":"A","age":1}'), completion('{"name":"B","age":2}')], async (client) => [
      (await structuredChatWithMetadata(client, { model: "m", responseModel: Person, messages })).data,
      (await structuredChatWithMetadata(client, { model: "m", responseModel: Person, messages })).data,
    ]);
    expect(live).toEqual([{ name: "A", age: 1 }, { name: "B", age: 2 }]);
    expect(replayed).toEqual(live);
  });

  it("GET /models (listModels) replays offline", async () => {
    const { live, replayed } = await roundTrip(folder.file(), [], (client) => listModels(client));
    expect(live).toEqual(["test-model"]);
    expect(replayed).toEqual(live);
  });
});

describe("a cassette round trip of every stream shape", () => {
  const usage = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 };

  it("content deltas (createPartial, JSON): the same snapshots and final object", async () => {
    const path = folder.file();
    const text = '{"name":"Jane Doe","age":31}';
    const { live, replayed } = await roundTrip(path, [streamReply(contentDeltaChunks(text, 3, { usage }), { chunkDelayMs: 2 })], (client) =>
      partialRun(client, { model: "m", responseModel: Person, messages }),
    );
    expect(live.last).toEqual({ done: true, data: { name: "Jane Doe", age: 31 }, attempt: 1, usage: { promptTokens: 11, completionTokens: 7, totalTokens: 18 } });
    expect(replayed.last).toEqual(live.last);
    // The replay sends one event per read, so it shows every snapshot the live run showed (and perhaps more).
    expect(replayed.snapshots).toEqual(expect.arrayContaining(live.snapshots));
    expect(replayed.snapshots.length).toBeGreaterThan(5);
    const [line] = readCassette(path);
    expect(line?.response.headers["content-type"]).toContain("text/event-stream");
    expect(line?.response.events?.at(-1)).toBe("data: [DONE]");
    expect(line?.response.events?.[1]).toEqual({ data: expect.objectContaining({ object: "chat.completion.chunk" }) });
    expect(line?.response.cut).toBeUndefined();
  });

  it("tool-call argument deltas (createPartial, TOOLS)", async () => {
    const { live, replayed } = await roundTrip(folder.file(), [streamReply(toolCallDeltaChunks({ name: "Response", arguments: '{"name":"Tool User","age":9}' }, 4))], (client) =>
      partialRun(client, { model: "m", responseModel: Person, messages, mode: Mode.TOOLS }),
    );
    expect(live.last?.data).toEqual({ name: "Tool User", age: 9 });
    expect(replayed.last).toEqual(live.last);
    expect(replayed.snapshots).toEqual(expect.arrayContaining(live.snapshots));
  });

  it("several tool calls' argument deltas (createIterable, PARALLEL_TOOLS)", async () => {
    const calls = Array.from({ length: 5 }, (_, index) => ({ name: "Person", arguments: JSON.stringify({ name: `P${index}`, age: index }) }));
    const { live, replayed } = await roundTrip(folder.file(), [streamReply(toolCallsDeltaChunks(calls, 5))], (client) =>
      collect(createIterable(client, { model: "m", responseModel: iterable(v.pipe(Person, v.title("Person"))), messages, mode: Mode.PARALLEL_TOOLS })),
    );
    expect(live.map((person) => person.name)).toEqual(["P0", "P1", "P2", "P3", "P4"]);
    expect(replayed).toEqual(live);
  });

  it("whole tool calls, as Ollama streams them (createIterable, PARALLEL_TOOLS)", async () => {
    const chunks = wholeToolCallChunks([
      { name: "Weather", arguments: '{"location":"NYC","units":"imperial"}' },
      { name: "Search", arguments: '{"query":"who won"}' },
    ]);
    const { live, replayed } = await roundTrip(folder.file(), [streamReply(chunks)], (client) =>
      collect(createIterable(client, { model: "m", responseModel: iterable(union({ Weather, Search })), messages, mode: Mode.PARALLEL_TOOLS })),
    );
    expect(live).toEqual([
      { type: "Weather", value: { location: "NYC", units: "imperial" } },
      { type: "Search", value: { query: "who won" } },
    ]);
    expect(replayed).toEqual(live);
  });

  it("content deltas of an iterable (createIterable, JSON)", async () => {
    const text = '{"content":[{"name":"A","age":1},{"name":"B","age":2}]}';
    const { live, replayed } = await roundTrip(folder.file(), [streamReply(contentDeltaChunks(text, 4))], (client) =>
      collect(createIterable(client, { model: "m", responseModel: iterable(Person), messages })),
    );
    expect(live).toEqual([{ name: "A", age: 1 }, { name: "B", age: 2 }]);
    expect(replayed).toEqual(live);
  });

  it("a streamed re-ask: both attempts replay, the second's snapshots say attempt 2", async () => {
    const replies = [streamReply(contentDeltaChunks('{"name":7,"age":1}', 3)), streamReply(contentDeltaChunks('{"name":"Seven","age":1}', 3))];
    const { live, replayed } = await roundTrip(folder.file(), replies, (client) => partialRun(client, { model: "m", responseModel: Person, messages }));
    expect(live.last).toMatchObject({ data: { name: "Seven", age: 1 }, attempt: 2 });
    expect(replayed.last).toEqual(live.last);
  });

  it("a stream cut before anything was shown is recorded cut, replays cut, and the retry replays after it", async () => {
    const path = folder.file();
    const replies = [streamReply(contentDeltaChunks('{"name":"Lost","age":1}', 2), { cutAfter: 1 }), streamReply(contentDeltaChunks('{"name":"Kept","age":2}', 2))];
    const { live, replayed, requests } = await roundTrip(path, replies, (client) => partialRun(client, { model: "m", responseModel: Person, messages }));
    expect(requests).toHaveLength(2);
    expect(live.last?.data).toEqual({ name: "Kept", age: 2 });
    expect(replayed.last).toEqual(live.last);
    const lines = readCassette(path);
    expect(lines.map((line) => line.response.cut)).toEqual([true, undefined]);
    expect(lines[0]?.response.events).toHaveLength(1);
  });

  it("a stream cut mid-object fails the same way live and replayed", async () => {
    const replies = [streamReply(contentDeltaChunks('{"name":"Cut here please","age":1}', 2), { cutAfter: 5 })];
    const { live, replayed } = await roundTrip(folder.file(), replies, (client) => settle(collect(createPartial(client, { model: "m", responseModel: Person, messages }))));
    expect(ConnectionError.isInstance(live.error)).toBe(true);
    expect(ConnectionError.isInstance(replayed.error)).toBe(true);
    expect((replayed.error as Error).message).toContain("cut");
  });
});
