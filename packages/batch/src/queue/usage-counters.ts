import type { TokenUsage } from "@cortex-ml/core";
import type { Redis } from "ioredis";
import type { JobKeys } from "./job-keys.js";

/** Adds one call's tokens (and their cost) to the job's running totals, every delivery counted. */
export async function chargeUsage(redis: Redis, keys: JobKeys, usage: TokenUsage, cost: number): Promise<void> {
  if (usage.totalTokens === 0 && cost === 0) return;
  const pipeline = redis.multi();
  pipeline.hincrby(keys.counters, "promptTokens", usage.promptTokens);
  pipeline.hincrby(keys.counters, "completionTokens", usage.completionTokens);
  pipeline.hincrby(keys.counters, "totalTokens", usage.totalTokens);
  if (cost > 0) pipeline.hincrbyfloat(keys.counters, "dollars", cost);
  await pipeline.exec();
}

/** The job's spending so far and its budget (undefined: no cap). */
export interface Spending {
  readonly tokens: number;
  readonly dollars: number;
  readonly budgetTokens: number | undefined;
  readonly budgetDollars: number | undefined;
}

function numberOrUndefined(text: string | null | undefined): number | undefined {
  if (text === null || text === undefined || text === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

/** Reads the job's spending and budget in one round trip. */
export async function readSpending(redis: Redis, keys: JobKeys): Promise<Spending> {
  const [tokens, dollars, budgetTokens, budgetDollars] = await redis.hmget(keys.counters, "totalTokens", "dollars", "budgetTokens", "budgetDollars");
  return {
    tokens: numberOrUndefined(tokens) ?? 0,
    dollars: numberOrUndefined(dollars) ?? 0,
    budgetTokens: numberOrUndefined(budgetTokens),
    budgetDollars: numberOrUndefined(budgetDollars),
  };
}

/** True when the job has spent its token or dollar budget. */
export function budgetSpent(spending: Spending): boolean {
  return (
    (spending.budgetTokens !== undefined && spending.tokens >= spending.budgetTokens) ||
    (spending.budgetDollars !== undefined && spending.dollars >= spending.budgetDollars)
  );
}

/** Sets the job's budget fields: a number sets that cap, null removes it, undefined leaves it. */
export async function writeBudget(redis: Redis, keys: JobKeys, budget: { readonly tokens?: number | null; readonly dollars?: number | null }): Promise<void> {
  const fields = { tokens: "budgetTokens", dollars: "budgetDollars" } as const;
  for (const name of ["tokens", "dollars"] as const) {
    const value = budget[name];
    if (value === null) await redis.hdel(keys.counters, fields[name]);
    else if (value !== undefined) await redis.hset(keys.counters, fields[name], String(value));
  }
}
