import { InvalidArgumentError } from "../errors/index.js";
import { jsonMode } from "./json-mode.js";
import { jsonSchemaMode } from "./json-schema-mode.js";
import { mdJsonMode } from "./md-json-mode.js";
import { Mode, type ModeStrategy, type WireMode } from "./mode.js";
import { parallelToolsMode } from "./parallel-tools-mode.js";
import { toolsMode } from "./tools-mode.js";

const strategies: Record<WireMode, ModeStrategy> = {
  json: jsonMode,
  json_schema: jsonSchemaMode,
  md_json: mdJsonMode,
  tools: toolsMode,
  parallel_tools: parallelToolsMode,
};

/**
 * The strategy of a wire mode, or an InvalidArgumentError naming the modes
 * there are. `"auto"` has no strategy of its own (it picks one per call).
 */
export function modeStrategy(mode: string): ModeStrategy | InvalidArgumentError {
  const strategy = strategies[mode as WireMode];
  if (strategy) return strategy;
  return new InvalidArgumentError({
    argument: "mode",
    problem: `unknown mode "${mode}". Use one of: ${Object.entries(Mode).map(([key, value]) => `Mode.${key} ("${value}")`).join(", ")}.`,
  });
}

/** True when `mode` is one of the {@link Mode} values, `"auto"` included. */
export function isKnownMode(mode: unknown): mode is Mode {
  return mode === Mode.AUTO || (typeof mode === "string" && Object.hasOwn(strategies, mode));
}
