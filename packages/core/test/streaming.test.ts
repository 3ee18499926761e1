import { completion, contentDeltaChunks, streamReply, toolCallDeltaChunks, useTestServer, wholeToolCallChunks } from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  ConnectionError,
  createInstructor,
  createIterable,
  createPartial,
  type DeepPartial,
  fromOpenAI,
  iterable,
  Mode,
  TimeoutError,
  union,
} from "../src/index.js";
import OpenAI from "openai";

const User = v.object({ name: v.string(), age: v.optional(v.number()), bio: v.optional(v.string()) });
const messages = [{ role: "user" as const, content: "Create a user profile" }];
const usage = { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 };
const server = useTestServer({ beforeEach, afterEach });

const client = () => createInstructor({ baseURL: server.baseURL, transportRetry: { initialDelayMs: 1, maxDelayMs: 2 } });

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe("createPartial", () => {
  it("yields growing snapshots field by field, then the validated object", async () => {
    const text = '{"name":"Jane Doe","age":31,"bio":"Writes code."}';
    server.enqueue(streamReply(contentDeltaChunks(text, 4, { usage })));
    const events = await collect(createPartial(client(), { model: "m", responseModel: User, messages }));
    const last = events.at(-1);
    expect(last).toMatchObject({ done: true, data: { name: "Jane Doe", age: 31, bio: "Writes code." }, attempt: 1 });
    expect(last?.done && last.usage.totalTokens).toBe(18);
    const snapshots = events.filter((event) => !event.done).map((event) => event.data);
    expect(snapshots.length).toBeGreaterThan(5);
    expect(snapshots).toContainEqual({ name: "Jan" });
    expect(snapshots).toContainEqual({ name: "Jane Doe", age: 31, bio: "W" });
    expect(snapshots).toContainEqual({ name: "Jane Doe", age: 31 });
    // A number is never shown before it is complete.
    expect(snapshots.some((snapshot) => snapshot.age === 3)).toBe(false);
    // Each snapshot is its own object: later chunks do not change it.
    expect(new Set(snapshots).size).toBe(snapshots.length);
    expect(snapshots[1]).not.toEqual(snapshots.at(-1));
    const body = server.requests[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ stream: true, stream_options: { include_usage: true }, temperature: 0, seed: 42 });
  });

  it("types snapshots as deep partials and the final item as the output", async () => {
    server.enqueue(streamReply(contentDeltaChunks('{"name":"A"}', 3)));
    for await (const event of createPartial(client(), { model: "m", responseModel: User, messages })) {
      if (event.done) expectTypeOf(event.data).toEqualTypeOf<{ name: string; age?: number | undefined; bio?: string | undefined }>();
      else expectTypeOf(event.data).toEqualTypeOf<DeepPartial<{ name: string; age?: number | undefined; bio?: string | undefined }>>();
    }
  });

  it("says which fields are complete", async () => {
    server.enqueue(streamReply(contentDeltaChunks('{"name":"Jane","bio":"Long text"}', 3)));
    const seen: Array<{ name: boolean; bio: boolean }> = [];
    for await (const event of createPartial(client(), { model: "m", responseModel: User, messages })) {
      if (!event.done && event.data.bio === "Lo") seen.push({ name: event.isComplete(["name"]), bio: event.isComplete(["bio"]) });
    }
    expect(seen[0]).toEqual({ name: true, bio: false });
  });

  it("reads TOOLS argument deltas (OpenAI) and skips prose before the JSON", async () => {
    server.enqueue(streamReply(toolCallDeltaChunks({ name: "Response", arguments: '{"name":"Tool User","age":9}' }, 5)));
    const events = await collect(createPartial(client(), { model: "m", responseModel: User, messages, mode: Mode.TOOLS }));
    expect(events.at(-1)?.data).toEqual({ name: "Tool User", age: 9 });
    expect(events.filter((event) => !event.done).length).toBeGreaterThan(2);
    server.enqueue(streamReply(contentDeltaChunks('Sure, here you go: {"name":"Pros"}', 2)));
    const prose = await collect(createPartial(client(), { model: "m", responseModel: User, messages }));
    expect(prose.at(-1)?.data).toEqual({ name: "Pros" });
  });

  it("MD_JSON streams the fenced block only", async () => {
    server.enqueue(streamReply(contentDeltaChunks('Here:\n```json\n{"name":"Fenced"}\n```\nBye', 3)));
    const events = await collect(createPartial(client(), { model: "m", responseModel: User, messages, mode: Mode.MD_JSON }));
    expect(events.at(-1)?.data).toEqual({ name: "Fenced" });
  });

  it("keeps reasoning fields of thinking models out of the JSON", async () => {
    const base = { id: "c", object: "chat.completion.chunk", created: 1, model: "m" };
    const chunks = [
      { ...base, choices: [{ index: 0, delta: { role: "assistant", reasoning: "Let me think {about it}" }, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: { reasoning_content: "more {thoughts" }, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: { content: '{"name":"Thinker"}' }, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: "stop" }] },
    ];
    server.enqueue(streamReply(chunks));
    const events = await collect(createPartial(client(), { model: "m", responseModel: User, messages }));
    expect(events.at(-1)?.data).toEqual({ name: "Thinker" });
  });

  it("re-asks when the final object is invalid; the new attempt's snapshots say attempt 2", async () => {
    server.enqueue(streamReply(contentDeltaChunks('{"name":7}', 3)), streamReply(contentDeltaChunks('{"name":"Seven"}', 3)));
    const events = await collect(createPartial(client(), { model: "m", responseModel: User, messages }));
    expect(events.at(-1)).toMatchObject({ done: true, data: { name: "Seven" }, attempt: 2 });
    expect(events.some((event) => !event.done && event.attempt === 2)).toBe(true);
    const reask = (server.requests[1]?.body as { messages: Array<{ content: string }> }).messages.at(-1)?.content;
    expect(reask).toContain("- name: Invalid type");
  });

  it("runs async validators on the final object only, never per chunk", async () => {
    let checks = 0;
    const Checked = v.pipeAsync(
      v.object({ name: v.string() }),
      v.checkAsync(async () => {
        checks += 1;
        return true;
      }),
    );
    server.enqueue(streamReply(contentDeltaChunks('{"name":"A long name that streams in many chunks"}', 2)));
    const events = await collect(createPartial(client(), { model: "m", responseModel: Checked, messages }));
    expect(events.length).toBeGreaterThan(10);
    expect(checks).toBe(1);
  });

  it("a stream cut mid-object ends with a typed error", async () => {
    server.enqueue(streamReply(contentDeltaChunks('{"name":"Cut here please"}', 2), { cutAfter: 4 }));
    const error = await collect(createPartial(client(), { model: "m", responseModel: User, messages })).catch((caught: unknown) => caught);
    expect(ConnectionError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("cut");
  });

  it("a stream cut or stalled before anything was shown is sent again, and succeeds", async () => {
    server.enqueue(
      streamReply(contentDeltaChunks('{"name":"Lost"}', 2), { cutAfter: 1 }),
      streamReply(contentDeltaChunks('{"name":"Stuck"}', 2), { stallAfter: 1 }),
      streamReply(contentDeltaChunks('{"name":"Third time"}', 2)),
    );
    const events = await collect(createPartial(client(), { model: "m", responseModel: User, messages, idleTimeout: 200 }));
    expect(events.at(-1)).toMatchObject({ done: true, data: { name: "Third time" }, attempt: 1 });
    expect(events.some((event) => !event.done && JSON.stringify(event.data).includes("Lost"))).toBe(false);
    expect(server.requests).toHaveLength(3);
  });

  it("a stream that stalls fails with the idle timeout", async () => {
    server.enqueue(streamReply(contentDeltaChunks('{"name":"Stall"}', 2), { stallAfter: 3 }));
    const started = Date.now();
    const error = await collect(createPartial(client(), { model: "m", responseModel: User, messages, idleTimeout: 200 })).catch(
      (caught: unknown) => caught,
    );
    expect(TimeoutError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ scope: "idle", timeoutMs: 200 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("breaking out of for-await closes the HTTP request at once", async () => {
    server.enqueue(streamReply(contentDeltaChunks('{"name":"This stream is slow and long"}', 1), { chunkDelayMs: 100 }));
    const started = Date.now();
    for await (const event of createPartial(client(), { model: "m", responseModel: User, messages })) {
      if (!event.done && event.data.name !== undefined) break;
    }
    expect(Date.now() - started).toBeLessThan(2_000);
    // The server sees the client go away; a new request is served at once.
    server.enqueue(completion('{"name":"next"}'));
    expect(await collect(createPartial(client(), { model: "m", responseModel: User, messages }))).not.toHaveLength(0);
  });

  it("is on the fromOpenAI client as chat.completions.createPartial", async () => {
    server.enqueue(streamReply(contentDeltaChunks('{"name":"Via wrapper"}', 5)));
    const wrapped = fromOpenAI(new OpenAI({ baseURL: server.baseURL, apiKey: "ollama" }));
    const events = await collect(wrapped.chat.completions.createPartial({ model: "m", responseModel: User, messages }));
    expect(events.at(-1)?.data).toEqual({ name: "Via wrapper" });
  });
});

const Weather = v.object({ location: v.string(), units: v.picklist(["imperial", "metric"]) });
const GoogleSearch = v.object({ query: v.string() });

describe("createIterable", () => {
  it("yields each element, validated, as soon as its closing brace arrives", async () => {
    const Person = v.object({ name: v.string(), age: v.number() });
    const text = '{"content":[{"name":"A","age":1},{"name":"B","age":2},{"name":"C","age":3}]}';
    server.enqueue(streamReply(contentDeltaChunks(text, 3), { chunkDelayMs: 5 }));
    const seenAt: number[] = [];
    const people = [];
    const started = Date.now();
    for await (const person of createIterable(client(), { model: "m", responseModel: iterable(Person), messages })) {
      people.push(person);
      seenAt.push(Date.now() - started);
    }
    expect(people).toEqual([{ name: "A", age: 1 }, { name: "B", age: 2 }, { name: "C", age: 3 }]);
    // The first element arrived well before the stream ended (25 chunks x 5 ms).
    expect(seenAt[0]).toBeLessThan(seenAt[2] ?? 0);
  });

  it("PARALLEL_TOOLS sends one tool per union member and yields each call validated", async () => {
    // Ollama sends each tool call whole, in one chunk.
    server.enqueue(
      streamReply(
        wholeToolCallChunks([
          { name: "Weather", arguments: '{"location":"NYC","units":"imperial"}' },
          { name: "GoogleSearch", arguments: '{"query":"who won Super Bowl 2024"}' },
        ]),
      ),
    );
    const actions = await collect(
      createIterable(client(), {
        model: "m",
        responseModel: iterable(union({ Weather, GoogleSearch })),
        messages: [{ role: "user", content: "Weather in NYC and who won Super Bowl 2024" }],
        mode: Mode.PARALLEL_TOOLS,
      }),
    );
    expect(actions).toEqual([
      { type: "Weather", value: { location: "NYC", units: "imperial" } },
      { type: "GoogleSearch", value: { query: "who won Super Bowl 2024" } },
    ]);
    const body = server.requests[0]?.body as { tools: Array<{ function: { name: string } }>; tool_choice: string };
    expect(body.tools.map((tool) => tool.function.name)).toEqual(["Weather", "GoogleSearch"]);
    expect(body.tool_choice).toBe("auto");
  });

  it("in JSON mode each union element says which member it is", async () => {
    const text = '{"content":[{"type":"GoogleSearch","value":{"query":"q"}},{"type":"Weather","value":{"location":"Oslo","units":"metric"}}]}';
    server.enqueue(streamReply(contentDeltaChunks(text, 7)));
    const actions = await collect(createIterable(client(), { model: "m", responseModel: iterable(union({ Weather, GoogleSearch })), messages }));
    expect(actions.map((action) => action.type)).toEqual(["GoogleSearch", "Weather"]);
  });

  it("an invalid element is not yielded; after the re-ask only new elements are", async () => {
    const Person = v.object({ name: v.string(), age: v.number() });
    server.enqueue(
      streamReply(contentDeltaChunks('{"content":[{"name":"A","age":1},{"name":"B","age":"two"}]}', 4)),
      streamReply(contentDeltaChunks('{"content":[{"name":"A","age":1},{"name":"B","age":2}]}', 4)),
    );
    const people = await collect(createIterable(client(), { model: "m", responseModel: iterable(Person), messages }));
    expect(people).toEqual([{ name: "A", age: 1 }, { name: "B", age: 2 }]);
    expect(server.requests).toHaveLength(2);
  });
});
