import { chatCompletionChunk, unixSeconds, usageChunk } from "./chat-chunk.js";
import type { TokenUsage } from "./scripted-reply.js";

/** Options of `contentDeltaChunks`. */
export interface ContentDeltaChunksOptions {
  model?: string;
  usage?: TokenUsage;
}

/**
 * OpenAI `chat.completion.chunk` objects streaming `text`: a first chunk with the assistant role, one content
 * delta per `chunkSize` characters (code points, so surrogate pairs are never split), a chunk with
 * finish_reason "stop", and when `options.usage` is given a last usage chunk with `choices: []`.
 */
export function contentDeltaChunks(
  text: string,
  chunkSize: number,
  options: ContentDeltaChunksOptions = {},
): unknown[] {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new RangeError(`contentDeltaChunks: chunkSize must be a positive integer, got ${chunkSize}`);
  }
  const identity = { id: "chatcmpl-test-stream", created: unixSeconds(), model: options.model ?? "test-model" };
  const chunks: unknown[] = [chatCompletionChunk(identity, { role: "assistant", content: "" })];
  const codePoints = Array.from(text);
  for (let start = 0; start < codePoints.length; start += chunkSize) {
    chunks.push(chatCompletionChunk(identity, { content: codePoints.slice(start, start + chunkSize).join("") }));
  }
  chunks.push(chatCompletionChunk(identity, {}, "stop"));
  if (options.usage !== undefined) {
    chunks.push(usageChunk(identity, options.usage));
  }
  return chunks;
}
