import { InvalidArgumentError } from "../errors/index.js";

/** What a model costs, in US dollars per million tokens. */
export interface ModelPrice {
  /** Prompt (input) tokens. */
  readonly input: number;
  /** Completion (output) tokens. */
  readonly output: number;
}

/**
 * Prices by `"provider/model"` (the provider's name as in `fromProvider`),
 * by bare `"model"` (any provider), or `"provider/*"` (every model of a
 * provider). The most specific key wins.
 */
export type PriceTable = Readonly<Record<string, ModelPrice>>;

const free: ModelPrice = { input: 0, output: 0 };

/**
 * EXAMPLES of public list prices (USD per million tokens, standard tier, no
 * caching or batch discount) as published by each provider in 2025: prices
 * change, so check your provider's page and pass your own with the client's
 * `prices` option. Local servers (Ollama, LM Studio, vLLM, llama.cpp) cost
 * nothing per token. A model that is in no table has no price, and a budget's
 * `usd` is then not checked (its `tokens` still are): nothing is guessed.
 */
export const examplePrices: PriceTable = {
  "ollama/*": free,
  "lmstudio/*": free,
  "vllm/*": free,
  "llamacpp/*": free,
  "openai/gpt-4o": { input: 2.5, output: 10 },
  "openai/gpt-4o-mini": { input: 0.15, output: 0.6 },
  "openai/gpt-4.1": { input: 2, output: 8 },
  "openai/gpt-4.1-mini": { input: 0.4, output: 1.6 },
  "openai/gpt-4.1-nano": { input: 0.1, output: 0.4 },
  "openai/o4-mini": { input: 1.1, output: 4.4 },
  "anthropic/claude-sonnet-4-20250514": { input: 3, output: 15 },
  "anthropic/claude-opus-4-20250514": { input: 15, output: 75 },
  "anthropic/claude-3-5-haiku-20241022": { input: 0.8, output: 4 },
  "deepseek/deepseek-chat": { input: 0.27, output: 1.1 },
  "deepseek/deepseek-reasoner": { input: 0.55, output: 2.19 },
  "groq/llama-3.3-70b-versatile": { input: 0.59, output: 0.79 },
  "groq/llama-3.1-8b-instant": { input: 0.05, output: 0.08 },
  "mistral/mistral-large-latest": { input: 2, output: 6 },
  "mistral/mistral-small-latest": { input: 0.1, output: 0.3 },
  "xai/grok-3": { input: 3, output: 15 },
  "xai/grok-3-mini": { input: 0.3, output: 0.5 },
  "together/meta-llama/Llama-3.3-70B-Instruct-Turbo": { input: 0.88, output: 0.88 },
  "fireworks/accounts/fireworks/models/llama-v3p1-8b-instruct": { input: 0.2, output: 0.2 },
};

/** The price of `model` on `provider` in `table`: `provider/model`, then `model`, then `provider/*`; undefined when none. */
export function priceOf(table: PriceTable, provider: string | undefined, model: string): ModelPrice | undefined {
  if (provider !== undefined) {
    const exact = table[`${provider}/${model}`];
    if (exact !== undefined) return exact;
  }
  return table[model] ?? (provider === undefined ? undefined : table[`${provider}/*`]);
}

/** The cost in US dollars of these tokens at `price`. */
export function costUsd(price: ModelPrice, promptTokens: number, completionTokens: number): number {
  return (promptTokens * price.input + completionTokens * price.output) / 1_000_000;
}

/** The example prices with the user's own over them (checked: each price two numbers >= 0). Throws the error naming a wrong entry. */
export function priceTable(prices: unknown): PriceTable {
  if (prices === undefined) return examplePrices;
  if (typeof prices !== "object" || prices === null) {
    throw new InvalidArgumentError({ argument: "prices", problem: `expected { "provider/model": { input, output } } in USD per million tokens, got ${JSON.stringify(prices)}.` });
  }
  for (const [key, price] of Object.entries(prices)) {
    const { input, output } = (price ?? {}) as Partial<ModelPrice>;
    const valid = (value: unknown) => typeof value === "number" && Number.isFinite(value) && value >= 0;
    if (!valid(input) || !valid(output)) {
      throw new InvalidArgumentError({
        argument: `prices["${key}"]`,
        problem: `expected { input, output } in USD per million tokens (numbers >= 0), e.g. { input: 0.15, output: 0.6 }; got ${JSON.stringify(price)}.`,
      });
    }
  }
  return { ...examplePrices, ...(prices as PriceTable) };
}
