import type { TokenUsage } from "./scripted-reply.js";

/** What every chunk of one streamed completion shares. */
export interface ChunkIdentity {
  id: string;
  created: number;
  model: string;
}

/** One `chat.completion.chunk` object with a single choice carrying `delta`. */
export function chatCompletionChunk(
  identity: ChunkIdentity,
  delta: Record<string, unknown>,
  finishReason: string | null = null,
): Record<string, unknown> {
  return {
    id: identity.id,
    object: "chat.completion.chunk",
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
  };
}

/** The trailing usage chunk OpenAI sends with `stream_options.include_usage`: no choices, only usage. */
export function usageChunk(identity: ChunkIdentity, usage: TokenUsage): Record<string, unknown> {
  return {
    id: identity.id,
    object: "chat.completion.chunk",
    created: identity.created,
    model: identity.model,
    choices: [],
    usage: { ...usage },
  };
}

/** The current time in whole seconds, as in OpenAI's `created` field. */
export function unixSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
