import type { CompletionReply, ScriptedReply } from "./scripted-reply.js";

/** One tool call to script: object arguments are serialised with `JSON.stringify`. */
export interface ToolCallInput {
  name: string;
  arguments: string | object;
  id?: string;
}

/** Extra fields of a tool-call completion; `content` defaults to `null`. */
export type ToolCallCompletionExtra = Partial<Omit<CompletionReply, "kind" | "toolCalls">>;

/** A completion whose assistant message calls the given tools (finish reason `tool_calls` by default). */
export function toolCallCompletion(
  calls: ToolCallInput[],
  extra: ToolCallCompletionExtra = {},
): ScriptedReply {
  const toolCalls = calls.map((call) => ({
    ...(call.id === undefined ? {} : { id: call.id }),
    name: call.name,
    arguments: typeof call.arguments === "string" ? call.arguments : JSON.stringify(call.arguments),
  }));
  return { kind: "completion", content: null, ...extra, toolCalls };
}
