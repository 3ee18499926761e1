import { describe, expect, it } from "vitest";
import { contentDeltaChunks } from "./content-delta-chunks.js";

interface Chunk {
  object: string;
  model: string;
  choices: Array<{ delta: { role?: string; content?: string }; finish_reason: string | null }>;
  usage?: unknown;
}

describe("contentDeltaChunks", () => {
  it("starts with the role, splits the content and ends with stop", () => {
    const chunks = contentDeltaChunks('{"a":12}', 3) as Chunk[];
    expect(chunks).toHaveLength(1 + 3 + 1);
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    expect(chunks.slice(1, 4).map((chunk) => chunk.choices[0]?.delta.content)).toEqual(['{"a', '":1', "2}"]);
    expect(chunks.at(-1)?.choices[0]).toEqual({ index: 0, delta: {}, finish_reason: "stop", logprobs: null });
    expect(chunks.every((chunk) => chunk.object === "chat.completion.chunk" && chunk.model === "test-model")).toBe(true);
  });

  it("reassembles to the original text without splitting surrogate pairs", () => {
    const text = "héllo 👋 wörld 🌍!";
    const chunks = contentDeltaChunks(text, 2) as Chunk[];
    const deltas = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? "");
    expect(deltas.join("")).toBe(text);
    expect(deltas.some((delta) => delta.includes("👋"))).toBe(true);
    expect(deltas.every((delta) => !/[\uD800-\uDBFF]$/.test(delta))).toBe(true);
  });

  it("appends a usage chunk with no choices and uses the model given", () => {
    const usage = { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 };
    const chunks = contentDeltaChunks("ab", 10, { model: "llama", usage }) as Chunk[];
    expect(chunks).toHaveLength(4);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage, model: "llama" });
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe("stop");
  });

  it("sends no content delta for empty text", () => {
    expect(contentDeltaChunks("", 4)).toHaveLength(2);
  });

  it("rejects a chunk size that is not a positive integer", () => {
    expect(() => contentDeltaChunks("x", 0)).toThrow(RangeError);
    expect(() => contentDeltaChunks("x", 1.5)).toThrow(RangeError);
  });
});
