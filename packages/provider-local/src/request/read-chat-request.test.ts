import { InvalidArgumentError } from "@cortex-ml/core";
import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { describe, expect, it } from "vitest";
import { type GenerationPlan, readChatRequest } from "./read-chat-request.js";

const messages = [{ role: "user" as const, content: "John is 25" }];
const schema = { type: "object", properties: { name: { type: "string" } } };
const tool = (name: string) => ({ type: "function" as const, function: { name, parameters: schema } });

function read(body: Partial<ChatCompletionCreateParamsNonStreaming> & Record<string, unknown>): GenerationPlan {
  const plan = readChatRequest({ model: "m", messages, ...body } as ChatCompletionCreateParamsNonStreaming);
  if (plan instanceof InvalidArgumentError) throw plan;
  return plan;
}

function problem(body: Record<string, unknown>): InvalidArgumentError {
  const plan = readChatRequest({ model: "m", messages, ...body } as ChatCompletionCreateParamsNonStreaming);
  if (!(plan instanceof InvalidArgumentError)) throw new Error("expected an InvalidArgumentError");
  return plan;
}

describe("readChatRequest", () => {
  it("reads each core mode into its constraint", () => {
    expect(read({ response_format: { type: "json_schema", json_schema: { name: "P", schema } } }).constraint).toEqual({ kind: "schema", schema });
    expect(read({ response_format: { type: "json_object" } }).constraint).toEqual({ kind: "json" });
    expect(read({}).constraint).toEqual({ kind: "text" });
    expect(read({ tools: [tool("P")], tool_choice: { type: "function", function: { name: "P" } } }).constraint).toEqual({
      kind: "tool",
      tool: { name: "P", parameters: schema },
    });
    expect(read({ tools: [tool("A"), tool("B")], tool_choice: "auto" }).constraint).toMatchObject({ kind: "tools", tools: [{ name: "A" }, { name: "B" }] });
    expect(read({ tools: [tool("A")], tool_choice: "none" }).constraint).toEqual({ kind: "text" });
  });

  it("reads sampling settings, max_completion_tokens before max_tokens", () => {
    const plan = read({ temperature: 0.5, seed: -1, top_p: 0.9, max_tokens: 10, max_completion_tokens: 20, stop: "END" });
    expect(plan).toMatchObject({ temperature: 0.5, seed: 4294967295, topP: 0.9, maxTokens: 20, stop: ["END"] });
    expect(read({ max_tokens: 7 }).maxTokens).toBe(7);
  });

  it("reads chat_template_kwargs.enable_thinking (what think: false sends): thinking unless it is false", () => {
    expect(read({}).thinking).toBe(true);
    expect(read({ chat_template_kwargs: { enable_thinking: true } }).thinking).toBe(true);
    expect(read({ chat_template_kwargs: { other: 1 } }).thinking).toBe(true);
    expect(read({ chat_template_kwargs: { enable_thinking: false } }).thinking).toBe(false);
    expect(problem({ chat_template_kwargs: { enable_thinking: "no" } }).message).toContain("chat_template_kwargs.enable_thinking");
    expect(problem({ chat_template_kwargs: [false] }).message).toContain("chat_template_kwargs");
  });

  it("names the field of anything it cannot honour", () => {
    expect(problem({ n: 2 }).argument).toBe("n");
    expect(problem({ max_tokens: 0 }).argument).toBe("max_tokens");
    expect(problem({ temperature: 3 }).argument).toBe("temperature");
    expect(problem({ tools: [tool("A")], tool_choice: { type: "function", function: { name: "B" } } }).problem).toContain('"B"');
    expect(problem({ response_format: { type: "grammar" } }).problem).toContain("json_schema");
    expect(problem({ messages: [] }).argument).toBe("messages");
  });
});
