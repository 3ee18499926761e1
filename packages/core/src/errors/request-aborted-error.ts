import { Data } from "effect";
import { hasTag } from "./has-tag.js";

/** The caller's AbortSignal cancelled the call. */
export class RequestAbortedError extends Data.TaggedError("RequestAbortedError")<{
  readonly reason: string;
}> {
  readonly retryable = false;
  override get message(): string {
    return `The call was aborted: ${this.reason}`;
  }
  /** True for a RequestAbortedError from any copy of this package. */
  static isInstance(value: unknown): value is RequestAbortedError {
    return hasTag(value, "RequestAbortedError");
  }
}
