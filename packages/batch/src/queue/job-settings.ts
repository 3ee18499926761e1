import type { JsonObjectSchema } from "@cortex-ml/schemas";

/** The price of a model's tokens, in dollars per million. */
export interface ModelPrice {
  readonly inputPerMillion: number;
  readonly outputPerMillion: number;
}

/** A job's spending cap: it pauses cleanly when one is reached, and resumes when raised. */
export interface JobBudget {
  /** Total tokens (prompt + completion) the job may use. */
  readonly tokens?: number;
  /** Dollars the job may spend, priced with `prices`. */
  readonly dollars?: number;
}

/** A rate limit shared by every worker of the job, per endpoint. */
export interface RateLimits {
  readonly requestsPerMinute?: number;
  readonly tokensPerMinute?: number;
}

/**
 * What every worker needs to run a job's records, stored in Redis at submit
 * time. It holds no API key: each worker brings its own.
 */
export interface JobSettings {
  /** The JSON Schema every answer must match (a worker may bring the exact Valibot schema instead). */
  readonly schema: JsonObjectSchema;
  /** The model name; a worker's own model wins when it has one. */
  readonly model?: string;
  /** The system prompt sent before each record's text. */
  readonly system: string;
  /** Base URLs the records are spread across; empty: each worker's own endpoint. */
  readonly endpoints: readonly string[];
  /** Re-asks after an invalid answer, temperature, seed: as the single-machine batch takes them. */
  readonly callSettings: { readonly maxRetries?: number; readonly temperature?: number; readonly seed?: number };
  readonly limits: RateLimits;
  /** Model name -> price, for the dollar budget and the cost in `jobStatus`. */
  readonly prices: Readonly<Record<string, ModelPrice>>;
  /** Deliveries of a record before it is written as failed (endpoint failures, worker crashes). */
  readonly maxDeliveries: number;
}

/** The default system prompt, as the single-machine batch sends it. */
export const defaultSystemPrompt = "Extract the requested data from the text.";

/** The default deliveries of a record before it is written as failed. */
export const defaultMaxDeliveries = 5;

/** The cost of `usage` under `price` (zero without a price). */
export function costOf(price: ModelPrice | undefined, promptTokens: number, completionTokens: number): number {
  if (price === undefined) return 0;
  return (promptTokens * price.inputPerMillion + completionTokens * price.outputPerMillion) / 1_000_000;
}
