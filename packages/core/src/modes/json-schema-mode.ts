import { contentJsonReader } from "../streaming/json-delta-text.js";
import type { ModeStrategy } from "./mode.js";
import { schemaInstructions, textReask, withSystemInstructions } from "./schema-instructions.js";

/**
 * JSON_SCHEMA mode: `response_format: {type: "json_schema", json_schema: {name, schema}}`.
 * The schema goes on the wire once; set `schemaInPrompt` to repeat it in the
 * system message for servers that ignore `response_format`.
 */
export const jsonSchemaMode: ModeStrategy = {
  mode: "json_schema",
  supportsStrict: true,
  needsIterable: false,
  streamedJson: contentJsonReader(false),
  buildRequest: (model, messages, settings) => ({
    messages: settings.schemaInPrompt
      ? withSystemInstructions(messages, schemaInstructions(model, "Return only the JSON object."))
      : [...messages],
    response_format: {
      type: "json_schema",
      json_schema: {
        name: model.name,
        ...(model.description ? { description: model.description } : {}),
        schema: model.jsonSchema,
        strict: settings.strict,
      },
    },
  }),
  readOutput: (_model, message) => ({ text: message.content ?? undefined, toolCallId: undefined }),
  reaskMessages: (message, _output, feedback) => textReask(message.content, feedback),
};
