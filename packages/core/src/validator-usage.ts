import { AsyncLocalStorage } from "node:async_hooks";
import { addUsage, emptyUsage, type TokenUsage } from "./token-usage.js";

/** Collects the tokens that validators (such as `llmValidator`) spend while an answer is checked. */
export class UsageCollector {
  total: TokenUsage = emptyUsage;
  add(usage: TokenUsage): void {
    this.total = addUsage(this.total, { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.totalTokens });
  }
}

const scope = new AsyncLocalStorage<UsageCollector>();

/** Runs `work` with a collector that validators called inside it report their token usage to. */
export function collectValidatorUsage<T>(collector: UsageCollector, work: () => Promise<T>): Promise<T> {
  return scope.run(collector, work);
}

/**
 * For validators that call a model: adds their token usage to the structured
 * call whose answer they are checking, so its usage covers every validator
 * call. Outside such a check it does nothing.
 */
export function recordValidatorUsage(usage: TokenUsage): void {
  scope.getStore()?.add(usage);
}
