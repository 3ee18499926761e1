import { ApiError, type InstructorClient } from "@cortex-ml/core";
import { APIError } from "openai";
import * as v from "valibot";
import { ModerationUnavailableError } from "./moderation-unavailable-error.js";

/** Options of {@link moderation}. */
export interface ModerationOptions {
  /** A client for an endpoint with `/moderations` (OpenAI). */
  readonly client: InstructorClient;
  /** Moderation model. Default `omni-moderation-latest`. */
  readonly model?: string;
}

/**
 * A Valibot async check that sends the text to the OpenAI-compatible
 * `/moderations` endpoint and fails with the flagged categories. Against an
 * endpoint without one (Ollama) it fails at first use with
 * `ModerationUnavailableError`, never silently passes.
 *
 * @example
 * const Comment = v.objectAsync({ text: v.pipeAsync(v.string(), moderation({ client })) });
 */
export function moderation(options: ModerationOptions) {
  return v.rawTransformAsync<string, string>(async ({ dataset, addIssue, NEVER }) => {
    let response;
    try {
      response = await options.client.openai.moderations.create(
        { input: dataset.value, model: options.model ?? "omni-moderation-latest" },
        { maxRetries: 1 },
      );
    } catch (error) {
      if (error instanceof APIError && typeof error.status === "number" && [404, 405, 501].includes(error.status)) {
        throw new ModerationUnavailableError({ baseURL: options.client.baseURL, status: error.status });
      }
      if (error instanceof APIError && typeof error.status === "number") {
        throw new ApiError({
          status: error.status,
          baseURL: options.client.baseURL,
          serverMessage: "moderation request failed",
          retryable: false,
          retryAfterMs: undefined,
          hint: undefined,
        });
      }
      throw error;
    }
    const flagged = response.results.filter((result) => result.flagged);
    if (flagged.length === 0) return dataset.value;
    const categories = new Set<string>();
    for (const result of flagged) {
      for (const [category, isFlagged] of Object.entries(result.categories)) if (isFlagged) categories.add(category);
    }
    addIssue({ message: `flagged by moderation: ${[...categories].join(", ") || "unspecified"}; rewrite it without that content` });
    return NEVER;
  });
}
