import { Effect } from "effect";
import { InvalidArgumentError, ModelNotFoundError, type TransportError } from "./errors/index.js";
import { type InstructorClient, isInstructorClient, notAClientError } from "./instructor-client.js";
import { listModelsEffect } from "./list-models.js";
import { runAsPromise } from "./run-promise.js";

function sameModel(available: string, wanted: string): boolean {
  // Ollama lists "llama3.2:latest" for "llama3.2".
  return available === wanted || available === `${wanted}:latest` || `${available}:latest` === wanted;
}

/** The Effect twin of {@link ensureModel}. */
export function ensureModelEffect(client: InstructorClient, model?: string): Effect.Effect<void, TransportError> {
  return Effect.suspend(() => {
    if (!isInstructorClient(client)) return Effect.fail(notAClientError(client));
    const wanted = model ?? client.model;
    if (typeof wanted !== "string" || wanted.trim() === "") {
      return Effect.fail(
        new InvalidArgumentError({ argument: "model", problem: 'name the model to check, e.g. ensureModel(client, "llama3.2"), or give the client a default model.' }),
      );
    }
    return checkModel(client, wanted);
  });
}

function checkModel(client: InstructorClient, wanted: string): Effect.Effect<void, TransportError> {
  return listModelsEffect(client).pipe(
    Effect.flatMap((models) => {
      if (models.some((available) => sameModel(available, wanted))) return Effect.void;
      const hint = client.provider?.modelNotFoundHint?.(wanted) ?? `For Ollama run \`ollama pull ${wanted}\` (see \`ollama list\`).`;
      return Effect.fail(
        new ModelNotFoundError({
          model: wanted,
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
 * Checks that the endpoint has the model (default: the client's) before any
 * extraction is attempted: rejects with `ModelNotFoundError` (for Ollama:
 * "run `ollama pull <model>`") naming what the server does have.
 */
export function ensureModel(client: InstructorClient, model?: string): Promise<void> {
  return runAsPromise(ensureModelEffect(client, model));
}
