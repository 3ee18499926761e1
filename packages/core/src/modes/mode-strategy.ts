import { InvalidArgumentError } from "../errors/index.js";
import { jsonMode } from "./json-mode.js";
import { jsonSchemaMode } from "./json-schema-mode.js";
import { mdJsonMode } from "./md-json-mode.js";
import { Mode, type ModeStrategy } from "./mode.js";
import { parallelToolsMode } from "./parallel-tools-mode.js";
import { toolsMode } from "./tools-mode.js";

const strategies: Record<Mode, ModeStrategy> = {
  json: jsonMode,
  json_schema: jsonSchemaMode,
  md_json: mdJsonMode,
  tools: toolsMode,
  parallel_tools: parallelToolsMode,
};

/** The strategy of a mode, or an InvalidArgumentError naming the modes there are. */
export function modeStrategy(mode: string): ModeStrategy | InvalidArgumentError {
  const strategy = strategies[mode as Mode];
  if (strategy) return strategy;
  return new InvalidArgumentError({
    argument: "mode",
    problem: `unknown mode "${mode}". Use one of: ${Object.entries(Mode).map(([key, value]) => `Mode.${key} ("${value}")`).join(", ")}.`,
  });
}
