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
  return toolCallsDeltaChunks([call], size);
}

/**
 * Chunks that stream several tool calls as OpenAI does (parallel tool
 * calls): for each call in turn, a chunk with its index, id and name, then
 * its arguments in deltas of `size` characters; then one finish chunk with
 * finish_reason "tool_calls". The first chunk also carries the assistant role.
 */
export function toolCallsDeltaChunks(calls: readonly StreamedToolCall[], size: number): unknown[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`toolCallsDeltaChunks: size must be a positive integer, got ${size}`);
  const shared = identity();
  const chunks: unknown[] = [];
  calls.forEach((call, index) => {
    const start = { index, id: `call_${index}`, type: "function", function: { name: call.name, arguments: "" } };
    chunks.push(chatCompletionChunk(shared, index === 0 ? { role: "assistant", tool_calls: [start] } : { tool_calls: [start] }));
    for (let from = 0; from < call.arguments.length; from += size) {
      chunks.push(chatCompletionChunk(shared, { tool_calls: [{ index, function: { arguments: call.arguments.slice(from, from + size) } }] }));
    }
  });
  chunks.push(chatCompletionChunk(shared, {}, "tool_calls"));
  return chunks;
}
