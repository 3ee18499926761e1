import { Effect } from "effect";
import type { InstructorClient } from "./create-instructor.js";
import { ModelNotFoundError, type TransportError } from "./errors/index.js";
import { listModelsEffect } from "./list-models.js";
import { runAsPromise } from "./run-promise.js";

function sameModel(available: string, wanted: string): boolean {
  // Ollama lists "llama3.2:latest" for "llama3.2".
  return available === wanted || available === `${wanted}:latest` || `${available}:latest` === wanted;
}

/** The Effect twin of {@link ensureModel}. */
export function ensureModelEffect(client: InstructorClient, model: string): Effect.Effect<void, TransportError> {
  return listModelsEffect(client).pipe(
    Effect.flatMap((models) => {
      if (models.some((available) => sameModel(available, model))) return Effect.void;
      const hint = client.provider?.modelNotFoundHint?.(model) ?? `For Ollama run \`ollama pull ${model}\` (see \`ollama list\`).`;
      return Effect.fail(
        new ModelNotFoundError({
          model,
          baseURL: client.baseURL,
          serverMessage: models.length ? `the server has: ${models.slice(0, 20).join(", ")}` : "the server has no models",
          hint,
        }),
      );
    }),
    // Endpoints without a model list cannot be checked before the call; the call itself will tell.
    Effect.catchIf(
      (error) => error._tag === "ApiError" && (error.status === 404 || error.status === 405 || error.status === 501),
      () => Effect.void,
    ),
  );
}

/**
 * Checks that the endpoint has the model before any extraction is attempted:
 * rejects with `ModelNotFoundError` (for Ollama: "run `ollama pull <model>`")
 * naming what the server does have.
 */
export function ensureModel(client: InstructorClient, model: string): Promise<void> {
  return runAsPromise(ensureModelEffect(client, model));
}
