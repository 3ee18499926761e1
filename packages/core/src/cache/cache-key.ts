import { createHash } from "node:crypto";
import type { ChatCompletionMessageParam } from "openai/resources/chat/completions";
import type { ResponseModel } from "@cortex-ml/schemas";

/** What determines an answer, so what a cache entry is keyed by. */
export interface CacheKeyParts {
  /** The base URL, after the provider's name for a client made by `fromProvider`. */
  readonly endpoint: string;
  /** The request fields every attempt shares: model, temperature, seed, pass-through fields (`max_tokens`...). */
  readonly body: Readonly<Record<string, unknown>>;
  readonly messages: readonly ChatCompletionMessageParam[];
  readonly mode: string;
  readonly responseModel: ResponseModel;
  readonly schemaInPrompt: boolean;
  readonly strict: boolean;
}

/** JSON with object keys sorted, so equal values always give equal text. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) => {
    if (typeof field !== "object" || field === null || Array.isArray(field)) return field;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(field).sort()) sorted[key] = (field as Record<string, unknown>)[key];
    return sorted;
  });
}

const schemaHashes = new WeakMap<ResponseModel, string>();

/** The digest of what the model is shown of a response model: its name, description and wire JSON Schema. */
export function schemaHash(model: ResponseModel): string {
  let hash = schemaHashes.get(model);
  if (hash === undefined) {
    hash = createHash("sha256").update(canonicalJson({ name: model.name, description: model.description, schema: model.jsonSchema })).digest("hex");
    schemaHashes.set(model, hash);
  }
  return hash;
}

/**
 * The cache key of a call: a SHA-256 hex digest of the endpoint, the model,
 * the messages, the response model's schema, the mode and the sampling
 * settings (temperature, seed, every pass-through field). Any of them
 * changing changes the key; nothing else does (not the API key, not hooks,
 * not timeouts or retry settings).
 */
export function cacheKey(parts: CacheKeyParts): string {
  return createHash("sha256")
    .update(
      canonicalJson({
        version: 1,
        endpoint: parts.endpoint,
        body: parts.body,
        messages: parts.messages,
        mode: parts.mode,
        schema: schemaHash(parts.responseModel),
        schemaInPrompt: parts.schemaInPrompt,
        strict: parts.strict,
      }),
    )
    .digest("hex");
}
