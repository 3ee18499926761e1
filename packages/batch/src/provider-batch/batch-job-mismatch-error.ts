import { CortexError } from "@cortex-ml/core";

/**
 * The store already holds a job of this id for other records, another
 * model or another batch API: resuming it would mix two jobs' answers.
 */
export class BatchJobMismatchError extends CortexError("BatchJobMismatchError")<{
  readonly jobId: string;
  /** What differs: `the records`, `the model`, `the batch API`. */
  readonly difference: string;
}> {
  readonly retryable = false;
  override get message(): string {
    return `The stored job "${this.jobId}" was started with different ${this.difference}. Use another job id (or --state file) for this input, or delete the stored job to start over.`;
  }
}
