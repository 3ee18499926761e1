import { jsonShapeOf } from "../partial-json/json-shape.js";
import { isCompleteAt } from "../partial-json/open-state.js";
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
  return { ...(maxDepth === undefined ? {} : { maxDepth }), ...(maxLength === undefined ? {} : { maxLength }) };
}

/**
 * Open containers up to this many members and elements in all are copied
 * for every snapshot; past it, a snapshot waits until the text since the
 * last one is a quarter of that width, so copying stays linear in the size
 * of the answer (a list of 10,000 records is not copied per token).
 */
const alwaysCopiedWidth = 256;

/**
 * The observer of `createPartial`: feeds the JSON text of each chunk (content
 * in the JSON modes, the tool's argument deltas in TOOLS mode) to an
 * incremental parser that keeps keys the schema does not know out of the
 * value, and takes an immutable snapshot after each chunk that changed the
 * value (never one equal to the snapshot before it); a batch of chunks (one
 * network read) is handed on at once. An answer the parser
 * cannot read stops the snapshots, not the call: the final answer is checked
 * (and re-asked) like a non-streaming one.
 */
export function partialObserver<TPartial>(limits: StreamLimits = {}): ObserverFactory<PartialSnapshot<TPartial>> {
  return (attempt, call) => {
    const json = new JsonFeed(call, limits, { shape: jsonShapeOf(call.responseModel.jsonSchema) });
    const wrapped = call.responseModel.wrapped;
    let shownVersion = json.parser.version;
    let textSinceShown = 0;
    let pending: PartialSnapshot<TPartial>[] = [];
    const snapshot = (final: boolean) => {
      const { parser } = json;
      if (parser.version === shownVersion) return;
      const width = parser.openWidth;
      if (!final && width > alwaysCopiedWidth && textSinceShown * 4 < width) return;
      const root = immutableSnapshot(parser) as Record<string, unknown> | undefined;
      const data = wrapped ? root?.content : root;
      if (data === undefined) return;
      shownVersion = parser.version;
      textSinceShown = 0;
      const state = parser.openState();
      const isComplete = (path: JsonPath) => isCompleteAt(root, state, wrapped ? ["content", ...path] : path);
      pending.push({ done: false, data: data as TPartial, attempt, isComplete });
    };
    return {
      onDelta: (delta, accumulator) => {
        const taken = json.feed(delta, accumulator);
        if (taken === 0) return;
        textSinceShown += taken;
        snapshot(false);
      },
      flush: (final) => {
        if (final) snapshot(true);
        if (pending.length === 0) return noSnapshots;
        const events = pending;
        pending = [];
        return events;
      },
      onValid: () => [],
    };
  };
}

const noSnapshots: readonly never[] = [];
