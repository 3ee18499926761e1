import { CortexError } from "./cortex-error.js";

/** An option of a call or client is wrong; the message names the option and the fix. */
export class InvalidArgumentError extends CortexError("InvalidArgumentError")<{
  readonly argument: string;
  readonly problem: string;
}> {
  readonly retryable = false;
  override get message(): string {
    return `Invalid \`${this.argument}\`: ${this.problem}`;
  }
}
