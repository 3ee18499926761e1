import { contentJsonReader } from "../streaming/json-delta-text.js";
import type { ModeStrategy } from "./mode.js";
import { schemaInstructions, textReask, withSystemInstructions } from "./schema-instructions.js";

/** JSON mode: `response_format: {type: "json_object"}` and the schema in the system message. */
export const jsonMode: ModeStrategy = {
  mode: "json",
  supportsStrict: false,
  needsIterable: false,
  streamedJson: contentJsonReader(false),
  buildRequest: (model, messages) => ({
    messages: withSystemInstructions(messages, schemaInstructions(model, "Return only the JSON object, with no other text.")),
    response_format: { type: "json_object" },
  }),
  readOutput: (_model, message) => ({ text: message.content ?? undefined, toolCallId: undefined }),
  reaskMessages: (message, _output, feedback) => textReask(message.content, feedback),
};
