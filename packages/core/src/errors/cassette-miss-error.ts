import { CortexError } from "./cortex-error.js";

/**
 * A request was not in the cassette and the cassette may not record it
 * (`CORTEX_RECORD=replay`). Names the call and the way to record it.
 */
export class CassetteMissError extends CortexError("CassetteMissError")<{
  /** The cassette file, absolute. */
  readonly cassettePath: string;
  /** Method and path, e.g. `POST /v1/chat/completions`. */
  readonly request: string;
  /** The model the request names, when it names one. */
  readonly model: string | undefined;
  /** The first user message, cut short, when the request has one. */
  readonly firstUserMessage: string | undefined;
  /** How many times this exact request was sent in this run, this one included. */
  readonly occurrence: number;
  /** How many times the cassette holds this exact request. */
  readonly recordedTimes: number;
  /** Where the closest recorded request of the same method and path differs (JSON paths), when there is one. */
  readonly closestDifference: readonly string[] | undefined;
  /** False when the cassette file does not exist. */
  readonly cassetteExists: boolean;
}> {
  readonly retryable = false;
  override get message(): string {
    const call = [
      this.request,
      this.model === undefined ? undefined : `model ${JSON.stringify(this.model)}`,
      this.firstUserMessage === undefined ? undefined : `first user message ${JSON.stringify(this.firstUserMessage)}`,
    ]
      .filter((part) => part !== undefined)
      .join(", ");
    const why = !this.cassetteExists
      ? "the file does not exist yet"
      : this.recordedTimes > 0
        ? `the request is recorded ${this.recordedTimes} time${this.recordedTimes === 1 ? "" : "s"} and this is time ${this.occurrence}`
        : this.closestDifference !== undefined && this.closestDifference.length > 0
          ? `the closest recorded request differs at ${this.closestDifference.join(", ")}`
          : "nothing like it is recorded";
    return (
      `No recorded answer for ${call} in the cassette ${this.cassettePath} (${why}). ` +
      "Record it: run with CORTEX_RECORD=record to record the cassette again, or CORTEX_RECORD=auto to add only what is missing."
    );
  }
}
