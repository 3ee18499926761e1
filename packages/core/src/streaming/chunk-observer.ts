import type { Effect } from "effect";
import type { PreparedCall } from "../prepare-call.js";
import type { ChunkAccumulator, ChunkDelta } from "./chunk-accumulator.js";

/**
 * What a streaming API does with one attempt's chunks: take each chunk's
 * delta as it arrives, then turn what a batch of chunks (one network read)
 * added into the events it yields (snapshots, or validated elements).
 */
export interface ChunkObserver<TEvent> {
  /** Takes one chunk's delta. */
  onDelta(delta: ChunkDelta, accumulator: ChunkAccumulator): void;
  /**
   * The events of what was taken since the last flush; `final` at the end of
   * the attempt's stream. An Effect when producing them needs async work
   * (validators).
   */
  flush(final: boolean): readonly TEvent[] | Effect.Effect<readonly TEvent[]>;
  /** Called once the attempt's answer is valid: the last events to emit (e.g. elements not yielded yet). */
  onValid(data: unknown): readonly TEvent[];
}

/** Builds the observer of each attempt. */
export type ObserverFactory<TEvent> = (attempt: number, call: PreparedCall) => ChunkObserver<TEvent>;
