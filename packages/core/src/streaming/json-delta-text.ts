import type { ChunkAccumulator, ChunkDelta } from "./chunk-accumulator.js";
import type { JsonTextGate } from "./json-text-gate.js";

/**
 * The JSON text one chunk adds: the first tool call's argument deltas in
 * TOOLS mode (or the content, when the server ignored `tool_choice` and
 * answers in text, as Ollama does), else the content through the gate.
 */
export function jsonDeltaText(delta: ChunkDelta, accumulator: ChunkAccumulator, gate: JsonTextGate, viaTools: boolean): string {
  if (!viaTools) return gate.push(delta.content);
  let text = "";
  for (const part of delta.toolArguments) if (part.index === 0) text += part.text;
  if (text === "" && delta.content && accumulator.toolName(0) === undefined) text = gate.push(delta.content);
  return text;
}
