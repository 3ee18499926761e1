import { InvalidArgumentError } from "../errors/index.js";

/**
 * The most a call may spend, re-asks and validator calls included: prompt +
 * completion `tokens`, and `usd` when the model has a price (see
 * `PriceTable`). Before each attempt, its cost is estimated and an attempt
 * the rest of the budget cannot pay for is not sent: the call fails with a
 * `BudgetExceededError` instead.
 */
export interface Budget {
  /** Total tokens (prompt + completion) over every attempt of the call. */
  readonly tokens?: number | undefined;
  /** US dollars over every attempt, at the model's price; no check for a model without a price. */
  readonly usd?: number | undefined;
}

/** A budget checked: an error naming the wrong field, or the budget (undefined for none). */
export function checkedBudget(argument: string, budget: unknown): Budget | InvalidArgumentError | undefined {
  if (budget === undefined || budget === false) return undefined;
  const problem = (detail: string) => new InvalidArgumentError({ argument, problem: `${detail} e.g. { tokens: 20_000, usd: 0.05 }.` });
  if (typeof budget !== "object" || budget === null) return problem(`expected { tokens?, usd? } (or false for none), got ${JSON.stringify(budget)};`);
  const { tokens, usd } = budget as Budget;
  if (tokens !== undefined && !(typeof tokens === "number" && Number.isInteger(tokens) && tokens > 0)) {
    return problem(`tokens must be a whole number > 0, got ${JSON.stringify(tokens)};`);
  }
  if (usd !== undefined && !(typeof usd === "number" && Number.isFinite(usd) && usd > 0)) {
    return problem(`usd must be a positive number of dollars, got ${JSON.stringify(usd)};`);
  }
  if (tokens === undefined && usd === undefined) return problem("give tokens, usd or both;");
  return budget as Budget;
}
