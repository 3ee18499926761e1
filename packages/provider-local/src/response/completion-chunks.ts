import type { ChatCompletionChunk } from "openai/resources/chat/completions";

type FinishReason = NonNullable<ChatCompletionChunk["choices"][number]["finish_reason"]>;
type Delta = ChatCompletionChunk["choices"][number]["delta"];

/** Builds the `chat.completion.chunk` objects of one streamed answer (same id, model and time on each). */
export class CompletionChunks {
  constructor(
    private readonly id: string,
    private readonly model: string,
    private readonly created: number = Math.floor(Date.now() / 1000),
  ) {}

  /** A chunk carrying one delta (and, on the last one, the finish reason). */
  delta(delta: Delta, finishReason: FinishReason | null = null): ChatCompletionChunk {
    return {
      id: this.id,
      object: "chat.completion.chunk",
      created: this.created,
      model: this.model,
      choices: [{ index: 0, delta, finish_reason: finishReason, logprobs: null }],
    };
  }

  /** Generated text. */
  content(text: string, first: boolean): ChatCompletionChunk {
    return this.delta(first ? { role: "assistant", content: text } : { content: text });
  }

  /** A piece of a thinking model's thought (`reasoning_content`, as llama.cpp's server and DeepSeek send it). */
  reasoning(text: string, first: boolean): ChatCompletionChunk {
    const delta = { reasoning_content: text, ...(first ? { role: "assistant" as const } : {}) };
    return this.delta(delta as Delta);
  }

  /** A tool call opening (id and name), with its first argument text. */
  toolCallStart(index: number, id: string, name: string, argumentsText: string): ChatCompletionChunk {
    return this.delta({ role: "assistant", tool_calls: [{ index, id, type: "function", function: { name, arguments: argumentsText } }] });
  }

  /** More argument text of an open tool call. */
  toolArguments(index: number, text: string): ChatCompletionChunk {
    return this.delta({ tool_calls: [{ index, function: { arguments: text } }] });
  }

  /** The last choice chunk: an empty delta and the finish reason. */
  finish(reason: FinishReason): ChatCompletionChunk {
    return this.delta({}, reason);
  }

  /** The usage chunk sent after the finish (`stream_options.include_usage`): no choices. */
  usage(promptTokens: number, completionTokens: number): ChatCompletionChunk {
    return {
      id: this.id,
      object: "chat.completion.chunk",
      created: this.created,
      model: this.model,
      choices: [],
      usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    };
  }
}
