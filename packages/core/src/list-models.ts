import { Effect } from "effect";
import type { InstructorClient } from "./create-instructor.js";
import type { TransportError } from "./errors/index.js";
import { runAsPromise } from "./run-promise.js";
import { transportRetrySchedule } from "./transport/transport-retry-schedule.js";

/** The Effect twin of {@link listModels}. */
export function listModelsEffect(client: InstructorClient, options: { signal?: AbortSignal } = {}): Effect.Effect<readonly string[], TransportError> {
  return client.transport
    .listModels({ signal: options.signal, timeoutMs: client.defaults.timeout })
    .pipe(Effect.retry(transportRetrySchedule(client.defaults.transportRetry)));
}

/**
 * The ids of the models the endpoint has (for Ollama: the pulled ones, as
 * `ollama list` shows). Rejects with `ConnectionError` when it is not running.
 */
export function listModels(client: InstructorClient, options: { signal?: AbortSignal } = {}): Promise<readonly string[]> {
  return runAsPromise(listModelsEffect(client, options), options.signal);
}
