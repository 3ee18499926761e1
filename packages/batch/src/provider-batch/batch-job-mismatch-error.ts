import { CortexError } from "@cortex-ml/core";

/**
 * The store already holds a job of this id for other records, another
 * model or another batch API: resuming it would mix two jobs' answers.
 */
export class BatchJobMismatchError extends CortexError("BatchJobMismatchError")<{
  readonly jobId: string;
  /** What differs: `model (gpt-4o)`, `batch API (openai-batch)`, `set of records or request settings ...`. */
  readonly difference: string;
}> {
  readonly retryable = false;
  override get message(): string {
    return `The stored job "${this.jobId}" was started with a different ${this.difference}. Use another job id (--job on the command line) for this input, or remove the stored job (store.remove) to start over.`;
  }
}
