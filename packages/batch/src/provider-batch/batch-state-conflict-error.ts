import { CortexError } from "@cortex-ml/core";

/** Another process saved the same job in between (two runners on one job): this one stops without submitting anything. */
export class BatchStateConflictError extends CortexError("BatchStateConflictError")<{
  readonly jobId: string;
  /** The revision this process read. */
  readonly expectedRevision: number | undefined;
}> {
  readonly retryable = false;
  override get message(): string {
    return `The job "${this.jobId}" was changed by another process since revision ${this.expectedRevision ?? "(new)"}: only one runner may drive a job at a time. Run it again once the other runner has stopped.`;
  }
}
