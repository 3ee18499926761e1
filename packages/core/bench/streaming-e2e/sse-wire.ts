import { contentDeltaChunks, toolCallsDeltaChunks } from "@cortex-ml/test-server";
import type { BenchDocument } from "./stream-document.js";

/** How the document is streamed. */
export interface WireOptions {
  /** Characters per delta (content, or tool-call arguments). */
  readonly deltaSize: number;
  /** Stream each record as one tool call with this name (PARALLEL_TOOLS); undefined: the whole document as content deltas. */
  readonly toolName?: string | undefined;
}

/** The usage chunk OpenAI sends last when the request sets `stream_options.include_usage` (no choices, only usage). */
export const USAGE_EVENT = `data: ${JSON.stringify({
  id: "chatcmpl-test-usage",
  object: "chat.completion.chunk",
  created: 0,
  model: "test-model",
  choices: [],
  usage: { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11 },
})}\n\n`;

/** The event that ends an OpenAI stream. */
export const DONE_EVENT = "data: [DONE]\n\n";

/**
 * The server-sent events of one streamed answer, each a complete
 * `data: ...\n\n` string: `chat.completion.chunk` objects carrying the
 * document's compact JSON in deltas of `deltaSize` characters, as content or
 * (with `toolName`) as one tool call per record, its arguments in deltas,
 * then the finish chunk. The server sends {@link USAGE_EVENT} when asked for
 * it, then {@link DONE_EVENT}.
 */
export function sseEvents(document: BenchDocument, options: WireOptions): string[] {
  const chunks =
    options.toolName === undefined
      ? contentDeltaChunks(JSON.stringify(document), options.deltaSize)
      : toolCallsDeltaChunks(
          document.content.map((record) => ({ name: options.toolName as string, arguments: JSON.stringify(record) })),
          options.deltaSize,
        );
  return chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`);
}

/** Joins consecutive events into groups of `size` (the last may be shorter): the text of one socket write each. */
export function groupEvents(events: readonly string[], size: number): string[] {
  const groups: string[] = [];
  for (let start = 0; start < events.length; start += size) groups.push(events.slice(start, start + size).join(""));
  return groups;
}
