import { CortexError } from "@cortex-ml/core";

/** A request to a provider's files/batches endpoints failed (HTTP error or no connection). */
export class BatchRequestError extends CortexError("BatchRequestError")<{
  readonly via: string;
  /** What was being done: `upload the input file`, `create the batch`, `retrieve batch b_1`... */
  readonly operation: string;
  /** The HTTP status, undefined when the server could not be reached. */
  readonly status: number | undefined;
  /** The server's message (or the connection error's), redacted. */
  readonly serverMessage: string;
  readonly retryable: boolean;
}> {
  override get message(): string {
    const status = this.status === undefined ? "no answer" : `HTTP ${this.status}`;
    const resume = this.retryable ? " The job's state is saved: run it again to resume." : "";
    return `${this.via}: could not ${this.operation} (${status}): ${this.serverMessage}.${resume}`;
  }
}
