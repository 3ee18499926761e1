import { describe, expect, it } from "vitest";
import { toolCallDeltaChunks, wholeToolCallChunks } from "./tool-call-chunks.js";

type Chunk = { choices: Array<{ delta: { tool_calls?: Array<{ index: number; function: { name?: string; arguments?: string } }> }; finish_reason: string | null }> };

describe("tool-call chunks", () => {
  it("wholeToolCallChunks sends each call in one chunk, then finishes with tool_calls", () => {
    const chunks = wholeToolCallChunks([{ name: "A", arguments: "{}" }, { name: "B", arguments: '{"x":1}' }]) as Chunk[];
    expect(chunks).toHaveLength(3);
    expect(chunks[1]?.choices[0]?.delta.tool_calls?.[0]).toMatchObject({ index: 1, function: { name: "B", arguments: '{"x":1}' } });
    expect(chunks[2]?.choices[0]?.finish_reason).toBe("tool_calls");
  });

  it("toolCallDeltaChunks splits the arguments, which join back whole", () => {
    const chunks = toolCallDeltaChunks({ name: "A", arguments: '{"name":"xyz"}' }, 3) as Chunk[];
    const joined = chunks.map((chunk) => chunk.choices[0]?.delta.tool_calls?.[0]?.function.arguments ?? "").join("");
    expect(joined).toBe('{"name":"xyz"}');
    expect(chunks[0]?.choices[0]?.delta.tool_calls?.[0]?.function.name).toBe("A");
    expect(() => toolCallDeltaChunks({ name: "A", arguments: "{}" }, 0)).toThrow(RangeError);
  });
});
