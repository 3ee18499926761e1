import { ApiError, ConnectionError, type TokenUsage, TimeoutError } from "@cortex-ml/core";
import { errorMarker } from "@cortex-ml/schemas";

/** What a failed call means for the queue. */
export type FailureKind =
  /** 429 or 503: the endpoint asks for less; the record goes to another endpoint or waits. */
  | "overloaded"
  /** Refused, reset, timed out, 5xx: the endpoint is taken out for a while; the record goes elsewhere. */
  | "endpoint"
  /** A typed failure of the record itself (no valid answer, cut off, refused, a 400): written as its result. */
  | "record"
  /** Anything else (a bug): BullMQ retries the record, then writes it as failed. */
  | "unexpected";

/** Sorts a failed call's error into what the queue does with it. */
export function classifyFailure(error: unknown): FailureKind {
  if (ApiError.isInstance(error)) {
    if (error.status === 429 || error.status === 503) return "overloaded";
    return error.retryable ? "endpoint" : "record";
  }
  if (ConnectionError.isInstance(error)) return "endpoint";
  if (TimeoutError.isInstance(error)) return error.retryable ? "endpoint" : "record";
  return typeof error === "object" && error !== null && errorMarker in error ? "record" : "unexpected";
}

/** The tokens a failed call had used, when its error says (RetriesExhaustedError, LengthLimitError). */
export function usageOfError(error: unknown): TokenUsage | undefined {
  if (typeof error !== "object" || error === null || !("usage" in error)) return undefined;
  const usage = (error as { usage?: Partial<TokenUsage> }).usage;
  if (usage === undefined || typeof usage.totalTokens !== "number") return undefined;
  return { promptTokens: usage.promptTokens ?? 0, completionTokens: usage.completionTokens ?? 0, totalTokens: usage.totalTokens };
}

/** The requests a failed call made, when its error says. */
export function attemptsOfError(error: unknown): number {
  if (typeof error !== "object" || error === null) return 1;
  const { attempts, attempt } = error as { attempts?: unknown; attempt?: unknown };
  if (Array.isArray(attempts)) return attempts.length;
  return typeof attempt === "number" ? attempt : 1;
}

/** The Retry-After of a 429/503, in milliseconds. */
export function retryAfterOf(error: unknown): number | undefined {
  return ApiError.isInstance(error) ? error.retryAfterMs : undefined;
}
