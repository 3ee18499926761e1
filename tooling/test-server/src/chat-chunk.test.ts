import { describe, expect, it } from "vitest";
import { chatCompletionChunk, unixSeconds, usageChunk } from "./chat-chunk.js";

const identity = { id: "chatcmpl-1", created: 1700000000, model: "m" };

describe("chatCompletionChunk", () => {
  it("wraps a delta in one choice", () => {
    expect(chatCompletionChunk(identity, { content: "hi" })).toEqual({
      id: "chatcmpl-1",
      object: "chat.completion.chunk",
      created: 1700000000,
      model: "m",
      choices: [{ index: 0, delta: { content: "hi" }, finish_reason: null, logprobs: null }],
    });
  });

  it("carries a finish reason", () => {
    const chunk = chatCompletionChunk(identity, {}, "stop") as { choices: Array<{ finish_reason: string }> };
    expect(chunk.choices[0]?.finish_reason).toBe("stop");
  });
});

describe("usageChunk", () => {
  it("has no choices and the usage", () => {
    const usage = { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 };
    expect(usageChunk(identity, usage)).toMatchObject({ choices: [], usage, object: "chat.completion.chunk" });
  });
});

describe("unixSeconds", () => {
  it("is the current time in whole seconds", () => {
    const now = Date.now() / 1000;
    const seconds = unixSeconds();
    expect(Number.isInteger(seconds)).toBe(true);
    expect(Math.abs(seconds - now)).toBeLessThan(2);
  });
});
