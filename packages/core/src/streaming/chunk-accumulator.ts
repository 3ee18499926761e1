import type { ChatCompletionChunk, ChatCompletionMessage, ChatCompletionMessageToolCall } from "openai/resources/chat/completions";
import type { WireUsage } from "../token-usage.js";

interface ToolCallParts {
  id: string;
  name: string;
  argumentParts: string[];
}

/** What one chunk added to the answer. */
export interface ChunkDelta {
  /** New content text (reasoning fields of thinking models are never included). */
  readonly content: string;
  /** New tool-call argument text, by tool-call index. */
  readonly toolArguments: ReadonlyArray<{ readonly index: number; readonly text: string }>;
}

/**
 * Rebuilds the assistant message of a streamed completion from its chunks:
 * content deltas, tool-call argument deltas (OpenAI) or whole tool calls in
 * one chunk (Ollama), the finish reason and the usage chunk. Parts are
 * joined once at the end, so accumulation is linear.
 */
export class ChunkAccumulator {
  private readonly contentParts: string[] = [];
  private readonly refusalParts: string[] = [];
  private readonly toolCalls: ToolCallParts[] = [];
  finishReason: string | null = null;
  usage: WireUsage | undefined;
  chunks = 0;

  /** Adds one chunk and returns what it added. */
  push(chunk: ChatCompletionChunk): ChunkDelta {
    this.chunks += 1;
    if (chunk.usage) this.usage = chunk.usage;
    const choice = chunk.choices?.[0];
    if (!choice) return { content: "", toolArguments: [] };
    if (choice.finish_reason) this.finishReason = choice.finish_reason;
    const delta = choice.delta ?? {};
    const content = typeof delta.content === "string" ? delta.content : "";
    if (content) this.contentParts.push(content);
    if (typeof delta.refusal === "string" && delta.refusal) this.refusalParts.push(delta.refusal);
    const toolArguments: Array<{ index: number; text: string }> = [];
    for (const call of delta.tool_calls ?? []) {
      const index = typeof call.index === "number" ? call.index : this.toolCalls.length;
      let parts = this.toolCalls[index];
      if (!parts) {
        parts = { id: call.id ?? `call_${index}`, name: "", argumentParts: [] };
        this.toolCalls[index] = parts;
      }
      if (call.id) parts.id = call.id;
      if (call.function?.name) parts.name += call.function.name;
      const text = call.function?.arguments ?? "";
      if (text) {
        parts.argumentParts.push(text);
        toolArguments.push({ index, text });
      }
    }
    return { content, toolArguments };
  }

  /** How many tool calls have started. */
  get toolCallCount(): number {
    return this.toolCalls.length;
  }

  /** The name and the whole arguments of the tool call at `index` (joined on each call: ask once, when it is complete). */
  toolCall(index: number): { readonly name: string; readonly arguments: string } | undefined {
    const call = this.toolCalls[index];
    return call === undefined ? undefined : { name: call.name, arguments: call.argumentParts.join("") };
  }

  /** The tool name of the call at `index`, once known. */
  toolName(index: number): string | undefined {
    return this.toolCalls[index]?.name || undefined;
  }

  /** The assistant message so far, as a non-streaming completion would have it. */
  message(): ChatCompletionMessage {
    const calls = this.toolCalls.filter(Boolean);
    const toolCalls: ChatCompletionMessageToolCall[] = calls.map((call) => ({
      id: call.id,
      type: "function",
      function: { name: call.name, arguments: call.argumentParts.join("") },
    }));
    const content = this.contentParts.join("");
    return {
      role: "assistant",
      content: content === "" && toolCalls.length > 0 ? null : content,
      refusal: this.refusalParts.length ? this.refusalParts.join("") : null,
      ...(toolCalls.length ? { tool_calls: toolCalls } : {}),
    };
  }
}
