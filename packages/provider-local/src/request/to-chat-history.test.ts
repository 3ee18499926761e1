import { InvalidArgumentError } from "@cortex-ml/core";
import { describe, expect, it } from "vitest";
import { toChatHistory } from "./to-chat-history.js";

describe("toChatHistory", () => {
  it("maps every turn and ends with the model turn to generate", () => {
    const history = toChatHistory([
      { role: "system", content: "Extract." },
      { role: "user", content: [{ type: "text", text: "John" }, { type: "text", text: "is 25" }] },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "Person", arguments: '{"age":"x"}' } }] },
      { role: "tool", tool_call_id: "call_1", content: "age: expected a number" },
    ]);
    expect(history).toEqual([
      { type: "system", text: "Extract." },
      { type: "user", text: "John\nis 25" },
      { type: "model", response: ['{"age":"x"}'] },
      { type: "user", text: 'Result of the "Person" tool call call_1:\nage: expected a number' },
      { type: "model", response: [] },
    ]);
  });

  it("shows several earlier tool calls as the JSON array the tools grammar produces", () => {
    const history = toChatHistory([
      { role: "user", content: "go" },
      {
        role: "assistant",
        content: null,
        tool_calls: [
          { id: "a", type: "function", function: { name: "A", arguments: '{"x":1}' } },
          { id: "b", type: "function", function: { name: "B", arguments: "" } },
        ],
      },
    ]);
    expect(history).not.toBeInstanceOf(InvalidArgumentError);
    expect((history as { response?: unknown }[])[1]?.response).toEqual(['[{"name":"A","arguments":{"x":1}},{"name":"B","arguments":{}}]']);
  });

  it("rejects images: the models are text-only", () => {
    const history = toChatHistory([{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AA==" } }] }]);
    expect(history).toBeInstanceOf(InvalidArgumentError);
    expect((history as InvalidArgumentError).message).toContain("text-only");
  });
});
