import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import { toolArgumentsJsonReader } from "../streaming/json-delta-text.js";
import type { ModeStrategy } from "./mode.js";
import { textReask } from "./schema-instructions.js";

/**
 * TOOLS mode: one function tool whose parameters are the schema, and a forced
 * `tool_choice`. Servers that ignore `tool_choice` (Ollama) may answer in
 * plain text instead; that JSON is read too.
 */
export const toolsMode: ModeStrategy = {
  mode: "tools",
  supportsStrict: true,
  needsIterable: false,
  streamedJson: toolArgumentsJsonReader,
  buildRequest: (model, messages, settings) => ({
    messages: [...messages],
    tools: [
      {
        type: "function",
        function: {
          name: model.name,
          ...(model.description ? { description: model.description } : {}),
          parameters: model.jsonSchema,
          ...(settings.strict ? { strict: true } : {}),
        },
      },
    ],
    tool_choice: { type: "function", function: { name: model.name } },
  }),
  readOutput: (model, message) => {
    const calls = (message.tool_calls ?? []).filter((call) => call.type === "function");
    const call = calls.find((candidate) => candidate.function.name === model.name) ?? calls[0];
    if (call) return { text: call.function.arguments, toolCallId: call.id };
    return { text: message.content ?? undefined, toolCallId: undefined };
  },
  reaskMessages: (message, output, feedback) => {
    if (output.toolCallId === undefined || !message.tool_calls?.length) return textReask(message.content, feedback);
    // Every tool call needs an answer; the one we read gets the feedback.
    const assistant: ChatCompletionMessageParam = { role: "assistant", content: message.content ?? null, tool_calls: message.tool_calls };
    const answers: ChatCompletionMessageParam[] = message.tool_calls.map((call) => ({
      role: "tool",
      tool_call_id: call.id,
      content: call.id === output.toolCallId ? feedback : "Ignored: call the requested function only.",
    }));
    return [assistant, ...answers];
  },
};
