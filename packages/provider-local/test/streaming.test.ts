import { fromProvider, type InstructorClient, RequestAbortedError, TimeoutError } from "@cortex-ml/core";
import { Chunk, Effect, Stream } from "effect";
import type { ChatCompletionChunk, ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import * as v from "valibot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLocalTransport, type LocalTransport } from "../src/index.js";
import { testEngineSettings, testModel } from "./support/test-models.js";

const Person = v.object({ name: v.pipe(v.string(), v.maxLength(20)), age: v.number(), tags: v.pipe(v.array(v.pipe(v.string(), v.maxLength(8))), v.maxLength(3)) });
const messages = [{ role: "user" as const, content: "Mary is 30. Tags: kind, tall." }];
const schemaBody: ChatCompletionCreateParamsNonStreaming = {
  model: "stories260K.gguf",
  messages,
  temperature: 0.8,
  seed: 11,
  response_format: {
    type: "json_schema",
    json_schema: { name: "Person", schema: { type: "object", properties: { name: { type: "string", maxLength: 20 }, age: { type: "number" } }, required: ["name", "age"] } },
  },
};

const collect = (transport: LocalTransport, body: ChatCompletionCreateParamsNonStreaming) =>
  Effect.runPromise(Effect.flatMap(transport.streamCompletion(body, {}), (stream) => Stream.runCollect(stream)).pipe(Effect.map(Chunk.toArray)));

describe("streaming with stories260K", () => {
  let transport: LocalTransport;
  let client: InstructorClient;

  beforeAll(() => {
    transport = createLocalTransport({ modelPath: testModel("stories260K.gguf"), ...testEngineSettings });
    client = fromProvider(`local/${testModel("stories260K.gguf")}`);
  });

  afterAll(async () => {
    await transport.dispose();
  });

  it("streams chat.completion.chunk objects as tokens come, then a finish chunk and a usage chunk", async () => {
    const chunks: ChatCompletionChunk[] = await collect(transport, schemaBody);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk" && chunk.id === chunks[0]?.id)).toBe(true);
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    const finish = chunks[chunks.length - 2];
    expect(finish?.choices[0]?.finish_reason).toBe("stop");
    const usage = chunks[chunks.length - 1];
    expect(usage?.choices).toEqual([]);
    expect(usage?.usage?.total_tokens).toBe((usage?.usage?.prompt_tokens ?? 0) + (usage?.usage?.completion_tokens ?? 0));
    const streamed = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "").join("");
    // Same seed, same request: the stream spells out exactly what the non-streaming call returns.
    const completion = await Effect.runPromise(transport.createCompletion(schemaBody, {}));
    expect(streamed).toBe(completion.choices[0]?.message.content);
    expect(usage?.usage).toEqual(completion.usage);
    expect(JSON.parse(streamed)).toMatchObject({ name: expect.any(String), age: expect.any(Number) });
  });

  it("streams a forced tool call as tool-call argument deltas", async () => {
    const chunks = await collect(transport, {
      model: "m",
      messages,
      tools: [{ type: "function", function: { name: "Person", parameters: schemaBody.response_format?.type === "json_schema" ? schemaBody.response_format.json_schema.schema ?? {} : {} } }],
      tool_choice: { type: "function", function: { name: "Person" } },
    });
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(calls[0]?.function?.name).toBe("Person");
    expect(calls[0]?.id).toMatch(/^call_/);
    expect(JSON.parse(calls.map((call) => call.function?.arguments ?? "").join(""))).toMatchObject({ name: expect.any(String) });
    expect(chunks[chunks.length - 2]?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("gives several partial snapshots through createPartial, then the validated object", async () => {
    const events = [];
    for await (const event of client.chat.completions.createPartial({ responseModel: Person, messages })) events.push(event);
    const partials = events.filter((event) => !event.done);
    expect(partials.length).toBeGreaterThan(3);
    expect(partials.some((event) => typeof event.data.name === "string")).toBe(true);
    const last = events[events.length - 1];
    expect(last?.done).toBe(true);
    expect(v.is(Person, last?.data)).toBe(true);
  });

  it("stops generating at once when the stream is interrupted", async () => {
    const long: ChatCompletionCreateParamsNonStreaming = { model: "m", messages: [{ role: "user", content: "Tell a long story." }], max_tokens: 300, temperature: 0.8, seed: 1 };
    const started = performance.now();
    const firstThree = await Effect.runPromise(Effect.flatMap(transport.streamCompletion(long, {}), (stream) => Stream.runCollect(Stream.take(stream, 3))));
    expect(Chunk.size(firstThree)).toBe(3);
    const partial = performance.now() - started;
    // The generation is stopped, so the engine is free at once for the next request.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(transport.engine.busy).toBe(false);
    const full = performance.now();
    await Effect.runPromise(transport.createCompletion(long, {}));
    expect(partial).toBeLessThan(performance.now() - full);
  });

  it("breaking out of createPartial frees the engine for the next call", async () => {
    for await (const event of client.chat.completions.createPartial({ responseModel: Person, messages })) {
      if (!event.done) break;
    }
    const person = await client.chat.completions.create({ responseModel: Person, messages });
    expect(v.is(Person, person)).toBe(true);
  });

  it("maps the caller's AbortSignal to RequestAbortedError and the request deadline to TimeoutError", async () => {
    const long: ChatCompletionCreateParamsNonStreaming = { model: "m", messages: [{ role: "user", content: "Once" }], max_tokens: 5_000, temperature: 1, seed: 2 };
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const aborted = await Effect.runPromise(Effect.flip(transport.createCompletion(long, { signal: controller.signal })));
    expect(RequestAbortedError.isInstance(aborted)).toBe(true);
    const timedOut = await Effect.runPromise(Effect.flip(transport.createCompletion(long, { timeoutMs: 30 })));
    expect(TimeoutError.isInstance(timedOut)).toBe(true);
    expect((timedOut as TimeoutError).scope).toBe("attempt");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(transport.engine.busy).toBe(false);
  });
});
