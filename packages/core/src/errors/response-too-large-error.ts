import { CortexError } from "./cortex-error.js";

/** The server's answer was larger than `maxResponseBytes`; reading stopped there. */
export class ResponseTooLargeError extends CortexError("ResponseTooLargeError")<{
  readonly baseURL: string;
  readonly limitBytes: number;
}> {
  readonly retryable = false;
  override get message(): string {
    return `The answer from ${this.baseURL} is larger than ${this.limitBytes} bytes, so it was not read. Raise \`maxResponseBytes\` if that is expected, or bound the output with max_tokens.`;
  }
}
