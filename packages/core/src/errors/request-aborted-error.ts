import { CortexError } from "./cortex-error.js";

/** The caller's AbortSignal cancelled the call. */
export class RequestAbortedError extends CortexError("RequestAbortedError")<{
  readonly reason: string;
}> {
  readonly retryable = false;
  override get message(): string {
    return `The call was aborted: ${this.reason}`;
  }
}
