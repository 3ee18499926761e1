import { describe, expect, it } from "vitest";
import { completionStream, wantsStream, wantsStreamUsage } from "./completion-stream.js";

interface Chunk {
  id: string;
  model: string;
  choices: Array<{ delta: Record<string, unknown>; finish_reason: string | null }>;
  usage?: unknown;
}

describe("completionStream", () => {
  it("sends role, content in one delta, then the finish chunk", () => {
    const stream = completionStream({ kind: "completion", content: '{"a":1}' }, { sequence: 4, requestBody: { model: "m" } });
    const chunks = stream.chunks as Chunk[];
    expect(stream.kind).toBe("stream");
    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: "assistant", content: "" },
      { content: '{"a":1}' },
      {},
    ]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("stop");
    expect(chunks.every((chunk) => chunk.id === "chatcmpl-test-4" && chunk.model === "m")).toBe(true);
  });

  it("sends all tool calls whole in one chunk and finishes with tool_calls", () => {
    const stream = completionStream(
      { kind: "completion", content: null, toolCalls: [{ name: "f", arguments: '{"x":1}' }] },
      { sequence: 1, requestBody: {} },
    );
    const chunks = stream.chunks as Chunk[];
    expect(chunks).toHaveLength(3);
    expect(chunks[1]?.choices[0]?.delta).toEqual({
      tool_calls: [{ index: 0, id: "call_test_1_0", type: "function", function: { name: "f", arguments: '{"x":1}' } }],
    });
    expect(chunks[2]?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("appends usage only when the request asks for it", () => {
    const usage = { prompt_tokens: 2, completion_tokens: 2, total_tokens: 4 };
    const without = completionStream({ kind: "completion", content: "x", usage }, { sequence: 1, requestBody: { stream: true } });
    const withUsage = completionStream(
      { kind: "completion", content: "x", usage },
      { sequence: 1, requestBody: { stream: true, stream_options: { include_usage: true } } },
    );
    expect((without.chunks as Chunk[]).some((chunk) => chunk.usage !== undefined)).toBe(false);
    expect(withUsage.chunks.at(-1)).toMatchObject({ choices: [], usage });
  });

  it("streams reasoning and refusal as their own deltas", () => {
    const stream = completionStream(
      { kind: "completion", content: null, reasoning: "hmm", refusal: "no" },
      { sequence: 1, requestBody: {} },
    );
    expect((stream.chunks as Chunk[]).map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: "assistant", content: "" },
      { reasoning: "hmm" },
      { refusal: "no" },
      {},
    ]);
  });
});

describe("wantsStream / wantsStreamUsage", () => {
  it("read the request flags strictly", () => {
    expect(wantsStream({ stream: true })).toBe(true);
    expect(wantsStream({ stream: "true" })).toBe(false);
    expect(wantsStream(undefined)).toBe(false);
    expect(wantsStreamUsage({ stream_options: { include_usage: true } })).toBe(true);
    expect(wantsStreamUsage({ stream_options: null })).toBe(false);
    expect(wantsStreamUsage(null)).toBe(false);
  });
});
