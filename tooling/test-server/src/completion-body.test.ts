import { describe, expect, it } from "vitest";
import { completionBody, DEFAULT_USAGE, resolveFinishReason, resolveModel } from "./completion-body.js";
import type { CompletionReply } from "./scripted-reply.js";

describe("completionBody", () => {
  it("is a full chat.completion object", () => {
    const body = completionBody({ kind: "completion", content: "hi" }, { sequence: 3, requestBody: { model: "req-model" } });
    expect(body).toEqual({
      id: "chatcmpl-test-3",
      object: "chat.completion",
      created: expect.any(Number),
      model: "req-model",
      choices: [
        { index: 0, message: { role: "assistant", content: "hi" }, finish_reason: "stop", logprobs: null },
      ],
      usage: DEFAULT_USAGE,
    });
  });

  it("adds tool calls with generated or scripted ids, reasoning and refusal", () => {
    const reply: CompletionReply = {
      kind: "completion",
      toolCalls: [
        { name: "a", arguments: "{}" },
        { id: "mine", name: "b", arguments: '{"x":1}' },
      ],
      reasoning: "because",
      refusal: null,
    };
    const body = completionBody(reply, { sequence: 2, requestBody: undefined }) as {
      choices: Array<{ message: Record<string, unknown>; finish_reason: string }>;
    };
    expect(body.choices[0]?.finish_reason).toBe("tool_calls");
    expect(body.choices[0]?.message).toEqual({
      role: "assistant",
      content: null,
      tool_calls: [
        { id: "call_test_2_0", type: "function", function: { name: "a", arguments: "{}" } },
        { id: "mine", type: "function", function: { name: "b", arguments: '{"x":1}' } },
      ],
      reasoning: "because",
      refusal: null,
    });
  });
});

describe("resolveModel", () => {
  it("prefers the reply's model, then the request's, then test-model", () => {
    expect(resolveModel({ kind: "completion", model: "r" }, { model: "q" })).toBe("r");
    expect(resolveModel({ kind: "completion" }, { model: "q" })).toBe("q");
    expect(resolveModel({ kind: "completion" }, { model: 42 })).toBe("test-model");
    expect(resolveModel({ kind: "completion" }, undefined)).toBe("test-model");
  });
});

describe("resolveFinishReason", () => {
  it("uses the scripted reason, else tool_calls, else stop", () => {
    expect(resolveFinishReason({ kind: "completion", finishReason: "length" })).toBe("length");
    expect(resolveFinishReason({ kind: "completion", toolCalls: [{ name: "f", arguments: "{}" }] })).toBe("tool_calls");
    expect(resolveFinishReason({ kind: "completion", toolCalls: [] })).toBe("stop");
    expect(resolveFinishReason({ kind: "completion" })).toBe("stop");
  });
});
