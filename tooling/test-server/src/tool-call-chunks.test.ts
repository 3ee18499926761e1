import { describe, expect, it } from "vitest";
import { toolCallDeltaChunks, toolCallsDeltaChunks, wholeToolCallChunks } from "./tool-call-chunks.js";

type Chunk = {
  choices: Array<{ delta: { role?: string; tool_calls?: Array<{ index: number; id?: string; function: { name?: string; arguments?: string } }> }; finish_reason: string | null }>;
};

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

  it("toolCallsDeltaChunks streams each call in turn under its own index, then one finish chunk", () => {
    const chunks = toolCallsDeltaChunks(
      [
        { name: "A", arguments: '{"x":1}' },
        { name: "B", arguments: '{"y":22}' },
      ],
      4,
    ) as Chunk[];
    const calls = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    const byIndex = (index: number) => calls.filter((call) => call.index === index);
    expect(byIndex(0).map((call) => call.function.arguments).join("")).toBe('{"x":1}');
    expect(byIndex(1).map((call) => call.function.arguments).join("")).toBe('{"y":22}');
    expect(byIndex(1)[0]).toMatchObject({ id: "call_1", function: { name: "B", arguments: "" } });
    expect(calls.map((call) => call.index)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.role !== undefined)).toHaveLength(1);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe("tool_calls");
  });
});
