import { CortexError } from "@cortex-ml/core";

/** An input line of a batch that is not a record: not JSON, or without the text. */
export class InvalidRecordError extends CortexError("InvalidRecordError")<{
  /** 1-based line number in the input file. */
  readonly line: number;
  /** What is wrong with the line, and how to fix it. */
  readonly problem: string;
}> {
  readonly retryable = false;
  override get message(): string {
    return this.problem;
  }
}
