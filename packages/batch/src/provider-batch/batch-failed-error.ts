import { CortexError } from "@cortex-ml/core";

/**
 * A whole provider batch failed (OpenAI `failed`: the input file was
 * rejected), so none of its items has an answer. The job's state keeps the
 * records pending: fix the cause and run the job again to resubmit them.
 */
export class BatchFailedError extends CortexError("BatchFailedError")<{
  readonly via: string;
  readonly batchId: string;
  readonly round: number;
  /** The provider's status for the batch. */
  readonly status: string;
  /** The provider's reasons, redacted. */
  readonly reasons: readonly string[];
}> {
  readonly retryable = false;
  override get message(): string {
    const reasons = this.reasons.length > 0 ? `: ${this.reasons.join("; ")}` : "";
    return `${this.via} batch ${this.batchId} (round ${this.round}) ended "${this.status}"${reasons}. Its records stay pending; run the job again to resubmit them.`;
  }
}
