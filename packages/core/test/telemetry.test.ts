import { createRequire } from "node:module";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { completion, statusReply, useTestServer } from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Effect } from "effect";
import * as EffectApi from "../src/effect.js";
import { BudgetExceededError, createInstructor, createPartial, fromProvider, memoryCacheStore, RetriesExhaustedError, structuredChat } from "../src/index.js";

const Person = v.object({ name: v.string(), age: v.number() });
const messages = [{ role: "user" as const, content: "Secret Person Jonathan is 25" }];
const apiKey = "sk-otel-secret-key-123";
const fast = { initialDelayMs: 1, maxDelayMs: 2 };
const server = useTestServer({ beforeEach, afterEach });
// The SDK's CommonJS build: the package has no `exports`, so its "module" field would be taken, and that
// build imports paths without extensions, which Node's ESM loader cannot load.
const { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } = createRequire(import.meta.url)(
  "@opentelemetry/sdk-trace-base/build/src/index-shim.js",
) as typeof import("@opentelemetry/sdk-trace-base");
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
const tracer = provider.getTracer("cortex-ml-test");

afterEach(() => exporter.reset());

/** Each span's name and attributes, children under their parent, in start order. */
interface SpanTree {
  readonly name: string;
  readonly attributes: ReadableSpan["attributes"];
  readonly status: number;
  readonly children: SpanTree[];
}

function spanTree(spans: readonly ReadableSpan[]): SpanTree[] {
  const sorted = [...spans].sort((a, b) => a.startTime[0] - b.startTime[0] || a.startTime[1] - b.startTime[1]);
  const nodes = new Map(sorted.map((span) => [span.spanContext().spanId, { name: span.name, attributes: span.attributes, status: span.status.code, children: [] as SpanTree[] }]));
  const roots: SpanTree[] = [];
  for (const span of sorted) {
    const node = nodes.get(span.spanContext().spanId) as SpanTree;
    const parent = span.parentSpanContext?.spanId === undefined ? undefined : nodes.get(span.parentSpanContext.spanId);
    (parent?.children ?? roots).push(node);
  }
  return roots;
}

/** Every attribute value and status message of every span, as one string. */
function everythingRecorded(spans: readonly ReadableSpan[]): string {
  return JSON.stringify(spans.map((span) => [span.name, span.attributes, span.status.message ?? "", span.events]));
}

describe("telemetry: OpenTelemetry spans with the GenAI semantic conventions", () => {
  it("a call with one transport retry and one re-ask gives call > attempts > requests, with model, provider, tokens, attempt, mode, finish reasons and error types", async () => {
    server.enqueue(
      statusReply(503),
      completion('{"name":"Jonathan","age":"unknown"}', { usage: { prompt_tokens: 11, completion_tokens: 7, total_tokens: 18 } }),
      completion('{"name":"Jonathan","age":25}', { usage: { prompt_tokens: 30, completion_tokens: 9, total_tokens: 39 } }),
    );
    const client = fromProvider("openai/gpt-4o-mini", { apiKey, baseURL: server.baseURL, transportRetry: fast, telemetry: { tracer } });
    await expect(structuredChat(client, { responseModel: Person, messages })).resolves.toEqual({ name: "Jonathan", age: 25 });
    const spans = exporter.getFinishedSpans();
    const [call, ...others] = spanTree(spans);
    expect(others).toEqual([]);
    expect(call?.name).toBe("cortex_ml.structured_chat");
    expect(call?.attributes).toMatchObject({
      "gen_ai.operation.name": "chat",
      "gen_ai.provider.name": "openai",
      "gen_ai.request.model": "gpt-4o-mini",
      "gen_ai.response.model": "gpt-4o-mini",
      "gen_ai.usage.input_tokens": 41,
      "gen_ai.usage.output_tokens": 16,
      "gen_ai.response.finish_reasons": ["stop"],
      "cortex_ml.mode": "json_schema",
      "cortex_ml.attempts": 2,
      "cortex_ml.repairs": 0,
      "server.address": "127.0.0.1",
    });
    const [first, second] = call?.children ?? [];
    expect(call?.children.map((span) => span.name)).toEqual(["cortex_ml.attempt", "cortex_ml.attempt"]);
    expect(first?.attributes).toMatchObject({ "cortex_ml.attempt": 1, "cortex_ml.attempt.outcome": "rejected", "cortex_ml.attempt.failure": "validation", "gen_ai.usage.input_tokens": 11 });
    expect(second?.attributes).toMatchObject({ "cortex_ml.attempt": 2, "cortex_ml.attempt.outcome": "valid", "gen_ai.usage.output_tokens": 9 });
    const [failedTry, retriedTry] = first?.children ?? [];
    expect(first?.children).toHaveLength(2);
    expect(failedTry).toMatchObject({ name: "chat gpt-4o-mini", status: 2 });
    expect(failedTry?.attributes).toMatchObject({ "cortex_ml.transport.try": 1, "error.type": "ApiError", "gen_ai.request.model": "gpt-4o-mini", "gen_ai.request.temperature": 0 });
    expect(retriedTry?.attributes).toMatchObject({ "cortex_ml.transport.try": 2, "gen_ai.response.finish_reasons": ["stop"], "gen_ai.usage.input_tokens": 11 });
    expect(retriedTry?.attributes["error.type"]).toBeUndefined();
    expect(second?.children.map((span) => span.attributes["cortex_ml.transport.try"])).toEqual([1]);
    expect(spans.find((span) => span.name.startsWith("chat"))?.kind).toBe(2); // SpanKind.CLIENT
    // No API key, no prompt, no answer anywhere.
    const recorded = everythingRecorded(spans);
    expect(recorded).not.toContain(apiKey);
    expect(recorded).not.toContain("Jonathan");
    expect(recorded).not.toContain("gen_ai.input.messages");
  });

  it("a failed call's span has error.type and the usage spent; an error message is only recorded with recordContent", async () => {
    server.enqueue(completion('{"name":"Jonathan","age":"x"}'), completion('{"name":"Jonathan","age":"y"}'));
    const client = createInstructor({ apiKey, baseURL: server.baseURL, model: "m", maxRetries: 1, telemetry: { tracer } });
    const error = await structuredChat(client, { responseModel: Person, messages }).catch((caught: unknown) => caught);
    expect(RetriesExhaustedError.isInstance(error)).toBe(true);
    const [call] = spanTree(exporter.getFinishedSpans());
    expect(call?.attributes).toMatchObject({ "error.type": "RetriesExhaustedError", "gen_ai.usage.input_tokens": 20 /* 2 x the test server's 10 */, "gen_ai.provider.name": "openai", "cortex_ml.mode": "json" });
    expect(call?.status).toBe(2);
    expect(everythingRecorded(exporter.getFinishedSpans())).not.toContain("Jonathan");
  });

  it("recordContent: true records the messages sent and the answers received", async () => {
    server.enqueue(completion('{"name":"Jonathan","age":25}'));
    const client = createInstructor({ apiKey, baseURL: server.baseURL, model: "m", telemetry: { tracer, recordContent: true } });
    await structuredChat(client, { responseModel: Person, messages });
    const request = exporter.getFinishedSpans().find((span) => span.name === "chat m");
    expect(String(request?.attributes["gen_ai.input.messages"])).toContain("Secret Person Jonathan is 25");
    expect(String(request?.attributes["gen_ai.output.messages"])).toContain('\\"age\\":25');
    expect(everythingRecorded(exporter.getFinishedSpans())).not.toContain(apiKey);
  });

  it("streaming calls are traced the same way", async () => {
    server.enqueue(completion('{"name":"Jonathan","age":25}'));
    const client = createInstructor({ baseURL: server.baseURL, model: "m", telemetry: { tracer } });
    for await (const _event of createPartial(client, { responseModel: Person, messages })) {
      // consume
    }
    expect(spanTree(exporter.getFinishedSpans()).map((span) => [span.name, span.children.map((child) => [child.name, child.children.map((request) => request.name)])])).toEqual([
      ["cortex_ml.structured_chat", [["cortex_ml.attempt", ["chat m"]]]],
    ]);
  });

  it("the Effect API is traced the same way, and a budget that stops an attempt shows on its span", async () => {
    server.enqueue(completion('{"name":"Jonathan","age":25}'));
    const client = createInstructor({ baseURL: server.baseURL, model: "m", telemetry: { tracer } });
    await Effect.runPromise(EffectApi.structuredChat(client, { responseModel: Person, messages }));
    expect(spanTree(exporter.getFinishedSpans()).map((span) => span.name)).toEqual(["cortex_ml.structured_chat"]);
    exporter.reset();
    const error = await structuredChat(client, { responseModel: Person, messages, max_tokens: 1000, budget: { tokens: 10 } }).catch((caught: unknown) => caught);
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    const [call] = spanTree(exporter.getFinishedSpans());
    expect(call?.attributes["error.type"]).toBe("BudgetExceededError");
    expect(call?.children.map((span) => [span.attributes["error.type"], span.children.length])).toEqual([["BudgetExceededError", 0]]);
  });

  it("records nothing without a tracer, and rejects a telemetry option that is not a tracer", async () => {
    server.enqueue(completion('{"name":"Jonathan","age":25}'));
    await structuredChat(createInstructor({ baseURL: server.baseURL, model: "m" }), { responseModel: Person, messages });
    expect(exporter.getFinishedSpans()).toEqual([]);
    expect(() => createInstructor({ telemetry: { tracer: {} as never } })).toThrow(/trace\.getTracer/);
  });
});

describe("telemetry: cache lookups", () => {
  it("a miss is a lookup span then the call's span; a hit, streamed or not, is one lookup span and no request", async () => {
    server.enqueue(completion('{"name":"Jonathan","age":25}'));
    const client = fromProvider("openai/gpt-4o-mini", { apiKey, baseURL: server.baseURL, telemetry: { tracer }, cache: memoryCacheStore() });
    await structuredChat(client, { responseModel: Person, messages });
    expect(spanTree(exporter.getFinishedSpans()).map((span) => [span.name, span.attributes["cortex_ml.cache.hit"]])).toEqual([
      ["cortex_ml.cache.lookup", false],
      ["cortex_ml.structured_chat", undefined],
    ]);
    exporter.reset();
    await expect(structuredChat(client, { responseModel: Person, messages })).resolves.toEqual({ name: "Jonathan", age: 25 });
    for await (const _event of createPartial(client, { responseModel: Person, messages })) {
      // replayed from the cache
    }
    const hits = spanTree(exporter.getFinishedSpans());
    expect(hits.map((span) => [span.name, span.attributes["cortex_ml.cache.hit"], span.children.length])).toEqual([
      ["cortex_ml.cache.lookup", true, 0],
      ["cortex_ml.cache.lookup", true, 0],
    ]);
    expect(hits[0]?.attributes).toMatchObject({ "gen_ai.request.model": "gpt-4o-mini", "gen_ai.provider.name": "openai", "cortex_ml.mode": "json_schema" });
    expect(server.requests).toHaveLength(1);
    expect(everythingRecorded(exporter.getFinishedSpans())).not.toContain("Jonathan");
  });
});
