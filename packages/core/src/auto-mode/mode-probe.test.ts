import type { ChatCompletion } from "openai/resources/chat/completions";
import { describe, expect, it } from "vitest";
import { ApiError } from "../errors/index.js";
import { Mode } from "../modes/mode.js";
import { judgeProbe, judgeProbeFailure, probeMaxTokens, probeRequest } from "./mode-probe.js";

const answer = (content: string | null, finish: "stop" | "length" = "stop", fields: Record<string, unknown> = {}): ChatCompletion =>
  ({
    id: "c",
    object: "chat.completion",
    created: 0,
    model: "m",
    choices: [{ index: 0, finish_reason: finish, logprobs: null, message: { role: "assistant", content, refusal: null, ...fields } }],
  }) as ChatCompletion;

describe("probeRequest", () => {
  it("asks for json_schema with a schema the prompt never mentions, briefly and deterministically", () => {
    const request = probeRequest("llama3.2");
    expect(request).toMatchObject({ model: "llama3.2", temperature: 0, max_tokens: probeMaxTokens, response_format: { type: "json_schema" } });
    expect(JSON.stringify(request.messages)).not.toContain("cortex_probe");
  });
});

describe("judgeProbe", () => {
  it("the probe object, and only it, means json_schema is honoured", () => {
    expect(judgeProbe(answer('{"cortex_probe":"ok"}')).constraints[Mode.JSON_SCHEMA]).toBe("honoured");
    expect(judgeProbe(answer('{"cortex_probe":"ok","more":1}')).constraints[Mode.JSON_SCHEMA]).toBe("dropped");
    expect(judgeProbe(answer('{"greeting":"hello"}')).constraints[Mode.JSON_SCHEMA]).toBe("dropped");
    expect(judgeProbe(answer("Hello! How can I help?")).constraints[Mode.JSON_SCHEMA]).toBe("dropped");
  });

  it("shows thinking, and judges the answer after it", () => {
    const tagged = judgeProbe(answer('<think>say hello as JSON</think>{"cortex_probe":"ok"}'));
    expect(tagged).toMatchObject({ reasoning: true, constraints: { [Mode.JSON_SCHEMA]: "honoured" } });
    expect(judgeProbe(answer('{"cortex_probe":"ok"}', "stop", { reasoning: "hm" })).reasoning).toBe(true);
  });

  it("learns nothing from an empty answer, a model still thinking at the token limit, or a cut probe object", () => {
    expect(judgeProbe(answer("")).constraints).toEqual({});
    const thinking = judgeProbe(answer("<think>long thoughts", "length"));
    expect(thinking).toMatchObject({ reasoning: true, constraints: {} });
    expect(judgeProbe(answer('{"cortex_pro', "length")).constraints).toEqual({});
    // Cut, but not the probe object's beginning: dropped.
    expect(judgeProbe(answer("Hello there, I am a", "length")).constraints[Mode.JSON_SCHEMA]).toBe("dropped");
  });
});

describe("judgeProbeFailure", () => {
  it("a 400 or 422 means the server refuses json_schema; other failures show nothing", () => {
    const failure = (status: number) =>
      new ApiError({ status, baseURL: "http://127.0.0.1:1/v1", serverMessage: "x", retryable: status >= 500, retryAfterMs: undefined, hint: undefined });
    expect(judgeProbeFailure(failure(400))?.constraints[Mode.JSON_SCHEMA]).toBe("dropped");
    expect(judgeProbeFailure(failure(422))?.constraints[Mode.JSON_SCHEMA]).toBe("dropped");
    expect(judgeProbeFailure(failure(503))).toBeUndefined();
  });
});
