import { randomUUID } from "node:crypto";
import type { ChatCompletion, ChatCompletionMessage } from "openai/resources/chat/completions";
import type { Generation } from "../engine/local-engine.js";
import type { OutputConstraint } from "../request/read-chat-request.js";
import { readToolCalls, toolCallId } from "./read-tool-calls.js";

/** A new completion id. */
export function completionId(): string {
  return `chatcmpl-local-${randomUUID()}`;
}

/** The assistant message and finish reason of a generation, by what the request asked for (a thought, if any, as `reasoning_content`). */
export function answerOf(
  constraint: OutputConstraint,
  generation: Generation,
): { readonly message: ChatCompletionMessage; readonly finishReason: ChatCompletion["choices"][number]["finish_reason"] } {
  const answer = answerWithoutThought(constraint, generation);
  if (generation.thought === "") return answer;
  // Not in openai's types: the field llama.cpp's server, vLLM and DeepSeek use for the thinking.
  const message = { ...answer.message, reasoning_content: generation.thought } as ChatCompletionMessage;
  return { message, finishReason: answer.finishReason };
}

function answerWithoutThought(
  constraint: OutputConstraint,
  generation: Generation,
): { readonly message: ChatCompletionMessage; readonly finishReason: ChatCompletion["choices"][number]["finish_reason"] } {
  const cut = generation.finish === "length";
  if (constraint.kind === "tool") {
    const call = { id: toolCallId(), type: "function" as const, function: { name: constraint.tool.name, arguments: generation.text } };
    return { message: { role: "assistant", content: null, refusal: null, tool_calls: [call] }, finishReason: cut ? "length" : "tool_calls" };
  }
  if (constraint.kind === "tools") {
    const calls = cut ? undefined : readToolCalls(generation.text);
    if (calls) return { message: { role: "assistant", content: null, refusal: null, tool_calls: calls }, finishReason: "tool_calls" };
  }
  return { message: { role: "assistant", content: generation.text, refusal: null }, finishReason: cut ? "length" : "stop" };
}

/** The OpenAI `chat.completion` of one generation, usage counted by the model's tokenizer. */
export function buildCompletion(model: string, constraint: OutputConstraint, generation: Generation): ChatCompletion {
  const { message, finishReason } = answerOf(constraint, generation);
  return {
    id: completionId(),
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
    usage: {
      prompt_tokens: generation.promptTokens,
      completion_tokens: generation.completionTokens,
      total_tokens: generation.promptTokens + generation.completionTokens,
    },
  };
}
