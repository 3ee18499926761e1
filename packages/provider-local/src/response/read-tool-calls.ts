import { randomUUID } from "node:crypto";
import type { ChatCompletionMessageToolCall } from "openai/resources/chat/completions";

/** A new tool-call id, OpenAI style. */
export function toolCallId(): string {
  return `call_${randomUUID().replaceAll("-", "").slice(0, 24)}`;
}

/**
 * The tool calls in a parallel-tools answer (`[{"name": ..., "arguments": {...}}, ...]`,
 * the shape the tools grammar enforces), or undefined when the text is not
 * that (cut off by the token limit).
 */
export function readToolCalls(text: string): ChatCompletionMessageToolCall[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  const calls: ChatCompletionMessageToolCall[] = [];
  for (const item of parsed) {
    const { name, arguments: args } = (item ?? {}) as { name?: unknown; arguments?: unknown };
    if (typeof name !== "string") return undefined;
    calls.push({ id: toolCallId(), type: "function", function: { name, arguments: JSON.stringify(args ?? {}) } });
  }
  return calls;
}
