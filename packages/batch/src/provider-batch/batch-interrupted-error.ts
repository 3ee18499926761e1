import { CortexError } from "@cortex-ml/core";

/** The job was stopped by its AbortSignal (Ctrl-C) while waiting; its state is saved and a rerun resumes it. */
export class BatchInterruptedError extends CortexError("BatchInterruptedError")<{
  readonly jobId: string;
  /** The batch being waited for, if any. */
  readonly batchId: string | undefined;
}> {
  readonly retryable = true;
  override get message(): string {
    const batch = this.batchId === undefined ? "" : ` Batch ${this.batchId} keeps running at the provider.`;
    return `The job "${this.jobId}" was interrupted; its state is saved and running it again resumes it without resubmitting.${batch}`;
  }
}
