import { describe, expect, it } from "vitest";
import { completion } from "./completion.js";

describe("completion", () => {
  it("builds a completion reply with the given content", () => {
    expect(completion('{"name":"Ada"}')).toEqual({ kind: "completion", content: '{"name":"Ada"}' });
  });

  it("keeps null content and merges extra fields", () => {
    const usage = { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 };
    expect(completion(null, { finishReason: "length", usage, model: "m", delayMs: 5 })).toEqual({
      kind: "completion",
      content: null,
      finishReason: "length",
      usage,
      model: "m",
      delayMs: 5,
    });
  });
});
