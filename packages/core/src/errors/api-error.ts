import { CortexError } from "./cortex-error.js";

/** The server answered with an HTTP error status. 408, 409, 429 and 5xx are retryable. */
export class ApiError extends CortexError("ApiError")<{
  readonly status: number;
  readonly baseURL: string;
  /** The server's error message (secrets redacted). */
  readonly serverMessage: string;
  readonly retryable: boolean;
  /** Delay the server asked for (`retry-after-ms` / `retry-after`), in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** What to do about it, when known. */
  readonly hint: string | undefined;
}> {
  override get message(): string {
    const hint = this.hint ? ` ${this.hint}` : "";
    return `${this.baseURL} answered HTTP ${this.status}: ${this.serverMessage}.${hint}`;
  }
}

/** Statuses worth sending again: timeout, conflict, rate limit, server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
