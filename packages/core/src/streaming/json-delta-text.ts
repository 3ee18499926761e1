import type { ChunkAccumulator, ChunkDelta } from "./chunk-accumulator.js";
import { JsonTextGate } from "./json-text-gate.js";

/** Reads the JSON text each chunk of one streamed attempt adds (one reader per attempt: it keeps state). */
export type StreamedJsonReader = (delta: ChunkDelta, accumulator: ChunkAccumulator) => string;

/** The JSON text of the content (JSON modes), or only the body of its first ```json block (`fenced`). */
export function contentJsonReader(fenced: boolean): () => StreamedJsonReader {
  return () => {
    const gate = new JsonTextGate(fenced);
    return (delta) => gate.push(delta.content);
  };
}

/**
 * The first tool call's argument deltas (TOOLS mode), or the content when
 * the server ignored `tool_choice` and answers in text, as Ollama does.
 */
export function toolArgumentsJsonReader(): StreamedJsonReader {
  const gate = new JsonTextGate(false);
  return (delta, accumulator) => {
    let text = "";
    for (const part of delta.toolArguments) if (part.index === 0) text += part.text;
    if (text === "" && delta.content && accumulator.toolName(0) === undefined) text = gate.push(delta.content);
    return text;
  };
}
