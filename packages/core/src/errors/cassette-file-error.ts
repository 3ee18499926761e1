import { CortexError } from "./cortex-error.js";

/**
 * A cassette file cannot be used: a line that is not a recorded exchange (bad
 * JSON, a missing or wrong field), or a file that cannot be read or written.
 */
export class CassetteFileError extends CortexError("CassetteFileError")<{
  /** The cassette file, absolute. */
  readonly cassettePath: string;
  /** The 1-based number of the corrupt line; undefined when the whole file failed (unreadable, unwritable). */
  readonly line: number | undefined;
  /** What is wrong. */
  readonly problem: string;
}> {
  readonly retryable = false;
  override get message(): string {
    if (this.line === undefined) return `The cassette ${this.cassettePath} cannot be used: ${this.problem}.`;
    return (
      `The cassette ${this.cassettePath} is corrupt at line ${this.line}: ${this.problem}. ` +
      "Fix or delete the line (each line is one JSON exchange), or record the cassette again with CORTEX_RECORD=record."
    );
  }
}
