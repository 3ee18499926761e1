import { CortexError } from "@cortex-ml/core";

/** A job name that cannot name Redis keys and a BullMQ queue. */
export class InvalidJobNameError extends CortexError("InvalidJobNameError")<{ readonly jobName: string }> {
  readonly retryable = false;
  override get message(): string {
    return `invalid job name "${this.jobName}": use 1 to 100 letters, digits, "_", "." or "-", starting with a letter or digit (e.g. invoices-2026-12)`;
  }
}
