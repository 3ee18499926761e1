import { CortexError } from "@cortex-ml/core";

/**
 * A record the queue gave up on without an answer: its worker died with it
 * too often (a poison record), or every delivery failed on the endpoints.
 * Written as the record's failure, so the counts still add up.
 */
export class RecordLostError extends CortexError("RecordLostError")<{
  readonly line: number;
  /** Times a worker took the record. */
  readonly deliveries: number;
  /** BullMQ's reason for failing the record. */
  readonly reason: string;
}> {
  readonly retryable = false;
  override get message(): string {
    return `record on line ${this.line} failed after ${this.deliveries} deliveries: ${this.reason}`;
  }
}
