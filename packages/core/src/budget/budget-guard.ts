import type { ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import type { AttemptRecord } from "../attempt.js";
import { type AttemptEstimate, BudgetExceededError } from "../errors/budget-exceeded-error.js";
import type { TokenUsage } from "../token-usage.js";
import type { Budget } from "./budget.js";
import { estimatePromptTokens, requestedCompletionTokens } from "./estimate-request-tokens.js";
import { costUsd, type ModelPrice } from "./price-table.js";

/** A call's budget with the model's price (undefined when it has none), resolved once per call. */
export interface CallBudget {
  readonly budget: Budget;
  readonly price: ModelPrice | undefined;
}

/** What the call has spent and seen so far. */
export interface SpentSoFar {
  readonly usage: TokenUsage;
  readonly rejected: readonly AttemptRecord[];
}

/** The completion an attempt is expected to write: the request's bound, else the largest earlier completion, else 0. */
function expectedCompletion(body: ChatCompletionCreateParamsNonStreaming, rejected: readonly AttemptRecord[]): number {
  const bound = requestedCompletionTokens(body);
  if (bound !== undefined) return bound;
  let largest = 0;
  for (const record of rejected) largest = Math.max(largest, record.usage.completionTokens);
  return largest;
}

/**
 * The error that stops a call before `attempt` when its estimated cost plus
 * what was spent passes the budget's tokens or (for a priced model) dollars;
 * undefined when the attempt fits.
 */
export function budgetExceeded(
  model: string,
  callBudget: CallBudget,
  spent: SpentSoFar,
  body: ChatCompletionCreateParamsNonStreaming,
  attempt: number,
): BudgetExceededError | undefined {
  const { budget, price } = callBudget;
  const promptTokens = estimatePromptTokens(body);
  const completionTokens = expectedCompletion(body, spent.rejected);
  const spentUsd = price === undefined ? undefined : costUsd(price, spent.usage.promptTokens, spent.usage.completionTokens);
  const estimate: AttemptEstimate = {
    promptTokens,
    completionTokens,
    totalTokens: promptTokens + completionTokens,
    usd: price === undefined ? undefined : costUsd(price, promptTokens, completionTokens),
  };
  let limit: "tokens" | "usd" | undefined;
  if (budget.tokens !== undefined && spent.usage.totalTokens + estimate.totalTokens > budget.tokens) limit = "tokens";
  else if (budget.usd !== undefined && spentUsd !== undefined && estimate.usd !== undefined && spentUsd + estimate.usd > budget.usd) limit = "usd";
  if (limit === undefined) return undefined;
  return new BudgetExceededError({ model, budget, limit, attempt, estimate, usage: spent.usage, spentUsd, attempts: [...spent.rejected] });
}
