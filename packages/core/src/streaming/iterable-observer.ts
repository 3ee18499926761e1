import { type IterableResponseModel, restoreOptionalNulls, toWireJsonSchema } from "@cortex-ml/schemas";
import { Effect } from "effect";
import * as v from "valibot";
import { parallelTools } from "../modes/parallel-tools-mode.js";
import type { PreparedCall } from "../prepare-call.js";
import type { ChunkAccumulator } from "./chunk-accumulator.js";
import type { ChunkObserver, ObserverFactory } from "./chunk-observer.js";
import { JsonFeed } from "./json-feed.js";
import type { StreamLimits } from "./partial-observer.js";

function validator(call: PreparedCall) {
  const model = call.responseModel as IterableResponseModel<v.GenericSchema>;
  const element = model.element as v.GenericSchema | v.GenericSchemaAsync;
  const wire = call.modeSettings.strict ? toWireJsonSchema(element) : undefined;
  return (value: unknown): Effect.Effect<{ ok: true; value: unknown } | { ok: false }> => {
    const input = wire ? restoreOptionalNulls(value, wire) : value;
    if (!element.async) {
      const result = v.safeParse(element as v.GenericSchema, input);
      return Effect.succeed(result.success ? { ok: true, value: result.output } : { ok: false });
    }
    // A validator that throws only holds the element back: the final check of the whole list reports it.
    return Effect.promise(() => v.safeParseAsync(element, input).catch(() => ({ success: false as const }))).pipe(
      Effect.map((result) => (result.success ? { ok: true as const, value: result.output } : { ok: false as const })),
    );
  };
}

/**
 * The observer of `createIterable`: yields each element of the list,
 * validated, as soon as it is complete (its closing brace arrived, or, in
 * PARALLEL_TOOLS mode, its tool call ended). Elements yielded in an earlier
 * attempt are not yielded again after a re-ask (the re-ask asks for the same
 * list, corrected, in the same order).
 */
export function iterableObserver<TElement>(limits: StreamLimits = {}): ObserverFactory<TElement> {
  const yielded = new Set<number>();
  return (_attempt, call): ChunkObserver<TElement> => {
    const validate = validator(call);
    const pending: Array<[number, unknown]> = [];
    const drain = () =>
      Effect.map(
        Effect.forEach(pending.splice(0), ([index, value]) =>
          yielded.has(index)
            ? Effect.succeed(undefined)
            : Effect.map(validate(value), (result) => {
                if (!result.ok) return undefined;
                yielded.add(index);
                return { value: result.value as TElement };
              }),
        ),
        (results) => results.filter((result) => result !== undefined).map((result) => result.value),
      );
    const onValid = (data: unknown) => {
      const items = Array.isArray(data) ? data : [];
      const rest: TElement[] = [];
      items.forEach((item, index) => {
        if (!yielded.has(index)) {
          yielded.add(index);
          rest.push(item as TElement);
        }
      });
      return rest;
    };
    // A mode with no single JSON document answers with one tool call per element.
    if (call.strategy.streamedJson === undefined) {
      const tools = new Map(parallelTools(call.responseModel).map((tool) => [tool.name, tool]));
      let done = 0;
      const complete = (index: number, accumulator: ChunkAccumulator) => {
        const toolCall = accumulator.toolCall(index);
        if (toolCall === undefined) return;
        try {
          const args = JSON.parse(toolCall.arguments || "{}") as unknown;
          pending.push([index, tools.get(toolCall.name)?.tagged === false ? args : { type: toolCall.name, value: args }]);
        } catch {
          // Unreadable arguments: the final check re-asks.
        }
      };
      return {
        onDelta: (_delta, accumulator) => {
          // A call is complete once the next one started (its arguments are joined once, then);
          // the last completes at the end (onValid).
          while (done < accumulator.toolCallCount - 1) {
            complete(done, accumulator);
            done += 1;
          }
        },
        flush: () => (pending.length ? drain() : []),
        onValid,
      };
    }
    const json = new JsonFeed(call, limits, {
      onValueComplete: (path, value) => {
        if (path.length === 2 && path[0] === "content" && typeof path[1] === "number") pending.push([path[1], value]);
      },
    });
    return {
      onDelta: (delta, accumulator) => {
        json.feed(delta, accumulator);
      },
      flush: () => (pending.length ? drain() : []),
      onValid,
    };
  };
}
