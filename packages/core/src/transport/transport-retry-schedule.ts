import { Duration, Effect, Random, Schedule } from "effect";
import type { TransportError } from "../errors/index.js";

/** How transport faults (connection errors, 408/409/429/5xx, attempt timeouts) are retried. */
export interface TransportRetryPolicy {
  /** Retries after the first request; 0 disables them. Default 2 (three requests at most). */
  readonly maxRetries: number;
  /** First backoff delay. Default 500 ms. */
  readonly initialDelayMs: number;
  /** Backoff cap. Default 8,000 ms. */
  readonly maxDelayMs: number;
}

/** The defaults: openai-node's policy. */
export const defaultTransportRetryPolicy: TransportRetryPolicy = { maxRetries: 2, initialDelayMs: 500, maxDelayMs: 8_000 };

/**
 * The delay before retry number `retry` (0 for the first retry): the server's
 * Retry-After when it gave one, else `initial * 2^retry` capped at the maximum,
 * minus up to 25% jitter (`random` in [0, 1)).
 */
export function transportRetryDelayMs(error: TransportError, retry: number, policy: TransportRetryPolicy, random: number): number {
  const asked = "retryAfterMs" in error ? error.retryAfterMs : undefined;
  if (asked !== undefined) return asked;
  const base = Math.min(policy.initialDelayMs * 2 ** retry, policy.maxDelayMs);
  return base * (1 - 0.25 * random);
}

/** True when a transport failure is worth another request. */
export function isRetryableTransportError(error: TransportError): boolean {
  return error.retryable;
}

/**
 * The Effect `Schedule` of transport retries: recurs while the error is
 * retryable, at most `maxRetries` times, waiting the delay above. Re-asks for
 * invalid answers are a separate loop and never consume these retries.
 */
export function transportRetrySchedule(policy: TransportRetryPolicy): Schedule.Schedule<[TransportError, number], TransportError> {
  const cached = schedules.get(policy);
  if (cached) return cached;
  const schedule = Schedule.identity<TransportError>().pipe(
    Schedule.whileInput(isRetryableTransportError),
    Schedule.intersect(Schedule.recurs(policy.maxRetries)),
    Schedule.addDelayEffect(([error, retry]) =>
      Effect.map(Random.next, (random) => Duration.millis(transportRetryDelayMs(error, retry, policy, random))),
    ),
  );
  schedules.set(policy, schedule);
  return schedule;
}

const schedules = new WeakMap<TransportRetryPolicy, Schedule.Schedule<[TransportError, number], TransportError>>();

/**
 * Runs a request with transport retries. The success path costs nothing
 * extra: the schedule only starts after a retryable failure, so the first
 * failure is retry 0 of the schedule, as with `Effect.retry`. `onFailure`
 * sees the final error (the first one when it is not retryable), so a caller
 * that maps errors needs no second handler on the success path. `canRetry`
 * stops retries that the error alone would allow (a stream that already
 * showed events must not start over).
 */
export function withTransportRetries<A, E = TransportError>(
  request: Effect.Effect<A, TransportError>,
  policy: TransportRetryPolicy,
  onFailure: (error: TransportError) => Effect.Effect<never, E> = Effect.fail as (error: TransportError) => Effect.Effect<never, E>,
  canRetry?: () => boolean,
): Effect.Effect<A, E> {
  return Effect.catchAll(request, (firstError) => retryAfter(request, firstError, policy, onFailure, canRetry));
}

/**
 * {@link withTransportRetries}, then `then` on the answer, as one step of
 * the fiber: the success path pushes one continuation instead of two (every
 * attempt of every call takes it).
 */
export function withTransportRetriesThen<A, B, E, E2>(
  request: Effect.Effect<A, TransportError>,
  policy: TransportRetryPolicy,
  onFailure: (error: TransportError) => Effect.Effect<never, E>,
  canRetry: (() => boolean) | undefined,
  then: (answer: A) => Effect.Effect<B, E2>,
): Effect.Effect<B, E | E2> {
  return Effect.matchEffect(request, {
    onSuccess: then,
    onFailure: (firstError) => Effect.flatMap(retryAfter(request, firstError, policy, onFailure, canRetry), then),
  });
}

/** The retries after a first failure: none when it is not retryable (or `canRetry` says no), else the schedule. */
function retryAfter<A, E>(
  request: Effect.Effect<A, TransportError>,
  firstError: TransportError,
  policy: TransportRetryPolicy,
  onFailure: (error: TransportError) => Effect.Effect<never, E>,
  canRetry: (() => boolean) | undefined,
): Effect.Effect<A, E> {
  if (!firstError.retryable || policy.maxRetries === 0 || (canRetry !== undefined && !canRetry())) return onFailure(firstError);
  // Replays the first failure into the schedule, then sends the request again on each recurrence.
  let replayed = false;
  const again = Effect.suspend(() => {
    if (replayed) return request;
    replayed = true;
    return Effect.fail(firstError);
  });
  const schedule = transportRetrySchedule(policy);
  return Effect.catchAll(Effect.retry(again, canRetry ? { schedule, while: canRetry } : schedule), onFailure);
}
