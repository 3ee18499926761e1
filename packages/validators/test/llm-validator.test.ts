import { createInstructor, structuredChatWithMetadata } from "@cortex-ml/core";
import { completion, useTestServer } from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { llmValidator } from "../src/index.js";

const server = useTestServer({ beforeEach, afterEach });

const lastUserMessage = (index: number) =>
  ((server.requests[index]?.body as { messages: Array<{ role: string; content: string }> }).messages.at(-1) ?? { content: "" }).content;

describe("llmValidator", () => {
  it("re-asks with the judge's reason and sums every call's usage", async () => {
    const client = createInstructor({ baseURL: server.baseURL });
    const Review = v.objectAsync({
      content: v.pipeAsync(v.string(), llmValidator("must be professional and constructive", { client, model: "judge" })),
      rating: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(5)),
    });
    server.enqueue(
      completion('{"content":"This product is garbage!!!","rating":1}'),
      completion('{"isValid":false,"reason":"The review insults instead of explaining the problem."}'),
      completion('{"content":"The hinge broke after a week; a metal hinge would fix it.","rating":2}'),
      completion('{"isValid":true}'),
    );
    const result = await structuredChatWithMetadata(client, {
      model: "writer",
      responseModel: Review,
      messages: [{ role: "user", content: "Write a product review" }],
    });
    expect(result.data).toEqual({ content: "The hinge broke after a week; a metal hinge would fix it.", rating: 2 });
    expect(result.attempts).toBe(2);
    expect(server.requests.map((request) => (request.body as { model: string }).model)).toEqual(["writer", "judge", "writer", "judge"]);
    expect(lastUserMessage(1)).toContain("Statement: must be professional and constructive");
    expect(lastUserMessage(1)).toContain("This product is garbage!!!");
    expect((server.requests[1]?.body as { temperature: number }).temperature).toBe(0);
    expect(lastUserMessage(2)).toContain("- content: The review insults instead of explaining the problem. (must satisfy: must be professional and constructive)");
    // 4 requests of 15 tokens each: the judge's calls count too.
    expect(result.usage.totalTokens).toBe(60);
    expect(result.rejectedAttempts[0]?.usage.totalTokens).toBe(30);
  });

  it("with allowOverride, the judge's fixedValue replaces the value", async () => {
    const client = createInstructor({ baseURL: server.baseURL });
    const Title = v.objectAsync({
      title: v.pipeAsync(v.string(), llmValidator("must be in title case", { client, model: "judge", allowOverride: true })),
    });
    server.enqueue(completion('{"title":"a tale of two cities"}'), completion('{"isValid":false,"reason":"lower case","fixedValue":"A Tale of Two Cities"}'));
    const result = await structuredChatWithMetadata(client, { model: "m", responseModel: Title, messages: [{ role: "user", content: "title?" }] });
    expect(result.data).toEqual({ title: "A Tale of Two Cities" });
    expect(server.requests).toHaveLength(2);
  });

  it("never runs on a value that failed the checks before it", async () => {
    const client = createInstructor({ baseURL: server.baseURL });
    const Short = v.objectAsync({ text: v.pipeAsync(v.string(), v.maxLength(5), llmValidator("must be polite", { client, model: "judge" })) });
    server.enqueue(completion('{"text":"far too long"}'), completion('{"text":"hi"}'), completion('{"isValid":true}'));
    const result = await structuredChatWithMetadata(client, { model: "m", responseModel: Short, messages: [{ role: "user", content: "say hi" }] });
    expect(result.data).toEqual({ text: "hi" });
    expect(server.requests.map((request) => (request.body as { model: string }).model)).toEqual(["m", "m", "judge"]);
  });
});
