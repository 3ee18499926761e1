import { completion, useTestServer } from "@cortex-ml/test-server";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BudgetExceededError, createInstructor, fromProvider, InvalidArgumentError, structuredChat, structuredChatWithMetadata } from "../src/index.js";

const Person = v.object({ name: v.string(), age: v.number() });
const messages = [{ role: "user" as const, content: "John is 25" }];
const server = useTestServer({ beforeEach, afterEach });
const usage = (prompt: number, completionTokens: number) => ({ prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens });

describe("budget: a call stops before an attempt it cannot pay for", () => {
  it("sends nothing when the first attempt alone is over the token budget", async () => {
    const client = createInstructor({ baseURL: server.baseURL, model: "m" });
    const error = await structuredChat(client, { responseModel: Person, messages, max_tokens: 500, budget: { tokens: 100 } }).catch((caught: unknown) => caught);
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    const budgetError = error as BudgetExceededError;
    expect(budgetError).toMatchObject({ name: "BudgetExceededError", limit: "tokens", attempt: 1, budget: { tokens: 100 }, usage: { totalTokens: 0 }, attempts: [] });
    expect(budgetError.estimate.completionTokens).toBe(500);
    expect(budgetError.estimate.promptTokens).toBeGreaterThan(0);
    expect(budgetError.message).toContain("budget.tokens");
    expect(server.requests).toHaveLength(0);
  });

  it("stops before a re-ask once the tokens spent plus the next estimate pass the budget, with the usage so far", async () => {
    server.enqueue(completion('{"name":"John","age":"unknown"}', { usage: usage(300, 40) }), completion('{"name":"John","age":25}'));
    const client = createInstructor({ baseURL: server.baseURL, model: "m", budget: { tokens: 400 } });
    const error = (await structuredChat(client, { responseModel: Person, messages, max_tokens: 64 }).catch((caught: unknown) => caught)) as BudgetExceededError;
    expect(BudgetExceededError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ attempt: 2, usage: { promptTokens: 300, completionTokens: 40, totalTokens: 340 } });
    expect(error.attempts).toHaveLength(1);
    expect(error.attempts[0]?.rawOutput).toBe('{"name":"John","age":"unknown"}');
    expect(server.requests).toHaveLength(1);
  });

  it("estimates a re-ask's completion from the earlier ones when max_tokens is not set", async () => {
    server.enqueue(completion('{"name":"John"}', { usage: usage(10, 900) }));
    const client = createInstructor({ baseURL: server.baseURL, model: "m" });
    const error = (await structuredChat(client, { responseModel: Person, messages, budget: { tokens: 1500 } }).catch((caught: unknown) => caught)) as BudgetExceededError;
    expect(error.estimate.completionTokens).toBe(900);
    expect(error.attempt).toBe(2);
  });

  it("lets a call within its budget through, and a call's budget: false lifts the client's", async () => {
    server.enqueue(completion('{"name":"John","age":25}', { usage: usage(20, 10) }), completion('{"name":"Ann","age":30}'));
    const client = createInstructor({ baseURL: server.baseURL, model: "m", budget: { tokens: 10 } });
    const result = await structuredChatWithMetadata(client, { responseModel: Person, messages, budget: { tokens: 10_000 } });
    expect(result.data).toEqual({ name: "John", age: 25 });
    await expect(structuredChat(client, { responseModel: Person, messages, budget: false })).resolves.toEqual({ name: "Ann", age: 30 });
  });

  it("checks dollars at the model's price (the user's own price table wins), and skips them for a model without a price", async () => {
    const prices = { "openai/m": { input: 10_000, output: 10_000 } };
    const client = fromProvider("openai/m", { apiKey: "sk-test-budget", baseURL: server.baseURL, prices });
    const error = (await structuredChat(client, { responseModel: Person, messages, max_tokens: 100, budget: { usd: 0.5 } }).catch((caught: unknown) => caught)) as BudgetExceededError;
    expect(error).toMatchObject({ name: "BudgetExceededError", limit: "usd" });
    expect(error.estimate.usd).toBeGreaterThan(0.5);
    expect(error.message).not.toContain("sk-test-budget");
    server.enqueue(completion('{"name":"John","age":25}'));
    const unpriced = fromProvider("openai/unknown-model", { apiKey: "sk-test-budget", baseURL: server.baseURL });
    await expect(structuredChat(unpriced, { responseModel: Person, messages, max_tokens: 100, budget: { usd: 0.000_001 } })).resolves.toEqual({ name: "John", age: 25 });
  });

  it("rejects a wrong budget or price with the fix", async () => {
    const client = createInstructor({ baseURL: server.baseURL, model: "m" });
    const error = await structuredChat(client, { responseModel: Person, messages, budget: { tokens: -1 } }).catch((caught: unknown) => caught);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain("tokens: 20_000");
    expect(() => createInstructor({ budget: {} as never })).toThrow(/give tokens, usd or both/);
    expect(() => createInstructor({ prices: { "openai/x": { input: -1, output: 1 } } })).toThrow(/prices\["openai\/x"\]/);
    expect(server.requests).toHaveLength(0);
  });
});
