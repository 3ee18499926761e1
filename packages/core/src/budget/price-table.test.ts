import { describe, expect, it } from "vitest";
import { estimatePromptTokens, requestedCompletionTokens } from "./estimate-request-tokens.js";
import { costUsd, examplePrices, priceOf, priceTable } from "./price-table.js";

describe("priceOf", () => {
  it("takes provider/model, then model, then provider/*; none when nothing matches", () => {
    const table = priceTable({ "gpt-4o-mini": { input: 1, output: 2 }, "acme/*": { input: 3, output: 4 } });
    expect(priceOf(table, "openai", "gpt-4o-mini")).toEqual(examplePrices["openai/gpt-4o-mini"]);
    expect(priceOf(table, "groq", "gpt-4o-mini")).toEqual({ input: 1, output: 2 });
    expect(priceOf(table, "acme", "anything")).toEqual({ input: 3, output: 4 });
    expect(priceOf(table, "ollama", "llama3.2")).toEqual({ input: 0, output: 0 });
    expect(priceOf(table, "openai", "a-model-nobody-priced")).toBeUndefined();
    expect(priceOf(table, undefined, "llama3.2")).toBeUndefined();
  });

  it("costs prompt and completion tokens at their own prices, per million", () => {
    expect(costUsd({ input: 0.15, output: 0.6 }, 1_000_000, 500_000)).toBeCloseTo(0.45);
  });
});

describe("estimatePromptTokens", () => {
  it("counts message text, tool-call arguments, the schema sent, a few tokens a message and images", () => {
    const text = "x".repeat(350);
    expect(estimatePromptTokens({ model: "m", messages: [{ role: "user", content: text }] })).toBe(100 + 4);
    const withImage = estimatePromptTokens({
      model: "m",
      messages: [{ role: "user", content: [{ type: "text", text }, { type: "image_url", image_url: { url: "data:image/png;base64,AAAA" } }] }],
    });
    expect(withImage).toBe(100 + 4 + 765);
    const withSchema = estimatePromptTokens({
      model: "m",
      messages: [{ role: "user", content: text }],
      response_format: { type: "json_schema", json_schema: { name: "P", schema: { type: "object", properties: { name: { type: "string" } } } } },
    });
    expect(withSchema).toBeGreaterThan(104);
    const reask = estimatePromptTokens({
      model: "m",
      messages: [
        { role: "user", content: text },
        { role: "assistant", content: null, tool_calls: [{ id: "1", type: "function", function: { name: "P", arguments: text } }] },
      ],
    });
    expect(reask).toBe(Math.ceil(701 / 3.5) + 8);
  });

  it("reads the completion bound from max_completion_tokens, else max_tokens", () => {
    expect(requestedCompletionTokens({ model: "m", messages: [], max_tokens: 100 })).toBe(100);
    expect(requestedCompletionTokens({ model: "m", messages: [], max_tokens: 100, max_completion_tokens: 50 })).toBe(50);
    expect(requestedCompletionTokens({ model: "m", messages: [] })).toBeUndefined();
  });
});
