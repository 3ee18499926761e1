import { CortexError } from "./cortex-error.js";

/** A deadline passed: one request (`attempt`) or a stalled stream (`idle`), both retryable, or the whole call (`total`). */
export class TimeoutError extends CortexError("TimeoutError")<{
  readonly scope: "attempt" | "idle" | "total";
  readonly timeoutMs: number;
  readonly baseURL: string;
}> {
  get retryable(): boolean {
    return this.scope !== "total";
  }
  override get message(): string {
    if (this.scope === "total") {
      return `The call did not finish within its total deadline of ${this.timeoutMs} ms (retries and re-asks included). Raise \`totalTimeout\`, or use a smaller model.`;
    }
    if (this.scope === "idle") {
      return `The stream from ${this.baseURL} sent nothing for ${this.timeoutMs} ms. Raise \`idleTimeout\` for slow models.`;
    }
    return `${this.baseURL} did not answer within ${this.timeoutMs} ms. A first request can be slow while the model loads; raise \`timeout\`.`;
  }
}
