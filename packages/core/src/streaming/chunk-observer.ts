import type { Effect } from "effect";
import type { PreparedCall } from "../prepare-call.js";
import type { ChunkAccumulator, ChunkDelta } from "./chunk-accumulator.js";

/**
 * What a streaming API does with one attempt's chunks: turn them into the
 * events it yields (snapshots, or validated elements). Returns the events to
 * emit now; an Effect when producing them needs async work (validators).
 */
export interface ChunkObserver<TEvent> {
  onDelta(delta: ChunkDelta, accumulator: ChunkAccumulator): readonly TEvent[] | Effect.Effect<readonly TEvent[]>;
  /** Called once the attempt's answer is valid: the last events to emit (e.g. elements not yielded yet). */
  onValid(data: unknown): readonly TEvent[];
}

/** Builds the observer of each attempt. */
export type ObserverFactory<TEvent> = (attempt: number, call: PreparedCall) => ChunkObserver<TEvent>;
