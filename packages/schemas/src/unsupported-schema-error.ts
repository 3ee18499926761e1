import { errorMarker, isCortexError } from "./error-marker.js";

/** One part of a response model that JSON Schema cannot describe. */
export interface UnsupportedSchemaPart {
  /** Dotted path of the field, `(root)` for the schema itself, e.g. `user.birthday` or `items[]`. */
  readonly path: string;
  /** The Valibot schema type found there, e.g. `date`. */
  readonly schemaType: string;
  /** What to write instead. */
  readonly fix: string;
}

/**
 * Thrown when a response model is built from a Valibot schema that a model
 * cannot produce as JSON (a `v.date()`, a `v.map()`, a function...). It names
 * every offending field path and the fix, before any request is sent.
 */
export class UnsupportedSchemaError extends Error {
  readonly _tag = "UnsupportedSchemaError" as const;
  override readonly name = "UnsupportedSchemaError";
  /** Every part of the schema that cannot be described. */
  readonly parts: readonly UnsupportedSchemaPart[];

  constructor(parts: readonly UnsupportedSchemaPart[], options?: { cause?: unknown }) {
    const lines = parts.map((part) => `- ${part.path}: v.${part.schemaType}() cannot be sent to a model as JSON Schema. Fix: ${part.fix}`);
    super(`The response model cannot be described as JSON Schema:\n${lines.join("\n")}`, options);
    this.parts = parts;
  }

  static {
    Object.defineProperty(this.prototype, errorMarker, { value: "UnsupportedSchemaError" });
  }

  /** True for an UnsupportedSchemaError from any copy of this package. */
  static isInstance(value: unknown): value is UnsupportedSchemaError {
    return isCortexError(value, "UnsupportedSchemaError");
  }
}
