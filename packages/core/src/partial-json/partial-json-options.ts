import type { JsonShape } from "./json-shape.js";

/** Where a value sits in the document: object keys and array indices from the root (the root is `[]`). */
export type JsonPath = readonly (string | number)[];

/** Settings of a {@link PartialJsonParser}. */
export interface PartialJsonParserOptions {
  /** Nesting of objects/arrays deeper than this throws a `depth` error. Default 256. */
  maxDepth?: number;
  /** More characters than this fed in total throws a `size` error. Default 16 Mi (16 * 1024 * 1024). */
  maxLength?: number;
  /**
   * Called once for each value (scalar, object, array) when it is complete, innermost first,
   * with its path from the root. Not called for values under a dropped `__proto__` member.
   */
  onValueComplete?: (path: JsonPath, value: unknown) => void;
  /**
   * The keys the document's schema allows (see `jsonShapeOf`): members with other keys are
   * read and checked but kept out of the partial value, like `__proto__`. Default: every key.
   */
  shape?: JsonShape;
}

/** Default `maxDepth`. */
export const defaultMaxDepth = 256;

/** Default `maxLength`, in UTF-16 code units. */
export const defaultMaxLength = 16 * 1024 * 1024;

/** `value`, or `fallback` when undefined; throws a RangeError unless it is a positive integer or Infinity. */
export function positiveLimit(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (value === Number.POSITIVE_INFINITY || (Number.isInteger(value) && value > 0)) return value;
  throw new RangeError(`PartialJsonParser option ${name} must be a positive integer or Infinity, got ${String(value)}`);
}
