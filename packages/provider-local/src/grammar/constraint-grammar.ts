import type { LlamaGrammar } from "node-llama-cpp";
import type { OutputConstraint, ToolSpec } from "../request/read-chat-request.js";
import type { GrammarCache } from "./grammar-cache.js";

/** Tool calls one parallel-tools answer may make, unless the transport says otherwise (small models may never stop). */
export const defaultMaxToolCalls = 8;

/** The JSON Schema of a parallel tool answer: 1 to `maxCalls` items of `{ "name": <tool>, "arguments": <its parameters> }`. */
export function toolCallsSchema(tools: readonly ToolSpec[], maxCalls: number = defaultMaxToolCalls): Record<string, unknown> {
  return {
    type: "array",
    minItems: 1,
    maxItems: maxCalls,
    items: {
      oneOf: tools.map((tool) => ({
        type: "object",
        properties: { name: { const: tool.name }, arguments: tool.parameters },
        required: ["name", "arguments"],
      })),
    },
  };
}

/** The grammar that enforces a constraint, or undefined for free text. Grammars come from (and stay in) the cache. */
export function grammarForConstraint(
  grammars: GrammarCache,
  constraint: OutputConstraint,
  maxToolCalls: number = defaultMaxToolCalls,
): Promise<LlamaGrammar> | undefined {
  switch (constraint.kind) {
    case "text":
      return undefined;
    case "json":
      return grammars.json();
    case "schema":
      return grammars.forSchema(constraint.schema);
    case "tool":
      return grammars.forSchema(constraint.tool.parameters);
    case "tools":
      return grammars.forSchema(toolCallsSchema(constraint.tools, maxToolCalls));
  }
}
