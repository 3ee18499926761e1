import { contentJsonReader } from "../streaming/json-delta-text.js";
import { extractFencedJson } from "../parsing/extract-fenced-json.js";
import type { ModeStrategy } from "./mode.js";
import { schemaInstructions, textReask, withSystemInstructions } from "./schema-instructions.js";

/** MD_JSON mode: the schema in the prompt, the answer read from a fenced ```json block. */
export const mdJsonMode: ModeStrategy = {
  mode: "md_json",
  supportsStrict: false,
  needsIterable: false,
  streamedJson: contentJsonReader(true),
  buildRequest: (model, messages) => ({
    messages: withSystemInstructions(
      messages,
      schemaInstructions(model, "Return the JSON object inside one fenced code block that starts with ```json and ends with ```."),
    ),
  }),
  readOutput: (_model, message) => ({
    text: message.content == null ? undefined : extractFencedJson(message.content),
    toolCallId: undefined,
  }),
  reaskMessages: (message, _output, feedback) => textReask(message.content, feedback),
};
