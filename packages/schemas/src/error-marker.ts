/**
 * The key every cortex-ml error carries: the same in every copy of every
 * cortex-ml package (`Symbol.for`), its value the error's tag. Another
 * library's error with the same `_tag` or `name` does not carry it.
 */
export const errorMarker: unique symbol = Symbol.for("@cortex-ml/error") as never;

/** True when `value` is a cortex-ml error with this tag, from any copy of the package that made it. */
export function isCortexError(value: unknown, tag: string): boolean {
  return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[errorMarker] === tag;
}
