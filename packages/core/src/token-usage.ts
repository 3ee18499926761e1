/** Tokens used, summed over every attempt of a call. */
export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

/** No tokens. */
export const emptyUsage: TokenUsage = { promptTokens: 0, completionTokens: 0, totalTokens: 0 };

/** The usage object of an OpenAI-compatible completion, as servers send it. */
export interface WireUsage {
  readonly prompt_tokens?: number | null;
  readonly completion_tokens?: number | null;
  readonly total_tokens?: number | null;
}

/** Adds a completion's wire usage to a running total. */
export function addUsage(total: TokenUsage, usage: WireUsage | null | undefined): TokenUsage {
  if (!usage) return total;
  const prompt = usage.prompt_tokens ?? 0;
  const completion = usage.completion_tokens ?? 0;
  return {
    promptTokens: total.promptTokens + prompt,
    completionTokens: total.completionTokens + completion,
    totalTokens: total.totalTokens + (usage.total_tokens ?? prompt + completion),
  };
}
