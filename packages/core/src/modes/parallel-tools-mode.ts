import { isIterableResponseModel, type ResponseModel, toWireJsonSchema, unionMembers } from "@cortex-ml/schemas";
import type { ChatCompletionMessageParam, ChatCompletionTool } from "openai/resources/chat/completions";
import type { ModeStrategy } from "./mode.js";
import { textReask } from "./schema-instructions.js";

/** The tools of a parallel-tools response model: one per union member, or one for a plain element. */
export interface ParallelTool {
  readonly name: string;
  readonly description: string | undefined;
  readonly parameters: Record<string, unknown>;
  /** True when calls are wrapped as `{ type: name, value: arguments }` (union members). */
  readonly tagged: boolean;
}

const cache = new WeakMap<ResponseModel, readonly ParallelTool[]>();

function description(schema: unknown): string | undefined {
  const pipe = (schema as { pipe?: readonly { type?: string; description?: string }[] }).pipe;
  return pipe?.find((item) => item.type === "description")?.description;
}

/** The tools PARALLEL_TOOLS sends for a response model (it must be `iterable(...)`). */
export function parallelTools(model: ResponseModel): readonly ParallelTool[] {
  const cached = cache.get(model);
  if (cached) return cached;
  if (!isIterableResponseModel(model)) throw new TypeError("PARALLEL_TOOLS needs responseModel: iterable(union({ ... })) or iterable(Schema).");
  const members = unionMembers(model.element);
  const tools: ParallelTool[] = members
    ? members.map((member) => ({ name: member.name, description: description(member.schema), parameters: toWireJsonSchema(member.schema), tagged: true }))
    : [{ name: model.name.replace(/List$/, "") || "Item", description: description(model.element), parameters: toWireJsonSchema(model.element), tagged: false }];
  cache.set(model, tools);
  return tools;
}

/**
 * PARALLEL_TOOLS mode: one function tool per union member and `tool_choice:
 * "auto"`; every tool call becomes one element of the list, validated against
 * its own member's schema.
 */
export const parallelToolsMode: ModeStrategy = {
  mode: "parallel_tools",
  supportsStrict: true,
  needsIterable: true,
  streamedJson: undefined,
  buildRequest: (model, messages, settings) => ({
    messages: [...messages],
    tools: parallelTools(model).map(
      (tool): ChatCompletionTool => ({
        type: "function",
        function: {
          name: tool.name,
          ...(tool.description ? { description: tool.description } : {}),
          parameters: tool.parameters,
          ...(settings.strict ? { strict: true } : {}),
        },
      }),
    ),
    tool_choice: "auto",
  }),
  readOutput: (model, message) => {
    const calls = (message.tool_calls ?? []).filter((call) => call.type === "function");
    if (calls.length === 0) return { text: message.content ?? undefined, toolCallId: undefined };
    const tools = new Map(parallelTools(model).map((tool) => [tool.name, tool]));
    // Built by concatenation, so one unreadable argument list makes the whole answer a parse error to re-ask.
    const elements = calls.map((call) => {
      const tool = tools.get(call.function.name);
      const value = call.function.arguments.trim() || "{}";
      return tool?.tagged === false ? value : `{"type":${JSON.stringify(call.function.name)},"value":${value}}`;
    });
    return { text: `{"content":[${elements.join(",")}]}`, toolCallId: calls[0]?.id };
  },
  reaskMessages: (message, _output, feedback) => {
    if (!message.tool_calls?.length) return textReask(message.content, feedback);
    const assistant: ChatCompletionMessageParam = { role: "assistant", content: message.content ?? null, tool_calls: message.tool_calls };
    const answers: ChatCompletionMessageParam[] = message.tool_calls.map((call, index) => ({
      role: "tool",
      tool_call_id: call.id,
      content: index === 0 ? `${feedback}\n(Issue paths are [call index].value...; call every tool again with corrected arguments.)` : "See the first tool result.",
    }));
    return [assistant, ...answers];
  },
};
