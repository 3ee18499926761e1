import { CortexError } from "@cortex-ml/core";

/** No job of that name was submitted to this Redis. */
export class JobNotFoundError extends CortexError("JobNotFoundError")<{ readonly jobName: string; readonly redisUrl: string }> {
  readonly retryable = false;
  override get message(): string {
    return `no job "${this.jobName}" on ${this.redisUrl}: submit it first (cortex-ml batch submit INPUT.jsonl --queue ${this.redisUrl} --job ${this.jobName} ...)`;
  }
}
