import { CortexError } from "@cortex-ml/core";

/**
 * The provider answered a batch item with an error instead of a completion
 * (an invalid request, a server error, an expired or cancelled item).
 * Retryable ones are sent again in the next round before they end up here.
 */
export class BatchItemError extends CortexError("BatchItemError")<{
  readonly via: string;
  /** The item's `custom_id`. */
  readonly customId: string;
  /** The HTTP status of the item's response, when it had one. */
  readonly status: number | undefined;
  /** The provider's error type or code (`invalid_request_error`, `batch_expired`, `expired`...). */
  readonly code: string | undefined;
  readonly serverMessage: string;
  readonly retryable: boolean;
}> {
  override get message(): string {
    const status = this.status === undefined ? "" : ` (HTTP ${this.status})`;
    const code = this.code === undefined ? "" : ` [${this.code}]`;
    return `${this.via} could not answer item ${this.customId}${status}${code}: ${this.serverMessage}`;
  }
}
