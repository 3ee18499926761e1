import { Data } from "effect";
import type { TokenUsage } from "../token-usage.js";
import { hasTag } from "./has-tag.js";

/** The model refused to answer (a `refusal` message or `finish_reason: "content_filter"`). */
export class RefusalError extends Data.TaggedError("RefusalError")<{
  readonly model: string;
  readonly refusal: string;
  readonly usage: TokenUsage;
}> {
  readonly retryable = false;
  override get message(): string {
    return `Model "${this.model}" refused to answer: ${this.refusal}`;
  }
  /** True for a RefusalError from any copy of this package. */
  static isInstance(value: unknown): value is RefusalError {
    return hasTag(value, "RefusalError");
  }
}
