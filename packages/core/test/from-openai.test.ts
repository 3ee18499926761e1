import { completion, useTestServer } from "@cortex-ml/test-server";
import OpenAI from "openai";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from "vitest";
import { fromOpenAI, Mode } from "../src/index.js";

const Person = v.object({ name: v.string(), age: v.number() });
const server = useTestServer({ beforeEach, afterEach });

describe("fromOpenAI", () => {
  it("returns the validated object from chat.completions.create with a responseModel", async () => {
    server.enqueue(completion('{"name":"John","age":25}'));
    const client = fromOpenAI(new OpenAI({ baseURL: server.baseURL, apiKey: "ollama" }), { mode: Mode.JSON });
    const user = await client.chat.completions.create({
      model: "llama3.2",
      responseModel: Person,
      messages: [{ role: "user", content: "Extract: John is 25" }],
    });
    expect(user).toEqual({ name: "John", age: 25 });
    expectTypeOf(user).toEqualTypeOf<{ name: string; age: number }>();
    expect(server.requests[0]?.body).toMatchObject({ temperature: 0, seed: 42, response_format: { type: "json_object" } });
  });

  it("passes calls without a responseModel through to openai untouched", async () => {
    server.enqueue(completion("hello"));
    const client = fromOpenAI(new OpenAI({ baseURL: server.baseURL, apiKey: "ollama" }));
    const raw = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "hi" }] });
    expect(raw.choices[0]?.message.content).toBe("hello");
    expect(server.requests[0]?.body).toEqual({ model: "m", messages: [{ role: "user", content: "hi" }] });
  });

  it("createWithCompletion gives the raw completion and total usage beside the data", async () => {
    server.enqueue(completion('{"name":"J"}'), completion('{"name":"J","age":3}', { usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } }));
    const client = fromOpenAI(new OpenAI({ baseURL: server.baseURL, apiKey: "ollama" }), { maxRetries: 1 });
    const result = await client.chat.completions.createWithCompletion({
      model: "m",
      responseModel: Person,
      messages: [{ role: "user", content: "J is 3" }],
    });
    expect(result.data).toEqual({ name: "J", age: 3 });
    expect(result.completion.id).toMatch(/^chatcmpl-/);
    expect(result.usage).toEqual({ promptTokens: 17, completionTokens: 8, totalTokens: 25 });
    expect(result.attempts).toBe(2);
  });
});
