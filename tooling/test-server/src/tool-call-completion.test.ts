import { describe, expect, it } from "vitest";
import { toolCallCompletion } from "./tool-call-completion.js";

describe("toolCallCompletion", () => {
  it("serialises object arguments and keeps string arguments verbatim", () => {
    const reply = toolCallCompletion([
      { name: "extract", arguments: { name: "Ada", age: 36 } },
      { name: "raw", arguments: '{"broken":', id: "call_x" },
    ]);
    expect(reply).toEqual({
      kind: "completion",
      content: null,
      toolCalls: [
        { name: "extract", arguments: '{"name":"Ada","age":36}' },
        { id: "call_x", name: "raw", arguments: '{"broken":' },
      ],
    });
  });

  it("lets extra fields set content and the finish reason", () => {
    const reply = toolCallCompletion([{ name: "f", arguments: "{}" }], { content: "thinking", finishReason: "stop" });
    expect(reply).toMatchObject({ kind: "completion", content: "thinking", finishReason: "stop" });
  });
});
