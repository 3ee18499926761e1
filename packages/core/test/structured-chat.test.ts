import { completion, ollamaModelNotFound, statusReply, toolCallCompletion, useTestServer } from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import {
  buildMessages,
  createInstructor,
  LengthLimitError,
  Mode,
  RefusalError,
  RetriesExhaustedError,
  structuredChat,
  structuredChatWithMetadata,
} from "../src/index.js";

const Person = v.pipe(v.object({ name: v.string(), age: v.pipe(v.number(), v.integer(), v.minValue(0)) }), v.title("Person"));
const messages = buildMessages("John is 25 years old");
const server = useTestServer({ beforeEach, afterEach });

const client = () => createInstructor({ baseURL: server.baseURL, transportRetry: { initialDelayMs: 1, maxDelayMs: 2 } });
const body = (index: number) => server.requests[index]?.body as Record<string, unknown>;

describe("structuredChat", () => {
  it("returns the validated, typed object", async () => {
    server.enqueue(completion('{"name":"John","age":25}'));
    const person = await structuredChat(client(), { model: "llama3.2", responseModel: Person, messages });
    expect(person).toEqual({ name: "John", age: 25 });
    expectTypeOf(person).toEqualTypeOf<{ name: string; age: number }>();
  });

  it("sends the defaults on the wire: JSON mode, temperature 0, seed 42, the model", async () => {
    server.enqueue(completion('{"name":"John","age":25}'));
    await structuredChat(client(), { model: "llama3.2", responseModel: Person, messages });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.path).toBe("/v1/chat/completions");
    expect(server.requests[0]?.headers.authorization).toBe("Bearer ollama");
    expect(body(0)).toMatchObject({ model: "llama3.2", temperature: 0, seed: 42, response_format: { type: "json_object" } });
    expect(body(0).stream).toBeFalsy();
  });

  it("lets each default be overridden per client and per call", async () => {
    server.enqueue(completion('{"name":"A","age":1}'), completion('{"name":"B","age":2}'));
    const custom = createInstructor({ baseURL: server.baseURL, temperature: 0.5, seed: 7 });
    await structuredChat(custom, { model: "m", responseModel: Person, messages });
    await structuredChat(custom, { model: "m", responseModel: Person, messages, temperature: 0.9, seed: null, max_tokens: 64 });
    expect(body(0)).toMatchObject({ temperature: 0.5, seed: 7 });
    expect(body(1)).toMatchObject({ temperature: 0.9, max_tokens: 64 });
    expect(body(1)).not.toHaveProperty("seed");
  });

  it("re-asks with the validation issues, field path and schema fragment", async () => {
    server.enqueue(completion('{"name":"John","age":"25"}'), completion('{"name":"John","age":25}'));
    const result = await structuredChatWithMetadata(client(), { model: "m", responseModel: Person, messages, repair: false });
    expect(result.data).toEqual({ name: "John", age: 25 });
    expect(result.attempts).toBe(2);
    expect(result.usage).toEqual({ promptTokens: 20, completionTokens: 10, totalTokens: 30 });
    expect(result.rejectedAttempts[0]).toMatchObject({ attempt: 1, failure: "validation", rawOutput: '{"name":"John","age":"25"}' });
    const reask = body(1).messages as Array<{ role: string; content: string }>;
    expect(reask.at(-2)).toEqual({ role: "assistant", content: '{"name":"John","age":"25"}' });
    expect(reask.at(-1)?.role).toBe("user");
    expect(reask.at(-1)?.content).toContain("- age: Invalid type: Expected number but received \"25\"");
    expect(reask.at(-1)?.content).toContain('(schema: {"type":"integer","minimum":0})');
  });

  it("re-asks after an answer that is not JSON", async () => {
    server.enqueue(completion("Sure! John is 25."), completion('{"name":"John","age":25}'));
    const result = await structuredChatWithMetadata(client(), { model: "m", responseModel: Person, messages });
    expect(result.rejectedAttempts[0]?.failure).toBe("parse");
    const reask = body(1).messages as Array<{ content: string }>;
    expect(reask.at(-1)?.content).toMatch(/not valid JSON/);
  });

  it("means maxRetries re-asks: 3 gives at most 4 requests, then every raw output is kept", async () => {
    for (let index = 0; index < 5; index += 1) server.enqueue(completion(`{"name":"John","age":-${index + 1}}`));
    const error = await structuredChat(client(), { model: "m", responseModel: Person, messages }).catch((caught: unknown) => caught);
    expect(RetriesExhaustedError.isInstance(error)).toBe(true);
    const exhausted = error as RetriesExhaustedError;
    expect(exhausted.name).toBe("RetriesExhaustedError");
    expect(server.requests).toHaveLength(4);
    expect(exhausted.attempts.map((attempt) => attempt.rawOutput)).toEqual([1, 2, 3, 4].map((n) => `{"name":"John","age":-${n}}`));
    expect(exhausted.lastIssues[0]?.path).toBe("age");
    expect(exhausted.usage.totalTokens).toBe(60);
    expect(exhausted.messages.at(-1)?.role).toBe("user");
    expect(exhausted.message).toContain("4 attempt(s)");
  });

  it("keeps re-asks bounded: only the latest failed answer is in the conversation", async () => {
    for (let index = 0; index < 3; index += 1) server.enqueue(completion("not json"));
    await structuredChat(client(), { model: "m", responseModel: Person, messages, maxRetries: 2 }).catch(() => undefined);
    const lengths = server.requests.map((request) => ((request.body as { messages: unknown[] }).messages).length);
    expect(lengths).toEqual([2, 4, 4]);
  });

  it("gives finish_reason length its own error", async () => {
    server.enqueue(completion('{"name":"Jo', { finishReason: "length" }));
    const error = await structuredChat(client(), { model: "m", responseModel: Person, messages }).catch((caught: unknown) => caught);
    expect(LengthLimitError.isInstance(error)).toBe(true);
    expect((error as LengthLimitError).rawOutput).toBe('{"name":"Jo');
    expect(server.requests).toHaveLength(1);
  });

  it("reports a refusal", async () => {
    server.enqueue(completion(null, { refusal: "I can't help with that." }));
    const error = await structuredChat(client(), { model: "m", responseModel: Person, messages }).catch((caught: unknown) => caught);
    expect(RefusalError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("I can't help with that.");
  });

  it("wraps simple response models as { content } and unwraps the answer", async () => {
    server.enqueue(completion('{"content":["red","green"]}'));
    const colors = await structuredChat(client(), { model: "m", responseModel: v.array(v.string()), messages });
    expect(colors).toEqual(["red", "green"]);
    expectTypeOf(colors).toEqualTypeOf<string[]>();
  });

  it("runs async validators on the final object", async () => {
    let calls = 0;
    const Checked = v.pipeAsync(
      v.object({ name: v.string() }),
      v.checkAsync(async (value) => {
        calls += 1;
        return value.name !== "bad";
      }, "name must not be bad"),
    );
    server.enqueue(completion('{"name":"bad"}'), completion('{"name":"good"}'));
    const result = await structuredChat(client(), { model: "m", responseModel: Checked, messages });
    expect(result).toEqual({ name: "good" });
    expect(calls).toBe(2);
    expect(((body(1).messages as Array<{ content: string }>).at(-1))?.content).toContain("name must not be bad");
  });

  it("applies Valibot transforms after validation", async () => {
    const Event = v.object({ at: v.pipe(v.string(), v.isoTimestamp(), v.transform((text) => new Date(text))) });
    server.enqueue(completion('{"at":"2024-02-11T18:30:00.000Z"}'));
    const event = await structuredChat(client(), { model: "m", responseModel: Event, messages });
    expect(event.at).toBeInstanceOf(Date);
    expect(event.at.toISOString()).toBe("2024-02-11T18:30:00.000Z");
  });
});

describe("modes on the wire", () => {
  it("JSON_SCHEMA sends response_format json_schema once", async () => {
    server.enqueue(completion('{"name":"John","age":25}'));
    await structuredChat(client(), { model: "m", responseModel: Person, messages, mode: Mode.JSON_SCHEMA });
    const format = body(0).response_format as { type: string; json_schema: { name: string; schema: { properties: object } } };
    expect(format.type).toBe("json_schema");
    expect(format.json_schema.name).toBe("Person");
    expect(Object.keys(format.json_schema.schema.properties)).toEqual(["name", "age"]);
    expect(body(0).messages).toEqual(messages);
  });

  it("MD_JSON reads a fenced block and sends no response_format", async () => {
    server.enqueue(completion('Here you go:\n```json\n{"name":"John","age":25}\n```'));
    const person = await structuredChat(client(), { model: "m", responseModel: Person, messages, mode: Mode.MD_JSON });
    expect(person).toEqual({ name: "John", age: 25 });
    expect(body(0)).not.toHaveProperty("response_format");
  });

  it("TOOLS forces the tool and reads its arguments", async () => {
    server.enqueue(toolCallCompletion([{ name: "Person", arguments: { name: "John", age: 25 } }]));
    const person = await structuredChat(client(), { model: "m", responseModel: Person, messages, mode: Mode.TOOLS });
    expect(person).toEqual({ name: "John", age: 25 });
    expect(body(0).tool_choice).toEqual({ type: "function", function: { name: "Person" } });
    expect((body(0).tools as unknown[]).length).toBe(1);
  });

  it("TOOLS still reads a plain-text answer when the server ignores tool_choice (Ollama)", async () => {
    server.enqueue(completion('{"name":"John","age":25}'));
    const person = await structuredChat(client(), { model: "m", responseModel: Person, messages, mode: Mode.TOOLS });
    expect(person).toEqual({ name: "John", age: 25 });
  });

  it("TOOLS re-asks with a tool message for the call", async () => {
    server.enqueue(
      toolCallCompletion([{ id: "call_9", name: "Person", arguments: { name: "John" } }]),
      toolCallCompletion([{ name: "Person", arguments: { name: "John", age: 25 } }]),
    );
    await structuredChat(client(), { model: "m", responseModel: Person, messages, mode: Mode.TOOLS });
    const reask = body(1).messages as Array<Record<string, unknown>>;
    expect(reask.at(-2)).toMatchObject({ role: "assistant" });
    expect(reask.at(-1)).toMatchObject({ role: "tool", tool_call_id: "call_9" });
    expect(String(reask.at(-1)?.content)).toContain("age");
  });
});

describe("transport faults are retried separately from re-asks", () => {
  it("retries 503 and 429 (honouring Retry-After) without spending re-asks", async () => {
    server.enqueue(
      statusReply(503, { error: { message: "overloaded" } }),
      statusReply(429, { error: { message: "slow down" } }, { "retry-after-ms": "5" }),
      completion('{"name":"John","age":25}'),
    );
    const result = await structuredChatWithMetadata(client(), { model: "m", responseModel: Person, messages, maxRetries: 0 });
    expect(result.data).toEqual({ name: "John", age: 25 });
    expect(result.attempts).toBe(1);
    expect(server.requests).toHaveLength(3);
  });

  it("does not retry a missing model", async () => {
    server.enqueue(ollamaModelNotFound("llama3.2"));
    await expect(structuredChat(client(), { model: "llama3.2", responseModel: Person, messages })).rejects.toMatchObject({
      name: "ModelNotFoundError",
    });
    expect(server.requests).toHaveLength(1);
  });
});

describe("bad input", () => {
  it("names the schema field that cannot be sent, before any request", async () => {
    const error = await structuredChat(client(), {
      model: "m",
      responseModel: v.object({ when: v.date() }),
      messages,
    }).catch((caught: unknown) => caught);
    expect((error as Error).name).toBe("UnsupportedSchemaError");
    expect((error as Error).message).toContain("when: v.date()");
    expect(server.requests).toHaveLength(0);
  });

  it("rejects empty messages and a missing model with a clear error", async () => {
    await expect(structuredChat(client(), { model: "m", responseModel: Person, messages: [] })).rejects.toMatchObject({
      name: "InvalidArgumentError",
      argument: "messages",
    });
    await expect(structuredChat(client(), { model: "", responseModel: Person, messages })).rejects.toMatchObject({
      name: "InvalidArgumentError",
      argument: "model",
    });
  });

  it("rejects an unknown mode and a negative maxRetries", async () => {
    await expect(structuredChat(client(), { model: "m", responseModel: Person, messages, mode: "yaml" as Mode })).rejects.toThrow(/Mode\.JSON/);
    expect(() => createInstructor({ maxRetries: -1 })).toThrow(/maxRetries/);
  });
});
