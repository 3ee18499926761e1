/**
 * What happened to one value: `matched` (answer and label agree), `mismatched`
 * (both have a value and they differ), `missing` (only the label has one),
 * `extra` (only the answer has one).
 */
export type FieldOutcome = "matched" | "mismatched" | "missing" | "extra";

/**
 * What a report row counts: `value`, a single value (a string, a number...);
 * `set`, the elements of an array of plain values, matched order-insensitively;
 * `items`, whole elements of an array of objects (matched only when every field
 * of the element matches; its fields have rows of their own, `items[].price`).
 */
export type FieldKind = "value" | "set" | "items";

/** One value compared: where (its schema path), what kind of row counts it, and the outcome. */
export interface FieldEvent {
  readonly path: string;
  readonly kind: FieldKind;
  readonly outcome: FieldOutcome;
}

/** A place where an answer disagrees with its label, with both values (absent where a side has none). */
export interface Disagreement {
  /** The concrete place, `items[2].price`; `(root)` for the whole answer. */
  readonly at: string;
  readonly outcome: Exclude<FieldOutcome, "matched">;
  readonly label?: unknown;
  readonly output?: unknown;
}
