import type { JsonPath } from "../partial-json/index.js";
import type { ObserverFactory } from "./chunk-observer.js";
import { immutableSnapshot } from "./immutable-snapshot.js";
import { JsonFeed } from "./json-feed.js";
import type { PartialSnapshot } from "./partial-types.js";

/** Limits of the streaming parser: nesting depth and characters of one answer. */
export interface StreamLimits {
  readonly maxDepth?: number;
  readonly maxLength?: number;
}

/** The stream limits of a call's options, read safely whatever was passed as options. */
export function limitsOf(options: unknown): StreamLimits {
  if (typeof options !== "object" || options === null) return {};
  const { maxDepth, maxLength } = options as StreamLimits;
  return { maxDepth, maxLength };
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
    const json = new JsonFeed(call, limits);
    const wrapped = call.responseModel.wrapped;
    const isComplete = (path: JsonPath) => json.parser.isComplete(wrapped ? ["content", ...path] : path);
    return {
      onDelta: (delta, accumulator) => {
        if (!json.feed(delta, accumulator)) return [];
        const snapshot = immutableSnapshot(json.parser) as Record<string, unknown> | undefined;
        const data = wrapped ? snapshot?.content : snapshot;
        if (data === undefined) return [];
        return [{ done: false, data: data as TPartial, attempt, isComplete }];
      },
      onValid: () => [],
    };
  };
}
