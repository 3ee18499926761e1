import { PartialJsonParser } from "../partial-json/index.js";
import type { ObserverFactory } from "./chunk-observer.js";
import { immutableSnapshot } from "./immutable-snapshot.js";
import { jsonDeltaText } from "./json-delta-text.js";
import { JsonTextGate } from "./json-text-gate.js";
import type { PartialSnapshot } from "./partial-types.js";

/** Limits of the streaming parser: nesting depth and characters of one answer. */
export interface StreamLimits {
  readonly maxDepth?: number;
  readonly maxLength?: number;
}

/**
 * The observer of `createPartial`: feeds the JSON text of each chunk (content
 * in the JSON modes, the tool's argument deltas in TOOLS mode) to an
 * incremental parser, and emits an immutable snapshot whenever text arrived.
 * An answer the parser cannot read stops the snapshots, not the call: the
 * final answer is checked (and re-asked) like a non-streaming one.
 */
export function partialObserver<TPartial>(limits: StreamLimits = {}): ObserverFactory<PartialSnapshot<TPartial>> {
  return (attempt, call) => {
    const parser = new PartialJsonParser({
      ...(limits.maxDepth === undefined ? {} : { maxDepth: limits.maxDepth }),
      ...(limits.maxLength === undefined ? {} : { maxLength: limits.maxLength }),
    });
    const wrapped = call.responseModel.wrapped;
    const viaTools = call.settings.mode === "tools";
    const gate = new JsonTextGate(call.settings.mode === "md_json");
    let stopped = false;
    const isComplete = (path: readonly (string | number)[]) => parser.isComplete(wrapped ? ["content", ...path] : path);
    return {
      onDelta: (delta, accumulator) => {
        if (stopped) return [];
        const text = jsonDeltaText(delta, accumulator, gate, viaTools);
        if (text === "") return [];
        try {
          parser.write(text);
        } catch {
          // Trailing text after the document, or output that is not JSON: the final check decides.
          stopped = true;
        }
        if (!stopped && parser.isComplete([])) stopped = true;
        const snapshot = immutableSnapshot(parser) as Record<string, unknown> | undefined;
        const data = wrapped ? snapshot?.content : snapshot;
        if (data === undefined) return [];
        return [{ done: false, data: data as TPartial, attempt, isComplete }];
      },
      onValid: () => [],
    };
  };
}
