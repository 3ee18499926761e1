/** Why a partial JSON stream was rejected. */
export type PartialJsonErrorCode = "syntax" | "depth" | "size" | "incomplete";

const brand = Symbol.for("@cortex-ml/core/PartialJsonError");

/**
 * The stream cannot be (or did not become) a JSON document.
 *
 * - `syntax`: a character that no JSON document could contain at that place.
 * - `depth`: objects/arrays nested deeper than `maxDepth`.
 * - `size`: more than `maxLength` characters fed in total.
 * - `incomplete`: `end()` was called before the document was finished.
 *
 * `position` is the 0-based UTF-16 offset in the whole stream (not in the chunk)
 * of the offending character; for `incomplete` it is the total length.
 */
export class PartialJsonError extends Error {
  override readonly name = "PartialJsonError" as const;
  readonly code: PartialJsonErrorCode;
  readonly position: number;

  constructor(code: PartialJsonErrorCode, position: number, message: string) {
    super(`${message} at position ${position}`);
    this.code = code;
    this.position = position;
    Object.defineProperty(this, brand, { value: true });
  }

  /** True for a PartialJsonError from any copy of this package. */
  static isInstance(value: unknown): value is PartialJsonError {
    return typeof value === "object" && value !== null && (value as { [brand]?: unknown })[brand] === true;
  }
}
