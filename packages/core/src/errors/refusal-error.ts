import type { TokenUsage } from "../token-usage.js";
import { CortexError } from "./cortex-error.js";

/** The model refused to answer (a `refusal` message or `finish_reason: "content_filter"`). */
export class RefusalError extends CortexError("RefusalError")<{
  readonly model: string;
  readonly refusal: string;
  readonly usage: TokenUsage;
}> {
  readonly retryable = false;
  override get message(): string {
    return `Model "${this.model}" refused to answer: ${this.refusal}`;
  }
}
