import { Effect } from "effect";
import { type InstructorClient, isInstructorClient, notAClientError } from "./instructor-client.js";
import type { TransportError } from "./errors/index.js";
import { runAsPromise } from "./run-promise.js";
import { withTransportRetries } from "./transport/transport-retry-schedule.js";

/** The Effect twin of {@link listModels}. */
export function listModelsEffect(client: InstructorClient, options: { signal?: AbortSignal } = {}): Effect.Effect<readonly string[], TransportError> {
  return Effect.suspend(() => {
    if (!isInstructorClient(client)) return Effect.fail(notAClientError(client));
    const signal = options?.signal;
    return withTransportRetries(client.transport.listModels({ signal, timeoutMs: client.defaults.timeout }), client.defaults.transportRetry);
  });
}

/**
 * The ids of the models the endpoint has (for Ollama: the pulled ones, as
 * `ollama list` shows). Rejects with `ConnectionError` when it is not running.
 */
export function listModels(client: InstructorClient, options: { signal?: AbortSignal } = {}): Promise<readonly string[]> {
  return runAsPromise(listModelsEffect(client, options), options?.signal);
}
