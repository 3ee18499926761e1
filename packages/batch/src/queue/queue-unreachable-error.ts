import { CortexError } from "@cortex-ml/core";

/** The job queue's Redis did not answer. */
export class QueueUnreachableError extends CortexError("QueueUnreachableError")<{
  /** The Redis URL, without its password. */
  readonly redisUrl: string;
  /** What the connection said, e.g. `ECONNREFUSED`. */
  readonly reason: string;
}> {
  readonly retryable = true;
  override get message(): string {
    return `the job queue at ${this.redisUrl} did not answer (${this.reason}): is Redis running there (redis-server, or apt-get install redis-server)?`;
  }
}
