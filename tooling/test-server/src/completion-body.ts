import { unixSeconds } from "./chat-chunk.js";
import type { CompletionReply, TokenUsage } from "./scripted-reply.js";

/** The usage reported when a completion reply does not script one. */
export const DEFAULT_USAGE: TokenUsage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };

/** The model used when neither the reply nor the request names one. */
export const DEFAULT_MODEL = "test-model";

/** Where a completion answer takes its id and model from. */
export interface CompletionContext {
  /** 1-based number of the chat-completions request on this server. */
  sequence: number;
  /** The parsed request body, if any. */
  requestBody: unknown;
}

/** The model a completion reports: the reply's, else the request's, else `test-model`. */
export function resolveModel(reply: CompletionReply, requestBody: unknown): string {
  if (reply.model !== undefined) return reply.model;
  if (typeof requestBody === "object" && requestBody !== null) {
    const model = (requestBody as { model?: unknown }).model;
    if (typeof model === "string") return model;
  }
  return DEFAULT_MODEL;
}

/** True when the reply scripts at least one tool call. */
export function hasToolCalls(reply: CompletionReply): reply is CompletionReply & { toolCalls: NonNullable<CompletionReply["toolCalls"]> } {
  return reply.toolCalls !== undefined && reply.toolCalls.length > 0;
}

/** The finish reason of a completion: the scripted one, else `tool_calls` with tool calls, else `stop`. */
export function resolveFinishReason(reply: CompletionReply): string {
  return reply.finishReason ?? (hasToolCalls(reply) ? "tool_calls" : "stop");
}

/** The id given to the `index`-th tool call of request `sequence` when the script names none. */
export function toolCallId(sequence: number, index: number, scripted: string | undefined): string {
  return scripted ?? `call_test_${sequence}_${index}`;
}

/** The full OpenAI `chat.completion` object answering a completion reply. */
export function completionBody(reply: CompletionReply, context: CompletionContext): Record<string, unknown> {
  const message: Record<string, unknown> = { role: "assistant", content: reply.content ?? null };
  if (hasToolCalls(reply)) {
    message.tool_calls = reply.toolCalls.map((call, index) => ({
      id: toolCallId(context.sequence, index, call.id),
      type: "function",
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  if (reply.reasoning !== undefined) message.reasoning = reply.reasoning;
  if (reply.reasoningContent !== undefined) message.reasoning_content = reply.reasoningContent;
  if (reply.refusal !== undefined) message.refusal = reply.refusal;
  return {
    id: `chatcmpl-test-${context.sequence}`,
    object: "chat.completion",
    created: unixSeconds(),
    model: resolveModel(reply, context.requestBody),
    choices: [{ index: 0, message, finish_reason: resolveFinishReason(reply), logprobs: null }],
    usage: { ...(reply.usage ?? DEFAULT_USAGE) },
  };
}
