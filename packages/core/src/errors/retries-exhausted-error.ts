import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { AttemptRecord } from "../attempt.js";
import type { TokenUsage } from "../token-usage.js";
import { CortexError } from "./cortex-error.js";

/**
 * Every attempt's answer failed to parse or validate, re-asks included.
 * Carries each attempt's raw output and issues, the last messages sent, and
 * the total token usage, so nothing the model said is lost.
 */
export class RetriesExhaustedError extends CortexError("RetriesExhaustedError")<{
  readonly attempts: readonly AttemptRecord[];
  /** The re-asks allowed (`maxRetries`): attempts = maxRetries + 1. */
  readonly maxRetries: number;
  /** The messages of the last request. */
  readonly messages: readonly ChatCompletionMessageParam[];
  readonly usage: TokenUsage;
  readonly model: string;
}> {
  readonly retryable = false;
  override get message(): string {
    const last = this.attempts[this.attempts.length - 1];
    const detail =
      last === undefined
        ? ""
        : last.failure === "validation"
          ? last.issues.map((issue) => `${issue.path}: ${issue.message}`).join("; ")
          : last.failure === "parse"
            ? `not valid JSON (${last.parseError})`
            : "empty answer";
    return `Model "${this.model}" gave no valid answer in ${this.attempts.length} attempt(s) (maxRetries ${this.maxRetries}). Last problems: ${detail}. See \`attempts\` for every raw output.`;
  }
  /** The issues of the last attempt. */
  get lastIssues(): readonly AttemptRecord["issues"][number][] {
    return this.attempts[this.attempts.length - 1]?.issues ?? [];
  }
}
