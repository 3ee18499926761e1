import { errorMarker, isCortexError } from "@cortex-ml/schemas";
import { Data } from "effect";

/** The class {@link CortexError} returns: Effect's tagged error class, plus `isInstance`. */
export type CortexErrorConstructor<Tag extends string> = ReturnType<typeof Data.TaggedError<Tag>> & {
  /** True for an error of this class from any copy of its package. */
  isInstance<T>(this: abstract new (...args: never[]) => T, value: unknown): value is T;
};

/**
 * The base class of a cortex-ml error: an Effect `Data.TaggedError` (so
 * `Effect.catchTag` and `yield*` work) whose `name` is its tag, marked with
 * {@link errorMarker}, with a static `isInstance` that works across duplicate
 * package copies and never matches another library's error of the same tag.
 *
 * @example
 * export class QuotaError extends CortexError("QuotaError")<{ readonly limit: number }> {}
 * QuotaError.isInstance(error); // true for a QuotaError from any copy of the package
 */
export function CortexError<const Tag extends string>(tag: Tag): CortexErrorConstructor<Tag> {
  const TaggedError = Data.TaggedError(tag) as unknown as new (args: object) => object;
  class MarkedError extends TaggedError {
    static isInstance(value: unknown): boolean {
      return isCortexError(value, tag);
    }
  }
  Object.defineProperty(MarkedError.prototype, errorMarker, { value: tag });
  return MarkedError as unknown as CortexErrorConstructor<Tag>;
}
