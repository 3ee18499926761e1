import { chatCompletionChunk, unixSeconds, usageChunk } from "./chat-chunk.js";
import {
  DEFAULT_USAGE,
  hasToolCalls,
  resolveFinishReason,
  resolveModel,
  toolCallId,
  type CompletionContext,
} from "./completion-body.js";
import type { CompletionReply, StreamReply } from "./scripted-reply.js";

/** True when a parsed request body asks for `stream: true`. */
export function wantsStream(requestBody: unknown): boolean {
  return typeof requestBody === "object" && requestBody !== null && (requestBody as { stream?: unknown }).stream === true;
}

/** True when a parsed request body asks for `stream_options.include_usage`. */
export function wantsStreamUsage(requestBody: unknown): boolean {
  if (typeof requestBody !== "object" || requestBody === null) return false;
  const options = (requestBody as { stream_options?: unknown }).stream_options;
  return typeof options === "object" && options !== null && (options as { include_usage?: unknown }).include_usage === true;
}

/**
 * The stream a completion reply becomes when the request asks for `stream: true`: a role chunk, the reasoning,
 * the content and the refusal as one delta chunk each, all tool calls whole in one chunk, a finish chunk, and
 * a usage chunk when the request sets `stream_options.include_usage`.
 */
export function completionStream(reply: CompletionReply, context: CompletionContext): StreamReply {
  const identity = {
    id: `chatcmpl-test-${context.sequence}`,
    created: unixSeconds(),
    model: resolveModel(reply, context.requestBody),
  };
  const chunks: unknown[] = [chatCompletionChunk(identity, { role: "assistant", content: "" })];
  if (reply.reasoning !== undefined && reply.reasoning !== "") {
    chunks.push(chatCompletionChunk(identity, { reasoning: reply.reasoning }));
  }
  if (reply.reasoningContent !== undefined && reply.reasoningContent !== "") {
    chunks.push(chatCompletionChunk(identity, { reasoning_content: reply.reasoningContent }));
  }
  if (reply.content !== undefined && reply.content !== null && reply.content !== "") {
    chunks.push(chatCompletionChunk(identity, { content: reply.content }));
  }
  if (reply.refusal !== undefined && reply.refusal !== null) {
    chunks.push(chatCompletionChunk(identity, { refusal: reply.refusal }));
  }
  if (hasToolCalls(reply)) {
    const toolCalls = reply.toolCalls.map((call, index) => ({
      index,
      id: toolCallId(context.sequence, index, call.id),
      type: "function",
      function: { name: call.name, arguments: call.arguments },
    }));
    chunks.push(chatCompletionChunk(identity, { tool_calls: toolCalls }));
  }
  chunks.push(chatCompletionChunk(identity, {}, resolveFinishReason(reply)));
  if (wantsStreamUsage(context.requestBody)) {
    chunks.push(usageChunk(identity, reply.usage ?? DEFAULT_USAGE));
  }
  return { kind: "stream", chunks };
}
