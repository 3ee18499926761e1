const carried = Symbol.for("@cortex-ml/core/carried-error");

/**
 * An error thrown by cortex-ml's `fetch` wrapper, carrying a typed error
 * through the `openai` client (which wraps whatever `fetch` throws in an
 * `APIConnectionError`) to the transport, which unwraps it. The typed error
 * is not the `cause`: `openai` reads the cause's text, and a text with "time
 * out" in it (a user's prompt, a file name) would be taken for a timeout.
 */
export class CarriedError extends Error {
  readonly [carried]: unknown;
  constructor(error: Error & { readonly _tag: string }) {
    super(/timed? ?out/i.test(error.message) ? `${error._tag} (see this error's \`error\`)` : error.message);
    this.name = "CarriedError";
    this[carried] = error;
  }
  /** The typed error. */
  get error(): unknown {
    return this[carried];
  }
}

/** The typed error a {@link CarriedError} carries, or undefined for anything else. */
export function carriedError(value: unknown): unknown {
  return typeof value === "object" && value !== null && carried in value ? (value as { [carried]: unknown })[carried] : undefined;
}
