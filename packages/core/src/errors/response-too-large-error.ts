import { Data } from "effect";
import { hasTag } from "./has-tag.js";

/** The server's answer was larger than `maxResponseBytes`; reading stopped there. */
export class ResponseTooLargeError extends Data.TaggedError("ResponseTooLargeError")<{
  readonly baseURL: string;
  readonly limitBytes: number;
}> {
  readonly retryable = false;
  override get message(): string {
    return `The answer from ${this.baseURL} is larger than ${this.limitBytes} bytes, so it was not read. Raise \`maxResponseBytes\` if that is expected, or bound the output with max_tokens.`;
  }
  /** True for a ResponseTooLargeError from any copy of this package. */
  static isInstance(value: unknown): value is ResponseTooLargeError {
    return hasTag(value, "ResponseTooLargeError");
  }
}
