import type { AttemptRecord } from "../attempt.js";
import type { Budget } from "../budget/budget.js";
import type { TokenUsage } from "../token-usage.js";
import { CortexError } from "./cortex-error.js";

/** What the attempt that was not sent was expected to cost. */
export interface AttemptEstimate {
  readonly promptTokens: number;
  /** `max_tokens` when the request sets it, else the largest completion of the earlier attempts (0 before any). */
  readonly completionTokens: number;
  readonly totalTokens: number;
  /** At the model's price; undefined when the model has none. */
  readonly usd: number | undefined;
}

/**
 * The call stopped before an attempt its budget could not pay for: the
 * estimate of that attempt plus what was spent exceeds `budget.tokens` or
 * `budget.usd`. Nothing was sent for `attempt`; `usage` (and `spentUsd`) is
 * what the earlier attempts cost, `attempts` their rejected answers.
 */
export class BudgetExceededError extends CortexError("BudgetExceededError")<{
  readonly model: string;
  readonly budget: Budget;
  /** Which limit the attempt would pass. */
  readonly limit: "tokens" | "usd";
  /** The attempt that was not sent (1 for the first request). */
  readonly attempt: number;
  readonly estimate: AttemptEstimate;
  /** Tokens spent by the earlier attempts (validators included). */
  readonly usage: TokenUsage;
  /** Dollars spent so far, when the model has a price. */
  readonly spentUsd: number | undefined;
  /** The earlier attempts, with their raw answers and issues. */
  readonly attempts: readonly AttemptRecord[];
}> {
  readonly retryable = false;
  override get message(): string {
    const spent = this.limit === "tokens" ? `${this.usage.totalTokens} tokens` : `$${(this.spentUsd ?? 0).toFixed(6)}`;
    const next = this.limit === "tokens" ? `~${this.estimate.totalTokens} tokens` : `~$${(this.estimate.usd ?? 0).toFixed(6)}`;
    const allowed = this.limit === "tokens" ? `${this.budget.tokens} tokens` : `$${this.budget.usd}`;
    return `Call to model "${this.model}" stopped before attempt ${this.attempt}: it would cost ${next} after ${spent} spent, over the budget of ${allowed}. Raise \`budget.${this.limit}\`, lower \`max_tokens\` or \`maxRetries\`, or shorten the prompt.`;
  }
}
