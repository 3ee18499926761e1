import { chatCompletionChunk, unixSeconds } from "./chat-chunk.js";

/** One tool call of a streamed answer. */
export interface StreamedToolCall {
  readonly name: string;
  readonly arguments: string;
}

const identity = () => ({ id: "chatcmpl-test-tools", created: unixSeconds(), model: "test-model" });

/**
 * Chunks that stream tool calls as Ollama does: each call whole, in one
 * chunk, then a finish chunk with finish_reason "tool_calls".
 */
export function wholeToolCallChunks(calls: readonly StreamedToolCall[]): unknown[] {
  const shared = identity();
  return [
    ...calls.map((call, index) =>
      chatCompletionChunk(shared, { tool_calls: [{ index, id: `call_${index}`, type: "function", function: { name: call.name, arguments: call.arguments } }] }),
    ),
    chatCompletionChunk(shared, {}, "tool_calls"),
  ];
}

/**
 * Chunks that stream one tool call as OpenAI does: the call's name first,
 * then its arguments in deltas of `size` characters, then the finish chunk.
 */
export function toolCallDeltaChunks(call: StreamedToolCall, size: number): unknown[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`toolCallDeltaChunks: size must be a positive integer, got ${size}`);
  const shared = identity();
  const chunks: unknown[] = [
    chatCompletionChunk(shared, { role: "assistant", tool_calls: [{ index: 0, id: "call_0", type: "function", function: { name: call.name, arguments: "" } }] }),
  ];
  for (let start = 0; start < call.arguments.length; start += size) {
    chunks.push(chatCompletionChunk(shared, { tool_calls: [{ index: 0, function: { arguments: call.arguments.slice(start, start + size) } }] }));
  }
  chunks.push(chatCompletionChunk(shared, {}, "tool_calls"));
  return chunks;
}
