import { Data } from "effect";
import { hasTag } from "./has-tag.js";

/** An option of a call or client is wrong; the message names the option and the fix. */
export class InvalidArgumentError extends Data.TaggedError("InvalidArgumentError")<{
  readonly argument: string;
  readonly problem: string;
}> {
  readonly retryable = false;
  override get message(): string {
    return `Invalid \`${this.argument}\`: ${this.problem}`;
  }
  /** True for an InvalidArgumentError from any copy of this package. */
  static isInstance(value: unknown): value is InvalidArgumentError {
    return hasTag(value, "InvalidArgumentError");
  }
}
