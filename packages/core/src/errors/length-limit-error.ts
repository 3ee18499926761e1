import type { TokenUsage } from "../token-usage.js";
import { CortexError } from "./cortex-error.js";

/** The model stopped at its token limit (`finish_reason: "length"`), so the JSON is cut off. */
export class LengthLimitError extends CortexError("LengthLimitError")<{
  readonly model: string;
  /** The truncated output, as received. */
  readonly rawOutput: string | undefined;
  readonly attempt: number;
  readonly usage: TokenUsage;
}> {
  readonly retryable = false;
  override get message(): string {
    return `Model "${this.model}" hit its token limit before finishing the JSON (finish_reason "length", attempt ${this.attempt}). Raise \`max_tokens\`, shorten the input, or bound string fields with v.maxLength.`;
  }
}
