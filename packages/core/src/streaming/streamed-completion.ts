import type { ChatCompletion } from "openai/resources/chat/completions";
import type { ChunkAccumulator } from "./chunk-accumulator.js";

/** The completion a stream amounts to, shaped like a non-streaming one (for hooks, records and re-asks). */
export function streamedCompletion(accumulator: ChunkAccumulator, model: string): ChatCompletion {
  return {
    id: "chatcmpl-stream",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: accumulator.message(),
        finish_reason: (accumulator.finishReason ?? "stop") as ChatCompletion["choices"][number]["finish_reason"],
        logprobs: null,
      },
    ],
    ...(accumulator.usage
      ? {
          usage: {
            prompt_tokens: accumulator.usage.prompt_tokens ?? 0,
            completion_tokens: accumulator.usage.completion_tokens ?? 0,
            total_tokens: accumulator.usage.total_tokens ?? 0,
          },
        }
      : {}),
  };
}
