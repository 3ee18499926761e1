import type { WireMode } from "../modes/mode.js";
import type { JsonPath } from "../partial-json/index.js";
import type { TokenUsage } from "../token-usage.js";

/** Every field optional, all the way down: what a snapshot of a streaming answer can hold. */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? DeepPartial<U>[]
  : T extends Date | RegExp | Map<unknown, unknown> | Set<unknown>
    ? T
    : T extends object
      ? { [K in keyof T]?: DeepPartial<T[K]> }
      : T;

/** A snapshot while the answer streams in: the model's JSON so far, never a value that later changes type. */
export interface PartialSnapshot<TPartial> {
  readonly done: false;
  /** The answer so far (as the model writes it: transforms have not run yet). */
  readonly data: TPartial;
  /** The attempt it belongs to: a re-ask starts a new answer from attempt 2 on; 0 for an answer replayed from the cache. */
  readonly attempt: number;
  /** Whether the field at `path` (relative to `data`) is complete and will not change in this attempt. */
  readonly isComplete: (path: JsonPath) => boolean;
}

/** The last item of a partial stream: the fully validated object. */
export interface FinalSnapshot<TOutput> {
  readonly done: true;
  readonly data: TOutput;
  readonly attempt: number;
  /** Tokens used by every attempt (and validator call), summed. */
  readonly usage: TokenUsage;
  /** With a client cache: `"hit"` when the answer was replayed from it (then `attempt` is 0), else `"miss"`. */
  readonly cache?: "hit" | "miss";
  /** In mode "auto": the mode of the answer (the one picked, or the next one after a dropped constraint). */
  readonly modeUsed?: WireMode;
  /** In mode "auto": whether the server applied that mode's constraint to the answer; undefined when it could not tell. */
  readonly constraintHonoured?: boolean | undefined;
}

/** One item of `createPartial`: snapshots, then the validated object. */
export type PartialEvent<TPartial, TOutput> = PartialSnapshot<TPartial> | FinalSnapshot<TOutput>;
