import { Mode, structuredChatWithMetadata } from "@cortex-ml/core";
import { Effect, Stream } from "effect";
import { QwenChatWrapper } from "node-llama-cpp";
import type { ChatCompletion, ChatCompletionChunk, ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import * as v from "valibot";
import { afterAll, describe, expect, it } from "vitest";
import { createLocalTransport, disposeLocalEngines, fromLocalModel } from "../src/index.js";
import { testModel } from "./support/test-models.js";

// "Free to think, strict to answer" on a real GGUF model. The shared models do not think, so the
// chat wrapper is Qwen 3.5's, whose thought segment opens at the start of every answer: the tiny
// model writes story text as its thought, and `maxThoughtTokens` closes the thought (it never
// would by itself). Structure and token counts only, never values.
const Person = v.object({ name: v.pipe(v.string(), v.maxLength(16)), age: v.number() });
const personSchema = {
  type: "object",
  properties: { name: { type: "string", maxLength: 16 }, age: { type: "number" } },
  required: ["name", "age"],
  additionalProperties: false,
};
const messages = [{ role: "user" as const, content: "John is 25." }];
const thoughtTokens = 12;
const wrapper = new QwenChatWrapper({ variation: "3.5", thoughts: "auto" });
const transport = createLocalTransport({ modelPath: testModel("stories260K.gguf"), threads: 1, chatWrapper: wrapper, maxThoughtTokens: thoughtTokens });

function schemaBody(extra: Record<string, unknown> = {}): ChatCompletionCreateParamsNonStreaming {
  return {
    model: "stories260K.gguf",
    messages,
    temperature: 0,
    seed: 42,
    max_tokens: 200,
    response_format: { type: "json_schema", json_schema: { name: "Person", schema: personSchema, strict: true } },
    ...extra,
  } as ChatCompletionCreateParamsNonStreaming;
}

const complete = (body: ChatCompletionCreateParamsNonStreaming) => Effect.runPromise(transport.createCompletion(body, {}));
const reasoningOf = (message: ChatCompletion["choices"][number]["message"]) => (message as { reasoning_content?: string }).reasoning_content;

describe("a thinking chat wrapper on the local engine", () => {
  afterAll(async () => {
    await transport.dispose();
    await disposeLocalEngines();
  });

  it("thinks without the grammar, then answers under it: the thought is reasoning_content, the content is schema JSON", async () => {
    const completion = await complete(schemaBody());
    const [choice] = completion.choices;
    expect(choice?.finish_reason).toBe("stop");
    const thought = reasoningOf(choice!.message);
    expect(thought).toBeTypeOf("string");
    expect(thought!.length).toBeGreaterThan(0);
    // The thought was not forced into JSON (the grammar would have made it open with "{").
    expect(thought!.trimStart().startsWith("{")).toBe(false);
    expect(v.is(Person, JSON.parse(choice!.message.content ?? ""))).toBe(true);
    // The thinking tokens are completion tokens too, as hosted APIs count them.
    expect(completion.usage!.completion_tokens).toBeGreaterThan(thoughtTokens);
  });

  it("is deterministic: the same request gives the same thought and answer", async () => {
    const first = await complete(schemaBody());
    const second = await complete(schemaBody());
    expect(second.choices[0]?.message.content).toBe(first.choices[0]?.message.content);
    expect(reasoningOf(second.choices[0]!.message)).toBe(reasoningOf(first.choices[0]!.message));
  });

  it("enable_thinking: false answers at once, after an empty thought", async () => {
    const completion = await complete(schemaBody({ chat_template_kwargs: { enable_thinking: false } }));
    const message = completion.choices[0]!.message;
    expect(reasoningOf(message)).toBeUndefined();
    expect(v.is(Person, JSON.parse(message.content ?? ""))).toBe(true);
  });

  it("a thought cut by the token limit is a cut answer (finish length, no content), not an answer", async () => {
    const completion = await complete(schemaBody({ max_tokens: 6 }));
    const choice = completion.choices[0]!;
    expect(choice.finish_reason).toBe("length");
    expect(choice.message.content).toBe("");
    expect(reasoningOf(choice.message)!.length).toBeGreaterThan(0);
    expect(completion.usage!.completion_tokens).toBeLessThanOrEqual(6);
  });

  it("a forced tool call: the arguments come after the thought, under the tool's grammar", async () => {
    const completion = await complete({
      model: "stories260K.gguf",
      messages,
      temperature: 0,
      seed: 42,
      max_tokens: 200,
      tools: [{ type: "function", function: { name: "Person", parameters: personSchema } }],
      tool_choice: { type: "function", function: { name: "Person" } },
    });
    const message = completion.choices[0]!.message;
    expect(reasoningOf(message)!.length).toBeGreaterThan(0);
    const call = message.tool_calls?.[0];
    expect(call?.type).toBe("function");
    expect(v.is(Person, JSON.parse(call?.type === "function" ? call.function.arguments : ""))).toBe(true);
  });

  it("streams the thought as reasoning_content deltas first, then the answer as content deltas", async () => {
    const chunks = await Effect.runPromise(
      Effect.flatMap(transport.streamCompletion(schemaBody(), {}), (stream) => Stream.runCollect(stream)),
    );
    const deltas = [...chunks].flatMap((chunk: ChatCompletionChunk) => chunk.choices.map((choice) => choice.delta as { reasoning_content?: string; content?: string; role?: string }));
    const firstContent = deltas.findIndex((delta) => typeof delta.content === "string");
    const lastReasoning = deltas.findLastIndex((delta) => typeof delta.reasoning_content === "string");
    expect(lastReasoning).toBeGreaterThanOrEqual(0);
    expect(firstContent).toBeGreaterThan(lastReasoning);
    expect(deltas[0]?.role).toBe("assistant");
    expect(deltas.filter((delta) => delta.role !== undefined)).toHaveLength(1);
    const content = deltas.map((delta) => delta.content ?? "").join("");
    expect(v.is(Person, JSON.parse(content))).toBe(true);
    const streamedThought = deltas.map((delta) => delta.reasoning_content ?? "").join("");
    const whole = await complete(schemaBody());
    expect(streamedThought).toBe(reasoningOf(whole.choices[0]!.message));
    expect(content).toBe(whole.choices[0]?.message.content);
  });

  it('through the client: mode "auto" picks JSON_SCHEMA for the thinking model, and think: false is sent as enable_thinking', async () => {
    const client = fromLocalModel(testModel("stories260K.gguf"), { threads: 1, chatWrapper: wrapper, maxThoughtTokens: thoughtTokens });
    const thinking = await structuredChatWithMetadata(client, { responseModel: Person, messages });
    expect(v.is(Person, thinking.data)).toBe(true);
    expect(thinking).toMatchObject({ modeUsed: Mode.JSON_SCHEMA, constraintHonoured: true, attempts: 1 });
    const quick = await structuredChatWithMetadata(client, { responseModel: Person, messages, think: false });
    expect(v.is(Person, quick.data)).toBe(true);
    // No thinking: fewer completion tokens than the thinking call, which spent `thoughtTokens` first.
    expect(quick.usage.completionTokens).toBeLessThan(thinking.usage.completionTokens);
  });
});
